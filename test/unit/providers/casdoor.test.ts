import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { casdoor, mapCasdoorProfile } from '../../../src/providers/casdoor.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/casdoor-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', baseUrl: 'https://door.example.com/' };

test('casdoor-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapCasdoorProfile maps the documented payload (casdoor-profile.json)', () => {
  assert.deepEqual(mapCasdoorProfile(fixture), { id: '6f1d3c5e-2b7a-4f7e-9a0c-3e2d1b4a5c6d', username: 'alice', name: 'Alice', email: 'alice@example.com', avatarUrl: 'https://cdn.casbin.org/img/casbin.svg' });
});

test('mapCasdoorProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapCasdoorProfile({ sub: '6f1d3c5e-2b7a-4f7e-9a0c-3e2d1b4a5c6d', address: '', phone: '' }), { id: '6f1d3c5e-2b7a-4f7e-9a0c-3e2d1b4a5c6d' });
  assert.deepEqual(mapCasdoorProfile({ sub: 'a', email_verified: true }), { id: 'a', emailVerified: true });
});

test('mapCasdoorProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapCasdoorProfile({ preferred_username: 'alice' }), TypeError);
  assert.throws(() => mapCasdoorProfile({}), TypeError);
  assert.throws(() => mapCasdoorProfile(null), TypeError);
});

test('casdoor() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = casdoor(required);
  assert.equal(p.name, 'casdoor');
  assert.equal(p.displayName, 'Casdoor');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://door.example.com');
  assert.equal(p.apiBaseUrl, 'https://door.example.com/api/');
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.docs?.registerUrl, 'https://door.example.com/applications');
  assert.equal(p.profile, mapCasdoorProfile);
  assert.deepEqual([...p.quirks], ['self-hosted-issuer', 'client-secret-post']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/casdoor\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'self-hosted');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('casdoor() returns a frozen provider', () => {
  const p = casdoor(required);
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

test('casdoor() applies overrides', () => {
  const p = casdoor({
    ...required,
    name: 'casdoor-two',
    scope: ['only-this'],
    baseUrl: 'http://127.0.0.1:4000',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/userinfo',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'casdoor-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/userinfo');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/casdoor-two\/callback/);
});

test('casdoor() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => casdoor({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => casdoor({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('casdoor() requires baseUrl', () => {
  assert.throws(() => casdoor({ clientId: 'c', clientSecret: 's' } as any), /baseUrl is required/);
  assert.throws(() => casdoor({ clientId: 'c', clientSecret: 's', baseUrl: 'door.example.com' }), OAuthConfigError);
  assert.throws(() => casdoor({ clientId: 'c', clientSecret: 's', baseUrl: 'http://door.example.com' }), OAuthConfigError, 'http off loopback');
});
