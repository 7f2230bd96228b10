import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { onelogin, mapOneLoginProfile } from '../../../src/providers/onelogin.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/onelogin-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', domain: 'acme.onelogin.com' };

test('mapOneLoginProfile maps the documented payload (onelogin-profile.json)', () => {
  assert.deepEqual(mapOneLoginProfile(fixture), { id: '52815349', username: 'kelly.young', name: 'Kelly Young', email: 'kelly.young@acme.example' });
});

test('mapOneLoginProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapOneLoginProfile({ sub: '52815349', name: null, email: '' }), { id: '52815349' });
  assert.deepEqual(mapOneLoginProfile({ sub: 7, given_name: 'Kelly', family_name: 'Young', email_verified: 'true' }), { id: '7', name: 'Kelly Young' });
});

test('mapOneLoginProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapOneLoginProfile({ name: 'Kelly Young' }), TypeError);
  assert.throws(() => mapOneLoginProfile({}), TypeError);
  assert.throws(() => mapOneLoginProfile(null), TypeError);
});

test('onelogin() defaults: issuer /oidc/2, scope, client auth, PKCE', () => {
  const p = onelogin(required);
  assert.equal(p.name, 'onelogin');
  assert.equal(p.displayName, 'OneLogin');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://acme.onelogin.com/oidc/2');
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapOneLoginProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/onelogin\/callback/);
  assert.equal(p.docs?.kind, 'enterprise');
  assert.ok((p.docs?.unverified ?? []).length > 0, 'unverified facts are listed');
  assert.equal(onelogin({ ...required, domain: 'https://acme.onelogin.com/' }).issuer, 'https://acme.onelogin.com/oidc/2');
});

test('onelogin() returns a frozen provider', () => {
  const p = onelogin(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('onelogin() applies overrides', () => {
  const p = onelogin({ clientId: 'client-id', clientSecret: 'client-secret', name: 'onelogin-eu', issuer: 'http://127.0.0.1:4000/oidc/2', scope: ['openid', 'groups'] });
  assert.equal(p.name, 'onelogin-eu');
  assert.equal(p.issuer, 'http://127.0.0.1:4000/oidc/2');
  assert.deepEqual(p.scope, ['openid', 'groups']);
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/onelogin-eu\/callback/);
});

test('onelogin() throws OAuthConfigError without a clientId, a secret, or a domain / issuer', () => {
  assert.throws(() => onelogin({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => onelogin({ ...required, clientSecret: undefined }), /clientSecret/);
  assert.throws(() => onelogin({ clientId: 'a', clientSecret: 'b' }), /domain/);
  assert.throws(() => onelogin({ ...required, domain: 'not a host/' }), OAuthConfigError);
});
