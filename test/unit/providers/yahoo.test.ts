import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { yahoo, mapYahooProfile } from '../../../src/providers/yahoo.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/yahoo-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapYahooProfile maps the documented payload (yahoo-profile.json)', () => {
  assert.deepEqual(mapYahooProfile(fixture), { id: 'FSVIDUW3D7FSVIDUW3D72F2F', username: 'Jasmine', name: 'Jasmine Smith', email: 'yqa_functest_15572415322065371@yahoo.com', emailVerified: true, avatarUrl: 'https://s.yimg.com/ag/images/default_user_profile_pic_192sq.jpg' });
});

test('mapYahooProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapYahooProfile({ sub: 'FSVIDUW3D7FSVIDUW3D72F2F' }), { id: 'FSVIDUW3D7FSVIDUW3D72F2F' });
});

test('mapYahooProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapYahooProfile({ nickname: 'Jasmine' }), TypeError);
  assert.throws(() => mapYahooProfile({}), TypeError);
});

test('yahoo() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = yahoo(required);
  assert.equal(p.name, 'yahoo');
  assert.equal(p.displayName, 'Yahoo');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://api.login.yahoo.com');
  assert.equal(p.apiBaseUrl, undefined);
  assert.deepEqual(p.scope, ['openid', 'email', 'profile']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapYahooProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/yahoo\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('yahoo() returns a frozen provider', () => {
  const p = yahoo(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('yahoo() applies overrides', () => {
  const p = yahoo({
    ...required,
    name: 'yahoo-two',
    scope: ['only-this'],
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
    issuer: 'http://127.0.0.1:4000',
  });
  assert.equal(p.name, 'yahoo-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/yahoo-two\/callback/);
});

test('yahoo() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => yahoo({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => yahoo({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
