import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { hubspot, mapHubspotProfile } from '../../../src/providers/hubspot.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/hubspot-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapHubspotProfile maps the documented payload (hubspot-profile.json)', () => {
  assert.deepEqual(mapHubspotProfile(fixture), {"id": "123456", "username": "user@example.com", "email": "user@example.com"});
});

test('mapHubspotProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapHubspotProfile({"user_id": 1, "user": null}), {"id": "1"});
});

test('mapHubspotProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapHubspotProfile({"user": "user@example.com"}), TypeError);
  assert.throws(() => mapHubspotProfile({}), TypeError);
  assert.throws(() => mapHubspotProfile(null), TypeError);
});

test('hubspot() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = hubspot(required);
  assert.equal(p.name, "hubspot");
  assert.equal(p.displayName, "HubSpot");
  assert.equal(p.protocol, "oauth2");
  assert.equal(p.authorizationEndpoint, "https://app.hubspot.com/oauth/authorize");
  assert.equal(p.tokenEndpoint, "https://api.hubapi.com/oauth/v3/token");
  assert.equal(p.userinfoEndpoint, "https://api.hubapi.com/oauth/v1/access-tokens");
  assert.deepEqual(p.scope, ["oauth"]);
  assert.equal(p.clientAuth, "client_secret_post");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapHubspotProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/hubspot\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('hubspot() returns a frozen provider', () => {
  const p = hubspot(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('hubspot() applies overrides', () => {
  const p = hubspot({
    ...required,
    name: 'hubspot-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'hubspot-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/hubspot-two\/callback/);
});

test('hubspot() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => hubspot({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => hubspot({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('hubspot fetches the token metadata with the token in the path', async () => {
  const seen: string[] = [];
  const get = async (url: string) => {
    seen.push(url);
    return fixture;
  };
  const ctx = { get, tryGet: get, tokens: { accessToken: 'CK/DZ+pu' }, scope: [] };
  assert.equal(await hubspot(required).fetchProfile!(ctx), fixture);
  await hubspot({ ...required, userinfoEndpoint: 'http://127.0.0.1:4000/meta/' }).fetchProfile!(ctx);
  assert.deepEqual(seen, ['https://api.hubapi.com/oauth/v1/access-tokens/CK%2FDZ%2Bpu', 'http://127.0.0.1:4000/meta/CK%2FDZ%2Bpu']);
});
