import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { mastodon, mapMastodonProfile } from '../../../src/providers/mastodon.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/mastodon-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', instanceUrl: 'https://mastodon.social' };

test('mapMastodonProfile maps the documented payload (mastodon-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapMastodonProfile(fixture), { id: '14715', username: 'trwnh', name: 'infinite love ⴳ', avatarUrl: 'https://files.mastodon.social/accounts/avatars/000/014/715/original/34aa222f4ae2e0a9.png' });
});

test('mapMastodonProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapMastodonProfile({ id: '1' }), { id: '1' });
  assert.deepEqual(mapMastodonProfile({ id: '1', acct: 'alice', display_name: '', avatar: null }), { id: '1', username: 'alice' });
});

test('mapMastodonProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapMastodonProfile({ error: 'The access token is invalid' }), TypeError);
  assert.throws(() => mapMastodonProfile({ username: 'alice' }), TypeError);
  assert.throws(() => mapMastodonProfile({}), TypeError);
  assert.throws(() => mapMastodonProfile(null), TypeError);
});

test('mastodon() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = mastodon(required);
  assert.equal(p.name, 'mastodon');
  assert.equal(p.displayName, "Mastodon");
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://mastodon.social/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://mastodon.social/oauth/token');
  assert.equal(p.userinfoEndpoint, 'https://mastodon.social/api/v1/accounts/verify_credentials');
  assert.equal(p.revocationEndpoint, 'https://mastodon.social/oauth/revoke');
  assert.equal(p.apiBaseUrl, 'https://mastodon.social/api/');
  assert.equal(p.docs?.registerUrl, 'https://mastodon.social/settings/applications');
  assert.deepEqual(p.scope, ['read:accounts']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapMastodonProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/mastodon\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('mastodon() returns a frozen provider', () => {
  const p = mastodon(required);
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

test('mastodon() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = mastodon({
    ...required,
    name: 'mastodon-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/oauth/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/oauth/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'mastodon-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/oauth/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/mastodon-two\/callback/);
});

test('mastodon() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => mastodon({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => mastodon({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => mastodon({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});

test("mastodon() needs an instanceUrl and builds every endpoint from it", () => {
  assert.throws(() => mastodon({ clientId: 'c', clientSecret: 's' } as any), OAuthConfigError);
  assert.throws(() => mastodon({ clientId: 'c', clientSecret: 's', instanceUrl: '' }), /instanceUrl is required/);
  assert.throws(() => mastodon({ clientId: 'c', clientSecret: 's', instanceUrl: 'mastodon.social' }), OAuthConfigError);
  assert.throws(() => mastodon({ clientId: 'c', clientSecret: 's', instanceUrl: 'http://mastodon.example' }), /https/);
  const p = mastodon({ clientId: 'c', clientSecret: 's', instanceUrl: 'https://fosstodon.org/' });
  assert.equal(p.tokenEndpoint, 'https://fosstodon.org/oauth/token');
  assert.equal(mastodon({ clientId: 'c', clientSecret: 's', instanceUrl: 'http://127.0.0.1:3000' }).authorizationEndpoint, 'http://127.0.0.1:3000/oauth/authorize');
});
