import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { vimeo, mapVimeoProfile } from '../../../src/providers/vimeo.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/vimeo-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('vimeo-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapVimeoProfile maps the documented payload (vimeo-profile.json)', () => {
  assert.deepEqual(mapVimeoProfile(fixture), { id: '152184', name: 'Vimeo Staff', avatarUrl: 'https://i.vimeocdn.com/portrait/79419390_300x300' });
});

test('mapVimeoProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapVimeoProfile({ uri: '/users/152184' }), { id: '152184' });
  assert.deepEqual(mapVimeoProfile({ uri: '/users/7', pictures: { base_link: 'https://i.vimeocdn.com/portrait/1', sizes: [] } }), { id: '7', avatarUrl: 'https://i.vimeocdn.com/portrait/1' });
  assert.deepEqual(mapVimeoProfile({ uri: '/users/8', pictures: null }), { id: '8' });
});

test('mapVimeoProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapVimeoProfile({ name: 'Vimeo Staff' }), TypeError);
  assert.throws(() => mapVimeoProfile({ uri: '/videos/152184' }), TypeError);
  assert.throws(() => mapVimeoProfile({ uri: '/users/' }), TypeError);
  assert.throws(() => mapVimeoProfile({}), TypeError);
  assert.throws(() => mapVimeoProfile(null), TypeError);
});

test('vimeo() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = vimeo(required);
  assert.equal(p.name, 'vimeo');
  assert.equal(p.displayName, 'Vimeo');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://api.vimeo.com/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://api.vimeo.com/oauth/access_token');
  assert.equal(p.userinfoEndpoint, 'https://api.vimeo.com/me');
  assert.equal(p.apiBaseUrl, 'https://api.vimeo.com/');
  assert.deepEqual(p.apiHeaders, { Accept: 'application/vnd.vimeo.*+json;version=3.4' });
  assert.deepEqual(p.scope, ['public']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapVimeoProfile);
  assert.deepEqual([...p.quirks], ['id-from-uri', 'version-accept-header', 'no-email']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/vimeo\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('vimeo() returns a frozen provider', () => {
  const p = vimeo(required);
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

test('vimeo() applies overrides', () => {
  const p = vimeo({
    ...required,
    name: 'vimeo-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'vimeo-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/vimeo-two\/callback/);
});

test('vimeo() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => vimeo({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => vimeo({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
