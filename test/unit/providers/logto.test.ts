import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { logto, mapLogtoProfile } from '../../../src/providers/logto.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/logto-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', endpoint: 'https://abc123.logto.app/' };

test('mapLogtoProfile maps the documented payload (logto-profile.json)', () => {
  assert.deepEqual(mapLogtoProfile(fixture), {"id": "u9xvu3o5jhk2", "username": "jdoe", "name": "Jane Doe", "email": "jane@example.com", "emailVerified": true, "avatarUrl": "https://example.com/jane.png"});
});

test('mapLogtoProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapLogtoProfile({"sub": "u1", "email_verified": false}), {"id": "u1"});
});

test('mapLogtoProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapLogtoProfile({"username": "jdoe"}), TypeError);
  assert.throws(() => mapLogtoProfile({}), TypeError);
  assert.throws(() => mapLogtoProfile(null), TypeError);
});

test('logto() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = logto(required);
  assert.equal(p.name, "logto");
  assert.equal(p.displayName, "Logto");
  assert.equal(p.protocol, "oidc");
  assert.equal(p.issuer, "https://abc123.logto.app/oidc");
  assert.equal(p.authorizationParams?.prompt, "consent");
  assert.equal(p.docs?.registerUrl, "https://cloud.logto.io/");
  assert.deepEqual(p.scope, ["openid", "profile", "email", "offline_access"]);
  assert.equal(p.clientAuth, "client_secret_basic");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapLogtoProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/logto\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('logto() returns a frozen provider', () => {
  const p = logto(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('logto() applies overrides', () => {
  const p = logto({
    ...required,
    name: 'logto-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'logto-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/logto-two\/callback/);
});

test('logto() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => logto({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => logto({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('logto takes a full issuer, or needs an endpoint', () => {
  assert.equal(logto({ clientId: 'c', clientSecret: 's', issuer: 'https://id.example.com/oidc' }).issuer, 'https://id.example.com/oidc');
  assert.match(logto({ clientId: 'c', clientSecret: 's', endpoint: 'https://id.example.com' }).docs?.registerUrl ?? '', /^https:\/\//);
  assert.throws(() => logto({ clientId: 'c', clientSecret: 's' }), OAuthConfigError);
  assert.throws(() => logto({ clientId: 'c', clientSecret: 's', endpoint: 'abc123.logto.app' }), OAuthConfigError);
});

test('logto() pins ES384 id_tokens (Logto\'s default EC P-384 key), RS256 after a rotation to RSA', () => {
  const base = { clientId: 'client-id', clientSecret: 'client-secret', endpoint: 'https://abc123.logto.app' };
  assert.equal(logto(base).idTokenSigningAlg, 'ES384');
  assert.equal(logto({ ...base, idTokenSigningAlg: 'RS256' }).idTokenSigningAlg, 'RS256');
  assert.throws(() => logto({ ...base, idTokenSigningAlg: 'HS256' as never }), OAuthConfigError);
});
