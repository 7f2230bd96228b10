import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { clickup, mapClickupProfile } from '../../../src/providers/clickup.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/clickup-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapClickupProfile maps the documented payload (clickup-profile.json)', () => {
  assert.deepEqual(mapClickupProfile(fixture), {"id": "123", "username": "John Doe", "name": "John Doe", "email": "john@example.com", "avatarUrl": "https://attachments.clickup.com/profilePictures/123_abc.jpg"});
});

test('mapClickupProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapClickupProfile({"user": {"id": 7, "email": null}}), {"id": "7"});
});

test('mapClickupProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapClickupProfile({"user": {"username": "John"}}), TypeError);
  assert.throws(() => mapClickupProfile({}), TypeError);
  assert.throws(() => mapClickupProfile(null), TypeError);
});

test('clickup() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = clickup(required);
  assert.equal(p.name, "clickup");
  assert.equal(p.displayName, "ClickUp");
  assert.equal(p.protocol, "oauth2");
  assert.equal(p.authorizationEndpoint, "https://app.clickup.com/api");
  assert.equal(p.tokenEndpoint, "https://api.clickup.com/api/v2/oauth/token");
  assert.equal(p.userinfoEndpoint, "https://api.clickup.com/api/v2/user");
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, "client_secret_post");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapClickupProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/clickup\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('clickup() returns a frozen provider', () => {
  const p = clickup(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('clickup() applies overrides', () => {
  const p = clickup({
    ...required,
    name: 'clickup-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'clickup-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/clickup-two\/callback/);
});

test('clickup() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => clickup({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => clickup({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('clickup fills in a missing token_type and keeps a present one', () => {
  const p = clickup(required);
  assert.deepEqual(p.normalizeTokenResponse!({ access_token: 'tok' }), { access_token: 'tok', token_type: 'bearer' });
  assert.deepEqual(p.normalizeTokenResponse!({ access_token: 'tok', token_type: 'Bearer' }), { access_token: 'tok', token_type: 'Bearer' });
});
