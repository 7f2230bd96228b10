/**
 * "Log in with Twitter" over OAuth 1.0a through the kit's routes, against the
 * Twitter emulator that verifies every signature on its own (SECURITY C-55…C-58).
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { Browser } from '../helpers/http-client.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { startTwitterEmulator, type TwitterEmulator } from '../emulators/twitter.ts';
import { twitter, oauth2 } from '../../src/index.ts';
import { startOAuth2Emulator, type OAuth2Emulator } from '../emulators/oauth2.ts';

let app: TestApp;
let tw: TwitterEmulator;
let other: OAuth2Emulator;
const JSON_ACCEPT = { accept: 'application/json' };

before(async () => {
  tw = await startTwitterEmulator();
  app = await startApp({
    mount(server) {
      server.get('/timeline', async (req, res, next) => {
        try {
          const r = await req.oauth.fetch('twitter', '/statuses/home_timeline.json?count=2');
          res.status(r.status).json(await r.json());
        } catch (err) {
          next(err);
        }
      });
    },
  });
  app.auth.register(twitter({ consumerKey: tw.consumerKey, consumerSecret: tw.consumerSecret, ...tw.endpoints() }));
  const wrong = twitter({ name: 'twitter-badsig', consumerKey: tw.consumerKey, consumerSecret: 'not-the-secret', ...tw.endpoints() });
  app.auth.register(wrong);
  other = await startOAuth2Emulator({ redirectUris: [`${app.url}/auth/other/callback`] });
  app.auth.register(
    oauth2({ name: 'other', clientId: other.clientId, clientSecret: other.clientSecret, authorizationEndpoint: `${other.url}/authorize`, tokenEndpoint: `${other.url}/token`, userinfoEndpoint: `${other.url}/userinfo` }),
  );
});
after(async () => {
  await app?.close();
  await tw?.close();
  await other?.close();
});
beforeEach(() => {
  tw.cancel = false;
  tw.omitCallbackConfirmed = false;
  tw.requests.length = 0;
});

const count = (path: string) => tw.requests.filter((r) => r.path === path).length;

test('full Twitter login: signed request token, authenticate, access token, verify_credentials, signed API call', async () => {
  const browser = new Browser();
  const start = await browser.request(`${app.url}/auth/twitter/login?returnTo=/protected`);
  assert.equal(start.status, 302);
  const authorize = new URL(start.location!);
  assert.equal(authorize.pathname, '/oauth/authenticate');
  assert.ok(authorize.searchParams.get('oauth_token'));
  assert.equal(authorize.searchParams.get('oauth_callback'), null, 'never sent to authenticate');
  const rt = tw.requests.find((r) => r.path === '/oauth/request_token')!;
  assert.match(String(rt.headers.authorization), /oauth_callback="http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fauth%2Ftwitter%2Fcallback"/);
  const back = await browser.request(start.location!);
  const cb = new URL(back.location!);
  assert.ok(cb.searchParams.get('oauth_verifier'));
  const done = await browser.request(cb.href);
  assert.equal(done.status, 302, done.body);
  assert.equal(done.location, '/protected');
  const me = JSON.parse((await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT })).body);
  assert.equal(me.user.id, '2244994945');
  assert.equal(me.user.username, 'TwitterDev');
  assert.equal(me.user.email, 'dev@example.com');
  const vc = tw.requests.find((r) => r.path === '/1.1/account/verify_credentials.json')!;
  assert.equal(vc.query.include_email, 'true');
  const timeline = await browser.request(`${app.url}/timeline`, { headers: JSON_ACCEPT });
  assert.equal(timeline.status, 200, timeline.body);
  // replaying the callback: the request token was used once
  const replay = await browser.request(cb.href, { headers: JSON_ACCEPT });
  assert.equal(replay.status, 400);
  assert.equal(count('/oauth/access_token'), 1);
});

test('cancel at Twitter (denied=) → 403 access_denied, no access-token call', async () => {
  tw.cancel = true;
  const browser = new Browser();
  const start = await browser.request(`${app.url}/auth/twitter/login`);
  const back = await browser.request(start.location!);
  assert.ok(new URL(back.location!).searchParams.get('denied'));
  const res = await browser.request(back.location!, { headers: JSON_ACCEPT });
  assert.equal(res.status, 403);
  assert.equal(JSON.parse(res.body).error, 'access_denied');
  assert.equal(count('/oauth/access_token'), 0);
});

test('missing oauth_callback_confirmed → 502 provider_error, no redirect to Twitter', async () => {
  tw.omitCallbackConfirmed = true;
  const res = await new Browser().request(`${app.url}/auth/twitter/login`, { headers: JSON_ACCEPT });
  assert.equal(res.status, 502);
  assert.equal(JSON.parse(res.body).error, 'provider_error');
});

test('a bad signature (wrong consumer secret) is refused by the emulator → 502 provider_error', async () => {
  const res = await new Browser().request(`${app.url}/auth/twitter-badsig/login`, { headers: JSON_ACCEPT });
  assert.equal(res.status, 502);
  assert.ok(tw.requests.some((r) => r.path === '/oauth/request_token'));
});

test("another session's oauth_token is refused without an access-token call", async () => {
  const victim = new Browser();
  const start = await victim.request(`${app.url}/auth/twitter/login`);
  const back = await victim.request(start.location!);
  const attacker = new Browser();
  const res = await attacker.request(back.location!, { headers: JSON_ACCEPT });
  assert.equal(res.status, 400);
  assert.equal(JSON.parse(res.body).error, 'state_mismatch');
  assert.equal(count('/oauth/access_token'), 0);
});

test('a 401 from the Twitter API → login_required for twitter only; the other linked account stays', async () => {
  const browser = new Browser();
  for (const name of ['other', 'twitter']) {
    const start = await browser.request(`${app.url}/auth/${name}/login`);
    const back = await browser.request(start.location!);
    const done = await browser.request(back.location!);
    assert.equal(done.status, 302, done.body);
  }
  assert.deepEqual(JSON.parse((await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT })).body).providers, ['other', 'twitter']);
  tw.revokeAccessTokens();
  const res = await browser.request(`${app.url}/timeline`, { headers: JSON_ACCEPT });
  assert.equal(res.status, 401);
  assert.equal(JSON.parse(res.body).error, 'login_required');
  const me = JSON.parse((await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT })).body);
  assert.deepEqual(me.providers, ['other']);
  assert.ok(me.user, 'still logged in through the other provider');
});
