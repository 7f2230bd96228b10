import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { google, mapGoogleProfile } from '../../../src/providers/google.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/google-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapGoogleProfile maps the documented payload (google-profile.json)', () => {
  assert.deepEqual(mapGoogleProfile(fixture), { id: '10769150350006150715113082367', name: 'J Smith', email: 'jsmith@example.com', emailVerified: true, avatarUrl: 'https://lh3.googleusercontent.com/a/ACg8ocJ-example=s96-c' });
});

test('mapGoogleProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapGoogleProfile({ sub: '10769150350006150715113082367' }), { id: '10769150350006150715113082367' });
  assert.deepEqual(mapGoogleProfile({ sub: '1', given_name: 'J', family_name: 'Smith', email_verified: false }), { id: '1', name: 'J Smith', emailVerified: false });
});

test('mapGoogleProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapGoogleProfile({ email: 'jsmith@example.com' }), TypeError);
  assert.throws(() => mapGoogleProfile({}), TypeError);
});

test('google() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = google(required);
  assert.equal(p.name, 'google');
  assert.equal(p.displayName, 'Google');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://accounts.google.com');
  assert.equal(p.apiBaseUrl, 'https://www.googleapis.com/');
  assert.equal(p.authorizationEndpoint, undefined);
  assert.deepEqual(p.scope, ['openid', 'email', 'profile']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.authorizationParams, undefined);
  assert.equal(p.profile, mapGoogleProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/google\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('google() returns a frozen provider', () => {
  const p = google(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('google() applies overrides', () => {
  const p = google({
    ...required,
    name: 'google-two',
    scope: ['only-this'],
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
    issuer: 'http://127.0.0.1:4000',
  });
  assert.equal(p.name, 'google-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/google-two\/callback/);
});

test('google() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => google({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => google({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('google({ offline: true }) asks for a refresh token', () => {
  const p = google({ ...required, offline: true, authorizationParams: { hd: 'example.com' } });
  assert.deepEqual(p.authorizationParams, { access_type: 'offline', prompt: 'consent', hd: 'example.com' });
  assert.ok(p.quirks.includes('offline-access-type'));
});
