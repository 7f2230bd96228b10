import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { zitadel, mapZitadelProfile } from '../../../src/providers/zitadel.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/zitadel-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', domain: 'my-instance-abc123.zitadel.cloud' };

test('zitadel-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapZitadelProfile maps the documented payload (zitadel-profile.json)', () => {
  assert.deepEqual(mapZitadelProfile(fixture), { id: '77776025198584418', username: 'road.runner@acme.zitadel.cloud', name: 'Road Runner', email: 'road.runner@acme.ch', emailVerified: true });
});

test('mapZitadelProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapZitadelProfile({ sub: '77776025198584418' }), { id: '77776025198584418' });
  assert.deepEqual(mapZitadelProfile({ sub: '1', given_name: 'Road', family_name: 'Runner', email_verified: 'true' }), { id: '1', name: 'Road Runner' });
});

test('mapZitadelProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapZitadelProfile({ preferred_username: 'road.runner' }), TypeError);
  assert.throws(() => mapZitadelProfile({}), TypeError);
  assert.throws(() => mapZitadelProfile(null), TypeError);
});

test('zitadel() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = zitadel(required);
  assert.equal(p.name, 'zitadel');
  assert.equal(p.displayName, 'ZITADEL');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://my-instance-abc123.zitadel.cloud');
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.authorizationEndpoint, undefined);
  assert.equal(p.docs?.registerUrl, 'https://my-instance-abc123.zitadel.cloud/ui/console/');
  assert.equal(p.profile, mapZitadelProfile);
  assert.deepEqual([...p.quirks], ['instance-domain', 'claims-at-userinfo']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/zitadel\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'enterprise');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('zitadel() returns a frozen provider', () => {
  const p = zitadel(required);
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

test('zitadel() applies overrides', () => {
  const p = zitadel({
    ...required,
    name: 'zitadel-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/userinfo',
  });
  assert.equal(p.name, 'zitadel-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/userinfo');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/zitadel-two\/callback/);
});

test('zitadel() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => zitadel({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => zitadel({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('zitadel() takes a pasted https:// domain or a full issuer, and needs one of them', () => {
  assert.equal(zitadel({ clientId: 'c', clientSecret: 's', domain: 'https://auth.example.com/' }).issuer, 'https://auth.example.com');
  assert.equal(zitadel({ clientId: 'c', clientSecret: 's', issuer: 'https://auth.example.com' }).issuer, 'https://auth.example.com');
  assert.throws(() => zitadel({ clientId: 'c', clientSecret: 's' }), OAuthConfigError);
  assert.throws(() => zitadel({ clientId: 'c', clientSecret: 's', domain: 'not a host/' }), /domain must be a host name/);
  assert.throws(() => zitadel({ clientId: 'c', clientSecret: 's', issuer: 'http://auth.example.com' }), OAuthConfigError, 'http off loopback');
});
