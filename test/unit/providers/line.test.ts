import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { line, mapLineProfile } from '../../../src/providers/line.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/line-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapLineProfile maps the documented payload (line-profile.json)', () => {
  assert.deepEqual(mapLineProfile(fixture), { id: 'U1234567890abcdef1234567890abcdef', name: 'Taro Line', email: 'taro.line@example.com', avatarUrl: 'https://sample_line.me/aBcdefg123456' });
});

test('mapLineProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapLineProfile({ sub: 'U1234567890abcdef1234567890abcdef' }), { id: 'U1234567890abcdef1234567890abcdef' });
  assert.deepEqual(mapLineProfile({ userId: 'U1', displayName: 'Taro', pictureUrl: 'https://profile.line-scdn.net/abc' }), { id: 'U1', name: 'Taro', avatarUrl: 'https://profile.line-scdn.net/abc' });
});

test('mapLineProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapLineProfile({ name: 'Taro Line' }), TypeError);
  assert.throws(() => mapLineProfile({}), TypeError);
});

test('line() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = line(required);
  assert.equal(p.name, 'line');
  assert.equal(p.displayName, 'LINE');
  assert.equal(p.protocol, 'oauth2', 'no HS256 id_token: the kit verifies asymmetric signatures only');
  assert.equal(p.authorizationEndpoint, 'https://access.line.me/oauth2/v2.1/authorize');
  assert.equal(p.tokenEndpoint, 'https://api.line.me/oauth2/v2.1/token');
  assert.equal(p.userinfoEndpoint, 'https://api.line.me/v2/profile');
  assert.equal(p.apiBaseUrl, 'https://api.line.me/');
  assert.deepEqual(p.scope, ['profile']);
  assert.ok(!p.scope.includes('openid'));
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapLineProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/line\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('line() returns a frozen provider', () => {
  const p = line(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('line() applies overrides', () => {
  const p = line({
    ...required,
    name: 'line-two',
    scope: ['only-this'],
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
    userinfoEndpoint: 'http://127.0.0.1:4000/v2/profile',
  });
  assert.equal(p.name, 'line-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/v2/profile');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/line-two\/callback/);
});

test('line() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => line({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => line({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('line maps the /v2/profile payload and can prompt to add the official account', () => {
  assert.deepEqual(mapLineProfile({ userId: 'U1', displayName: 'Taro', pictureUrl: 'https://profile.line-scdn.net/x', statusMessage: 'hi' }), { id: 'U1', name: 'Taro', avatarUrl: 'https://profile.line-scdn.net/x' });
  assert.equal(line(required).fetchProfile, undefined, 'plain GET of userinfoEndpoint');
  assert.deepEqual(line({ ...required, botPrompt: 'aggressive' }).authorizationParams, { bot_prompt: 'aggressive' });
});
