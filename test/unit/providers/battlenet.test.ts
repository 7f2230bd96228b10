import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { battlenet, mapBattlenetProfile } from '../../../src/providers/battlenet.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/battlenet-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapBattlenetProfile maps the documented payload (battlenet-profile.json)', () => {
  assert.deepEqual(mapBattlenetProfile(fixture), {"id": "123456789", "username": "Player#1234", "name": "Player#1234"});
});

test('mapBattlenetProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapBattlenetProfile({"id": 42}), {"id": "42"});
});

test('mapBattlenetProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapBattlenetProfile({"battletag": "Player#1234"}), TypeError);
  assert.throws(() => mapBattlenetProfile({}), TypeError);
  assert.throws(() => mapBattlenetProfile(null), TypeError);
});

test('battlenet() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = battlenet(required);
  assert.equal(p.name, "battlenet");
  assert.equal(p.displayName, "Battle.net");
  assert.equal(p.protocol, "oidc");
  assert.equal(p.issuer, "https://oauth.battle.net");
  assert.deepEqual(p.scope, ["openid"]);
  assert.equal(p.clientAuth, "client_secret_basic");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapBattlenetProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/battlenet\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('battlenet() returns a frozen provider', () => {
  const p = battlenet(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('battlenet() applies overrides', () => {
  const p = battlenet({
    ...required,
    name: 'battlenet-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'battlenet-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/battlenet-two\/callback/);
});

test('battlenet() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => battlenet({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => battlenet({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('battlenet picks the China issuer for region cn and refuses unknown regions', () => {
  assert.equal(battlenet({ clientId: 'c', clientSecret: 's', region: 'cn' }).issuer, 'https://oauth.battlenet.com.cn');
  assert.throws(() => battlenet({ clientId: 'c', clientSecret: 's', region: 'mars' as 'cn' }), OAuthConfigError);
  assert.throws(() => battlenet({ clientId: 'c' }), /clientSecret/);
});
