import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { eventbrite, mapEventbriteProfile } from '../../../src/providers/eventbrite.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/eventbrite-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('eventbrite-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapEventbriteProfile maps the documented payload (eventbrite-profile.json)', () => {
  assert.deepEqual(mapEventbriteProfile(fixture), { id: '1234567890', name: 'John Smith', email: 'john.smith@example.com', emailVerified: true });
});

test('mapEventbriteProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapEventbriteProfile({ id: '1234567890', emails: [] }), { id: '1234567890' });
  assert.deepEqual(mapEventbriteProfile({ id: '1', first_name: 'John', last_name: 'Smith', emails: [{ email: 'j@example.org', verified: false }] }), { id: '1', name: 'John Smith', email: 'j@example.org', emailVerified: false });
  assert.deepEqual(mapEventbriteProfile({ id: '2', emails: [{ verified: true, primary: true }] }), { id: '2' });
});

test('mapEventbriteProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapEventbriteProfile({ name: 'John Smith', emails: [{ email: 'john.smith@example.com' }] }), TypeError);
  assert.throws(() => mapEventbriteProfile({}), TypeError);
  assert.throws(() => mapEventbriteProfile(null), TypeError);
});

test('eventbrite() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = eventbrite(required);
  assert.equal(p.name, 'eventbrite');
  assert.equal(p.displayName, 'Eventbrite');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://www.eventbrite.com/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://www.eventbrite.com/oauth/token');
  assert.equal(p.userinfoEndpoint, 'https://www.eventbriteapi.com/v3/users/me/');
  assert.equal(p.apiBaseUrl, 'https://www.eventbriteapi.com/v3/');
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapEventbriteProfile);
  assert.deepEqual([...p.quirks], ['no-scopes', 'emails-array', 'client-secret-post']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/eventbrite\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'developer');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('eventbrite() returns a frozen provider', () => {
  const p = eventbrite(required);
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

test('eventbrite() applies overrides', () => {
  const p = eventbrite({
    ...required,
    name: 'eventbrite-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'eventbrite-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/eventbrite-two\/callback/);
});

test('eventbrite() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => eventbrite({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => eventbrite({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
