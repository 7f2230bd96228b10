/**
 * Full logins through the kit with the real presets against emulators that
 * behave as the providers document (GitHub, X, Discord) and one OIDC preset
 * through the real oidc-provider. The emulators record what we sent.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Browser } from '../helpers/http-client.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github.ts';
import { startXEmulator, type XEmulator } from '../emulators/x.ts';
import { startDiscordEmulator, type DiscordEmulator } from '../emulators/discord.ts';
import { startOidcServer, signInAtProvider, type OidcServer } from '../helpers/oidc-server.ts';
import { github, x, discord, keycloak } from '../../src/index.ts';

let app: TestApp;
let gh: GitHubEmulator;
let xe: XEmulator;
let dc: DiscordEmulator;
let op: OidcServer;
const JSON_ACCEPT = { accept: 'application/json' };

before(async () => {
  app = await startApp({
    mount(server) {
      server.get('/repos', async (req, res, next) => {
        try {
          const r = await req.oauth.fetch('github', '/user/repos');
          res.status(r.status).json(await r.json());
        } catch (err) {
          next(err);
        }
      });
    },
  });
  const cb = (name: string) => `${app.url}/auth/${name}/callback`;
  gh = await startGitHubEmulator({ redirectUris: [cb('github'), cb('ghe')], emailPrivate: true, sendIss: 'github' });
  xe = await startXEmulator({ redirectUris: [cb('x')] });
  dc = await startDiscordEmulator({ redirectUris: [cb('discord')] });
  op = await startOidcServer([cb('keycloak')]);
  app.auth.register(
    github({
      clientId: gh.clientId,
      clientSecret: gh.clientSecret,
      authorizationEndpoint: `${gh.url}/login/oauth/authorize`,
      tokenEndpoint: `${gh.url}/login/oauth/access_token`,
      userinfoEndpoint: `${gh.url}/user`,
      apiBaseUrl: `${gh.url}/`,
    }),
  );
  app.auth.register(github({ name: 'ghe', clientId: gh.clientId, clientSecret: gh.clientSecret, enterpriseUrl: gh.url }));
  app.auth.register(
    x({
      clientId: xe.clientId,
      clientSecret: xe.clientSecret,
      scope: ['users.read', 'tweet.read', 'offline.access', 'users.email'],
      authorizationEndpoint: `${xe.url}/i/oauth2/authorize`,
      tokenEndpoint: `${xe.url}/2/oauth2/token`,
      revocationEndpoint: `${xe.url}/2/oauth2/revoke`,
      userinfoEndpoint: `${xe.url}/2/users/me`,
      apiBaseUrl: `${xe.url}/2/`,
    }),
  );
  app.auth.register(
    discord({
      clientId: dc.clientId,
      clientSecret: dc.clientSecret,
      authorizationEndpoint: `${dc.url}/oauth2/authorize`,
      tokenEndpoint: `${dc.url}/api/oauth2/token`,
      userinfoEndpoint: `${dc.url}/api/users/@me`,
      apiBaseUrl: `${dc.url}/api/`,
    }),
  );
  app.auth.register(keycloak({ issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret }));
});
after(async () => {
  await app?.close();
  await Promise.all([gh?.close(), xe?.close(), dc?.close(), op?.close()]);
});

async function login(browser: Browser, name: string): Promise<{ done: Awaited<ReturnType<Browser['request']>>; authorize: URL }> {
  const start = await browser.request(`${app.url}/auth/${name}/login?returnTo=/protected`);
  assert.equal(start.status, 302, start.body);
  const authorize = new URL(start.location!);
  const back = await browser.request(start.location!);
  assert.equal(back.status, 302, back.body);
  const done = await browser.request(new URL(back.location!, back.url).href, { headers: JSON_ACCEPT });
  return { done, authorize };
}

test('GitHub: PKCE S256, client_secret_post, exact redirect_uri, iss accepted, private email from /user/emails, User-Agent', async () => {
  const browser = new Browser();
  const { done, authorize } = await login(browser, 'github');
  assert.equal(done.status, 302, done.body);
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(authorize.searchParams.get('scope'), 'read:user user:email');
  const tokenReq = gh.requestsTo('/login/oauth/access_token').at(-1)!;
  const form = new URLSearchParams(tokenReq.body);
  assert.equal(form.get('client_secret'), gh.clientSecret, 'client_secret_post');
  assert.equal(form.get('redirect_uri'), `${app.url}/auth/github/callback`);
  const challenge = authorize.searchParams.get('code_challenge');
  assert.equal(createHash('sha256').update(form.get('code_verifier')!).digest('base64url'), challenge);
  for (const r of [...gh.requestsTo('/user')]) assert.ok(r.headers['user-agent'], 'User-Agent on every API call');
  assert.ok(gh.requestsTo('/user/emails').length >= 1);
  const me = JSON.parse((await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT })).body);
  assert.equal(typeof me.user.id, 'string');
  assert.ok(me.user.username);
  assert.ok(me.user.email, 'email from /user/emails');
  assert.equal(me.user.emailVerified, true);
  const repos = await browser.request(`${app.url}/repos`, { headers: JSON_ACCEPT });
  assert.equal(repos.status, 200);
  assert.ok(Array.isArray(JSON.parse(repos.body)));
});

test('GitHub: token errors answered with HTTP 200 become token_exchange_failed with no login', async () => {
  gh.nextTokenError = 'bad_verification_code' as never;
  const browser = new Browser();
  const { done } = await login(browser, 'github');
  assert.equal(done.status, 502);
  assert.equal(JSON.parse(done.body).error, 'token_exchange_failed');
  assert.equal((await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT })).status, 401);
});

test('GitHub: callbacks without iss are accepted; any other iss is rejected before the token call', async () => {
  gh.sendIss = 'none';
  const ok = await login(new Browser(), 'github');
  assert.equal(ok.done.status, 302);
  gh.sendIss = 'https://github.com';
  const before = gh.requestsTo('/login/oauth/access_token').length;
  const bad = await login(new Browser(), 'github');
  assert.equal(bad.done.status, 401);
  assert.equal(gh.requestsTo('/login/oauth/access_token').length, before);
  gh.sendIss = 'github';
});

test('GitHub Enterprise Server through enterpriseUrl (its own iss; the github.com one is refused)', async () => {
  const wrong = await login(new Browser(), 'ghe');
  assert.equal(wrong.done.status, 401, 'iss of github.com is not this server');
  gh.sendIss = `${gh.url}/login/oauth`;
  try {
    const { done } = await login(new Browser(), 'ghe');
    assert.equal(done.status, 302, done.body);
    assert.ok(gh.requestsTo('/api/v3/user').length >= 1);
  } finally {
    gh.sendIss = 'github';
  }
});

test('X: PKCE required, HTTP Basic client auth, data wrapper, confirmed_email, refresh token kept server-side', async () => {
  const browser = new Browser();
  const { done, authorize } = await login(browser, 'x');
  assert.equal(done.status, 302, done.body);
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
  const tokenReq = xe.requestsTo('/2/oauth2/token').at(-1)!;
  assert.match(String(tokenReq.headers.authorization), /^Basic /);
  assert.equal(new URLSearchParams(tokenReq.body).get('client_secret'), null);
  const me = JSON.parse((await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT })).body);
  assert.ok(me.user.id && me.user.username);
  assert.ok(me.user.email, 'confirmed_email');
  const profileReq = xe.requestsTo('/2/users/me').at(-1)!;
  assert.match(String(profileReq.query['user.fields']), /confirmed_email/);
});

test('Discord: full login, snowflake id as string, avatar URL', async () => {
  const browser = new Browser();
  const { done } = await login(browser, 'discord');
  assert.equal(done.status, 302, done.body);
  const me = JSON.parse((await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT })).body);
  assert.match(me.user.id, /^\d+$/);
  assert.ok(me.user.username);
});

test('Keycloak preset (OIDC) through the real oidc-provider', async () => {
  const browser = new Browser();
  const start = await browser.request(`${app.url}/auth/keycloak/login?returnTo=/protected`);
  const back = await signInAtProvider(browser, start.location!, app.url, 'kc-user');
  const done = await browser.request(new URL(back.location!, back.url).href);
  assert.equal(done.status, 302, done.body);
  const me = JSON.parse((await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT })).body);
  assert.equal(me.user.id, 'kc-user');
  assert.equal(me.user.provider, 'keycloak');
});
