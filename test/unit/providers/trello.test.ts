import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { trello, mapTrelloProfile } from '../../../src/providers/trello.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/trello-profile.json', import.meta.url), 'utf8'));
const required = { consumerKey: 'consumer-key', consumerSecret: 'consumer-secret' };

test('trello-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapTrelloProfile maps the documented payload (trello-profile.json)', () => {
  assert.deepEqual(mapTrelloProfile(fixture), { id: '5abbe4b7ddc1b351ef961414', username: 'bentleycook', name: 'Bentley Cook', email: 'bentley@example.com', avatarUrl: 'https://trello-members.s3.amazonaws.com/5abbe4b7ddc1b351ef961414/fc8faaaee46666a4eb8b626c08933e16/170.png' });
});

test('mapTrelloProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapTrelloProfile({ id: '5abbe4b7ddc1b351ef961414', avatarUrl: null, email: null }), { id: '5abbe4b7ddc1b351ef961414' });
  assert.deepEqual(mapTrelloProfile({ id: 'm', avatarUrl: 'https://a.example/m/h/' }), { id: 'm', avatarUrl: 'https://a.example/m/h/170.png' });
});

test('mapTrelloProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapTrelloProfile({ username: 'bentleycook' }), TypeError);
  assert.throws(() => mapTrelloProfile({}), TypeError);
  assert.throws(() => mapTrelloProfile(null), TypeError);
});

test('trello() defaults: endpoints, authorize parameters', () => {
  const p = trello(required);
  assert.equal(p.name, 'trello');
  assert.equal(p.displayName, 'Trello');
  assert.equal(p.protocol, 'oauth1');
  assert.equal(p.requestTokenEndpoint, 'https://trello.com/1/OAuthGetRequestToken');
  assert.equal(p.authorizationEndpoint, 'https://trello.com/1/OAuthAuthorizeToken');
  assert.equal(p.accessTokenEndpoint, 'https://trello.com/1/OAuthGetAccessToken');
  assert.equal(p.userinfoEndpoint, 'https://api.trello.com/1/members/me');
  assert.equal(p.apiBaseUrl, 'https://api.trello.com/1/');
  assert.deepEqual(p.scope, ['read']);
  assert.equal(p.scopeSeparator, ',');
  assert.deepEqual(({ ...p.authorizationParams }), { scope: 'read', expiration: '30days' });
  assert.equal(p.profile, mapTrelloProfile);
  assert.deepEqual([...p.quirks], ['oauth1-three-legged', 'authorize-page-parameters', 'avatar-size-suffix']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/trello\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'developer');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('trello() returns a frozen provider', () => {
  const p = trello(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.ok(Object.isFrozen(p.quirks));
  assert.throws(() => {
    (p as any).consumerKey = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('trello() applies overrides', () => {
  const p = trello({
    ...required,
    name: 'trello-two',
    scope: ['read', 'account'],
    appName: 'My App',
    expiration: 'never',
    requestTokenEndpoint: 'http://127.0.0.1:4000/1/OAuthGetRequestToken',
    authorizationEndpoint: 'http://127.0.0.1:4000/1/OAuthAuthorizeToken',
    accessTokenEndpoint: 'http://127.0.0.1:4000/1/OAuthGetAccessToken',
    userinfoEndpoint: 'http://127.0.0.1:4000/1/members/me',
    apiBaseUrl: 'http://127.0.0.1:4000/1/',
  });
  assert.equal(p.name, 'trello-two');
  assert.deepEqual(p.scope, ['read', 'account']);
  assert.deepEqual(({ ...p.authorizationParams }), { scope: 'read,account', expiration: 'never', name: 'My App' });
  assert.equal(p.requestTokenEndpoint, 'http://127.0.0.1:4000/1/OAuthGetRequestToken');
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/1/OAuthAuthorizeToken');
  assert.equal(p.accessTokenEndpoint, 'http://127.0.0.1:4000/1/OAuthGetAccessToken');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/1/members/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/1/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/trello-two\/callback/);
});

test('trello() throws OAuthConfigError without a consumerKey', () => {
  assert.throws(() => trello({ ...required, consumerKey: '' }), OAuthConfigError);
  assert.throws(() => trello({ ...required, consumerKey: undefined as unknown as string }), /consumerKey/);
});

test('trello(): setup mistakes throw OAuthConfigError', () => {
  assert.throws(() => (trello as any)(), OAuthConfigError);
  assert.throws(() => trello({ consumerKey: 'k' } as any), /consumerSecret/);
  assert.throws(() => trello({ ...required, scope: ['admin' as any] }), /scope must be/);
  assert.throws(() => trello({ ...required, scope: [] }), /scope must be/);
  assert.throws(() => trello({ ...required, expiration: 'forever' as any }), /expiration must be/);
  assert.throws(() => trello({ ...required, requestTokenEndpoint: 'http://trello.example/1/OAuthGetRequestToken' }), /must use https/);
  assert.throws(() => trello({ ...required, name: 'Trello!' }), OAuthConfigError);
});

test('trello(): authorize parameters and docs are frozen', () => {
  const p = trello({ ...required, appName: 'My App' });
  assert.ok(Object.isFrozen(p.authorizationParams));
  assert.ok(Object.isFrozen(p.docs));
  assert.ok(Object.isFrozen(p.docs?.unverified));
});
