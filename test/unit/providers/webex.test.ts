import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { webex, mapWebexProfile } from '../../../src/providers/webex.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/webex-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapWebexProfile maps the documented payload (webex-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapWebexProfile(fixture), { id: 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mNWIzNjE4Ny1jOGRkLTQ3MjctOGIyZi1mOWM0NDdmMjkwNDY', name: 'John Andersen', email: 'john.andersen@example.com', avatarUrl: 'https://1efa7a94ed21783e352-c62266528714497a17239ececf39e9e2.ssl.cf1.rackcdn.com/V1~54c844c89e678e5a7b16a306bc2897b9~wx29yGtlTpilEFlYzqPKag==~1600' });
});

test('mapWebexProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapWebexProfile({ id: 'p1' }), { id: 'p1' });
  assert.deepEqual(mapWebexProfile({ id: 'p1', emails: [], firstName: 'John', lastName: 'Andersen' }), { id: 'p1', name: 'John Andersen' });
  assert.deepEqual(mapWebexProfile({ id: 'p1', emails: 'not-an-array' }), { id: 'p1' });
});

test('mapWebexProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapWebexProfile({ message: 'The request requires a valid access token set in the Authorization request header.', trackingId: 'x' }), TypeError);
  assert.throws(() => mapWebexProfile({ emails: ['a@example.com'] }), TypeError);
  assert.throws(() => mapWebexProfile({}), TypeError);
  assert.throws(() => mapWebexProfile(null), TypeError);
});

test('webex() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = webex(required);
  assert.equal(p.name, 'webex');
  assert.equal(p.displayName, "Webex");
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://webexapis.com/v1/authorize');
  assert.equal(p.tokenEndpoint, 'https://webexapis.com/v1/access_token');
  assert.equal(p.userinfoEndpoint, 'https://webexapis.com/v1/people/me');
  assert.equal(p.apiBaseUrl, 'https://webexapis.com/v1/');
  assert.deepEqual(p.scope, ['spark:people_read']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapWebexProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/webex\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'enterprise');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('webex() returns a frozen provider', () => {
  const p = webex(required);
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

test('webex() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = webex({
    ...required,
    name: 'webex-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/v1/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/v1/access_token',
    userinfoEndpoint: 'http://127.0.0.1:4000/v1/people/me',
    apiBaseUrl: 'http://127.0.0.1:4000/v1/',
  });
  assert.equal(p.name, 'webex-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/v1/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/v1/access_token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/v1/people/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/v1/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/webex-two\/callback/);
});

test('webex() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => webex({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => webex({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => webex({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});
