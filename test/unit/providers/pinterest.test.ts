import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { pinterest, mapPinterestProfile } from '../../../src/providers/pinterest.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/pinterest-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapPinterestProfile maps the documented payload (pinterest-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapPinterestProfile(fixture), { id: '549755885175', username: 'janedoe', name: "Jane's Garden", avatarUrl: 'https://i.pinimg.com/280x280_RS/42/03/a5/4203a5ac2b9b5bfc28c5b2b2d5ac6db1.jpg' });
});

test('mapPinterestProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapPinterestProfile({ id: '1' }), { id: '1' });
  assert.deepEqual(mapPinterestProfile({ id: '1', username: 'jd', business_name: null, profile_image: '' }), { id: '1', username: 'jd' });
});

test('mapPinterestProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapPinterestProfile({ code: 2, message: 'Authentication failed.' }), TypeError);
  assert.throws(() => mapPinterestProfile({ username: 'janedoe' }), TypeError);
  assert.throws(() => mapPinterestProfile({}), TypeError);
  assert.throws(() => mapPinterestProfile(null), TypeError);
});

test('pinterest() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = pinterest(required);
  assert.equal(p.name, 'pinterest');
  assert.equal(p.displayName, "Pinterest");
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://www.pinterest.com/oauth/');
  assert.equal(p.tokenEndpoint, 'https://api.pinterest.com/v5/oauth/token');
  assert.equal(p.userinfoEndpoint, 'https://api.pinterest.com/v5/user_account');
  assert.equal(p.apiBaseUrl, 'https://api.pinterest.com/v5/');
  assert.equal(p.scopeSeparator, ',');
  assert.deepEqual(p.scope, ['user_accounts:read']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapPinterestProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/pinterest\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('pinterest() returns a frozen provider', () => {
  const p = pinterest(required);
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

test('pinterest() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = pinterest({
    ...required,
    name: 'pinterest-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/oauth/',
    tokenEndpoint: 'http://127.0.0.1:4000/v5/oauth/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/v5/user_account',
    apiBaseUrl: 'http://127.0.0.1:4000/v5/',
  });
  assert.equal(p.name, 'pinterest-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/oauth/');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/v5/oauth/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/v5/user_account');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/v5/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/pinterest-two\/callback/);
});

test('pinterest() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => pinterest({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => pinterest({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => pinterest({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});
