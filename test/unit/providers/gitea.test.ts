import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { gitea, mapGiteaProfile } from '../../../src/providers/gitea.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/gitea-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', baseUrl: 'https://gitea.example.com/' };

test('gitea-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapGiteaProfile maps the documented payload (gitea-profile.json)', () => {
  assert.deepEqual(mapGiteaProfile(fixture), { id: '1', username: 'jane', name: 'Jane Doe', email: 'jane@example.com', emailVerified: true, avatarUrl: 'https://gitea.example.com/avatars/5d41402abc4b2a76b9719d911017c592' });
});

test('mapGiteaProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapGiteaProfile({ sub: '1' }), { id: '1' });
  assert.deepEqual(mapGiteaProfile({ sub: 7, nickname: 'jd', email_verified: 'true' }), { id: '7', username: 'jd' });
});

test('mapGiteaProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapGiteaProfile({ preferred_username: 'jane' }), TypeError);
  assert.throws(() => mapGiteaProfile({}), TypeError);
  assert.throws(() => mapGiteaProfile(null), TypeError);
});

test('gitea() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = gitea(required);
  assert.equal(p.name, 'gitea');
  assert.equal(p.displayName, 'Gitea');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://gitea.example.com/');
  assert.equal(p.apiBaseUrl, 'https://gitea.example.com/api/v1/');
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.docs?.registerUrl, 'https://gitea.example.com/user/settings/applications');
  assert.equal(p.profile, mapGiteaProfile);
  assert.deepEqual([...p.quirks], ['instance-url', 'issuer-trailing-slash']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/gitea\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'self-hosted');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('gitea() returns a frozen provider', () => {
  const p = gitea(required);
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

test('gitea() applies overrides', () => {
  const p = gitea({
    ...required,
    name: 'gitea-two',
    scope: ['only-this'],
    baseUrl: 'http://127.0.0.1:4000',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/userinfo',
    apiBaseUrl: 'http://127.0.0.1:4000/other/',
  });
  assert.equal(p.name, 'gitea-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000/');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/userinfo');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/other/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/gitea-two\/callback/);
});

test('gitea() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => gitea({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => gitea({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('gitea() requires baseUrl and keeps a sub-path root with the trailing-slash issuer', () => {
  assert.throws(() => gitea({ clientId: 'c', clientSecret: 's' } as any), /baseUrl is required/);
  assert.throws(() => gitea({ clientId: 'c', clientSecret: 's', baseUrl: 'not a url' }), OAuthConfigError);
  assert.throws(() => gitea({ clientId: 'c', clientSecret: 's', baseUrl: 'http://git.example.com' }), OAuthConfigError, 'http off loopback');
  const p = gitea({ clientId: 'c', clientSecret: 's', baseUrl: 'https://example.com/git' });
  assert.equal(p.issuer, 'https://example.com/git/');
  assert.equal(p.apiBaseUrl, 'https://example.com/git/api/v1/');
});
