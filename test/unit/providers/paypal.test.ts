import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { paypal, mapPaypalProfile } from '../../../src/providers/paypal.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/paypal-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('paypal-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapPaypalProfile maps the documented payload (paypal-profile.json)', () => {
  assert.deepEqual(mapPaypalProfile(fixture), { id: 'https://www.paypal.com/webapps/auth/identity/user/mWq6_1sU85v5EG9yHdPxJRrhGHrnMJ-1PQKtX6pcsmA', name: 'identity test', email: 'user1@example.com', emailVerified: true });
});

test('mapPaypalProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapPaypalProfile({ user_id: 'u1' }), { id: 'u1' });
  assert.deepEqual(mapPaypalProfile({ sub: 's1', email: 'a@example.com', email_verified: false }), { id: 's1', email: 'a@example.com', emailVerified: false });
  assert.deepEqual(mapPaypalProfile({ user_id: 'u2', emails: [{ value: 'b@example.com', primary: false }, { value: 'c@example.com', primary: true, confirmed: false }] }), { id: 'u2', email: 'c@example.com', emailVerified: false });
  assert.deepEqual(mapPaypalProfile({ user_id: 'u3', emails: [{ primary: true, confirmed: true }] }), { id: 'u3' });
});

test('mapPaypalProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapPaypalProfile({ name: 'identity test', payer_id: 'WDJJHEBZ4X2LY' }), TypeError);
  assert.throws(() => mapPaypalProfile({}), TypeError);
  assert.throws(() => mapPaypalProfile(null), TypeError);
});

test('paypal() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = paypal(required);
  assert.equal(p.name, 'paypal');
  assert.equal(p.displayName, 'PayPal');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://www.paypal.com/signin/authorize');
  assert.equal(p.tokenEndpoint, 'https://api-m.paypal.com/v1/oauth2/token');
  assert.equal(p.userinfoEndpoint, 'https://api-m.paypal.com/v1/identity/oauth2/userinfo?schema=paypalv1.1');
  assert.equal(p.apiBaseUrl, 'https://api-m.paypal.com/');
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapPaypalProfile);
  assert.deepEqual([...p.quirks], ['userinfo-schema-parameter', 'emails-array']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/paypal\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('paypal() returns a frozen provider', () => {
  const p = paypal(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.ok(Object.isFrozen(p.quirks));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('paypal() applies overrides', () => {
  const p = paypal({
    ...required,
    name: 'paypal-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'paypal-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/paypal-two\/callback/);
});

test('paypal() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => paypal({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => paypal({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('paypal({ sandbox: true }) uses the sandbox hosts', () => {
  const p = paypal({ ...required, sandbox: true });
  assert.equal(p.authorizationEndpoint, 'https://www.sandbox.paypal.com/signin/authorize');
  assert.equal(p.tokenEndpoint, 'https://api-m.sandbox.paypal.com/v1/oauth2/token');
  assert.equal(p.userinfoEndpoint, 'https://api-m.sandbox.paypal.com/v1/identity/oauth2/userinfo?schema=paypalv1.1');
  assert.equal(p.apiBaseUrl, 'https://api-m.sandbox.paypal.com/');
  assert.deepEqual([...p.quirks], ['sandbox-hosts', 'userinfo-schema-parameter', 'emails-array']);
  assert.throws(() => paypal({ clientId: 'c' }), /clientSecret is required/);
});
