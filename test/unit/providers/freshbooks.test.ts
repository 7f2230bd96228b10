import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { freshbooks, mapFreshbooksProfile } from '../../../src/providers/freshbooks.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/freshbooks-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapFreshbooksProfile maps the documented payload (freshbooks-profile.json)', () => {
  assert.deepEqual(mapFreshbooksProfile(fixture), {"id": "2192788", "name": "Jane Doe", "email": "jane@example.com", "emailVerified": true});
});

test('mapFreshbooksProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapFreshbooksProfile({"response": {"id": 5, "email": null}}), {"id": "5"});
});

test('mapFreshbooksProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapFreshbooksProfile({"response": {"first_name": "Jane"}}), TypeError);
  assert.throws(() => mapFreshbooksProfile({}), TypeError);
  assert.throws(() => mapFreshbooksProfile(null), TypeError);
});

test('freshbooks() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = freshbooks(required);
  assert.equal(p.name, "freshbooks");
  assert.equal(p.displayName, "FreshBooks");
  assert.equal(p.protocol, "oauth2");
  assert.equal(p.authorizationEndpoint, "https://my.freshbooks.com/service/auth/oauth/authorize");
  assert.equal(p.tokenEndpoint, "https://api.freshbooks.com/auth/oauth/token");
  assert.equal(p.userinfoEndpoint, "https://api.freshbooks.com/auth/api/v1/users/me");
  assert.deepEqual(p.scope, ["user:profile:read"]);
  assert.equal(p.clientAuth, "client_secret_post");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapFreshbooksProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/freshbooks\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('freshbooks() returns a frozen provider', () => {
  const p = freshbooks(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('freshbooks() applies overrides', () => {
  const p = freshbooks({
    ...required,
    name: 'freshbooks-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'freshbooks-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/freshbooks-two\/callback/);
});

test('freshbooks() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => freshbooks({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => freshbooks({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('mapFreshbooksProfile reads a null confirmed_at as unverified', () => {
  assert.equal(mapFreshbooksProfile({ response: { id: 1, email: 'a@b.example', confirmed_at: null } }).emailVerified, false);
  assert.equal(mapFreshbooksProfile({ response: { id: 1, email: 'a@b.example' } }).emailVerified, undefined);
});
