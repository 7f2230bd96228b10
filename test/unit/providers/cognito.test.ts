import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { cognito, mapCognitoProfile } from '../../../src/providers/cognito.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/cognito-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', region: 'eu-west-1', userPoolId: 'eu-west-1_AbCdEf123' };

test('mapCognitoProfile maps the documented payload (cognito-profile.json)', () => {
  assert.deepEqual(mapCognitoProfile(fixture), { id: '4d8e1c4b-7f1a-4f0e-9b7e-2f6c1a3b5d7e', username: 'bob', email: 'bob@example.com', emailVerified: true });
});

test('mapCognitoProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapCognitoProfile({ sub: '4d8e1c4b-7f1a-4f0e-9b7e-2f6c1a3b5d7e' }), { id: '4d8e1c4b-7f1a-4f0e-9b7e-2f6c1a3b5d7e' });
  assert.deepEqual(mapCognitoProfile({ sub: 's', 'cognito:username': 'bob', email_verified: 'false' }), { id: 's', username: 'bob', emailVerified: false });
});

test('mapCognitoProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapCognitoProfile({ username: 'bob' }), TypeError);
  assert.throws(() => mapCognitoProfile({}), TypeError);
});

test('cognito() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = cognito(required);
  assert.equal(p.name, 'cognito');
  assert.equal(p.displayName, 'Amazon Cognito');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123');
  assert.equal(p.apiBaseUrl, undefined);
  assert.deepEqual(p.scope, ['openid', 'email', 'profile']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapCognitoProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/cognito\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('cognito() returns a frozen provider', () => {
  const p = cognito(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('cognito() applies overrides', () => {
  const p = cognito({
    ...required,
    name: 'cognito-two',
    scope: ['only-this'],
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
    issuer: 'http://127.0.0.1:4000',
  });
  assert.equal(p.name, 'cognito-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/cognito-two\/callback/);
});

test('cognito() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => cognito({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => cognito({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('cognito needs region + userPoolId (well-formed) or an issuer; a public app client has no secret', () => {
  assert.throws(() => cognito({ clientId: 'c', region: 'eu-west-1' }), OAuthConfigError);
  assert.throws(() => cognito({ clientId: 'c', region: 'eu-west-1', userPoolId: '../evil' }), OAuthConfigError);
  assert.equal(cognito({ clientId: 'c', issuer: 'http://127.0.0.1:9229/local_pool' }).issuer, 'http://127.0.0.1:9229/local_pool');
  assert.equal(cognito({ clientId: 'c', region: 'us-east-1', userPoolId: 'us-east-1_abc' }).clientAuth, 'none');
});
