import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { fortyTwo, mapFortyTwoProfile } from '../../../src/providers/42.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/42-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapFortyTwoProfile maps the documented payload (42-profile.json)', () => {
  assert.deepEqual(mapFortyTwoProfile(fixture), {"id": "2", "username": "andre", "name": "Juliette Aubin", "email": "andre@42.fr", "avatarUrl": "https://cdn.intra.42.fr/users/1234567890/andre.jpg"});
});

test('mapFortyTwoProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapFortyTwoProfile({"id": 7, "image": {"link": null}, "usual_full_name": null}), {"id": "7"});
});

test('mapFortyTwoProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapFortyTwoProfile({"login": "andre"}), TypeError);
  assert.throws(() => mapFortyTwoProfile({}), TypeError);
  assert.throws(() => mapFortyTwoProfile(null), TypeError);
});

test('fortyTwo() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = fortyTwo(required);
  assert.equal(p.name, "42");
  assert.equal(p.displayName, "42");
  assert.equal(p.protocol, "oauth2");
  assert.equal(p.authorizationEndpoint, "https://api.intra.42.fr/oauth/authorize");
  assert.equal(p.tokenEndpoint, "https://api.intra.42.fr/oauth/token");
  assert.equal(p.userinfoEndpoint, "https://api.intra.42.fr/v2/me");
  assert.deepEqual(p.scope, ["public"]);
  assert.equal(p.clientAuth, "client_secret_post");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapFortyTwoProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/42\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('fortyTwo() returns a frozen provider', () => {
  const p = fortyTwo(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('fortyTwo() applies overrides', () => {
  const p = fortyTwo({
    ...required,
    name: '42-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, '42-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/42-two\/callback/);
});

test('fortyTwo() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => fortyTwo({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => fortyTwo({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('mapFortyTwoProfile reads the older image_url and the displayname', () => {
  assert.deepEqual(mapFortyTwoProfile({ id: 3, displayname: 'Marie Curie', image_url: 'https://cdn.intra.42.fr/users/marie.jpg' }), { id: '3', name: 'Marie Curie', avatarUrl: 'https://cdn.intra.42.fr/users/marie.jpg' });
});
