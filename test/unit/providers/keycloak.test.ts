import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { keycloak, mapKeycloakProfile } from '../../../src/providers/keycloak.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/keycloak-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', baseUrl: 'https://sso.example.com/', realm: 'staff' };

test('mapKeycloakProfile maps the documented payload (keycloak-profile.json)', () => {
  assert.deepEqual(mapKeycloakProfile(fixture), { id: '3b6a1c6e-8a5e-4b8f-9d3a-2f7e1c9b0a11', username: 'jdoe', name: 'John Doe', email: 'jdoe@example.com', emailVerified: false });
});

test('mapKeycloakProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapKeycloakProfile({ sub: '3b6a1c6e-8a5e-4b8f-9d3a-2f7e1c9b0a11' }), { id: '3b6a1c6e-8a5e-4b8f-9d3a-2f7e1c9b0a11' });
});

test('mapKeycloakProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapKeycloakProfile({ preferred_username: 'jdoe' }), TypeError);
  assert.throws(() => mapKeycloakProfile({}), TypeError);
});

test('keycloak() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = keycloak(required);
  assert.equal(p.name, 'keycloak');
  assert.equal(p.displayName, 'Keycloak');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://sso.example.com/realms/staff');
  assert.equal(p.apiBaseUrl, undefined);
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapKeycloakProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/keycloak\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('keycloak() returns a frozen provider', () => {
  const p = keycloak(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('keycloak() applies overrides', () => {
  const p = keycloak({
    ...required,
    name: 'keycloak-two',
    scope: ['only-this'],
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
    issuer: 'http://127.0.0.1:4000',
  });
  assert.equal(p.name, 'keycloak-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/keycloak-two\/callback/);
});

test('keycloak() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => keycloak({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => keycloak({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('keycloak takes the realm issuer directly, or needs baseUrl and realm', () => {
  const p = keycloak({ clientId: 'c', clientSecret: 's', issuer: 'http://127.0.0.1:8080/realms/test' });
  assert.equal(p.issuer, 'http://127.0.0.1:8080/realms/test');
  assert.equal(p.docs?.registerUrl, 'http://127.0.0.1:8080/admin/');
  assert.throws(() => keycloak({ clientId: 'c', clientSecret: 's', baseUrl: 'https://sso.example.com' }), OAuthConfigError);
  assert.throws(() => keycloak({ clientId: 'c', clientSecret: 's', baseUrl: 'http://sso.example.com', realm: 'x' }), OAuthConfigError, 'http off loopback');
});
