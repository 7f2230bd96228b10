import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { mailru, mapMailruProfile } from '../../../src/providers/mailru.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/mailru-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapMailruProfile maps the documented payload (mailru-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapMailruProfile(fixture), { id: '1234567890123456789', username: 'ivan.ivanov', name: 'Иван Иванов', email: 'ivan.ivanov@mail.ru', avatarUrl: 'https://filin.mail.ru/pic?d=example&width=180&height=180' });
});

test('mapMailruProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapMailruProfile({ id: '42' }), { id: '42' });
  assert.deepEqual(mapMailruProfile({ id: 42, first_name: 'Иван', last_name: '', email: null, image: '' }), { id: '42', name: 'Иван' });
});

test('mapMailruProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapMailruProfile({ error: 'invalid_token', error_description: 'token not found' }), TypeError);
  assert.throws(() => mapMailruProfile({ email: 'ivan@mail.ru' }), TypeError);
  assert.throws(() => mapMailruProfile({}), TypeError);
  assert.throws(() => mapMailruProfile(null), TypeError);
});

test('mailru() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = mailru(required);
  assert.equal(p.name, 'mailru');
  assert.equal(p.displayName, "Mail.ru");
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://oauth.mail.ru/login');
  assert.equal(p.tokenEndpoint, 'https://oauth.mail.ru/token');
  assert.equal(p.userinfoEndpoint, 'https://oauth.mail.ru/userinfo');
  assert.deepEqual(p.scope, ['userinfo']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapMailruProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/mailru\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('mailru() returns a frozen provider', () => {
  const p = mailru(required);
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

test('mailru() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = mailru({
    ...required,
    name: 'mailru-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/login',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/userinfo',
  });
  assert.equal(p.name, 'mailru-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/login');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/userinfo');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/mailru-two\/callback/);
});

test('mailru() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => mailru({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => mailru({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => mailru({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});

test("mailru() puts the access token on the userinfo URL only", () => {
  const p = mailru(required);
  const tokens = { accessToken: 'tok en' };
  assert.equal(p.decorateApiRequest!(new URL('https://oauth.mail.ru/userinfo'), tokens).href, 'https://oauth.mail.ru/userinfo?access_token=tok+en');
  assert.equal(p.decorateApiRequest!(new URL('https://oauth.mail.ru/other'), tokens).href, 'https://oauth.mail.ru/other');
  assert.equal(p.decorateApiRequest!(new URL('https://evil.example/userinfo'), tokens).href, 'https://evil.example/userinfo');
  const local = mailru({ ...required, userinfoEndpoint: 'http://127.0.0.1:4000/userinfo' });
  assert.equal(local.decorateApiRequest!(new URL('http://127.0.0.1:4000/userinfo'), tokens).searchParams.get('access_token'), 'tok en');
});
