import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { lichess, mapLichessProfile } from '../../../src/providers/lichess.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/lichess-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'example.com' };

test('mapLichessProfile maps the documented payload (lichess-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapLichessProfile(fixture), { id: 'georges', username: 'Georges', name: 'Georges Dupont', email: 'georges@example.com' });
});

test('mapLichessProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapLichessProfile({ id: 'georges' }), { id: 'georges' });
  assert.deepEqual(mapLichessProfile({ id: 'georges', profile: { firstName: 'Georges', lastName: 'Dupont' } }), { id: 'georges', name: 'Georges Dupont' });
});

test('mapLichessProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapLichessProfile({ error: 'No such token' }), TypeError);
  assert.throws(() => mapLichessProfile({ username: 'Georges' }), TypeError);
  assert.throws(() => mapLichessProfile({}), TypeError);
  assert.throws(() => mapLichessProfile(null), TypeError);
});

test('lichess() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = lichess(required);
  assert.equal(p.name, 'lichess');
  assert.equal(p.displayName, "Lichess");
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://lichess.org/oauth');
  assert.equal(p.tokenEndpoint, 'https://lichess.org/api/token');
  assert.equal(p.userinfoEndpoint, 'https://lichess.org/api/account');
  assert.equal(p.apiBaseUrl, 'https://lichess.org/api/');
  assert.equal(p.clientSecret, undefined);
  assert.deepEqual(p.scope, ['email:read']);
  assert.equal(p.clientAuth, 'none');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapLichessProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/lichess\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('lichess() returns a frozen provider', () => {
  const p = lichess(required);
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

test('lichess() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = lichess({
    ...required,
    name: 'lichess-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/oauth',
    tokenEndpoint: 'http://127.0.0.1:4000/api/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/api/account',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'lichess-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/oauth');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/api/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/api/account');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/lichess-two\/callback/);
});

test('lichess() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => lichess({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => lichess({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => lichess({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});

test("lichess() reads the email endpoint only with email:read, and tolerates its absence", () => {
  const calls: string[] = [];
  const ctx = (scope: string[], email: unknown) => ({
    get: async (url: string) => { calls.push(url); return { id: 'georges', username: 'Georges' }; },
    tryGet: async (url: string) => { calls.push(url); return email; },
    tokens: { accessToken: 't' },
    scope,
  });
  const p = lichess(required);
  return (async () => {
    assert.deepEqual(await p.fetchProfile!(ctx(['email:read'], { email: 'g@example.com' })), { id: 'georges', username: 'Georges', email: 'g@example.com' });
    assert.deepEqual(calls, ['https://lichess.org/api/account', 'https://lichess.org/api/account/email']);
    assert.deepEqual(await p.fetchProfile!(ctx(['email:read'], undefined)), { id: 'georges', username: 'Georges' });
    calls.length = 0;
    assert.deepEqual(await p.fetchProfile!(ctx([], { email: 'g@example.com' })), { id: 'georges', username: 'Georges' });
    assert.deepEqual(calls, ['https://lichess.org/api/account']);
    assert.equal(lichess({ ...required, clientSecret: 'ignored' }).clientAuth, 'none');
  })();
});
