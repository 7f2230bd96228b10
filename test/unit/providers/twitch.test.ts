import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { twitch, mapTwitchProfile } from '../../../src/providers/twitch.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/twitch-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapTwitchProfile maps the documented payload (twitch-profile.json)', () => {
  assert.deepEqual(mapTwitchProfile(fixture), { id: '713936733', username: 'scotwht', name: 'scotwht', email: 'scotwht@justin.tv', emailVerified: true, avatarUrl: 'https://static-cdn.jtvnw.net/jtv_user_pictures/713936733-profile_image-300x300.png' });
});

test('mapTwitchProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapTwitchProfile({ sub: '713936733' }), { id: '713936733' });
});

test('mapTwitchProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapTwitchProfile({ preferred_username: 'scotwht' }), TypeError);
  assert.throws(() => mapTwitchProfile({}), TypeError);
});

test('twitch() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = twitch(required);
  assert.equal(p.name, 'twitch');
  assert.equal(p.displayName, 'Twitch');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://id.twitch.tv/oauth2');
  assert.equal(p.apiBaseUrl, 'https://api.twitch.tv/helix/');
  assert.deepEqual(p.apiHeaders, { 'Client-Id': 'client-id' });
  assert.deepEqual(p.scope, ['openid', 'user:read:email']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapTwitchProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/twitch\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('twitch() returns a frozen provider', () => {
  const p = twitch(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('twitch() applies overrides', () => {
  const p = twitch({
    ...required,
    name: 'twitch-two',
    scope: ['only-this'],
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
    issuer: 'http://127.0.0.1:4000',
  });
  assert.equal(p.name, 'twitch-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/twitch-two\/callback/);
});

test('twitch() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => twitch({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => twitch({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('twitch requests its claims explicitly with the claims parameter', () => {
  const claims = JSON.parse(twitch(required).authorizationParams!.claims!);
  for (const target of ['id_token', 'userinfo']) {
    assert.deepEqual(Object.keys(claims[target]).sort(), ['email', 'email_verified', 'picture', 'preferred_username']);
  }
  const custom = twitch({ ...required, authorizationParams: { force_verify: 'true' } }).authorizationParams!;
  assert.equal(custom.force_verify, 'true');
  assert.ok(custom.claims);
});

test('twitch normalises its JSON-array scope to the RFC 6749 string', () => {
  const p = twitch({ clientId: 'c', clientSecret: 's' });
  assert.deepEqual(p.normalizeTokenResponse!({ access_token: 'a', token_type: 'bearer', scope: ['openid', 'user:read:email'] }), { access_token: 'a', token_type: 'bearer', scope: 'openid user:read:email' });
  assert.deepEqual(p.normalizeTokenResponse!({ access_token: 'a', token_type: 'bearer', scope: 'x' }), { access_token: 'a', token_type: 'bearer', scope: 'x' });
});
