import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { simplelogin, mapSimpleloginProfile } from '../../../src/providers/simplelogin.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/simplelogin-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapSimpleloginProfile maps the documented payload (simplelogin-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapSimpleloginProfile(fixture), { id: '2', name: 'John Wick', email: 'john.wick.rh9bx@aleeas.com', emailVerified: true, avatarUrl: 'https://app.simplelogin.io/static/default-avatar.png' });
});

test('mapSimpleloginProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapSimpleloginProfile({ sub: '2' }), { id: '2' });
  assert.deepEqual(mapSimpleloginProfile({ id: 7, name: '', email: null, email_verified: true }), { id: '7' });
});

test('mapSimpleloginProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapSimpleloginProfile({ email: 'john@example.com' }), TypeError);
  assert.throws(() => mapSimpleloginProfile({}), TypeError);
  assert.throws(() => mapSimpleloginProfile(null), TypeError);
});

test('simplelogin() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = simplelogin(required);
  assert.equal(p.name, 'simplelogin');
  assert.equal(p.displayName, "SimpleLogin");
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://app.simplelogin.io/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'https://app.simplelogin.io/oauth2/token');
  assert.equal(p.userinfoEndpoint, 'https://app.simplelogin.io/oauth2/userinfo');
  assert.equal(p.issuer, undefined);
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapSimpleloginProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/simplelogin\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('simplelogin() returns a frozen provider', () => {
  const p = simplelogin(required);
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

test('simplelogin() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = simplelogin({
    ...required,
    name: 'simplelogin-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/oauth2/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/oauth2/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/oauth2/userinfo',
  });
  assert.equal(p.name, 'simplelogin-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/oauth2/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/oauth2/userinfo');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/simplelogin-two\/callback/);
});

test('simplelogin() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => simplelogin({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => simplelogin({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => simplelogin({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});
