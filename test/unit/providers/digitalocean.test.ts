import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { digitalocean, mapDigitaloceanProfile } from '../../../src/providers/digitalocean.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/digitalocean-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('digitalocean-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapDigitaloceanProfile maps the documented payload (digitalocean-profile.json)', () => {
  assert.deepEqual(mapDigitaloceanProfile(fixture), { id: 'b6fr89dbf6d9156cace5f3c78dc9851d957381ef', name: 'Sammy the Shark', email: 'sammy@digitalocean.com', emailVerified: true });
});

test('mapDigitaloceanProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapDigitaloceanProfile({ account: { uuid: 'b6fr89dbf6d9156cace5f3c78dc9851d957381ef' } }), { id: 'b6fr89dbf6d9156cace5f3c78dc9851d957381ef' });
  assert.deepEqual(mapDigitaloceanProfile({ uuid: 'bare', email: 'a@example.com', email_verified: false }), { id: 'bare', email: 'a@example.com', emailVerified: false });
  assert.deepEqual(mapDigitaloceanProfile({ account: { uuid: 'u', email_verified: true } }), { id: 'u' });
});

test('mapDigitaloceanProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapDigitaloceanProfile({ account: { email: 'sammy@digitalocean.com' } }), TypeError);
  assert.throws(() => mapDigitaloceanProfile({}), TypeError);
  assert.throws(() => mapDigitaloceanProfile(null), TypeError);
});

test('digitalocean() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = digitalocean(required);
  assert.equal(p.name, 'digitalocean');
  assert.equal(p.displayName, 'DigitalOcean');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://cloud.digitalocean.com/v1/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://cloud.digitalocean.com/v1/oauth/token');
  assert.equal(p.revocationEndpoint, 'https://cloud.digitalocean.com/v1/oauth/revoke');
  assert.equal(p.userinfoEndpoint, 'https://api.digitalocean.com/v2/account');
  assert.equal(p.apiBaseUrl, 'https://api.digitalocean.com/v2/');
  assert.deepEqual(p.scope, ['read']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapDigitaloceanProfile);
  assert.deepEqual([...p.quirks], ['account-wrapper', 'client-secret-post']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/digitalocean\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'developer');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('digitalocean() returns a frozen provider', () => {
  const p = digitalocean(required);
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

test('digitalocean() applies overrides', () => {
  const p = digitalocean({
    ...required,
    name: 'digitalocean-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
    revocationEndpoint: 'http://127.0.0.1:4000/revoke',
  });
  assert.equal(p.name, 'digitalocean-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.equal(p.revocationEndpoint, 'http://127.0.0.1:4000/revoke');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/digitalocean-two\/callback/);
});

test('digitalocean() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => digitalocean({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => digitalocean({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
