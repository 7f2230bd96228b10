import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { pingone, mapPingoneProfile } from '../../../src/providers/pingone.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/pingone-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', environmentId: '342b5660-0c32-4936-a5a4-ce21fae57b0a' };

test('mapPingoneProfile maps the documented payload (pingone-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapPingoneProfile(fixture), { id: '5dd2b1c3-98c2-4ce0-9bd1-27bc72ad0f9a', username: 'jdoe', name: 'Jane Doe', email: 'jane.doe@example.com', emailVerified: true });
});

test('mapPingoneProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapPingoneProfile({ sub: 'u1' }), { id: 'u1' });
  assert.deepEqual(mapPingoneProfile({ sub: 'u1', name: 'J', email_verified: 'true' }), { id: 'u1', name: 'J' });
});

test('mapPingoneProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapPingoneProfile({ preferred_username: 'jdoe' }), TypeError);
  assert.throws(() => mapPingoneProfile({}), TypeError);
  assert.throws(() => mapPingoneProfile(null), TypeError);
});

test('pingone() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = pingone(required);
  assert.equal(p.name, 'pingone');
  assert.equal(p.displayName, "PingOne");
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://auth.pingone.com/342b5660-0c32-4936-a5a4-ce21fae57b0a/as');
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapPingoneProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/pingone\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'enterprise');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('pingone() returns a frozen provider', () => {
  const p = pingone(required);
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

test('pingone() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = pingone({
    ...required,
    name: 'pingone-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000/env/as',
    tokenEndpoint: 'http://127.0.0.1:4000/env/as/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/env/as/userinfo',
  });
  assert.equal(p.name, 'pingone-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000/env/as');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/env/as/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/env/as/userinfo');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/pingone-two\/callback/);
});

test('pingone() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => pingone({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => pingone({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => pingone({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});

test("pingone() builds the regional issuer and needs an environmentId or issuer", () => {
  assert.equal(pingone({ ...required, region: 'eu' }).issuer, 'https://auth.pingone.eu/342b5660-0c32-4936-a5a4-ce21fae57b0a/as');
  assert.equal(pingone({ ...required, region: 'com.au' }).issuer, 'https://auth.pingone.com.au/342b5660-0c32-4936-a5a4-ce21fae57b0a/as');
  assert.throws(() => pingone({ clientId: 'c', clientSecret: 's' }), OAuthConfigError);
  assert.throws(() => pingone({ ...required, region: 'mars' as any }), /region must be one of/);
  assert.throws(() => pingone({ ...required, environmentId: '../evil' }), /environmentId/);
  assert.equal(pingone({ clientId: 'c', clientSecret: 's', issuer: 'https://auth.example.com/env/as' }).issuer, 'https://auth.example.com/env/as');
});
