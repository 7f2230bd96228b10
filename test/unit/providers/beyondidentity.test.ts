import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { beyondIdentity, mapBeyondIdentityProfile } from '../../../src/providers/beyondidentity.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/beyondidentity-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', tenantId: '00012f4a', realmId: '8f5b2c', applicationId: 'a1c3-77' };

test('mapBeyondIdentityProfile maps the documented payload (beyondidentity-profile.json)', () => {
  assert.deepEqual(mapBeyondIdentityProfile(fixture), {"id": "e7a1c5d3-9b2f-4e6a-8c1d-0f3e5a7b9c2d", "username": "jdoe", "name": "Jane Doe", "email": "jane.doe@example.com"});
});

test('mapBeyondIdentityProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapBeyondIdentityProfile({"sub": "e7a1"}), {"id": "e7a1"});
});

test('mapBeyondIdentityProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapBeyondIdentityProfile({"email": "jane@example.com"}), TypeError);
  assert.throws(() => mapBeyondIdentityProfile({}), TypeError);
  assert.throws(() => mapBeyondIdentityProfile(null), TypeError);
});

test('beyondIdentity() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = beyondIdentity(required);
  assert.equal(p.name, "beyondidentity");
  assert.equal(p.displayName, "Beyond Identity");
  assert.equal(p.protocol, "oidc");
  assert.equal(p.issuer, "https://auth-us.beyondidentity.com/v1/tenants/00012f4a/realms/8f5b2c/applications/a1c3-77");
  assert.deepEqual(p.scope, ["openid", "profile", "email"]);
  assert.equal(p.clientAuth, "client_secret_basic");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapBeyondIdentityProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/beyondidentity\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('beyondIdentity() returns a frozen provider', () => {
  const p = beyondIdentity(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('beyondIdentity() applies overrides', () => {
  const p = beyondIdentity({
    ...required,
    name: 'beyondidentity-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'beyondidentity-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/beyondidentity-two\/callback/);
});

test('beyondIdentity() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => beyondIdentity({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => beyondIdentity({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('beyondIdentity builds the EU issuer, takes a full issuer, and needs all three ids', () => {
  const ids = { tenantId: 't1', realmId: 'r1', applicationId: 'a1' };
  assert.equal(beyondIdentity({ clientId: 'c', clientSecret: 's', region: 'eu', ...ids }).issuer, 'https://auth-eu.beyondidentity.com/v1/tenants/t1/realms/r1/applications/a1');
  assert.equal(beyondIdentity({ clientId: 'c', clientSecret: 's', issuer: 'http://127.0.0.1:4000/app' }).issuer, 'http://127.0.0.1:4000/app');
  assert.throws(() => beyondIdentity({ clientId: 'c', clientSecret: 's', tenantId: 't1', realmId: 'r1' }), OAuthConfigError);
  assert.throws(() => beyondIdentity({ clientId: 'c', clientSecret: 's', ...ids, realmId: 'r1/../x' }), OAuthConfigError);
  assert.throws(() => beyondIdentity({ clientId: 'c', clientSecret: 's', ...ids, region: 'ap' as 'us' }), OAuthConfigError);
});

test('beyondIdentity() pins the id_token algorithm: RS256 by default, ES256 when the application uses it', () => {
  const base = { clientId: 'client-id', clientSecret: 'client-secret', issuer: 'https://auth-us.beyondidentity.com/v1/tenants/t/realms/r/applications/a' };
  assert.equal(beyondIdentity(base).idTokenSigningAlg, 'RS256');
  assert.equal(beyondIdentity({ ...base, idTokenSigningAlg: 'ES256' }).idTokenSigningAlg, 'ES256');
  assert.throws(() => beyondIdentity({ ...base, idTokenSigningAlg: 'none' as never }), OAuthConfigError);
});
