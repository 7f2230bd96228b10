import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { osu, mapOsuProfile } from '../../../src/providers/osu.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/osu-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapOsuProfile maps the documented payload (osu-profile.json)', () => {
  assert.deepEqual(mapOsuProfile(fixture), { id: '2', username: 'peppy', name: 'peppy', avatarUrl: 'https://a.ppy.sh/2?1519081077.png' });
});

test('mapOsuProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapOsuProfile({ id: 2 }), { id: '2' });
});

test('mapOsuProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapOsuProfile({ username: 'peppy' }), TypeError);
  assert.throws(() => mapOsuProfile({ authentication: 'basic' }), TypeError);
});

test('osu() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = osu(required);
  assert.equal(p.name, 'osu');
  assert.equal(p.displayName, 'osu!');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://osu.ppy.sh/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://osu.ppy.sh/oauth/token');
  assert.equal(p.userinfoEndpoint, 'https://osu.ppy.sh/api/v2/me');
  assert.equal(p.apiBaseUrl, 'https://osu.ppy.sh/api/v2/');
  assert.deepEqual(p.scope, ['identify']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapOsuProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/osu\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('osu() returns a frozen provider', () => {
  const p = osu(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('osu() applies overrides', () => {
  const p = osu({
    ...required,
    name: 'osu-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'osu-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/osu-two\/callback/);
});

test('osu() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => osu({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => osu({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
