import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { yahooJapan, mapYahooJapanProfile } from '../../../src/providers/yahoojapan.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/yahoojapan-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('yahoojapan-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapYahooJapanProfile maps the documented payload (yahoojapan-profile.json)', () => {
  assert.deepEqual(mapYahooJapanProfile(fixture), { id: 'FQM2ZPMTHF6G4TVQMF3XDFX7UA', username: 'ヤフウ', name: '矢風太郎', email: 'yconnect@example.com', emailVerified: true, avatarUrl: 'https://dummy.img.yahoo.co.jp/example.png' });
});

test('mapYahooJapanProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapYahooJapanProfile({ sub: 'FQM2ZPMTHF6G4TVQMF3XDFX7UA' }), { id: 'FQM2ZPMTHF6G4TVQMF3XDFX7UA' });
  assert.deepEqual(mapYahooJapanProfile({ sub: 'a', email: 'a@example.com', email_verified: false }), { id: 'a', email: 'a@example.com', emailVerified: false });
});

test('mapYahooJapanProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapYahooJapanProfile({ nickname: 'ヤフウ' }), TypeError);
  assert.throws(() => mapYahooJapanProfile({}), TypeError);
  assert.throws(() => mapYahooJapanProfile(null), TypeError);
});

test('yahooJapan() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = yahooJapan(required);
  assert.equal(p.name, 'yahoojapan');
  assert.equal(p.displayName, 'Yahoo! JAPAN');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://auth.login.yahoo.co.jp/yconnect/v2');
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapYahooJapanProfile);
  assert.deepEqual([...p.quirks], ['basic-client-auth-required']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/yahoojapan\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('yahooJapan() returns a frozen provider', () => {
  const p = yahooJapan(required);
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

test('yahooJapan() applies overrides', () => {
  const p = yahooJapan({
    ...required,
    name: 'yahoojapan-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/userinfo',
  });
  assert.equal(p.name, 'yahoojapan-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/userinfo');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/yahoojapan-two\/callback/);
});

test('yahooJapan() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => yahooJapan({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => yahooJapan({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
