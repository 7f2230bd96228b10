import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { coinbase, mapCoinbaseProfile } from '../../../src/providers/coinbase.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/coinbase-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapCoinbaseProfile maps the documented payload (coinbase-profile.json)', () => {
  assert.deepEqual(mapCoinbaseProfile(fixture), {"id": "9da7a204-544e-5fd1-9a12-61176c5d4cd8", "username": "user1", "name": "User One", "email": "user1@example.com", "avatarUrl": "https://images.coinbase.com/avatar?h=vR%2FY8igBoPwuwGren5JMwvDNGpURAY%2F0nRIOgH%2FY2Qh%2BQ6nomR3qusA%2Bh6o2%0Af9rH&s=128"});
});

test('mapCoinbaseProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapCoinbaseProfile({"data": {"id": "c-1", "name": null}}), {"id": "c-1"});
});

test('mapCoinbaseProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapCoinbaseProfile({"data": {"name": "User One"}}), TypeError);
  assert.throws(() => mapCoinbaseProfile({}), TypeError);
  assert.throws(() => mapCoinbaseProfile(null), TypeError);
});

test('coinbase() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = coinbase(required);
  assert.equal(p.name, "coinbase");
  assert.equal(p.displayName, "Coinbase");
  assert.equal(p.protocol, "oauth2");
  assert.equal(p.authorizationEndpoint, "https://login.coinbase.com/oauth2/auth");
  assert.equal(p.tokenEndpoint, "https://login.coinbase.com/oauth2/token");
  assert.equal(p.revocationEndpoint, "https://login.coinbase.com/oauth2/revoke");
  assert.equal(p.userinfoEndpoint, "https://api.coinbase.com/v2/user");
  assert.deepEqual(p.scope, ["wallet:user:read", "wallet:user:email"]);
  assert.equal(p.clientAuth, "client_secret_post");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapCoinbaseProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/coinbase\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('coinbase() returns a frozen provider', () => {
  const p = coinbase(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('coinbase() applies overrides', () => {
  const p = coinbase({
    ...required,
    name: 'coinbase-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'coinbase-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/coinbase-two\/callback/);
});

test('coinbase() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => coinbase({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => coinbase({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
