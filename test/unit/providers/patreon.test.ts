import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { patreon, mapPatreonProfile } from '../../../src/providers/patreon.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/patreon-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapPatreonProfile maps the documented payload (patreon-profile.json)', () => {
  assert.deepEqual(mapPatreonProfile(fixture), { id: '12345', username: 'corgithedev', name: 'Corgi The Dev', email: 'corgi@example.com', emailVerified: true, avatarUrl: 'https://c8.patreon.com/2/200/12345' });
});

test('mapPatreonProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapPatreonProfile({ data: { id: '12345', type: 'user' } }), { id: '12345' });
  assert.deepEqual(mapPatreonProfile({ data: { id: '1', attributes: { full_name: 'Corgi', is_email_verified: false } } }), { id: '1', name: 'Corgi' });
});

test('mapPatreonProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapPatreonProfile({ data: { type: 'user', attributes: {} } }), TypeError);
  assert.throws(() => mapPatreonProfile({ errors: [{ code: 1, detail: 'Unauthorized' }] }), TypeError);
});

test('patreon() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = patreon(required);
  assert.equal(p.name, 'patreon');
  assert.equal(p.displayName, 'Patreon');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://www.patreon.com/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'https://www.patreon.com/api/oauth2/token');
  assert.equal(p.userinfoEndpoint, 'https://www.patreon.com/api/oauth2/v2/identity?fields%5Buser%5D=email,full_name,image_url,is_email_verified,vanity');
  assert.equal(p.apiBaseUrl, 'https://www.patreon.com/api/oauth2/v2/');
  assert.deepEqual(p.scope, ['identity', 'identity[email]']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapPatreonProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/patreon\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('patreon() returns a frozen provider', () => {
  const p = patreon(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('patreon() applies overrides', () => {
  const p = patreon({
    ...required,
    name: 'patreon-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'patreon-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/patreon-two\/callback/);
});

test('patreon() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => patreon({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => patreon({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
