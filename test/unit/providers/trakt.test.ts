import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { trakt, mapTraktProfile } from '../../../src/providers/trakt.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/trakt-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapTraktProfile maps the documented payload (trakt-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapTraktProfile(fixture), { id: 'b6589fc6ab0dc82cf12099d1c2d40ab994e8410c', username: 'sean', name: 'Sean Rudford' });
});

test('mapTraktProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapTraktProfile({ user: { ids: { uuid: 'u-1' } } }), { id: 'u-1' });
  assert.deepEqual(mapTraktProfile({ user: { username: 'x', name: null, ids: { slug: 'x', uuid: 'u-1' } } }), { id: 'u-1', username: 'x' });
});

test('mapTraktProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapTraktProfile({ user: { username: 'sean', ids: { slug: 'sean' } } }), TypeError);
  assert.throws(() => mapTraktProfile({ error: 'invalid_token' }), TypeError);
  assert.throws(() => mapTraktProfile({}), TypeError);
  assert.throws(() => mapTraktProfile(null), TypeError);
});

test('trakt() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = trakt(required);
  assert.equal(p.name, 'trakt');
  assert.equal(p.displayName, "Trakt");
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://trakt.tv/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://api.trakt.tv/oauth/token');
  assert.equal(p.userinfoEndpoint, 'https://api.trakt.tv/users/settings');
  assert.equal(p.revocationEndpoint, 'https://api.trakt.tv/oauth/revoke');
  assert.equal(p.apiBaseUrl, 'https://api.trakt.tv/');
  assert.deepEqual({ ...p.apiHeaders }, { 'trakt-api-key': 'client-id', 'trakt-api-version': '2' });
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapTraktProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/trakt\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('trakt() returns a frozen provider', () => {
  const p = trakt(required);
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

test('trakt() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = trakt({
    ...required,
    name: 'trakt-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/oauth/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/oauth/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/users/settings',
    apiBaseUrl: 'http://127.0.0.1:4000/',
  });
  assert.equal(p.name, 'trakt-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/oauth/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/users/settings');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/trakt-two\/callback/);
});

test('trakt() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => trakt({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => trakt({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => trakt({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});

test("trakt() switches to the staging hosts", () => {
  const p = trakt({ ...required, staging: true });
  assert.equal(p.authorizationEndpoint, 'https://staging.trakt.tv/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://api-staging.trakt.tv/oauth/token');
  assert.equal(p.docs?.registerUrl, 'https://staging.trakt.tv/oauth/applications/new');
});
