import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { webflow, mapWebflowProfile } from '../../../src/providers/webflow.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/webflow-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('webflow-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapWebflowProfile maps the documented payload (webflow-profile.json)', () => {
  assert.deepEqual(mapWebflowProfile(fixture), { id: 'Ja1hw9dRFNk3ReSt2sGm2A', name: 'Some One', email: 'some.one@home.com' });
});

test('mapWebflowProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapWebflowProfile({ id: 'Ja1hw9dRFNk3ReSt2sGm2A' }), { id: 'Ja1hw9dRFNk3ReSt2sGm2A' });
  assert.deepEqual(mapWebflowProfile({ _id: 'v1-id', lastName: 'One' }), { id: 'v1-id', name: 'One' });
});

test('mapWebflowProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapWebflowProfile({ email: 'some.one@home.com', firstName: 'Some' }), TypeError);
  assert.throws(() => mapWebflowProfile({}), TypeError);
  assert.throws(() => mapWebflowProfile(null), TypeError);
});

test('webflow() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = webflow(required);
  assert.equal(p.name, 'webflow');
  assert.equal(p.displayName, 'Webflow');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://webflow.com/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://api.webflow.com/oauth/access_token');
  assert.equal(p.userinfoEndpoint, 'https://api.webflow.com/v2/token/authorized_by');
  assert.equal(p.apiBaseUrl, 'https://api.webflow.com/v2/');
  assert.deepEqual(p.scope, ['authorized_user:read']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapWebflowProfile);
  assert.deepEqual([...p.quirks], ['client-secret-post']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/webflow\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'developer');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('webflow() returns a frozen provider', () => {
  const p = webflow(required);
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

test('webflow() applies overrides', () => {
  const p = webflow({
    ...required,
    name: 'webflow-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'webflow-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/webflow-two\/callback/);
});

test('webflow() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => webflow({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => webflow({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
