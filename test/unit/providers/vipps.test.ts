import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { vipps, mapVippsProfile } from '../../../src/providers/vipps.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/vipps-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapVippsProfile maps the documented payload (vipps-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapVippsProfile(fixture), { id: 'c06c4afe-d9e1-4c5d-939a-177d752a0944', name: 'Ada Lovelace', email: 'ada.lovelace@example.com', emailVerified: true });
});

test('mapVippsProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapVippsProfile({ sub: 'u1' }), { id: 'u1' });
  assert.deepEqual(mapVippsProfile({ sub: 'u1', given_name: 'Ada', family_name: 'Lovelace', email_verified: 'true' }), { id: 'u1', name: 'Ada Lovelace' });
});

test('mapVippsProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapVippsProfile({ name: 'Ada Lovelace' }), TypeError);
  assert.throws(() => mapVippsProfile({}), TypeError);
  assert.throws(() => mapVippsProfile(null), TypeError);
});

test('vipps() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = vipps(required);
  assert.equal(p.name, 'vipps');
  assert.equal(p.displayName, "Vipps MobilePay");
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://api.vipps.no/access-management-1.0/access/');
  assert.deepEqual(p.scope, ['openid', 'name', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapVippsProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/vipps\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('vipps() returns a frozen provider', () => {
  const p = vipps(required);
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

test('vipps() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = vipps({
    ...required,
    name: 'vipps-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000/access/',
    tokenEndpoint: 'http://127.0.0.1:4000/access/oauth2/token',
  });
  assert.equal(p.name, 'vipps-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000/access/');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/access/oauth2/token');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/vipps-two\/callback/);
});

test('vipps() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => vipps({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => vipps({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => vipps({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});

test("vipps() switches to the test environment and rejects an unknown one", () => {
  assert.equal(vipps({ ...required, environment: 'test' }).issuer, 'https://apitest.vipps.no/access-management-1.0/access/');
  assert.throws(() => vipps({ ...required, environment: 'staging' as any }), OAuthConfigError);
});
