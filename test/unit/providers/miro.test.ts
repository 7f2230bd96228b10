import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { miro, mapMiroProfile } from '../../../src/providers/miro.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/miro-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('miro-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapMiroProfile maps the documented payload (miro-profile.json)', () => {
  assert.deepEqual(mapMiroProfile(fixture), { id: '3074457345618265000', name: 'John Smith' });
});

test('mapMiroProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapMiroProfile({ user: { id: '3074457345618265000' } }), { id: '3074457345618265000' });
});

test('mapMiroProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapMiroProfile({ type: 'oAuthToken', team: { id: '3074457345618265001' } }), TypeError);
  assert.throws(() => mapMiroProfile({ user: { name: 'John Smith' } }), TypeError);
  assert.throws(() => mapMiroProfile({}), TypeError);
  assert.throws(() => mapMiroProfile(null), TypeError);
});

test('miro() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = miro(required);
  assert.equal(p.name, 'miro');
  assert.equal(p.displayName, 'Miro');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://miro.com/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://api.miro.com/v1/oauth/token');
  assert.equal(p.userinfoEndpoint, 'https://api.miro.com/v1/oauth-token');
  assert.equal(p.apiBaseUrl, 'https://api.miro.com/v2/');
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapMiroProfile);
  assert.deepEqual([...p.quirks], ['scopes-set-on-app', 'token-context-profile', 'no-email']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/miro\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'developer');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('miro() returns a frozen provider', () => {
  const p = miro(required);
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

test('miro() applies overrides', () => {
  const p = miro({
    ...required,
    name: 'miro-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'miro-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/miro-two\/callback/);
});

test('miro() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => miro({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => miro({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
