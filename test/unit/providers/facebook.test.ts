import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import type { ProfileFetchContext } from '../../../src/types.ts';
import { OAuthConfigError } from '../../../src/errors.ts';
import { facebook, mapFacebookProfile, facebookAppSecretProof } from '../../../src/providers/facebook.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/facebook-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'app-id', clientSecret: 'app-secret' };

test('mapFacebookProfile maps the documented payload (facebook-profile.json)', () => {
  assert.deepEqual(mapFacebookProfile(fixture), { id: '10102276385190571', name: 'Sam Example', email: 'sam@example.com', avatarUrl: 'https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=10102276385190571&height=50&width=50&ext=1700000000&hash=AbC' });
});

test('mapFacebookProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapFacebookProfile({ id: '10102276385190571' }), { id: '10102276385190571' });
  assert.deepEqual(mapFacebookProfile({ id: '1', name: 'Sam', picture: { data: { is_silhouette: true, url: 'https://static.xx.fbcdn.net/silhouette.png' } } }), { id: '1', name: 'Sam' });
});

test('mapFacebookProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapFacebookProfile({ name: 'Sam Example' }), TypeError);
  assert.throws(() => mapFacebookProfile({ error: { message: 'Invalid OAuth access token.', code: 190 } }), TypeError);
});

test('facebook() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = facebook(required);
  assert.equal(p.name, 'facebook');
  assert.equal(p.displayName, 'Facebook');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://www.facebook.com/v21.0/dialog/oauth');
  assert.equal(p.tokenEndpoint, 'https://graph.facebook.com/v21.0/oauth/access_token');
  assert.equal(p.userinfoEndpoint, 'https://graph.facebook.com/v21.0/me?fields=id,name,email,picture');
  assert.equal(p.apiBaseUrl, 'https://graph.facebook.com/v21.0/');
  assert.deepEqual(p.scope, ['email', 'public_profile']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(typeof p.decorateApiRequest, 'function');
  assert.equal(p.profile, mapFacebookProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/facebook\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('facebook() returns a frozen provider', () => {
  const p = facebook(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('facebook() applies overrides', () => {
  const p = facebook({
    ...required,
    name: 'facebook-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'facebook-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/facebook-two\/callback/);
});

test('facebook() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => facebook({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => facebook({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('facebook decorateApiRequest adds appsecret_proof = HMAC-SHA256(access token, app secret) on Graph calls', () => {
  const p = facebook(required);
  const expected = createHmac('sha256', 'app-secret').update('EAAB-user-token').digest('hex');
  const url = p.decorateApiRequest!(new URL('https://graph.facebook.com/v21.0/me/friends?limit=5'), { accessToken: 'EAAB-user-token' });
  assert.equal(url.searchParams.get('appsecret_proof'), expected);
  assert.equal(url.searchParams.get('limit'), '5');
  assert.match(expected, /^[0-9a-f]{64}$/);
  assert.equal(facebookAppSecretProof('EAAB-user-token', 'app-secret'), expected);
});

test('facebook decorateApiRequest leaves non-Graph URLs alone and does not mutate its input', () => {
  const p = facebook(required);
  const other = new URL('https://example.com/hook');
  assert.equal(p.decorateApiRequest!(other, { accessToken: 't' }).searchParams.has('appsecret_proof'), false);
  const graph = new URL('https://graph.facebook.com/v21.0/me');
  p.decorateApiRequest!(graph, { accessToken: 't' });
  assert.equal(graph.searchParams.has('appsecret_proof'), false);
});

test('facebook fetchProfile calls the userinfo URL with appsecret_proof', async () => {
  const urls: string[] = [];
  const ctx: ProfileFetchContext = {
    scope: ['email'],
    tokens: { accessToken: 'EAAB-user-token' },
    get: async (url) => {
      urls.push(url);
      return { id: '1' };
    },
    tryGet: async () => undefined,
  };
  await facebook(required).fetchProfile!(ctx);
  const called = new URL(urls[0]!);
  assert.equal(called.origin + called.pathname, 'https://graph.facebook.com/v21.0/me');
  assert.equal(called.searchParams.get('fields'), 'id,name,email,picture');
  assert.equal(called.searchParams.get('appsecret_proof'), createHmac('sha256', 'app-secret').update('EAAB-user-token').digest('hex'));
});

test('facebook({ version }) changes the Graph API version and refuses a malformed one', () => {
  const p = facebook({ ...required, version: 'v19.0' });
  assert.equal(p.authorizationEndpoint, 'https://www.facebook.com/v19.0/dialog/oauth');
  assert.equal(p.apiBaseUrl, 'https://graph.facebook.com/v19.0/');
  assert.throws(() => facebook({ ...required, version: '21' }), OAuthConfigError);
});
