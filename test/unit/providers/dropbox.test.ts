import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ProfileFetchContext } from '../../../src/types.ts';
import { OAuthConfigError } from '../../../src/errors.ts';
import { dropbox, mapDropboxProfile } from '../../../src/providers/dropbox.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/dropbox-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'app-key', clientSecret: 'app-secret' };

test('mapDropboxProfile maps the documented payload (dropbox-profile.json)', () => {
  assert.deepEqual(mapDropboxProfile(fixture), { id: 'dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc', name: 'Franz Ferdinand', email: 'franz@dropbox.com', emailVerified: true });
});

test('mapDropboxProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapDropboxProfile({ sub: 'dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc' }), { id: 'dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc' });
});

test('mapDropboxProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapDropboxProfile({ email: 'franz@dropbox.com' }), TypeError);
  assert.throws(() => mapDropboxProfile({}), TypeError);
});

test('dropbox() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = dropbox(required);
  assert.equal(p.name, 'dropbox');
  assert.equal(p.displayName, 'Dropbox');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://www.dropbox.com');
  assert.equal(p.apiBaseUrl, 'https://api.dropboxapi.com/2/');
  assert.deepEqual(p.scope, ['openid', 'email', 'profile']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapDropboxProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/dropbox\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('dropbox() returns a frozen provider', () => {
  const p = dropbox(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('dropbox() applies overrides', () => {
  const p = dropbox({
    ...required,
    name: 'dropbox-two',
    scope: ['only-this'],
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
    issuer: 'http://127.0.0.1:4000',
  });
  assert.equal(p.name, 'dropbox-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/dropbox-two\/callback/);
});

test('dropbox() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => dropbox({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => dropbox({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('dropbox fetchProfile returns the id_token claims, and offline asks for a refresh token', async () => {
  const claims = { sub: 'dbid:x', email: 'franz@dropbox.com', email_verified: true };
  const ctx: ProfileFetchContext = { scope: ['openid'], tokens: { accessToken: 'a' }, claims, get: async () => assert.fail('no call'), tryGet: async () => assert.fail('no call') };
  assert.deepEqual(await dropbox(required).fetchProfile!(ctx), claims);
  assert.deepEqual(dropbox({ ...required, offline: true }).authorizationParams, { token_access_type: 'offline' });
});
