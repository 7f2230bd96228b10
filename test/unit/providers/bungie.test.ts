import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { bungie, mapBungieProfile } from '../../../src/providers/bungie.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/bungie-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', apiKey: 'api-key' };

test('mapBungieProfile maps the documented payload (bungie-profile.json)', () => {
  assert.deepEqual(mapBungieProfile(fixture), {"id": "20027802", "username": "Guardian#0042", "name": "Guardian", "avatarUrl": "https://www.bungie.net/img/profile/avatars/default_avatar.gif"});
});

test('mapBungieProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapBungieProfile({"Response": {"bungieNetUser": {"membershipId": "1", "profilePicturePath": ""}}}), {"id": "1"});
});

test('mapBungieProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapBungieProfile({"Response": {"bungieNetUser": {"displayName": "Guardian"}}}), TypeError);
  assert.throws(() => mapBungieProfile({}), TypeError);
  assert.throws(() => mapBungieProfile(null), TypeError);
});

test('bungie() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = bungie(required);
  assert.equal(p.name, "bungie");
  assert.equal(p.displayName, "Bungie.net");
  assert.equal(p.protocol, "oauth2");
  assert.equal(p.authorizationEndpoint, "https://www.bungie.net/en/OAuth/Authorize");
  assert.equal(p.tokenEndpoint, "https://www.bungie.net/Platform/App/OAuth/token/");
  assert.equal(p.userinfoEndpoint, "https://www.bungie.net/Platform/User/GetMembershipsForCurrentUser/");
  assert.equal(p.apiHeaders?.['X-API-Key'], "api-key");
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, "client_secret_basic");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapBungieProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/bungie\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('bungie() returns a frozen provider', () => {
  const p = bungie(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('bungie() applies overrides', () => {
  const p = bungie({
    ...required,
    name: 'bungie-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'bungie-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/bungie-two\/callback/);
});

test('bungie() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => bungie({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => bungie({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('bungie needs the API key', () => {
  assert.throws(() => bungie({ clientId: 'c', clientSecret: 's', apiKey: '' }), OAuthConfigError);
  assert.throws(() => bungie({ clientId: 'c', clientSecret: 's' } as never), /apiKey/);
});
