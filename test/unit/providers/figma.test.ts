import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { figma, mapFigmaProfile } from '../../../src/providers/figma.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/figma-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapFigmaProfile maps the documented payload (figma-profile.json)', () => {
  assert.deepEqual(mapFigmaProfile(fixture), {"id": "1234567890", "username": "Jane Designer", "name": "Jane Designer", "email": "jane@example.com", "avatarUrl": "https://s3-alpha.figma.com/profile/1234567890"});
});

test('mapFigmaProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapFigmaProfile({"id": "1", "img_url": ""}), {"id": "1"});
});

test('mapFigmaProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapFigmaProfile({"handle": "Jane"}), TypeError);
  assert.throws(() => mapFigmaProfile({}), TypeError);
  assert.throws(() => mapFigmaProfile(null), TypeError);
});

test('figma() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = figma(required);
  assert.equal(p.name, "figma");
  assert.equal(p.displayName, "Figma");
  assert.equal(p.protocol, "oauth2");
  assert.equal(p.authorizationEndpoint, "https://www.figma.com/oauth");
  assert.equal(p.tokenEndpoint, "https://api.figma.com/v1/oauth/token");
  assert.equal(p.userinfoEndpoint, "https://api.figma.com/v1/me");
  assert.deepEqual(p.scope, ["current_user:read"]);
  assert.equal(p.clientAuth, "client_secret_basic");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapFigmaProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/figma\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('figma() returns a frozen provider', () => {
  const p = figma(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('figma() applies overrides', () => {
  const p = figma({
    ...required,
    name: 'figma-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'figma-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/figma-two\/callback/);
});

test('figma() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => figma({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => figma({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
