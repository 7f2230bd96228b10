import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { netlify, mapNetlifyProfile } from '../../../src/providers/netlify.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/netlify-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapNetlifyProfile maps the documented payload (netlify-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapNetlifyProfile(fixture), { id: '5c2f8a1b0a3f7e1d2c3b4a59', username: 'janedoe', name: 'Jane Doe', email: 'jane.doe@example.com', avatarUrl: 'https://avatars.githubusercontent.com/u/1?v=4' });
});

test('mapNetlifyProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapNetlifyProfile({ id: 'x1' }), { id: 'x1' });
  assert.deepEqual(mapNetlifyProfile({ id: 'x1', full_name: null, email: '' }), { id: 'x1' });
});

test('mapNetlifyProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapNetlifyProfile({ code: 401, message: 'Access Denied' }), TypeError);
  assert.throws(() => mapNetlifyProfile({ email: 'jane@example.com' }), TypeError);
  assert.throws(() => mapNetlifyProfile({}), TypeError);
  assert.throws(() => mapNetlifyProfile(null), TypeError);
});

test('netlify() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = netlify(required);
  assert.equal(p.name, 'netlify');
  assert.equal(p.displayName, "Netlify");
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://app.netlify.com/authorize');
  assert.equal(p.tokenEndpoint, 'https://api.netlify.com/oauth/token');
  assert.equal(p.userinfoEndpoint, 'https://api.netlify.com/api/v1/user');
  assert.equal(p.apiBaseUrl, 'https://api.netlify.com/api/v1/');
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapNetlifyProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/netlify\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'developer');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('netlify() returns a frozen provider', () => {
  const p = netlify(required);
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

test('netlify() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = netlify({
    ...required,
    name: 'netlify-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/oauth/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/api/v1/user',
    apiBaseUrl: 'http://127.0.0.1:4000/api/v1/',
  });
  assert.equal(p.name, 'netlify-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/oauth/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/api/v1/user');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/v1/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/netlify-two\/callback/);
});

test('netlify() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => netlify({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => netlify({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => netlify({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});
