import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { vk, mapVkProfile } from '../../../src/providers/vk.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/vk-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapVkProfile maps the documented payload (vk-profile.json)', () => {
  assert.deepEqual(mapVkProfile(fixture), { id: '210700286', username: 'lindseystirling', name: 'Lindsey Stirling', avatarUrl: 'https://sun1-14.userapi.com/s/v1/ig2/kqOy0SbY_example.jpg?size=100x100&quality=96&crop=0,0,400,400&ava=1' });
});

test('mapVkProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapVkProfile({ response: [{ id: 210700286 }] }), { id: '210700286' });
  assert.deepEqual(mapVkProfile({ id: 1, first_name: 'Pavel' }), { id: '1', name: 'Pavel' });
});

test('mapVkProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapVkProfile({ response: [] }), TypeError);
  assert.throws(() => mapVkProfile({ error: { error_code: 5, error_msg: 'User authorization failed' } }), TypeError);
});

test('vk() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = vk(required);
  assert.equal(p.name, 'vk');
  assert.equal(p.displayName, 'VK');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://oauth.vk.com/authorize?v=5.199');
  assert.equal(p.tokenEndpoint, 'https://oauth.vk.com/access_token?v=5.199');
  assert.equal(p.userinfoEndpoint, 'https://api.vk.com/method/users.get?fields=photo_100,screen_name&v=5.199');
  assert.equal(p.apiBaseUrl, 'https://api.vk.com/method/');
  assert.deepEqual(p.scope, ['email']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, false);
  assert.equal(p.scopeSeparator, ',');
  assert.equal(p.profile, mapVkProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/vk\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('vk() returns a frozen provider', () => {
  const p = vk(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('vk() applies overrides', () => {
  const p = vk({
    ...required,
    name: 'vk-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'vk-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/vk-two\/callback/);
});

test('vk() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => vk({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => vk({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('vk({ version }) changes the API version everywhere and refuses a malformed one', () => {
  const p = vk({ ...required, version: '5.131' });
  assert.equal(p.tokenEndpoint, 'https://oauth.vk.com/access_token?v=5.131');
  assert.equal(p.userinfoEndpoint, 'https://api.vk.com/method/users.get?fields=photo_100,screen_name&v=5.131');
  assert.throws(() => vk({ ...required, version: 'latest' }), OAuthConfigError);
});

test('vk adds the token_type its token response lacks', () => {
  const p = vk({ clientId: 'c', clientSecret: 's' });
  assert.deepEqual(p.normalizeTokenResponse!({ access_token: 'a', expires_in: 86400 }), { access_token: 'a', expires_in: 86400, token_type: 'bearer' });
  assert.deepEqual(p.normalizeTokenResponse!({ access_token: 'a', token_type: 'Bearer' }), { access_token: 'a', token_type: 'Bearer' });
});
