import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { mapTwitterProfile, twitter } from '../../../src/providers/twitter.ts';
import { oauth1 } from '../../../src/providers/oauth1.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/twitter-verify-credentials.json', import.meta.url), 'utf8'));
const creds = { consumerKey: 'ck', consumerSecret: 'cs' };

test('fixture is dated and sourced', () => {
  assert.equal(fixture._fixture.date, '2026-11-23');
  assert.match(fixture._fixture.source, /^https:\/\/developer\.x\.com\//);
});

test('mapTwitterProfile maps the documented verify_credentials payload', () => {
  assert.deepEqual(mapTwitterProfile(fixture), {
    id: '38895958',
    username: 'theSeanCook',
    name: 'Sean Cook',
    email: 'sean.cook@example.com',
    avatarUrl: 'https://si0.twimg.com/profile_images/1751506047/dead_sexy_normal.JPG',
  });
});

test('mapTwitterProfile prefers id_str over a numeric id beyond 2^53', () => {
  const raw = { id: 1234567890123456789, id_str: '1234567890123456789', screen_name: 'big' };
  assert.equal(mapTwitterProfile(raw).id, '1234567890123456789');
});

test('mapTwitterProfile falls back to String(id) and tolerates missing optional fields', () => {
  assert.deepEqual(mapTwitterProfile({ id: 783214 }), { id: '783214' });
  assert.deepEqual(mapTwitterProfile({ id_str: '12', screen_name: 'x', email: null, name: '', profile_image_url_https: undefined }), {
    id: '12',
    username: 'x',
  });
  const { email, ...noEmail } = fixture;
  void email;
  assert.equal('email' in mapTwitterProfile(noEmail), false);
});

test('mapTwitterProfile throws TypeError without id_str or id', () => {
  assert.throws(() => mapTwitterProfile({ screen_name: 'nobody' }), TypeError);
  assert.throws(() => mapTwitterProfile(null), TypeError);
  assert.throws(() => mapTwitterProfile({ id: { nested: 1 } }), TypeError);
});

test('twitter(): defaults', () => {
  const p = twitter(creds);
  assert.equal(p.protocol, 'oauth1');
  assert.equal(p.name, 'twitter');
  assert.equal(p.displayName, 'Twitter');
  assert.equal(p.requestTokenEndpoint, 'https://api.x.com/oauth/request_token');
  assert.equal(p.authorizationEndpoint, 'https://api.x.com/oauth/authenticate');
  assert.equal(p.accessTokenEndpoint, 'https://api.x.com/oauth/access_token');
  assert.equal(p.userinfoEndpoint, 'https://api.x.com/1.1/account/verify_credentials.json?include_email=true&skip_status=true');
  assert.equal(p.apiBaseUrl, 'https://api.x.com/1.1/');
  assert.equal(p.profile, mapTwitterProfile);
  assert.deepEqual([...p.quirks], ['oauth1-three-legged', 'include_email', 'denied-on-cancel']);
  assert.equal(p.docs?.registerUrl, 'https://developer.x.com/en/portal/dashboard');
  assert.equal(typeof p.docs?.notes, 'string');
  assert.equal(p.authorizationParams, undefined);
  assert.equal(p.requestTokenParams, undefined);
});

test('twitter(): options', () => {
  const p = twitter({ ...creds, name: 'twitter-read', forceLogin: true, useAuthorize: true, accessType: 'read', includeEmail: false });
  assert.equal(p.name, 'twitter-read');
  assert.equal(p.authorizationEndpoint, 'https://api.x.com/oauth/authorize');
  assert.deepEqual({ ...p.authorizationParams }, { force_login: 'true' });
  assert.deepEqual({ ...p.requestTokenParams }, { x_auth_access_type: 'read' });
  assert.equal(p.userinfoEndpoint, 'https://api.x.com/1.1/account/verify_credentials.json?skip_status=true');
  assert.deepEqual({ ...twitter({ ...creds, accessType: 'write' }).requestTokenParams }, { x_auth_access_type: 'write' });
});

test('twitter(): endpoint overrides are applied (emulator on loopback)', () => {
  const base = 'http://127.0.0.1:4567';
  const p = twitter({
    ...creds,
    requestTokenEndpoint: `${base}/oauth/request_token`,
    authorizationEndpoint: `${base}/oauth/authenticate`,
    accessTokenEndpoint: `${base}/oauth/access_token`,
    userinfoEndpoint: `${base}/1.1/account/verify_credentials.json`,
    apiBaseUrl: `${base}/1.1/`,
  });
  assert.equal(p.requestTokenEndpoint, `${base}/oauth/request_token`);
  assert.equal(p.authorizationEndpoint, `${base}/oauth/authenticate`);
  assert.equal(p.accessTokenEndpoint, `${base}/oauth/access_token`);
  assert.equal(p.userinfoEndpoint, `${base}/1.1/account/verify_credentials.json?include_email=true&skip_status=true`);
  assert.equal(p.apiBaseUrl, `${base}/1.1/`);
  // A query the caller set is kept as given.
  const q = twitter({ ...creds, userinfoEndpoint: 'https://api.example.com/me?include_email=false&skip_status=1' });
  assert.equal(q.userinfoEndpoint, 'https://api.example.com/me?include_email=false&skip_status=1');
  // http off loopback only with allowInsecureRequests.
  const insecure = twitter({ ...creds, allowInsecureRequests: true, requestTokenEndpoint: 'http://twitter.internal/oauth/request_token' });
  assert.equal(insecure.requestTokenEndpoint, 'http://twitter.internal/oauth/request_token');
});

test('twitter(): setup mistakes throw OAuthConfigError', () => {
  assert.throws(() => twitter({ consumerSecret: 'cs' } as any), OAuthConfigError);
  assert.throws(() => (twitter as any)(), OAuthConfigError);
  assert.throws(() => twitter({ consumerKey: '', consumerSecret: 'cs' }), /consumerKey/);
  assert.throws(() => twitter({ consumerKey: 'ck' } as any), /consumerSecret/);
  assert.throws(() => twitter({ ...creds, requestTokenEndpoint: 'http://api.example.com/oauth/request_token' }), /requestTokenEndpoint must use https/);
  assert.throws(() => twitter({ ...creds, userinfoEndpoint: 'http://api.example.com/1.1/me.json' }), OAuthConfigError);
  assert.throws(() => twitter({ ...creds, accessTokenEndpoint: 'not a url' }), /accessTokenEndpoint must be an absolute URL/);
  assert.throws(() => twitter({ ...creds, userinfoEndpoint: 'not a url' }), /userinfoEndpoint must be an absolute URL/);
  assert.throws(() => twitter({ ...creds, accessType: 'admin' as any }), /accessType/);
  assert.throws(() => twitter({ ...creds, name: 'Twitter!' }), OAuthConfigError);
});

test('twitter(): the provider object is frozen', () => {
  const p = twitter({ ...creds, forceLogin: true, accessType: 'read' });
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.quirks));
  assert.ok(Object.isFrozen(p.authorizationParams));
  assert.ok(Object.isFrozen(p.requestTokenParams));
  assert.ok(Object.isFrozen(p.docs));
  assert.throws(() => {
    (p as any).consumerSecret = 'other';
  }, TypeError);
});

