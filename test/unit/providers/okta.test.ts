import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { okta, mapOktaProfile } from '../../../src/providers/okta.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/okta-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', domain: 'dev-123456.okta.com' };

test('mapOktaProfile maps the documented payload (okta-profile.json)', () => {
  assert.deepEqual(mapOktaProfile(fixture), { id: '00uid4BxXw6I6TV4m0g3', username: 'john.doe@example.com', name: 'John Doe', email: 'john.doe@example.com', emailVerified: true });
});

test('mapOktaProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapOktaProfile({ sub: '00uid4BxXw6I6TV4m0g3' }), { id: '00uid4BxXw6I6TV4m0g3' });
});

test('mapOktaProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapOktaProfile({ name: 'John Doe' }), TypeError);
  assert.throws(() => mapOktaProfile({}), TypeError);
});

test('okta() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = okta(required);
  assert.equal(p.name, 'okta');
  assert.equal(p.displayName, 'Okta');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://dev-123456.okta.com/oauth2/default');
  assert.equal(p.apiBaseUrl, undefined);
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapOktaProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/okta\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('okta() returns a frozen provider', () => {
  const p = okta(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('okta() applies overrides', () => {
  const p = okta({
    ...required,
    name: 'okta-two',
    scope: ['only-this'],
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
    issuer: 'http://127.0.0.1:4000',
  });
  assert.equal(p.name, 'okta-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/okta-two\/callback/);
});

test('okta() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => okta({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => okta({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('okta takes a full issuer instead of a domain, and needs one of them', () => {
  assert.equal(okta({ clientId: 'c', clientSecret: 's', issuer: 'https://example.okta.com' }).issuer, 'https://example.okta.com');
  assert.equal(okta({ clientId: 'c', clientSecret: 's', domain: 'https://example.okta.com/' }).issuer, 'https://example.okta.com/oauth2/default');
  assert.throws(() => okta({ clientId: 'c', clientSecret: 's' }), OAuthConfigError);
  assert.throws(() => okta({ clientId: 'c', clientSecret: 's', domain: 'example.okta.com/evil path' }), OAuthConfigError);
});
