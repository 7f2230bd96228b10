import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { tumblr, mapTumblrProfile } from '../../../src/providers/tumblr.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/tumblr-profile.json', import.meta.url), 'utf8'));
const required = { consumerKey: 'consumer-key', consumerSecret: 'consumer-secret' };

test('mapTumblrProfile maps the documented payload (tumblr-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapTumblrProfile(fixture), { id: 'derekg', username: 'derekg', name: 'Derek Gottfrid', avatarUrl: 'https://64.media.tumblr.com/avatar_derekg_512.pnj' });
});

test('mapTumblrProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapTumblrProfile({ response: { user: { name: 'derekg' } } }), { id: 'derekg', username: 'derekg' });
  assert.deepEqual(mapTumblrProfile({ response: { user: { name: 'derekg', blogs: [{ name: 'x', title: 'Not primary', primary: false }] } } }), { id: 'derekg', username: 'derekg' });
  assert.deepEqual(mapTumblrProfile({ response: { user: { name: 'derekg', blogs: 'nope' } } }), { id: 'derekg', username: 'derekg' });
});

test('mapTumblrProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapTumblrProfile({ meta: { status: 401, msg: 'Unauthorized' }, response: [] }), TypeError);
  assert.throws(() => mapTumblrProfile({ name: 'derekg' }), TypeError);
  assert.throws(() => mapTumblrProfile({}), TypeError);
  assert.throws(() => mapTumblrProfile(null), TypeError);
});

test('tumblr() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = tumblr(required);
  assert.equal(p.name, 'tumblr');
  assert.equal(p.displayName, "Tumblr");
  assert.equal(p.protocol, 'oauth1');
  assert.equal(p.requestTokenEndpoint, 'https://www.tumblr.com/oauth/request_token');
  assert.equal(p.authorizationEndpoint, 'https://www.tumblr.com/oauth/authorize');
  assert.equal(p.accessTokenEndpoint, 'https://www.tumblr.com/oauth/access_token');
  assert.equal(p.userinfoEndpoint, 'https://api.tumblr.com/v2/user/info');
  assert.equal(p.apiBaseUrl, 'https://api.tumblr.com/v2/');
  assert.equal(p.profile, mapTumblrProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/tumblr\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'social');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('tumblr() returns a frozen provider', () => {
  const p = tumblr(required);
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

test('tumblr() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = tumblr({
    ...required,
    name: 'tumblr-two',
    requestTokenEndpoint: 'http://127.0.0.1:4000/oauth/request_token',
    authorizationEndpoint: 'http://127.0.0.1:4000/oauth/authorize',
    accessTokenEndpoint: 'http://127.0.0.1:4000/oauth/access_token',
    userinfoEndpoint: 'http://127.0.0.1:4000/v2/user/info',
    apiBaseUrl: 'http://127.0.0.1:4000/v2/',
  });
  assert.equal(p.name, 'tumblr-two');
  assert.equal(p.requestTokenEndpoint, 'http://127.0.0.1:4000/oauth/request_token');
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/oauth/authorize');
  assert.equal(p.accessTokenEndpoint, 'http://127.0.0.1:4000/oauth/access_token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/v2/user/info');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/v2/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/tumblr-two\/callback/);
});

test('tumblr() throws OAuthConfigError without a consumerKey / consumerSecret', () => {
  assert.throws(() => tumblr({ ...required, consumerKey: '' }), OAuthConfigError);
  assert.throws(() => tumblr({ ...required, consumerKey: undefined as unknown as string }), /consumerKey/);
  assert.throws(() => tumblr({ ...required, consumerSecret: '' }), /consumerSecret/);
  assert.throws(() => tumblr({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});

test("tumblr() rejects missing options and insecure endpoints", () => {
  assert.throws(() => (tumblr as any)(), OAuthConfigError);
  assert.throws(() => tumblr({ ...required, requestTokenEndpoint: 'http://www.tumblr.example/oauth/request_token' }), /requestTokenEndpoint must use https/);
  assert.throws(() => tumblr({ ...required, userinfoEndpoint: 'not a url' }), /userinfoEndpoint must be an absolute URL/);
  assert.equal(tumblr({ ...required, allowInsecureRequests: true, userinfoEndpoint: 'http://tumblr.internal/v2/user/info' }).userinfoEndpoint, 'http://tumblr.internal/v2/user/info');
  assert.ok(Object.isFrozen(tumblr(required).docs));
});
