import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { spotify, mapSpotifyProfile } from '../../../src/providers/spotify.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/spotify-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapSpotifyProfile maps the documented payload (spotify-profile.json)', () => {
  assert.deepEqual(mapSpotifyProfile(fixture), { id: 'wizzler', name: 'JM Wizzler', email: 'email@example.com', avatarUrl: 'https://i.scdn.co/image/ab67616d00001e02ff9ca10b55ce82ae553c8228' });
});

test('mapSpotifyProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapSpotifyProfile({ id: 'wizzler' }), { id: 'wizzler' });
  assert.deepEqual(mapSpotifyProfile({ id: 'wizzler', display_name: null, images: [] }), { id: 'wizzler' });
});

test('mapSpotifyProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapSpotifyProfile({ display_name: 'JM Wizzler' }), TypeError);
  assert.throws(() => mapSpotifyProfile({ error: { status: 401, message: 'The access token expired' } }), TypeError);
});

test('spotify() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = spotify(required);
  assert.equal(p.name, 'spotify');
  assert.equal(p.displayName, 'Spotify');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://accounts.spotify.com/authorize');
  assert.equal(p.tokenEndpoint, 'https://accounts.spotify.com/api/token');
  assert.equal(p.userinfoEndpoint, 'https://api.spotify.com/v1/me');
  assert.equal(p.apiBaseUrl, 'https://api.spotify.com/v1/');
  assert.deepEqual(p.scope, ['user-read-email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapSpotifyProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/spotify\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('spotify() returns a frozen provider', () => {
  const p = spotify(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('spotify() applies overrides', () => {
  const p = spotify({
    ...required,
    name: 'spotify-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'spotify-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/spotify-two\/callback/);
});

test('spotify() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => spotify({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => spotify({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
