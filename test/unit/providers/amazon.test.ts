import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { amazon, mapAmazonProfile } from '../../../src/providers/amazon.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/amazon-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapAmazonProfile maps the documented payload (amazon-profile.json)', () => {
  assert.deepEqual(mapAmazonProfile(fixture), { id: 'amzn1.account.K2LI23KL2LK2', name: 'Mork Hashimoto', email: 'mhashimoto-04@plaxo.com' });
});

test('mapAmazonProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapAmazonProfile({ user_id: 'amzn1.account.K2LI23KL2LK2' }), { id: 'amzn1.account.K2LI23KL2LK2' });
});

test('mapAmazonProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapAmazonProfile({ name: 'Mork Hashimoto' }), TypeError);
  assert.throws(() => mapAmazonProfile({ error: 'invalid_token' }), TypeError);
});

test('amazon() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = amazon(required);
  assert.equal(p.name, 'amazon');
  assert.equal(p.displayName, 'Amazon');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://www.amazon.com/ap/oa');
  assert.equal(p.tokenEndpoint, 'https://api.amazon.com/auth/o2/token');
  assert.equal(p.userinfoEndpoint, 'https://api.amazon.com/user/profile');
  assert.equal(p.apiBaseUrl, 'https://api.amazon.com/');
  assert.deepEqual(p.scope, ['profile']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapAmazonProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/amazon\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('amazon() returns a frozen provider', () => {
  const p = amazon(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('amazon() applies overrides', () => {
  const p = amazon({
    ...required,
    name: 'amazon-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'amazon-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/amazon-two\/callback/);
});

test('amazon() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => amazon({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => amazon({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
