import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { imgur, mapImgurProfile } from '../../../src/providers/imgur.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/imgur-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapImgurProfile maps the documented payload (imgur-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapImgurProfile(fixture), { id: '384077', username: 'joshTest', avatarUrl: 'https://imgur.com/user/joshTest/avatar?maxwidth=290' });
});

test('mapImgurProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapImgurProfile({ data: { id: 1 } }), { id: '1' });
  assert.deepEqual(mapImgurProfile({ data: { id: 1, url: 'x', avatar: null }, success: true }), { id: '1', username: 'x' });
});

test('mapImgurProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapImgurProfile({ data: { error: 'Authentication required', request: '/3/account/me', method: 'GET' }, success: false, status: 401 }), TypeError);
  assert.throws(() => mapImgurProfile({ id: 1 }), TypeError);
  assert.throws(() => mapImgurProfile({}), TypeError);
  assert.throws(() => mapImgurProfile(null), TypeError);
});

test('imgur() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = imgur(required);
  assert.equal(p.name, 'imgur');
  assert.equal(p.displayName, "Imgur");
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://api.imgur.com/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'https://api.imgur.com/oauth2/token');
  assert.equal(p.userinfoEndpoint, 'https://api.imgur.com/3/account/me');
  assert.equal(p.apiBaseUrl, 'https://api.imgur.com/3/');
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapImgurProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/imgur\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('imgur() returns a frozen provider', () => {
  const p = imgur(required);
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

test('imgur() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = imgur({
    ...required,
    name: 'imgur-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/oauth2/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/oauth2/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/3/account/me',
    apiBaseUrl: 'http://127.0.0.1:4000/3/',
  });
  assert.equal(p.name, 'imgur-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/oauth2/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/3/account/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/3/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/imgur-two\/callback/);
});

test('imgur() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => imgur({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => imgur({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => imgur({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});
