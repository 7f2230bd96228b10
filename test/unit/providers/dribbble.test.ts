import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { dribbble, mapDribbbleProfile } from '../../../src/providers/dribbble.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/dribbble-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('dribbble-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapDribbbleProfile maps the documented payload (dribbble-profile.json)', () => {
  assert.deepEqual(mapDribbbleProfile(fixture), { id: '1', username: 'simplebits', name: 'Dan Cederholm', avatarUrl: 'https://d13yacurqjgara.cloudfront.net/users/1/avatars/normal/dc.jpg?1371679243' });
});

test('mapDribbbleProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapDribbbleProfile({ id: 1 }), { id: '1' });
  assert.deepEqual(mapDribbbleProfile({ id: '2', email: 'dan@example.com', login: '' }), { id: '2', email: 'dan@example.com' });
});

test('mapDribbbleProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapDribbbleProfile({ login: 'simplebits' }), TypeError);
  assert.throws(() => mapDribbbleProfile({ id: { nested: 1 } }), TypeError);
  assert.throws(() => mapDribbbleProfile({}), TypeError);
  assert.throws(() => mapDribbbleProfile(null), TypeError);
});

test('dribbble() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = dribbble(required);
  assert.equal(p.name, 'dribbble');
  assert.equal(p.displayName, 'Dribbble');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://dribbble.com/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://dribbble.com/oauth/token');
  assert.equal(p.userinfoEndpoint, 'https://api.dribbble.com/v2/user');
  assert.equal(p.apiBaseUrl, 'https://api.dribbble.com/v2/');
  assert.deepEqual(p.scope, ['public']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapDribbbleProfile);
  assert.deepEqual([...p.quirks], ['no-refresh-token', 'client-secret-post']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/dribbble\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('dribbble() returns a frozen provider', () => {
  const p = dribbble(required);
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

test('dribbble() applies overrides', () => {
  const p = dribbble({
    ...required,
    name: 'dribbble-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'dribbble-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/dribbble-two\/callback/);
});

test('dribbble() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => dribbble({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => dribbble({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
