import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { frameio, mapFrameioProfile } from '../../../src/providers/frameio.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/frameio-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('frameio-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapFrameioProfile maps the documented payload (frameio-profile.json)', () => {
  assert.deepEqual(mapFrameioProfile(fixture), { id: 'b5cd1f40-1c56-4cf1-a5a1-8d4e1b8f2d3c', name: 'Jane Editor', email: 'jane@example.com', avatarUrl: 'https://static-assets.frame.io/app/anon.jpg' });
});

test('mapFrameioProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapFrameioProfile({ id: 'b5cd1f40-1c56-4cf1-a5a1-8d4e1b8f2d3c', bio: null }), { id: 'b5cd1f40-1c56-4cf1-a5a1-8d4e1b8f2d3c' });
  assert.deepEqual(mapFrameioProfile({ id: 'x', image_256: 'https://img.example/256.png' }), { id: 'x', avatarUrl: 'https://img.example/256.png' });
});

test('mapFrameioProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapFrameioProfile({ name: 'Jane Editor', account_id: '8c4f7b21' }), TypeError);
  assert.throws(() => mapFrameioProfile({}), TypeError);
  assert.throws(() => mapFrameioProfile(null), TypeError);
});

test('frameio() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = frameio(required);
  assert.equal(p.name, 'frameio');
  assert.equal(p.displayName, 'Frame.io');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://applications.frame.io/oauth2/auth');
  assert.equal(p.tokenEndpoint, 'https://applications.frame.io/oauth2/token');
  assert.equal(p.userinfoEndpoint, 'https://api.frame.io/v2/me');
  assert.equal(p.apiBaseUrl, 'https://api.frame.io/v2/');
  assert.deepEqual(p.scope, ['account.read', 'offline']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapFrameioProfile);
  assert.deepEqual([...p.quirks], ['legacy-v2-only', 'offline-scope-for-refresh']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/frameio\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'developer');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('frameio() returns a frozen provider', () => {
  const p = frameio(required);
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

test('frameio() applies overrides', () => {
  const p = frameio({
    ...required,
    name: 'frameio-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'frameio-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/frameio-two\/callback/);
});

test('frameio() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => frameio({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => frameio({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('frameio() without a clientSecret is a PKCE (public) app: client auth none', () => {
  const p = frameio({ clientId: 'pkce-app' });
  assert.equal(p.clientAuth, 'none');
  assert.equal(p.pkce, true);
});
