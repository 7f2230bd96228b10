import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { wordpress, mapWordpressProfile } from '../../../src/providers/wordpress.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/wordpress-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapWordpressProfile maps the documented payload (wordpress-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapWordpressProfile(fixture), { id: '18342963', username: 'janedoe', name: 'Jane Doe', email: 'jane.doe@example.com', emailVerified: true, avatarUrl: 'https://0.gravatar.com/avatar/9a5e5e7b3e3a3c1d2f0e1b2c3d4e5f60?s=96&d=identicon' });
});

test('mapWordpressProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapWordpressProfile({ ID: 1 }), { id: '1' });
  assert.deepEqual(mapWordpressProfile({ ID: 1, email: '', email_verified: true, avatar_URL: null }), { id: '1' });
});

test('mapWordpressProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapWordpressProfile({ error: 'authorization_required', message: 'An active access token must be used to query information about the current user.' }), TypeError);
  assert.throws(() => mapWordpressProfile({ id: 1 }), TypeError);
  assert.throws(() => mapWordpressProfile({}), TypeError);
  assert.throws(() => mapWordpressProfile(null), TypeError);
});

test('wordpress() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = wordpress(required);
  assert.equal(p.name, 'wordpress');
  assert.equal(p.displayName, "WordPress.com");
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://public-api.wordpress.com/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'https://public-api.wordpress.com/oauth2/token');
  assert.equal(p.userinfoEndpoint, 'https://public-api.wordpress.com/rest/v1.1/me');
  assert.equal(p.apiBaseUrl, 'https://public-api.wordpress.com/');
  assert.deepEqual(p.scope, ['auth']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapWordpressProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/wordpress\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('wordpress() returns a frozen provider', () => {
  const p = wordpress(required);
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

test('wordpress() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = wordpress({
    ...required,
    name: 'wordpress-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/oauth2/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/oauth2/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/rest/v1.1/me',
    apiBaseUrl: 'http://127.0.0.1:4000/',
  });
  assert.equal(p.name, 'wordpress-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/oauth2/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/rest/v1.1/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/wordpress-two\/callback/);
});

test('wordpress() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => wordpress({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => wordpress({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => wordpress({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});
