import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { auth0, mapAuth0Profile } from '../../../src/providers/auth0.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/auth0-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', domain: 'example.us.auth0.com' };

test('mapAuth0Profile maps the documented payload (auth0-profile.json)', () => {
  assert.deepEqual(mapAuth0Profile(fixture), { id: '248289761001', username: 'j.doe', name: 'Jane Josephine Doe', email: 'janedoe@exampleco.com', emailVerified: true, avatarUrl: 'http://exampleco.com/janedoe/me.jpg' });
});

test('mapAuth0Profile tolerates missing optional fields', () => {
  assert.deepEqual(mapAuth0Profile({ sub: 'auth0|248289761001' }), { id: 'auth0|248289761001' });
  assert.deepEqual(mapAuth0Profile({ sub: 'auth0|1', nickname: 'JJ' }), { id: 'auth0|1', username: 'JJ' });
});

test('mapAuth0Profile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapAuth0Profile({ nickname: 'JJ' }), TypeError);
  assert.throws(() => mapAuth0Profile({}), TypeError);
});

test('auth0() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = auth0(required);
  assert.equal(p.name, 'auth0');
  assert.equal(p.displayName, 'Auth0');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://example.us.auth0.com/');
  assert.equal(p.apiBaseUrl, undefined);
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapAuth0Profile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/auth0\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('auth0() returns a frozen provider', () => {
  const p = auth0(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('auth0() applies overrides', () => {
  const p = auth0({
    ...required,
    name: 'auth0-two',
    scope: ['only-this'],
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
    issuer: 'http://127.0.0.1:4000',
  });
  assert.equal(p.name, 'auth0-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/auth0-two\/callback/);
});

test('auth0() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => auth0({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => auth0({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('auth0 keeps the trailing slash of its issuer, sends audience, and needs a domain or issuer', () => {
  const p = auth0({ ...required, audience: 'https://api.example.com' });
  assert.equal(p.issuer, 'https://example.us.auth0.com/');
  assert.deepEqual(p.authorizationParams, { audience: 'https://api.example.com' });
  assert.throws(() => auth0({ clientId: 'c', clientSecret: 's' }), OAuthConfigError);
});
