import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { kakao, mapKakaoProfile } from '../../../src/providers/kakao.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/kakao-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapKakaoProfile maps the documented payload (kakao-profile.json)', () => {
  assert.deepEqual(mapKakaoProfile(fixture), { id: '123456789', name: '홍길동', email: 'sample@sample.com', emailVerified: true, avatarUrl: 'http://yyy.kakao.com/dn/.../img_640x640.jpg' });
});

test('mapKakaoProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapKakaoProfile({ id: 123456789 }), { id: '123456789' });
  assert.deepEqual(mapKakaoProfile({ id: 1, kakao_account: { email: 'old@sample.com', is_email_valid: false, is_email_verified: true, profile: { is_default_image: true, profile_image_url: 'http://k.kakaocdn.net/default.jpg' } } }), { id: '1' });
});

test('mapKakaoProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapKakaoProfile({ kakao_account: {} }), TypeError);
  assert.throws(() => mapKakaoProfile({ msg: 'this access token does not exist', code: -401 }), TypeError);
});

test('kakao() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = kakao(required);
  assert.equal(p.name, 'kakao');
  assert.equal(p.displayName, 'Kakao');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://kauth.kakao.com/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://kauth.kakao.com/oauth/token');
  assert.equal(p.userinfoEndpoint, 'https://kapi.kakao.com/v2/user/me');
  assert.equal(p.apiBaseUrl, 'https://kapi.kakao.com/');
  assert.deepEqual(p.scope, ['profile_nickname', 'profile_image']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.scopeSeparator, ',');
  assert.equal(p.profile, mapKakaoProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/kakao\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('kakao() returns a frozen provider', () => {
  const p = kakao(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('kakao() applies overrides', () => {
  const p = kakao({
    ...required,
    name: 'kakao-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'kakao-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/kakao-two\/callback/);
});

test('kakao() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => kakao({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => kakao({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('kakao without a client secret is a public client (client auth none)', () => {
  assert.equal(kakao({ clientId: 'rest-api-key' }).clientAuth, 'none');
});
