import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { mattermost, mapMattermostProfile } from '../../../src/providers/mattermost.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/mattermost-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', instanceUrl: 'https://chat.example.com' };

test('mapMattermostProfile maps the documented payload (mattermost-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapMattermostProfile(fixture), { id: '8ygq6g5iqjbnpjgoudnpmgo7rh', username: 'jane.doe', name: 'Jane Doe', email: 'jane.doe@example.com', emailVerified: true });
});

test('mapMattermostProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapMattermostProfile({ id: 'u1' }), { id: 'u1' });
  assert.deepEqual(mapMattermostProfile({ id: 'u1', nickname: 'JD', first_name: '', email: '', email_verified: true }), { id: 'u1', name: 'JD' });
  assert.deepEqual(mapMattermostProfile({ id: 'u1', email: 'a@example.com', email_verified: 'true' }), { id: 'u1', email: 'a@example.com' });
});

test('mapMattermostProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapMattermostProfile({ status_code: 401, message: 'Invalid or expired session' }), TypeError);
  assert.throws(() => mapMattermostProfile({ username: 'jane.doe' }), TypeError);
  assert.throws(() => mapMattermostProfile({}), TypeError);
  assert.throws(() => mapMattermostProfile(null), TypeError);
});

test('mattermost() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = mattermost(required);
  assert.equal(p.name, 'mattermost');
  assert.equal(p.displayName, "Mattermost");
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://chat.example.com/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://chat.example.com/oauth/access_token');
  assert.equal(p.userinfoEndpoint, 'https://chat.example.com/api/v4/users/me');
  assert.equal(p.apiBaseUrl, 'https://chat.example.com/api/v4/');
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapMattermostProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/mattermost\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'self-hosted');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('mattermost() returns a frozen provider', () => {
  const p = mattermost(required);
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

test('mattermost() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = mattermost({
    ...required,
    name: 'mattermost-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/oauth/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/oauth/access_token',
    userinfoEndpoint: 'http://127.0.0.1:4000/api/v4/users/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/v4/',
  });
  assert.equal(p.name, 'mattermost-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/oauth/access_token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/api/v4/users/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/v4/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/mattermost-two\/callback/);
});

test('mattermost() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => mattermost({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => mattermost({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => mattermost({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});

test("mattermost() needs an instanceUrl and keeps a subpath", () => {
  assert.throws(() => mattermost({ clientId: 'c', clientSecret: 's' } as any), OAuthConfigError);
  assert.throws(() => mattermost({ clientId: 'c', clientSecret: 's', instanceUrl: '' }), /instanceUrl is required/);
  assert.throws(() => mattermost({ clientId: 'c', clientSecret: 's', instanceUrl: 'chat.example.com' }), OAuthConfigError);
  assert.equal(mattermost({ clientId: 'c', clientSecret: 's', instanceUrl: 'https://example.com/chat/' }).tokenEndpoint, 'https://example.com/chat/oauth/access_token');
});
