import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ProfileFetchContext } from '../../../src/types.ts';
import { OAuthConfigError } from '../../../src/errors.ts';
import { yandex, mapYandexProfile } from '../../../src/providers/yandex.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/yandex-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapYandexProfile maps the documented payload (yandex-profile.json)', () => {
  assert.deepEqual(mapYandexProfile(fixture), { id: '1000034426', username: 'ivan', name: 'Ivan', email: 'test@yandex.ru', avatarUrl: 'https://avatars.yandex.net/get-yapic/131652443/islands-200' });
});

test('mapYandexProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapYandexProfile({ id: '1000034426' }), { id: '1000034426' });
  assert.deepEqual(mapYandexProfile({ id: '1000034426', real_name: 'Ivan Ivanov', emails: ['second@yandex.ru'], default_avatar_id: '0/0-0', is_avatar_empty: true }), { id: '1000034426', name: 'Ivan Ivanov', email: 'second@yandex.ru' });
});

test('mapYandexProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapYandexProfile({ login: 'ivan' }), TypeError);
  assert.throws(() => mapYandexProfile({}), TypeError);
});

test('yandex() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = yandex(required);
  assert.equal(p.name, 'yandex');
  assert.equal(p.displayName, 'Yandex');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://oauth.yandex.com/authorize');
  assert.equal(p.tokenEndpoint, 'https://oauth.yandex.com/token');
  assert.equal(p.userinfoEndpoint, 'https://login.yandex.ru/info?format=json');
  assert.equal(p.apiBaseUrl, 'https://login.yandex.ru/');
  assert.deepEqual(p.scope, ['login:info', 'login:email', 'login:avatar']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapYandexProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/yandex\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('yandex() returns a frozen provider', () => {
  const p = yandex(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('yandex() applies overrides', () => {
  const p = yandex({
    ...required,
    name: 'yandex-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'yandex-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/yandex-two\/callback/);
});

test('yandex() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => yandex({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => yandex({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('yandex fetchProfile calls login.yandex.ru/info with the OAuth authorization scheme', async () => {
  const seen: { url: string; headers?: Record<string, string> }[] = [];
  const ctx: ProfileFetchContext = {
    scope: ['login:info'],
    tokens: { accessToken: 'y0_token' },
    get: async (url, init) => {
      seen.push({ url, headers: init?.headers });
      return { id: '1000034426' };
    },
    tryGet: async () => undefined,
  };
  assert.deepEqual(await yandex(required).fetchProfile!(ctx), { id: '1000034426' });
  assert.deepEqual(seen, [{ url: 'https://login.yandex.ru/info?format=json', headers: { Authorization: 'OAuth y0_token' } }]);
});
