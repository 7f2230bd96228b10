import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { asgardeo, mapAsgardeoProfile } from '../../../src/providers/asgardeo.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/asgardeo-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', organization: 'acme' };

test('mapAsgardeoProfile maps the documented payload (asgardeo-profile.json)', () => {
  assert.deepEqual(mapAsgardeoProfile(fixture), {"id": "5c8e6f7a-1b2c-4d3e-9f10-a1b2c3d4e5f6", "username": "alex@bifrost.com", "name": "Alex Wilson", "email": "alex@bifrost.com", "emailVerified": true, "avatarUrl": "https://example.com/avatars/alex.png"});
});

test('mapAsgardeoProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapAsgardeoProfile({"sub": "u-1", "email": null, "username": ""}), {"id": "u-1"});
});

test('mapAsgardeoProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapAsgardeoProfile({"email": "a@b.example"}), TypeError);
  assert.throws(() => mapAsgardeoProfile({}), TypeError);
  assert.throws(() => mapAsgardeoProfile(null), TypeError);
});

test('asgardeo() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = asgardeo(required);
  assert.equal(p.name, "asgardeo");
  assert.equal(p.displayName, "Asgardeo");
  assert.equal(p.protocol, "oidc");
  assert.equal(p.issuer, "https://api.asgardeo.io/t/acme/oauth2/token");
  assert.equal(p.apiBaseUrl, undefined);
  assert.deepEqual(p.scope, ["openid", "profile", "email"]);
  assert.equal(p.clientAuth, "client_secret_basic");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapAsgardeoProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/asgardeo\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('asgardeo() returns a frozen provider', () => {
  const p = asgardeo(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('asgardeo() applies overrides', () => {
  const p = asgardeo({
    ...required,
    name: 'asgardeo-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'asgardeo-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/asgardeo-two\/callback/);
});

test('asgardeo() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => asgardeo({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => asgardeo({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('asgardeo needs an organization or an issuer, and takes either', () => {
  assert.equal(asgardeo({ clientId: 'c', clientSecret: 's', issuer: 'https://api.asgardeo.io/t/other/oauth2/token' }).issuer, 'https://api.asgardeo.io/t/other/oauth2/token');
  assert.throws(() => asgardeo({ clientId: 'c', clientSecret: 's' }), OAuthConfigError);
  assert.throws(() => asgardeo({ clientId: 'c', clientSecret: 's', organization: 'acme/../evil' }), OAuthConfigError);
});
