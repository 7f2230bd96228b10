import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { heroku, mapHerokuProfile } from '../../../src/providers/heroku.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/heroku-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('heroku-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapHerokuProfile maps the documented payload (heroku-profile.json)', () => {
  assert.deepEqual(mapHerokuProfile(fixture), { id: '01234567-89ab-cdef-0123-456789abcdef', name: 'Tina Edmonds', email: 'username@example.com' });
});

test('mapHerokuProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapHerokuProfile({ id: '01234567-89ab-cdef-0123-456789abcdef', name: null, email: '' }), { id: '01234567-89ab-cdef-0123-456789abcdef' });
});

test('mapHerokuProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapHerokuProfile({ email: 'username@example.com', verified: true }), TypeError);
  assert.throws(() => mapHerokuProfile({}), TypeError);
  assert.throws(() => mapHerokuProfile(null), TypeError);
});

test('heroku() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = heroku(required);
  assert.equal(p.name, 'heroku');
  assert.equal(p.displayName, 'Heroku');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://id.heroku.com/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://id.heroku.com/oauth/token');
  assert.equal(p.userinfoEndpoint, 'https://api.heroku.com/account');
  assert.equal(p.apiBaseUrl, 'https://api.heroku.com/');
  assert.deepEqual(p.apiHeaders, { Accept: 'application/vnd.heroku+json; version=3' });
  assert.deepEqual(p.scope, ['identity']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapHerokuProfile);
  assert.deepEqual([...p.quirks], ['version-accept-header', 'client-secret-post']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/heroku\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'developer');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('heroku() returns a frozen provider', () => {
  const p = heroku(required);
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

test('heroku() applies overrides', () => {
  const p = heroku({
    ...required,
    name: 'heroku-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'heroku-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/heroku-two\/callback/);
});

test('heroku() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => heroku({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => heroku({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('mapHerokuProfile never claims a verified email from the billing flag', () => {
  assert.equal('emailVerified' in mapHerokuProfile({ id: 'x', email: 'a@example.com', verified: true }), false);
  assert.ok(Object.isFrozen(heroku(required).apiHeaders));
});
