import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { faceit, mapFaceitProfile } from '../../../src/providers/faceit.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/faceit-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapFaceitProfile maps the documented payload (faceit-profile.json)', () => {
  assert.deepEqual(mapFaceitProfile(fixture), {"id": "5ea07280-2399-4c7e-88ab-f2f7db0c449f", "username": "faceit_player", "name": "Alex Player", "email": "player@example.com", "emailVerified": true, "avatarUrl": "https://assets.faceit-cdn.net/avatars/5ea07280.jpg"});
});

test('mapFaceitProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapFaceitProfile({"guid": "g-1", "email_verified": true}), {"id": "g-1"});
});

test('mapFaceitProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapFaceitProfile({"nickname": "faceit_player"}), TypeError);
  assert.throws(() => mapFaceitProfile({}), TypeError);
  assert.throws(() => mapFaceitProfile(null), TypeError);
});

test('faceit() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = faceit(required);
  assert.equal(p.name, "faceit");
  assert.equal(p.displayName, "FACEIT");
  assert.equal(p.protocol, "oauth2");
  assert.equal(p.authorizationEndpoint, "https://accounts.faceit.com/");
  assert.equal(p.tokenEndpoint, "https://api.faceit.com/auth/v1/oauth/token");
  assert.equal(p.userinfoEndpoint, "https://api.faceit.com/auth/v1/resources/userinfo");
  assert.deepEqual(p.scope, ["openid", "email", "profile"]);
  assert.equal(p.clientAuth, "client_secret_basic");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapFaceitProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/faceit\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('faceit() returns a frozen provider', () => {
  const p = faceit(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('faceit() applies overrides', () => {
  const p = faceit({
    ...required,
    name: 'faceit-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'faceit-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/faceit-two\/callback/);
});

test('faceit() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => faceit({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => faceit({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
