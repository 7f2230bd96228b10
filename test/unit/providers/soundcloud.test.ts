import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { soundcloud, mapSoundcloudProfile } from '../../../src/providers/soundcloud.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/soundcloud-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapSoundcloudProfile maps the documented payload (soundcloud-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapSoundcloudProfile(fixture), { id: 'soundcloud:users:3207', username: 'jwagener', name: 'Johannes Wagener', avatarUrl: 'https://i1.sndcdn.com/avatars-000001552142-pbw8yd-large.jpg' });
});

test('mapSoundcloudProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapSoundcloudProfile({ id: 3207 }), { id: 'soundcloud:users:3207' });
  assert.deepEqual(mapSoundcloudProfile({ urn: 'soundcloud:users:1', username: '', first_name: 'A', last_name: 'B' }), { id: 'soundcloud:users:1', name: 'A B' });
});

test('mapSoundcloudProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapSoundcloudProfile({ code: 401, message: '401 - Unauthorized' }), TypeError);
  assert.throws(() => mapSoundcloudProfile({ username: 'Johannes Wagener' }), TypeError);
  assert.throws(() => mapSoundcloudProfile({}), TypeError);
  assert.throws(() => mapSoundcloudProfile(null), TypeError);
});

test('soundcloud() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = soundcloud(required);
  assert.equal(p.name, 'soundcloud');
  assert.equal(p.displayName, "SoundCloud");
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://secure.soundcloud.com/authorize');
  assert.equal(p.tokenEndpoint, 'https://secure.soundcloud.com/oauth/token');
  assert.equal(p.userinfoEndpoint, 'https://api.soundcloud.com/me');
  assert.equal(p.apiBaseUrl, 'https://api.soundcloud.com/');
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapSoundcloudProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/soundcloud\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('soundcloud() returns a frozen provider', () => {
  const p = soundcloud(required);
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

test('soundcloud() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = soundcloud({
    ...required,
    name: 'soundcloud-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/oauth/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/',
  });
  assert.equal(p.name, 'soundcloud-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/oauth/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/soundcloud-two\/callback/);
});

test('soundcloud() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => soundcloud({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => soundcloud({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => soundcloud({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});

test("soundcloud() fetches /me with the OAuth authorization scheme", () => {
  const seen: { url: string; headers?: Record<string, string> }[] = [];
  const get = async (url: string, init?: { headers?: Record<string, string> }) => { seen.push({ url, headers: init?.headers }); return { urn: 'soundcloud:users:1' }; };
  const p = soundcloud({ ...required, userinfoEndpoint: 'http://127.0.0.1:4000/me' });
  return p.fetchProfile!({ get, tryGet: get, tokens: { accessToken: 'tok' }, scope: [] }).then((raw) => {
    assert.deepEqual(raw, { urn: 'soundcloud:users:1' });
    assert.deepEqual(seen, [{ url: 'http://127.0.0.1:4000/me', headers: { Authorization: 'OAuth tok' } }]);
  });
});
