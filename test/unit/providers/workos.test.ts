import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { workos, mapWorkosProfile } from '../../../src/providers/workos.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/workos-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', domain: 'your-app.authkit.app' };

test('workos-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapWorkosProfile maps the documented payload (workos-profile.json)', () => {
  assert.deepEqual(mapWorkosProfile(fixture), { id: 'user_01E4ZCR3C56J083X43JQXF3JK5', name: 'Marcelina Davis', email: 'marcelina.davis@example.com', emailVerified: true });
});

test('mapWorkosProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapWorkosProfile({ sub: 'user_01E4ZCR3C56J083X43JQXF3JK5' }), { id: 'user_01E4ZCR3C56J083X43JQXF3JK5' });
  assert.deepEqual(mapWorkosProfile({ sub: 'u', given_name: 'Marcelina', email: 'm@example.com', email_verified: 'true' }), { id: 'u', name: 'Marcelina', email: 'm@example.com' });
});

test('mapWorkosProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapWorkosProfile({ email: 'marcelina.davis@example.com' }), TypeError);
  assert.throws(() => mapWorkosProfile({}), TypeError);
  assert.throws(() => mapWorkosProfile(null), TypeError);
});

test('workos() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = workos(required);
  assert.equal(p.name, 'workos');
  assert.equal(p.displayName, 'WorkOS');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://your-app.authkit.app');
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapWorkosProfile);
  assert.deepEqual([...p.quirks], ['authkit-domain', 'client-secret-post', 'nonce-required']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/workos\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'enterprise');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('workos() returns a frozen provider', () => {
  const p = workos(required);
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

test('workos() applies overrides', () => {
  const p = workos({
    ...required,
    name: 'workos-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/userinfo',
  });
  assert.equal(p.name, 'workos-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/userinfo');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/workos-two\/callback/);
});

test('workos() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => workos({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => workos({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('workos() needs domain or issuer, and clientSecret for client_secret_post', () => {
  assert.throws(() => workos({ clientId: 'c', clientSecret: 's' }), OAuthConfigError);
  assert.throws(() => workos({ clientId: 'c', domain: 'your-app.authkit.app' }), /clientSecret is required/);
  assert.equal(workos({ ...required, domain: 'https://auth.example.com/' }).issuer, 'https://auth.example.com');
  assert.equal(workos({ clientId: 'c', clientSecret: 's', issuer: 'https://auth.example.com' }).issuer, 'https://auth.example.com');
});
