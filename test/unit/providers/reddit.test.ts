import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { reddit, mapRedditProfile } from '../../../src/providers/reddit.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/reddit-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapRedditProfile maps the documented payload (reddit-profile.json)', () => {
  assert.deepEqual(mapRedditProfile(fixture), { id: '1w72', username: 'spez', name: 'Steve Huffman', avatarUrl: 'https://styles.redditmedia.com/t5_3k30p/styles/profileIcon_snoo-nftv2_bmZ0X2VpcDE1NToxMzdfYz.png?width=256&height=256&crop=256:256,smart&s=abcdef' });
});

test('mapRedditProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapRedditProfile({ id: '1w72' }), { id: '1w72' });
  assert.deepEqual(mapRedditProfile({ id: '1w72', name: 'spez', icon_img: '' }), { id: '1w72', username: 'spez', name: 'spez' });
});

test('mapRedditProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapRedditProfile({ name: 'spez' }), TypeError);
  assert.throws(() => mapRedditProfile({ message: 'Unauthorized', error: 401 }), TypeError);
});

test('reddit() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = reddit(required);
  assert.equal(p.name, 'reddit');
  assert.equal(p.displayName, 'Reddit');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://www.reddit.com/api/v1/authorize');
  assert.equal(p.tokenEndpoint, 'https://www.reddit.com/api/v1/access_token');
  assert.equal(p.revocationEndpoint, 'https://www.reddit.com/api/v1/revoke_token');
  assert.equal(p.userinfoEndpoint, 'https://oauth.reddit.com/api/v1/me');
  assert.equal(p.apiBaseUrl, 'https://oauth.reddit.com/');
  assert.deepEqual(p.apiHeaders, { 'User-Agent': 'web:client-id:v1 (express-oauth-kit)' });
  assert.deepEqual(p.authorizationParams, { duration: 'temporary' });
  assert.deepEqual(p.scope, ['identity']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, false);
  assert.equal(p.profile, mapRedditProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/reddit\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('reddit() returns a frozen provider', () => {
  const p = reddit(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('reddit() applies overrides', () => {
  const p = reddit({
    ...required,
    name: 'reddit-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'reddit-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/reddit-two\/callback/);
});

test('reddit() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => reddit({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => reddit({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('reddit takes a custom User-Agent and permanent (refreshable) tokens', () => {
  const p = reddit({ ...required, userAgent: 'web:com.example.app:v1.0 (by /u/example)', permanent: true });
  assert.deepEqual(p.apiHeaders, { 'User-Agent': 'web:com.example.app:v1.0 (by /u/example)' });
  assert.deepEqual(p.authorizationParams, { duration: 'permanent' });
});
