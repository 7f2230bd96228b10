import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { wikimedia, mapWikimediaProfile } from '../../../src/providers/wikimedia.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/wikimedia-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapWikimediaProfile maps the documented payload (wikimedia-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapWikimediaProfile(fixture), { id: '12345678', username: 'Example User', name: 'Example Person', email: 'user@example.org', emailVerified: true });
});

test('mapWikimediaProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapWikimediaProfile({ sub: 1 }), { id: '1' });
  assert.deepEqual(mapWikimediaProfile({ sub: '1', username: 'U', realname: '', confirmed_email: true }), { id: '1', username: 'U' });
});

test('mapWikimediaProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapWikimediaProfile({ error: 'invalid_request' }), TypeError);
  assert.throws(() => mapWikimediaProfile({ username: 'Example User' }), TypeError);
  assert.throws(() => mapWikimediaProfile({}), TypeError);
  assert.throws(() => mapWikimediaProfile(null), TypeError);
});

test('wikimedia() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = wikimedia(required);
  assert.equal(p.name, 'wikimedia');
  assert.equal(p.displayName, "Wikimedia");
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://meta.wikimedia.org/w/rest.php/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'https://meta.wikimedia.org/w/rest.php/oauth2/access_token');
  assert.equal(p.userinfoEndpoint, 'https://meta.wikimedia.org/w/rest.php/oauth2/resource/profile');
  assert.equal(p.apiBaseUrl, 'https://meta.wikimedia.org/w/');
  assert.equal(p.docs?.registerUrl, 'https://meta.wikimedia.org/wiki/Special:OAuthConsumerRegistration/propose/oauth2');
  assert.equal(p.apiHeaders?.['User-Agent']?.startsWith('express-oauth-kit'), true);
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapWikimediaProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/wikimedia\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('wikimedia() returns a frozen provider', () => {
  const p = wikimedia(required);
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

test('wikimedia() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = wikimedia({
    ...required,
    name: 'wikimedia-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/w/rest.php/oauth2/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/w/rest.php/oauth2/access_token',
    userinfoEndpoint: 'http://127.0.0.1:4000/w/rest.php/oauth2/resource/profile',
    apiBaseUrl: 'http://127.0.0.1:4000/w/',
    userAgent: 'Tool/1.0 (ops@example.org)',
  });
  assert.equal(p.name, 'wikimedia-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/w/rest.php/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/w/rest.php/oauth2/access_token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/w/rest.php/oauth2/resource/profile');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/w/');
  assert.equal(p.apiHeaders?.['User-Agent'], 'Tool/1.0 (ops@example.org)');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/wikimedia-two\/callback/);
});

test('wikimedia() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => wikimedia({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => wikimedia({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => wikimedia({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});

test("wikimedia() serves another MediaWiki from its wikiUrl", () => {
  const p = wikimedia({ ...required, wikiUrl: 'https://wiki.example.org/w/' });
  assert.equal(p.tokenEndpoint, 'https://wiki.example.org/w/rest.php/oauth2/access_token');
  assert.equal(p.userinfoEndpoint, 'https://wiki.example.org/w/rest.php/oauth2/resource/profile');
  assert.throws(() => wikimedia({ ...required, wikiUrl: 'wiki.example.org' }), OAuthConfigError);
});
