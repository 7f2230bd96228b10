import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { kinde, mapKindeProfile } from '../../../src/providers/kinde.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/kinde-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', domain: 'myapp.kinde.com' };

test('mapKindeProfile maps the documented payload (kinde-profile.json)', () => {
  assert.deepEqual(mapKindeProfile(fixture), {"id": "kp_c3143a4b50ad43c88e541d9077681782", "name": "John Snow", "email": "john@example.com", "avatarUrl": "https://example.com/john.jpg"});
});

test('mapKindeProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapKindeProfile({"sub": "kp_1", "picture": null}), {"id": "kp_1"});
});

test('mapKindeProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapKindeProfile({"email": "john@example.com"}), TypeError);
  assert.throws(() => mapKindeProfile({}), TypeError);
  assert.throws(() => mapKindeProfile(null), TypeError);
});

test('kinde() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = kinde(required);
  assert.equal(p.name, "kinde");
  assert.equal(p.displayName, "Kinde");
  assert.equal(p.protocol, "oidc");
  assert.equal(p.issuer, "https://myapp.kinde.com");
  assert.deepEqual(p.scope, ["openid", "profile", "email", "offline"]);
  assert.equal(p.clientAuth, "client_secret_basic");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapKindeProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/kinde\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('kinde() returns a frozen provider', () => {
  const p = kinde(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('kinde() applies overrides', () => {
  const p = kinde({
    ...required,
    name: 'kinde-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'kinde-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/kinde-two\/callback/);
});

test('kinde() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => kinde({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => kinde({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('kinde takes a pasted URL, a full issuer, and needs one of them', () => {
  assert.equal(kinde({ clientId: 'c', clientSecret: 's', domain: 'https://auth.example.com/' }).issuer, 'https://auth.example.com');
  assert.equal(kinde({ clientId: 'c', clientSecret: 's', issuer: 'http://127.0.0.1:4000' }).issuer, 'http://127.0.0.1:4000');
  assert.throws(() => kinde({ clientId: 'c', clientSecret: 's' }), OAuthConfigError);
  assert.throws(() => kinde({ clientId: 'c', clientSecret: 's', domain: 'myapp.kinde.com/evil path' }), OAuthConfigError);
});
