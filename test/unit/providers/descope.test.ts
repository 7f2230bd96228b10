import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { descope, mapDescopeProfile } from '../../../src/providers/descope.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/descope-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'P2abc', clientSecret: 'access-key' };

test('mapDescopeProfile maps the documented payload (descope-profile.json)', () => {
  assert.deepEqual(mapDescopeProfile(fixture), {"id": "U2abcDEFghiJKLmnoPQRstuVWXyz", "name": "Jane Doe", "email": "jane@example.com", "emailVerified": true, "avatarUrl": "https://example.com/jane.png"});
});

test('mapDescopeProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapDescopeProfile({"sub": "U1", "email_verified": true}), {"id": "U1"});
});

test('mapDescopeProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapDescopeProfile({"email": "jane@example.com"}), TypeError);
  assert.throws(() => mapDescopeProfile({}), TypeError);
  assert.throws(() => mapDescopeProfile(null), TypeError);
});

test('descope() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = descope(required);
  assert.equal(p.name, "descope");
  assert.equal(p.displayName, "Descope");
  assert.equal(p.protocol, "oidc");
  assert.equal(p.issuer, "https://api.descope.com/P2abc");
  assert.deepEqual(p.scope, ["openid", "profile", "email"]);
  assert.equal(p.clientAuth, "client_secret_basic");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapDescopeProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/descope\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('descope() returns a frozen provider', () => {
  const p = descope(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('descope() applies overrides', () => {
  const p = descope({
    ...required,
    name: 'descope-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'descope-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/descope-two\/callback/);
});

test('descope() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => descope({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => descope({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('descope takes the project id from clientId, projectId or a full issuer, and checks it', () => {
  assert.equal(descope({ clientId: 'P2abc', clientSecret: 's', projectId: 'P2xyz' }).issuer, 'https://api.descope.com/P2xyz');
  assert.equal(descope({ clientId: 'c', clientSecret: 's', issuer: 'https://auth.example.com/P2abc' }).issuer, 'https://auth.example.com/P2abc');
  assert.throws(() => descope({ clientId: 'P2/../x', clientSecret: 's' }), OAuthConfigError);
  assert.throws(() => descope({ clientId: 'P2abc', clientSecret: 's', projectId: 'P2 x' }), OAuthConfigError);
});
