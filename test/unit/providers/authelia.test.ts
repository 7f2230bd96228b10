import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { authelia, mapAutheliaProfile } from '../../../src/providers/authelia.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/authelia-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', issuer: 'https://auth.example.com/' };

test('authelia-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapAutheliaProfile maps the documented payload (authelia-profile.json)', () => {
  assert.deepEqual(mapAutheliaProfile(fixture), { id: '9bbd8ad5-1d3b-4b6e-9d2c-6a8f0c0e2b11', username: 'john', name: 'John Doe', email: 'john.doe@authelia.com', emailVerified: true });
});

test('mapAutheliaProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapAutheliaProfile({ sub: '9bbd8ad5-1d3b-4b6e-9d2c-6a8f0c0e2b11' }), { id: '9bbd8ad5-1d3b-4b6e-9d2c-6a8f0c0e2b11' });
  assert.deepEqual(mapAutheliaProfile({ sub: 's', email: 'e@example.com', email_verified: 'yes' }), { id: 's', email: 'e@example.com' });
});

test('mapAutheliaProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapAutheliaProfile({ preferred_username: 'john' }), TypeError);
  assert.throws(() => mapAutheliaProfile({}), TypeError);
  assert.throws(() => mapAutheliaProfile(null), TypeError);
});

test('authelia() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = authelia(required);
  assert.equal(p.name, 'authelia');
  assert.equal(p.displayName, 'Authelia');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://auth.example.com');
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapAutheliaProfile);
  assert.deepEqual([...p.quirks], ['self-hosted-issuer', 'claims-at-userinfo']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/authelia\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'self-hosted');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('authelia() returns a frozen provider', () => {
  const p = authelia(required);
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

test('authelia() applies overrides', () => {
  const p = authelia({
    ...required,
    name: 'authelia-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/userinfo',
  });
  assert.equal(p.name, 'authelia-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/userinfo');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/authelia-two\/callback/);
});

test('authelia() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => authelia({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => authelia({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('authelia() requires an https issuer', () => {
  assert.throws(() => authelia({ clientId: 'c', clientSecret: 's' } as any), /issuer is required/);
  assert.throws(() => authelia({ clientId: 'c', clientSecret: 's', issuer: '' }), OAuthConfigError);
  assert.throws(() => authelia({ clientId: 'c', clientSecret: 's', issuer: 'auth.example.com' }), /absolute URL/);
  assert.throws(() => authelia({ clientId: 'c', clientSecret: 's', issuer: 'http://auth.example.com' }), OAuthConfigError, 'http off loopback');
  assert.equal(authelia({ clientId: 'c', clientSecret: 's', issuer: 'https://example.com/authelia/' }).issuer, 'https://example.com/authelia');
});
