import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { box, mapBoxProfile } from '../../../src/providers/box.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/box-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapBoxProfile maps the documented payload (box-profile.json)', () => {
  assert.deepEqual(mapBoxProfile(fixture), { id: '11446498', name: 'Aaron Levie', email: 'ceo@example.com', avatarUrl: 'https://www.box.com/api/avatar/large/181216415' });
});

test('mapBoxProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapBoxProfile({ id: '11446498', type: 'user' }), { id: '11446498' });
});

test('mapBoxProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapBoxProfile({ type: 'user', name: 'Aaron Levie' }), TypeError);
  assert.throws(() => mapBoxProfile({ type: 'error', status: 401 }), TypeError);
});

test('box() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = box(required);
  assert.equal(p.name, 'box');
  assert.equal(p.displayName, 'Box');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://account.box.com/api/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'https://api.box.com/oauth2/token');
  assert.equal(p.userinfoEndpoint, 'https://api.box.com/2.0/users/me');
  assert.equal(p.apiBaseUrl, 'https://api.box.com/2.0/');
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.revocationEndpoint, 'https://api.box.com/oauth2/revoke');
  assert.equal(p.profile, mapBoxProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/box\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('box() returns a frozen provider', () => {
  const p = box(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('box() applies overrides', () => {
  const p = box({
    ...required,
    name: 'box-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'box-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/box-two\/callback/);
});

test('box() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => box({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => box({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
