import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { duende, mapDuendeProfile } from '../../../src/providers/duende.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/duende-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', issuer: 'https://identity.example.com/' };

test('mapDuendeProfile maps the documented payload (duende-profile.json)', () => {
  assert.deepEqual(mapDuendeProfile(fixture), {"id": "88421113", "username": "bob", "name": "Bob Smith", "email": "BobSmith@email.com", "emailVerified": true});
});

test('mapDuendeProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapDuendeProfile({"sub": "1"}), {"id": "1"});
});

test('mapDuendeProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapDuendeProfile({"name": "Bob Smith"}), TypeError);
  assert.throws(() => mapDuendeProfile({}), TypeError);
  assert.throws(() => mapDuendeProfile(null), TypeError);
});

test('duende() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = duende(required);
  assert.equal(p.name, "duende");
  assert.equal(p.displayName, "Duende IdentityServer");
  assert.equal(p.protocol, "oidc");
  assert.equal(p.issuer, "https://identity.example.com");
  assert.deepEqual(p.scope, ["openid", "profile", "email"]);
  assert.equal(p.clientAuth, "client_secret_basic");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapDuendeProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/duende\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('duende() returns a frozen provider', () => {
  const p = duende(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('duende() applies overrides', () => {
  const p = duende({
    ...required,
    name: 'duende-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'duende-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/duende-two\/callback/);
});

test('duende() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => duende({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => duende({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('duende needs an issuer URL', () => {
  assert.throws(() => duende({ clientId: 'c', clientSecret: 's' } as never), OAuthConfigError);
  assert.throws(() => duende({ clientId: 'c', clientSecret: 's', issuer: 'identity.example.com' }), OAuthConfigError);
  assert.equal(duende({ clientId: 'c', clientSecret: 's', issuer: 'https://example.com/identity/' }).issuer, 'https://example.com/identity');
});
