import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { authentik, mapAuthentikProfile } from '../../../src/providers/authentik.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/authentik-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', baseUrl: 'https://authentik.example.com/', slug: 'my-app' };

test('mapAuthentikProfile maps the documented payload (authentik-profile.json)', () => {
  assert.deepEqual(mapAuthentikProfile(fixture), {"id": "f0a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9", "username": "akadmin", "name": "authentik Default Admin", "email": "admin@example.com", "emailVerified": true});
});

test('mapAuthentikProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapAuthentikProfile({"sub": "abc", "groups": []}), {"id": "abc"});
});

test('mapAuthentikProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapAuthentikProfile({"preferred_username": "akadmin"}), TypeError);
  assert.throws(() => mapAuthentikProfile({}), TypeError);
  assert.throws(() => mapAuthentikProfile(null), TypeError);
});

test('authentik() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = authentik(required);
  assert.equal(p.name, "authentik");
  assert.equal(p.displayName, "authentik");
  assert.equal(p.protocol, "oidc");
  assert.equal(p.issuer, "https://authentik.example.com/application/o/my-app/");
  assert.equal(p.docs?.registerUrl, "https://authentik.example.com/if/admin/#/core/applications");
  assert.deepEqual(p.scope, ["openid", "profile", "email"]);
  assert.equal(p.clientAuth, "client_secret_basic");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapAuthentikProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/authentik\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('authentik() returns a frozen provider', () => {
  const p = authentik(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('authentik() applies overrides', () => {
  const p = authentik({
    ...required,
    name: 'authentik-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'authentik-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/authentik-two\/callback/);
});

test('authentik() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => authentik({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => authentik({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('authentik takes a full issuer, or needs baseUrl and slug', () => {
  const p = authentik({ clientId: 'c', clientSecret: 's', issuer: 'http://127.0.0.1:9000/application/o/test/' });
  assert.equal(p.issuer, 'http://127.0.0.1:9000/application/o/test/');
  assert.equal(p.docs?.registerUrl, 'http://127.0.0.1:9000/if/admin/#/core/applications');
  assert.throws(() => authentik({ clientId: 'c', clientSecret: 's', baseUrl: 'https://authentik.example.com' }), OAuthConfigError);
  assert.throws(() => authentik({ clientId: 'c', clientSecret: 's', slug: 'my-app' }), OAuthConfigError);
  assert.throws(() => authentik({ clientId: 'c', clientSecret: 's', baseUrl: 'not a url', slug: 'x' }), OAuthConfigError);
});
