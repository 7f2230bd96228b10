import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { roblox, mapRobloxProfile } from '../../../src/providers/roblox.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/roblox-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapRobloxProfile maps the documented payload (roblox-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapRobloxProfile(fixture), { id: '1516563360', username: 'exampleuser', name: 'exampleuser', avatarUrl: 'https://tr.rbxcdn.com/30DAY-AvatarHeadshot-310966282D3529E36976BF6B07B1DC90-Png/150/150/AvatarHeadshot/Png/noFilter' });
});

test('mapRobloxProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapRobloxProfile({ sub: '1' }), { id: '1' });
  assert.deepEqual(mapRobloxProfile({ sub: '1', nickname: 'Nick', picture: null }), { id: '1', name: 'Nick' });
});

test('mapRobloxProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapRobloxProfile({ name: 'exampleuser' }), TypeError);
  assert.throws(() => mapRobloxProfile({ id: '1516563360' }), TypeError);
  assert.throws(() => mapRobloxProfile({}), TypeError);
  assert.throws(() => mapRobloxProfile(null), TypeError);
});

test('roblox() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = roblox(required);
  assert.equal(p.name, 'roblox');
  assert.equal(p.displayName, "Roblox");
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://apis.roblox.com/oauth/');
  assert.equal(p.idTokenSigningAlg, 'ES256');
  assert.equal(p.apiBaseUrl, 'https://apis.roblox.com/');
  assert.equal(p.authorizationEndpoint, undefined);
  assert.deepEqual(p.scope, ['openid', 'profile']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapRobloxProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/roblox\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('roblox() returns a frozen provider', () => {
  const p = roblox(required);
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

test('roblox() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = roblox({
    ...required,
    name: 'roblox-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000/oauth/',
    tokenEndpoint: 'http://127.0.0.1:4000/oauth/v1/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/oauth/v1/userinfo',
    apiBaseUrl: 'http://127.0.0.1:4000/',
  });
  assert.equal(p.name, 'roblox-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000/oauth/');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/oauth/v1/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/oauth/v1/userinfo');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/roblox-two\/callback/);
});

test('roblox() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => roblox({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => roblox({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => roblox({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});
