import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { xero, mapXeroProfile } from '../../../src/providers/xero.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/xero-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('xero-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapXeroProfile maps the documented payload (xero-profile.json)', () => {
  assert.deepEqual(mapXeroProfile(fixture), { id: 'a3a4dbafh3495a808ed7a7b964388f53', username: 'john.smith@gmail.com', name: 'John Smith', email: 'john.smith@gmail.com' });
});

test('mapXeroProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapXeroProfile({ sub: 'a3a4dbafh3495a808ed7a7b964388f53' }), { id: 'a3a4dbafh3495a808ed7a7b964388f53' });
  assert.deepEqual(mapXeroProfile({ sub: 'x', family_name: 'Smith', email: '' }), { id: 'x', name: 'Smith' });
});

test('mapXeroProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapXeroProfile({ xero_userid: '1945393b-6eb7-4143-b083-7ab26cd7690b', email: 'john.smith@gmail.com' }), TypeError);
  assert.throws(() => mapXeroProfile({}), TypeError);
  assert.throws(() => mapXeroProfile(null), TypeError);
});

test('xero() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = xero(required);
  assert.equal(p.name, 'xero');
  assert.equal(p.displayName, 'Xero');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://identity.xero.com');
  assert.equal(p.apiBaseUrl, 'https://api.xero.com/');
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapXeroProfile);
  assert.deepEqual([...p.quirks], ['no-email-verified-claim']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/xero\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'developer');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('xero() returns a frozen provider', () => {
  const p = xero(required);
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

test('xero() applies overrides', () => {
  const p = xero({
    ...required,
    name: 'xero-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/userinfo',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'xero-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/userinfo');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/xero-two\/callback/);
});

test('xero() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => xero({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => xero({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
