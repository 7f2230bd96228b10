import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { naver, mapNaverProfile } from '../../../src/providers/naver.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/naver-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapNaverProfile maps the documented payload (naver-profile.json)', () => {
  assert.deepEqual(mapNaverProfile(fixture), { id: '32742776', username: 'OpenAPI', name: '오픈 API', email: 'openapi@naver.com', avatarUrl: 'https://ssl.pstatic.net/static/pwe/address/nodata_33x33.gif' });
});

test('mapNaverProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapNaverProfile({ resultcode: '00', message: 'success', response: { id: '32742776' } }), { id: '32742776' });
});

test('mapNaverProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapNaverProfile({ resultcode: '024', message: 'Authentication failed' }), TypeError);
  assert.throws(() => mapNaverProfile({ response: {} }), TypeError);
});

test('naver() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = naver(required);
  assert.equal(p.name, 'naver');
  assert.equal(p.displayName, 'Naver');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://nid.naver.com/oauth2.0/authorize');
  assert.equal(p.tokenEndpoint, 'https://nid.naver.com/oauth2.0/token');
  assert.equal(p.userinfoEndpoint, 'https://openapi.naver.com/v1/nid/me');
  assert.equal(p.apiBaseUrl, 'https://openapi.naver.com/');
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapNaverProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/naver\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('naver() returns a frozen provider', () => {
  const p = naver(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('naver() applies overrides', () => {
  const p = naver({
    ...required,
    name: 'naver-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'naver-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/naver-two\/callback/);
});

test('naver() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => naver({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => naver({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
