import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { deviantart, mapDeviantartProfile } from '../../../src/providers/deviantart.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/deviantart-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapDeviantartProfile maps the documented payload (deviantart-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapDeviantartProfile(fixture), { id: '09A4052F-F602-E2C9-0D6A-7DD3BAE1B3F7', username: 'spyed', avatarUrl: 'https://a.deviantart.net/avatars/s/p/spyed.gif' });
});

test('mapDeviantartProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapDeviantartProfile({ userid: 'u1' }), { id: 'u1' });
  assert.deepEqual(mapDeviantartProfile({ userid: 'u1', profile: { real_name: 'Scott' }, usericon: '' }), { id: 'u1', name: 'Scott' });
});

test('mapDeviantartProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapDeviantartProfile({ error: 'invalid_token', error_description: 'Expired oAuth2 user token.', status: 'error' }), TypeError);
  assert.throws(() => mapDeviantartProfile({ username: 'spyed' }), TypeError);
  assert.throws(() => mapDeviantartProfile({}), TypeError);
  assert.throws(() => mapDeviantartProfile(null), TypeError);
});

test('deviantart() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = deviantart(required);
  assert.equal(p.name, 'deviantart');
  assert.equal(p.displayName, "DeviantArt");
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://www.deviantart.com/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'https://www.deviantart.com/oauth2/token');
  assert.equal(p.userinfoEndpoint, 'https://www.deviantart.com/api/v1/oauth2/user/whoami');
  assert.equal(p.revocationEndpoint, 'https://www.deviantart.com/oauth2/revoke');
  assert.equal(p.apiBaseUrl, 'https://www.deviantart.com/api/v1/oauth2/');
  assert.deepEqual(p.scope, ['user']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapDeviantartProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/deviantart\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('deviantart() returns a frozen provider', () => {
  const p = deviantart(required);
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

test('deviantart() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = deviantart({
    ...required,
    name: 'deviantart-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/oauth2/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/oauth2/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/api/v1/oauth2/user/whoami',
    revocationEndpoint: 'http://127.0.0.1:4000/oauth2/revoke',
    apiBaseUrl: 'http://127.0.0.1:4000/api/v1/oauth2/',
  });
  assert.equal(p.name, 'deviantart-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/oauth2/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/api/v1/oauth2/user/whoami');
  assert.equal(p.revocationEndpoint, 'http://127.0.0.1:4000/oauth2/revoke');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/v1/oauth2/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/deviantart-two\/callback/);
});

test('deviantart() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => deviantart({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => deviantart({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => deviantart({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});
