import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { slack, mapSlackProfile } from '../../../src/providers/slack.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/slack-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapSlackProfile maps the documented payload (slack-profile.json)', () => {
  assert.deepEqual(mapSlackProfile(fixture), { id: 'U0R7JM', name: 'krane', email: 'krane@slack-corp.com', emailVerified: true, avatarUrl: 'https://secure.gravatar.com/avatar/bb0cf1e6a3e7e4e5f0c4a6ec5b4a6ec5.jpg?s=512&d=https%3A%2F%2Fa.slack-edge.com%2Fdf10d%2Fimg%2Favatars%2Fava_0024-512.png' });
});

test('mapSlackProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapSlackProfile({ sub: 'U0R7JM' }), { id: 'U0R7JM' });
  assert.deepEqual(mapSlackProfile({ 'https://slack.com/user_id': 'U0R7JM', given_name: 'Bront' }), { id: 'U0R7JM', name: 'Bront' });
});

test('mapSlackProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapSlackProfile({ ok: false, error: 'invalid_auth' }), TypeError);
  assert.throws(() => mapSlackProfile({}), TypeError);
});

test('slack() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = slack(required);
  assert.equal(p.name, 'slack');
  assert.equal(p.displayName, 'Slack');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://slack.com');
  assert.equal(p.apiBaseUrl, 'https://slack.com/api/');
  assert.deepEqual(p.scope, ['openid', 'email', 'profile']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, false);
  assert.equal(p.profile, mapSlackProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/slack\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('slack() returns a frozen provider', () => {
  const p = slack(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('slack() applies overrides', () => {
  const p = slack({
    ...required,
    name: 'slack-two',
    scope: ['only-this'],
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
    issuer: 'http://127.0.0.1:4000',
  });
  assert.equal(p.name, 'slack-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/slack-two\/callback/);
});

test('slack() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => slack({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => slack({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('slack({ team }) pre-selects a workspace', () => {
  assert.deepEqual(slack({ ...required, team: 'T0R7GR' }).authorizationParams, { team: 'T0R7GR' });
  assert.equal(slack(required).authorizationParams, undefined);
});
