import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { foursquare, mapFoursquareProfile } from '../../../src/providers/foursquare.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/foursquare-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapFoursquareProfile maps the documented payload (foursquare-profile.json)', () => {
  assert.deepEqual(mapFoursquareProfile(fixture), {"id": "1234567", "name": "Jimmy Foursquare", "email": "jimmy@example.com", "avatarUrl": "https://fastly.4sqi.net/img/user/original/blank_boy.png"});
});

test('mapFoursquareProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapFoursquareProfile({"response": {"user": {"id": "9", "photo": {"prefix": "https://x.example/"}, "contact": {}}}}), {"id": "9"});
});

test('mapFoursquareProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapFoursquareProfile({"response": {"user": {"firstName": "Jimmy"}}}), TypeError);
  assert.throws(() => mapFoursquareProfile({}), TypeError);
  assert.throws(() => mapFoursquareProfile(null), TypeError);
});

test('foursquare() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = foursquare(required);
  assert.equal(p.name, "foursquare");
  assert.equal(p.displayName, "Foursquare");
  assert.equal(p.protocol, "oauth2");
  assert.equal(p.authorizationEndpoint, "https://foursquare.com/oauth2/authenticate");
  assert.equal(p.tokenEndpoint, "https://foursquare.com/oauth2/access_token");
  assert.equal(p.userinfoEndpoint, "https://api.foursquare.com/v2/users/self");
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, "client_secret_post");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapFoursquareProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/foursquare\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('foursquare() returns a frozen provider', () => {
  const p = foursquare(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('foursquare() applies overrides', () => {
  const p = foursquare({
    ...required,
    name: 'foursquare-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'foursquare-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/foursquare-two\/callback/);
});

test('foursquare() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => foursquare({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => foursquare({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('foursquare adds oauth_token and v to API calls and fills in token_type', () => {
  const p = foursquare({ ...required, apiVersion: '20240101' });
  const url = p.decorateApiRequest!(new URL('https://api.foursquare.com/v2/users/self'), { accessToken: 'tok' });
  assert.equal(url.searchParams.get('oauth_token'), 'tok');
  assert.equal(url.searchParams.get('v'), '20240101');
  assert.equal(p.decorateApiRequest!(new URL('https://api.foursquare.com/v2/x?v=1'), { accessToken: 't' }).searchParams.get('v'), '1');
  assert.deepEqual(p.normalizeTokenResponse!({ access_token: 'tok' }), { access_token: 'tok', token_type: 'bearer' });
  assert.deepEqual(p.normalizeTokenResponse!({ access_token: 'tok', token_type: 'Bearer' }), { access_token: 'tok', token_type: 'Bearer' });
});
