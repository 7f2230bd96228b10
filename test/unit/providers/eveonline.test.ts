import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { eveonline, mapEveonlineProfile } from '../../../src/providers/eveonline.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/eveonline-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'my3rdpartyclientid', clientSecret: 'client-secret' };

test('mapEveonlineProfile maps the documented payload (eveonline-profile.json)', () => {
  assert.deepEqual(mapEveonlineProfile(fixture), {"id": "123123", "name": "Some Bloke", "avatarUrl": "https://images.evetech.net/characters/123123/portrait?size=128"});
});

test('mapEveonlineProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapEveonlineProfile({"CharacterID": 95465499}), {"id": "95465499", "avatarUrl": "https://images.evetech.net/characters/95465499/portrait?size=128"});
});

test('mapEveonlineProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapEveonlineProfile({"name": "Some Bloke", "sub": "CORPORATION:EVE:1"}), TypeError);
  assert.throws(() => mapEveonlineProfile({}), TypeError);
  assert.throws(() => mapEveonlineProfile(null), TypeError);
});

test('eveonline() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = eveonline(required);
  assert.equal(p.name, "eveonline");
  assert.equal(p.displayName, "EVE Online");
  assert.equal(p.protocol, "oauth2");
  assert.equal(p.authorizationEndpoint, "https://login.eveonline.com/v2/oauth/authorize");
  assert.equal(p.tokenEndpoint, "https://login.eveonline.com/v2/oauth/token");
  assert.equal(p.revocationEndpoint, "https://login.eveonline.com/v2/oauth/revoke");
  assert.equal(p.userinfoEndpoint, "https://login.eveonline.com/oauth/verify");
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, "client_secret_basic");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapEveonlineProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/eveonline\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('eveonline() returns a frozen provider', () => {
  const p = eveonline(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('eveonline() applies overrides', () => {
  const p = eveonline({
    ...required,
    name: 'eveonline-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'eveonline-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/eveonline-two\/callback/);
});

test('eveonline() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => eveonline({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => eveonline({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

function jwt(payload: object): string {
  return `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;
}

test('eveonline reads the character from the JWT access token, checking iss, aud and exp', async () => {
  const p = eveonline(required);
  const exp = Math.floor(Date.now() / 1000) + 600;
  const calls: string[] = [];
  const ctx = (accessToken: string) => ({
    get: async (url: string) => {
      calls.push(url);
      return { CharacterID: 1, CharacterName: 'Legacy' };
    },
    tryGet: async () => undefined,
    tokens: { accessToken },
    scope: [],
  });
  const good = { ...fixture, exp };
  assert.deepEqual(await p.fetchProfile!(ctx(jwt(good))), good);
  await assert.rejects(p.fetchProfile!(ctx(jwt({ ...good, iss: 'https://evil.example' }))));
  await assert.rejects(p.fetchProfile!(ctx(jwt({ ...good, aud: ['someone-else'] }))));
  await assert.rejects(p.fetchProfile!(ctx(jwt({ ...good, exp: 1 }))));
  assert.deepEqual(await p.fetchProfile!(ctx('opaque-token')), { CharacterID: 1, CharacterName: 'Legacy' });
  assert.deepEqual(calls, ['https://login.eveonline.com/oauth/verify']);
  assert.deepEqual(mapEveonlineProfile({ CharacterID: 1, CharacterName: 'Legacy' }), { id: '1', name: 'Legacy', avatarUrl: 'https://images.evetech.net/characters/1/portrait?size=128' });
});
