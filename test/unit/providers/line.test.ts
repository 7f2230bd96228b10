import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ProfileFetchContext } from '../../../src/types.ts';
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
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://access.line.me');
  assert.equal(p.apiBaseUrl, 'https://api.line.me/');
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.idTokenSigningAlg, 'HS256');
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
    issuer: 'http://127.0.0.1:4000',
  });
  assert.equal(p.name, 'line-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/line-two\/callback/);
});

test('line() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => line({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => line({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('line takes the profile from the id_token claims and can prompt to add the official account', async () => {
  const claims = { sub: 'U1', email: 'taro.line@example.com' };
  const ctx: ProfileFetchContext = { scope: ['openid', 'email'], tokens: { accessToken: 'a' }, claims, get: async () => assert.fail('no call'), tryGet: async () => assert.fail('no call') };
  assert.deepEqual(await line(required).fetchProfile!(ctx), claims);
  assert.deepEqual(line({ ...required, botPrompt: 'aggressive' }).authorizationParams, { bot_prompt: 'aggressive' });
});