test('oauth1(): generic preset', () => {
  const authorizationParams = { force_login: 'true' };
  const p = oauth1({
    name: 'acme',
    ...creds,
    requestTokenEndpoint: 'https://acme.example/oauth/request_token',
    authorizationEndpoint: 'https://acme.example/oauth/authorize',
    accessTokenEndpoint: 'https://acme.example/oauth/access_token',
    userinfoEndpoint: 'https://api.acme.example/me',
    apiHeaders: { 'user-agent': 'kit' },
    authorizationParams,
    requestTokenParams: { scope: 'read' },
    profile: (raw) => ({ id: String(raw.id) }),
  });
  assert.equal(p.protocol, 'oauth1');
  assert.equal(p.displayName, 'acme');
  assert.deepEqual(p.profile({ id: 7 }), { id: '7' });
  assert.ok(Object.isFrozen(p) && Object.isFrozen(p.authorizationParams) && Object.isFrozen(p.requestTokenParams) && Object.isFrozen(p.apiHeaders));
  authorizationParams.force_login = 'false';
  assert.equal(p.authorizationParams?.force_login, 'true', 'a later change to the options does not leak in');
  const base = { name: 'acme', ...creds, requestTokenEndpoint: 'https://a.example/r', authorizationEndpoint: 'https://a.example/a', accessTokenEndpoint: 'https://a.example/t', userinfoEndpoint: 'https://a.example/u' };
  assert.throws(() => oauth1(base as any), /profile is required/);
  assert.throws(() => oauth1({ ...base, requestTokenEndpoint: undefined, profile: (r: any) => r } as any), /requestTokenEndpoint is required/);
  assert.throws(() => oauth1({ ...base, name: '', profile: (r: any) => r }), OAuthConfigError);
});
