import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { gitlab, mapGitlabProfile } from '../../../src/providers/gitlab.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/gitlab-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapGitlabProfile maps the documented payload (gitlab-profile.json)', () => {
  assert.deepEqual(mapGitlabProfile(fixture), { id: '1', username: 'jane', name: 'Jane Doe', email: 'jane@example.com', emailVerified: true, avatarUrl: 'https://gitlab.com/uploads/-/system/user/avatar/1/avatar.png' });
});

test('mapGitlabProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapGitlabProfile({ sub: '1' }), { id: '1' });
  assert.deepEqual(mapGitlabProfile({ sub: '42', preferred_username: 'jdoe', email_verified: false }), { id: '42', username: 'jdoe', emailVerified: false });
});

test('mapGitlabProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapGitlabProfile({ nickname: 'jane' }), TypeError);
  assert.throws(() => mapGitlabProfile({}), TypeError);
});

test('gitlab() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = gitlab(required);
  assert.equal(p.name, 'gitlab');
  assert.equal(p.displayName, 'GitLab');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://gitlab.com');
  assert.equal(p.apiBaseUrl, 'https://gitlab.com/api/v4/');
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapGitlabProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/gitlab\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('gitlab() returns a frozen provider', () => {
  const p = gitlab(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('gitlab() applies overrides', () => {
  const p = gitlab({
    ...required,
    name: 'gitlab-two',
    scope: ['only-this'],
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'gitlab-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/gitlab-two\/callback/);
});

test('gitlab() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => gitlab({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => gitlab({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('gitlab({ baseUrl }) targets a self-managed instance', () => {
  const p = gitlab({ ...required, baseUrl: 'https://gitlab.example.com/' });
  assert.equal(p.issuer, 'https://gitlab.example.com');
  assert.equal(p.apiBaseUrl, 'https://gitlab.example.com/api/v4/');
  assert.equal(p.docs?.registerUrl, 'https://gitlab.example.com/-/user_settings/applications');
  assert.throws(() => gitlab({ ...required, baseUrl: 'gitlab.example.com' }), OAuthConfigError);
  assert.throws(() => gitlab({ ...required, baseUrl: 'http://gitlab.example.com' }), OAuthConfigError, 'http off loopback');
});
