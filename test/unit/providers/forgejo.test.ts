import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { forgejo, mapForgejoProfile } from '../../../src/providers/forgejo.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/forgejo-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', baseUrl: 'https://forgejo.example.com/' };

test('forgejo-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapForgejoProfile maps the documented payload (forgejo-profile.json)', () => {
  assert.deepEqual(mapForgejoProfile(fixture), { id: '42', username: 'jane', name: 'Jane Doe', email: 'jane@example.org', emailVerified: true, avatarUrl: 'https://codeberg.org/avatars/7b774effe4a349c6dd82ad4f4f21d34c' });
});

test('mapForgejoProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapForgejoProfile({ sub: '42' }), { id: '42' });
  assert.deepEqual(mapForgejoProfile({ sub: 7, nickname: 'jd', email_verified: 'true' }), { id: '7', username: 'jd' });
});

test('mapForgejoProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapForgejoProfile({ preferred_username: 'jane' }), TypeError);
  assert.throws(() => mapForgejoProfile({}), TypeError);
  assert.throws(() => mapForgejoProfile(null), TypeError);
});

test('forgejo() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = forgejo(required);
  assert.equal(p.name, 'forgejo');
  assert.equal(p.displayName, 'Forgejo');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://forgejo.example.com/');
  assert.equal(p.apiBaseUrl, 'https://forgejo.example.com/api/v1/');
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.docs?.registerUrl, 'https://forgejo.example.com/user/settings/applications');
  assert.equal(p.profile, mapForgejoProfile);
  assert.deepEqual([...p.quirks], ['instance-url', 'issuer-trailing-slash']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/forgejo\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'self-hosted');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('forgejo() returns a frozen provider', () => {
  const p = forgejo(required);
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

test('forgejo() applies overrides', () => {
  const p = forgejo({
    ...required,
    name: 'forgejo-two',
    scope: ['only-this'],
    baseUrl: 'http://127.0.0.1:4000',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/userinfo',
    apiBaseUrl: 'http://127.0.0.1:4000/other/',
  });
  assert.equal(p.name, 'forgejo-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000/');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/userinfo');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/other/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/forgejo-two\/callback/);
});

test('forgejo() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => forgejo({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => forgejo({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('forgejo() requires baseUrl and keeps a sub-path root with the trailing-slash issuer', () => {
  assert.throws(() => forgejo({ clientId: 'c', clientSecret: 's' } as any), /baseUrl is required/);
  assert.throws(() => forgejo({ clientId: 'c', clientSecret: 's', baseUrl: 'not a url' }), OAuthConfigError);
  assert.throws(() => forgejo({ clientId: 'c', clientSecret: 's', baseUrl: 'http://git.example.com' }), OAuthConfigError, 'http off loopback');
  const p = forgejo({ clientId: 'c', clientSecret: 's', baseUrl: 'https://example.com/git' });
  assert.equal(p.issuer, 'https://example.com/git/');
  assert.equal(p.apiBaseUrl, 'https://example.com/git/api/v1/');
  assert.equal(forgejo({ clientId: 'c', clientSecret: 's', baseUrl: 'https://codeberg.org' }).displayName, 'Codeberg');
});
