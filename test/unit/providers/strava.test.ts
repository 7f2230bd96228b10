import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { strava, mapStravaProfile } from '../../../src/providers/strava.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/strava-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapStravaProfile maps the documented payload (strava-profile.json)', () => {
  assert.deepEqual(mapStravaProfile(fixture), { id: '134815', username: 'marianne_t', name: 'Marianne Teutenberg', avatarUrl: 'https://xxxxx.cloudfront.net/pictures/athletes/123456789/123456789/2/large.jpg' });
});

test('mapStravaProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapStravaProfile({ id: 134815 }), { id: '134815' });
  assert.deepEqual(mapStravaProfile({ id: 1, firstname: 'Marianne', profile: 'avatar/athlete/large.png' }), { id: '1', name: 'Marianne' });
});

test('mapStravaProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapStravaProfile({ username: 'marianne_t' }), TypeError);
  assert.throws(() => mapStravaProfile({ message: 'Authorization Error', errors: [] }), TypeError);
});

test('strava() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = strava(required);
  assert.equal(p.name, 'strava');
  assert.equal(p.displayName, 'Strava');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://www.strava.com/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://www.strava.com/oauth/token');
  assert.equal(p.userinfoEndpoint, 'https://www.strava.com/api/v3/athlete');
  assert.equal(p.apiBaseUrl, 'https://www.strava.com/api/v3/');
  assert.deepEqual(p.scope, ['read']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.scopeSeparator, ',');
  assert.equal(p.profile, mapStravaProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/strava\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('strava() returns a frozen provider', () => {
  const p = strava(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('strava() applies overrides', () => {
  const p = strava({
    ...required,
    name: 'strava-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'strava-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/strava-two\/callback/);
});

test('strava() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => strava({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => strava({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
