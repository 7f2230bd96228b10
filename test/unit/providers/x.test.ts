import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ProfileFetchContext } from '../../../src/types.ts';
import { OAuthConfigError } from '../../../src/errors.ts';
import { x, mapXProfile } from '../../../src/providers/x.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/x-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

function recordingCtx(scope: string[]) {
  const urls: string[] = [];
  const ctx: ProfileFetchContext = {
    scope,
    tokens: { accessToken: 'x-token' },
    get: async (url) => {
      urls.push(url);
      return { data: { id: '2244994945', username: 'TwitterDev' } };
    },
    tryGet: async () => undefined,
  };
  return { ctx, urls };
}

test('mapXProfile maps the documented payload (x-profile.json)', () => {
  assert.deepEqual(mapXProfile(fixture), { id: '2244994945', username: 'TwitterDev', name: 'X Dev', email: 'dev@example.com', emailVerified: true, avatarUrl: 'https://pbs.twimg.com/profile_images/1683325380441128960/yRsRRjGO_normal.jpg' });
});

test('mapXProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapXProfile({ data: { id: '2244994945' } }), { id: '2244994945' });
  assert.deepEqual(mapXProfile({ data: { id: '2244994945', name: 'X Dev', username: 'TwitterDev' } }), { id: '2244994945', username: 'TwitterDev', name: 'X Dev' });
});

test('mapXProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapXProfile({ data: { username: 'TwitterDev' } }), TypeError);
  assert.throws(() => mapXProfile({ errors: [{ title: 'Unauthorized' }] }), TypeError);
  assert.throws(() => mapXProfile(undefined), TypeError);
});

test('x() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = x(required);
  assert.equal(p.name, 'x');
  assert.equal(p.displayName, 'X');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://x.com/i/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'https://api.x.com/2/oauth2/token');
  assert.equal(p.revocationEndpoint, 'https://api.x.com/2/oauth2/revoke');
  assert.equal(p.userinfoEndpoint, 'https://api.x.com/2/users/me');
  assert.equal(p.apiBaseUrl, 'https://api.x.com/2/');
  assert.deepEqual(p.scope, ['users.read', 'tweet.read', 'offline.access']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapXProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/x\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('x() returns a frozen provider', () => {
  const p = x(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('x() applies overrides', () => {
  const p = x({
    ...required,
    name: 'x-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'x-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/x-two\/callback/);
});

test('x() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => x({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => x({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('x() without a secret is a public client (client auth none)', () => {
  const p = x({ clientId: 'public-client' });
  assert.equal(p.clientAuth, 'none');
  assert.equal(p.clientSecret, undefined);
  assert.equal(p.pkce, true);
});

test('x fetchProfile asks for confirmed_email only with the users.email scope', async () => {
  const withEmail = recordingCtx(['users.read', 'tweet.read', 'users.email']);
  await x(required).fetchProfile!(withEmail.ctx);
  assert.deepEqual(withEmail.urls, ['/users/me?user.fields=profile_image_url,confirmed_email']);

  const without = recordingCtx(['users.read', 'tweet.read']);
  const raw = await x(required).fetchProfile!(without.ctx);
  assert.deepEqual(without.urls, ['/users/me?user.fields=profile_image_url']);
  assert.deepEqual(mapXProfile(raw), { id: '2244994945', username: 'TwitterDev' });
});

test('x fetchProfile keeps a userinfoEndpoint override and adds user.fields to it', async () => {
  const { ctx, urls } = recordingCtx(['users.read', 'users.email']);
  await x({ ...required, userinfoEndpoint: 'http://127.0.0.1:4000/2/users/me' }).fetchProfile!(ctx);
  assert.deepEqual(urls, ['http://127.0.0.1:4000/2/users/me?user.fields=profile_image_url%2Cconfirmed_email']);
});
