import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { boxyhq, mapBoxyhqProfile } from '../../../src/providers/boxyhq.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/boxyhq-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'dummy', clientSecret: 'dummy', baseUrl: 'https://jackson.example.com/', tenant: 'example.com', product: 'my-app' };

test('mapBoxyhqProfile maps the documented payload (boxyhq-profile.json)', () => {
  assert.deepEqual(mapBoxyhqProfile(fixture), {"id": "NjQ1NDk5NzUtZGQ0Zi00ZGQ4LWJkNjMtY2FlZTZkNzAwOWEx", "name": "SAML Jackson", "email": "jackson@example.com"});
});

test('mapBoxyhqProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapBoxyhqProfile({"id": "x1", "firstName": "", "lastName": null}), {"id": "x1"});
});

test('mapBoxyhqProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapBoxyhqProfile({"email": "jackson@example.com"}), TypeError);
  assert.throws(() => mapBoxyhqProfile({}), TypeError);
  assert.throws(() => mapBoxyhqProfile(null), TypeError);
});

test('boxyhq() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = boxyhq(required);
  assert.equal(p.name, "boxyhq");
  assert.equal(p.displayName, "SAML SSO");
  assert.equal(p.protocol, "oauth2");
  assert.equal(p.authorizationEndpoint, "https://jackson.example.com/api/oauth/authorize");
  assert.equal(p.tokenEndpoint, "https://jackson.example.com/api/oauth/token");
  assert.equal(p.userinfoEndpoint, "https://jackson.example.com/api/oauth/userinfo");
  assert.equal(p.authorizationParams?.tenant, "example.com");
  assert.equal(p.authorizationParams?.product, "my-app");
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, "client_secret_post");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapBoxyhqProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/boxyhq\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('boxyhq() returns a frozen provider', () => {
  const p = boxyhq(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('boxyhq() applies overrides', () => {
  const p = boxyhq({
    ...required,
    name: 'boxyhq-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'boxyhq-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/boxyhq-two\/callback/);
});

test('boxyhq() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => boxyhq({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => boxyhq({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('boxyhq needs a baseUrl and sends no tenant/product when none are given', () => {
  assert.throws(() => boxyhq({ clientId: 'c', clientSecret: 's' } as never), OAuthConfigError);
  assert.throws(() => boxyhq({ clientId: 'c', clientSecret: 's', baseUrl: 'nope' }), OAuthConfigError);
  assert.equal(boxyhq({ clientId: 'c', clientSecret: 's', baseUrl: 'https://jackson.example.com' }).authorizationParams, undefined);
});
