import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { fusionauth, mapFusionauthProfile } from '../../../src/providers/fusionauth.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/fusionauth-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', issuer: 'https://auth.example.com/' };

test('mapFusionauthProfile maps the documented payload (fusionauth-profile.json)', () => {
  assert.deepEqual(mapFusionauthProfile(fixture), {"id": "00000000-0000-0001-0000-000000000000", "username": "richard", "name": "Richard Hendricks", "email": "richard@example.com", "emailVerified": true, "avatarUrl": "https://www.example.com/richard.png"});
});

test('mapFusionauthProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapFusionauthProfile({"sub": "u1", "roles": []}), {"id": "u1"});
});

test('mapFusionauthProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapFusionauthProfile({"email": "richard@example.com"}), TypeError);
  assert.throws(() => mapFusionauthProfile({}), TypeError);
  assert.throws(() => mapFusionauthProfile(null), TypeError);
});

test('fusionauth() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = fusionauth(required);
  assert.equal(p.name, "fusionauth");
  assert.equal(p.displayName, "FusionAuth");
  assert.equal(p.protocol, "oidc");
  assert.equal(p.issuer, "https://auth.example.com");
  assert.equal(p.authorizationParams, undefined);
  assert.deepEqual(p.scope, ["openid", "profile", "email", "offline_access"]);
  assert.equal(p.clientAuth, "client_secret_basic");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapFusionauthProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/fusionauth\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('fusionauth() returns a frozen provider', () => {
  const p = fusionauth(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('fusionauth() applies overrides', () => {
  const p = fusionauth({
    ...required,
    name: 'fusionauth-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'fusionauth-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/fusionauth-two\/callback/);
});

test('fusionauth() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => fusionauth({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => fusionauth({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('fusionauth selects a tenant by id, and needs an issuer URL', () => {
  const tenantId = '30663132-6464-6665-3032-326466613934';
  const p = fusionauth({ clientId: 'c', clientSecret: 's', issuer: 'https://auth.example.com', tenantId });
  assert.equal(p.issuer, `https://auth.example.com/.well-known/openid-configuration/${tenantId}`);
  assert.equal(p.authorizationParams?.tenantId, tenantId);
  assert.throws(() => fusionauth({ clientId: 'c', clientSecret: 's', issuer: 'https://auth.example.com', tenantId: '../x' }), OAuthConfigError);
  assert.throws(() => fusionauth({ clientId: 'c', clientSecret: 's' } as never), OAuthConfigError);
  assert.throws(() => fusionauth({ clientId: 'c', clientSecret: 's', issuer: 'acme.com' }), OAuthConfigError);
});
