/**
 * Full logins through the kit with the real Facebook, LinkedIn, Slack and
 * Twitch presets. Facebook (plain OAuth 2.0 + Graph) runs against an
 * emulator of its documented behaviour; LinkedIn, Slack and Twitch speak
 * OpenID Connect, so they run against the real oidc-provider shaped like each
 * of them (issuer path, client authentication, claims) with their documented
 * token-endpoint oddities: Twitch's `scope` array, Slack's HTTP-200
 * `ok:false` errors and no PKCE. Lichess (public clients only) runs against
 * an emulator that refuses any client secret.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { Browser, type Hop } from '../helpers/http-client.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { signInAtProvider } from '../helpers/oidc-server.ts';
import { apiAnswer, startShapedOidcServer, type ShapedOidcServer } from '../helpers/shaped-oidc-server.ts';
import { startFacebookEmulator, type FacebookEmulator } from '../emulators/facebook.ts';
import { startLichessEmulator, type LichessEmulator } from '../emulators/lichess.ts';
import { facebook, lichess, linkedin, slack, twitch } from '../../src/index.ts';

const JSON_ACCEPT = { accept: 'application/json' };

let app: TestApp;
let fb: FacebookEmulator;
let li: ShapedOidcServer;
let sl: ShapedOidcServer;
let tw: ShapedOidcServer;
let lc: LichessEmulator;

before(async () => {
  app = await startApp({
    mount(server) {
      server.get('/api-call/:provider', async (req, res, next) => {
        try {
          const r = await req.oauth.fetch(String(req.params.provider), String(req.query.path));
          res.status(r.status).json(await r.json());
        } catch (err) {
          next(err);
        }
      });
    },
  });
  const cb = (name: string) => `${app.url}/auth/${name}/callback`;

  fb = await startFacebookEmulator({ redirectUris: [cb('facebook')] });
  app.auth.register(
    facebook({
      clientId: fb.clientId,
      clientSecret: fb.clientSecret,
      authorizationEndpoint: `${fb.url}/v21.0/dialog/oauth`,
      tokenEndpoint: `${fb.url}/v21.0/oauth/access_token`,
      userinfoEndpoint: `${fb.url}/v21.0/me?fields=id,name,email,picture`,
      apiBaseUrl: `${fb.url}/v21.0/`,
    }),
  );

  li = await startShapedOidcServer({
    redirectUris: [cb('linkedin')],
    issuerPath: '/oauth',
    clientAuth: 'client_secret_post',
    scopeClaims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name', 'picture', 'locale'] },
    claims: () => ({
      name: 'Grace Hopper',
      given_name: 'Grace',
      family_name: 'Hopper',
      picture: 'https://media.licdn.com/dms/image/grace.jpg',
      locale: { country: 'US', language: 'en' },
      email: 'grace@example.com',
      email_verified: true,
    }),
    api: { '/v2/userinfo': (sub) => ({ sub, name: 'Grace Hopper' }) },
  });
  app.auth.register(linkedin({ clientId: li.clientId, clientSecret: li.clientSecret, issuer: li.issuer, apiBaseUrl: `${li.origin}/v2/` }));

  sl = await startShapedOidcServer({
    redirectUris: [cb('slack')],
    requirePkce: false,
    extraParams: ['team'],
    scopeClaims: {
      openid: ['sub', 'https://slack.com/user_id', 'https://slack.com/team_id'],
      email: ['email', 'email_verified'],
      profile: ['name', 'picture', 'given_name', 'family_name', 'locale', 'https://slack.com/team_name'],
    },
    claims: (sub) => ({
      'https://slack.com/user_id': sub,
      'https://slack.com/team_id': 'T0R7GR',
      'https://slack.com/team_name': 'Slack Corp',
      name: 'krane',
      given_name: 'Kate',
      family_name: 'Rane',
      email: 'krane@slack-corp.com',
      email_verified: true,
      picture: 'https://secure.gravatar.com/avatar/krane.jpg',
      locale: 'en-US',
    }),
    // Slack answers every API error, token endpoint included, with HTTP 200 and { ok: false, error }.
    rewriteTokenAnswer: (body) => ({ ok: true, ...body }),
    tokenErrorAnswer: (error) => ({ status: 200, body: { ok: false, error } }),
    api: { '/api/auth.test': (sub) => ({ ok: true, team: 'Slack Corp', team_id: 'T0R7GR', user_id: sub }) },
    apiUnauthorized: { status: 200, body: { ok: false, error: 'invalid_auth' } },
  });
  app.auth.register(slack({ clientId: sl.clientId, clientSecret: sl.clientSecret, issuer: sl.issuer, team: 'T0R7GR', apiBaseUrl: `${sl.origin}/api/` }));

  tw = await startShapedOidcServer({
    redirectUris: [cb('twitch')],
    issuerPath: '/oauth2',
    clientAuth: 'client_secret_post',
    scopeClaims: { openid: ['sub', 'preferred_username', 'picture'], 'user:read:email': ['email', 'email_verified'] },
    claims: () => ({ preferred_username: 'TwitchDev', picture: 'https://static-cdn.jtvnw.net/user-default-pictures/tw.png', email: 'dev@twitch.example', email_verified: true }),
    // Twitch answers the token response's scope as a JSON array.
    rewriteTokenAnswer: (body) => (typeof body.scope === 'string' ? { ...body, scope: body.scope.split(' ') } : body),
    api: {
      '/helix/users': (sub, req) =>
        req.headers['client-id'] === tw.clientId
          ? { data: [{ id: sub, login: 'twitchdev', display_name: 'TwitchDev' }] }
          : apiAnswer(401, { error: 'Unauthorized', status: 401, message: 'Client ID and OAuth token do not match' }),
    },
  });
  app.auth.register(twitch({ clientId: tw.clientId, clientSecret: tw.clientSecret, issuer: tw.issuer, apiBaseUrl: `${tw.origin}/helix/` }));

  lc = await startLichessEmulator({ redirectUris: [cb('lichess')], clientId: 'kit.example.com' });
  app.auth.register(
    lichess({
      clientId: 'kit.example.com',
      authorizationEndpoint: `${lc.url}/oauth`,
      tokenEndpoint: `${lc.url}/api/token`,
      userinfoEndpoint: `${lc.url}/api/account`,
      apiBaseUrl: `${lc.url}/api/`,
    }),
  );
});

after(async () => {
  await app?.close();
  await Promise.all([fb?.close(), li?.close(), sl?.close(), tw?.close(), lc?.close()]);
});

async function oidcLogin(browser: Browser, name: string, account: string): Promise<{ done: Hop; authorize: URL }> {
  const start = await browser.request(`${app.url}/auth/${name}/login?returnTo=/protected`);
  assert.equal(start.status, 302, start.body);
  const back = await signInAtProvider(browser, start.location!, app.url, account);
  const done = await browser.request(new URL(back.location!, back.url).href, { headers: JSON_ACCEPT });
  return { done, authorize: new URL(start.location!) };
}

async function me(browser: Browser): Promise<Record<string, any>> {
  const res = await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT });
  assert.equal(res.status, 200, res.body);
  return JSON.parse(res.body).user;
}

async function apiCall(browser: Browser, name: string, path: string): Promise<{ status: number; body: any }> {
  const res = await browser.request(`${app.url}/api-call/${name}?path=${encodeURIComponent(path)}`, { headers: JSON_ACCEPT });
  return { status: res.status, body: JSON.parse(res.body) };
}

test('Facebook: versioned dialog, token and Graph paths; appsecret_proof = HMAC-SHA256(token, app secret) on the profile and API calls', async () => {
  const browser = new Browser();
  const start = await browser.request(`${app.url}/auth/facebook/login?returnTo=/protected`);
  assert.equal(start.status, 302, start.body);
  const authorize = new URL(start.location!);
  assert.equal(authorize.pathname, '/v21.0/dialog/oauth');
  assert.equal(authorize.searchParams.get('scope'), 'email public_profile');
  const back = await browser.request(start.location!);
  assert.equal(back.status, 302, back.body);
  const done = await browser.request(new URL(back.location!, back.url).href, { headers: JSON_ACCEPT });
  assert.equal(done.status, 302, done.body);

  const tokenReq = fb.requestsTo('/v21.0/oauth/access_token').at(-1)!;
  assert.equal(tokenReq.form?.client_secret, fb.clientSecret, 'client_secret_post');
  assert.equal(createHash('sha256').update(String(tokenReq.form?.code_verifier)).digest('base64url'), authorize.searchParams.get('code_challenge'));
  const profileCall = fb.graphCalls.find((c) => c.path === '/me')!;
  assert.equal(profileCall.version, 'v21.0');
  assert.equal(profileCall.fields, 'id,name,email,picture');
  assert.equal(profileCall.proofValid, true, 'the profile call carries a valid appsecret_proof');
  assert.deepEqual(await me(browser), {
    provider: 'facebook',
    id: '10158472613917281',
    name: 'Mark Otto',
    email: 'mark.otto@example.com',
    avatarUrl: 'https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=10158472613917281',
  });

  const perms = await apiCall(browser, 'facebook', 'me/permissions');
  assert.equal(perms.status, 200, JSON.stringify(perms.body));
  assert.deepEqual(perms.body.data.find((p: { permission: string }) => p.permission === 'email'), { permission: 'email', status: 'granted' });
  const apiCallSeen = fb.graphCalls.at(-1)!;
  assert.equal(apiCallSeen.path, '/me/permissions');
  assert.equal(apiCallSeen.version, 'v21.0');
  const apiReq = fb.requestsTo('/v21.0/me/permissions').at(-1)!;
  const token = String(apiReq.headers.authorization).replace(/^Bearer /, '');
  assert.equal(apiReq.query.appsecret_proof, createHmac('sha256', fb.clientSecret).update(token).digest('hex'));
  assert.equal(apiCallSeen.proofValid, true);
  const response = (await browser.request(`${app.url}/api-call/facebook?path=me%2Fpermissions`, { headers: JSON_ACCEPT })).body;
  assert.ok(!response.includes(token), 'the token never reaches the browser');
});

test('LinkedIn: issuer under /oauth, client_secret_post, the OIDC userinfo claims (locale as an object), an API call', async () => {
  const browser = new Browser();
  const { done, authorize } = await oidcLogin(browser, 'linkedin', 'yrZCpj2Z12');
  assert.equal(done.status, 302, done.body);
  assert.equal(authorize.pathname, '/oauth/auth');
  assert.ok(li.requestsTo('/oauth/.well-known/openid-configuration').length >= 1);
  const exchange = li.tokenExchanges.at(-1)!;
  assert.equal(exchange.body.client_secret, li.clientSecret, 'client_secret_post');
  assert.equal(exchange.authorization, undefined);
  assert.deepEqual(await me(browser), {
    provider: 'linkedin',
    id: 'yrZCpj2Z12',
    name: 'Grace Hopper',
    email: 'grace@example.com',
    emailVerified: true,
    avatarUrl: 'https://media.licdn.com/dms/image/grace.jpg',
  });
  const info = await apiCall(browser, 'linkedin', 'userinfo');
  assert.equal(info.status, 200);
  assert.equal(info.body.sub, 'yrZCpj2Z12');
});

test('Slack: team pre-selected, nonce sent, no PKCE; Slack claims mapped; an API call', async () => {
  const browser = new Browser();
  const { done, authorize } = await oidcLogin(browser, 'slack', 'U0R7JM');
  assert.equal(done.status, 302, done.body);
  const received = sl.authorizeRequests().at(-1)!;
  assert.equal(received.get('team'), 'T0R7GR');
  assert.ok(received.get('nonce'), 'nonce sent');
  assert.equal(authorize.searchParams.get('code_challenge'), null, 'no PKCE');
  const exchange = sl.tokenExchanges.at(-1)!;
  assert.equal(exchange.body.code_verifier, undefined, 'no code_verifier');
  assert.equal(exchange.answer.ok, true);
  assert.deepEqual(await me(browser), {
    provider: 'slack',
    id: 'U0R7JM',
    name: 'krane',
    email: 'krane@slack-corp.com',
    emailVerified: true,
    avatarUrl: 'https://secure.gravatar.com/avatar/krane.jpg',
  });
  const identity = await apiCall(browser, 'slack', 'auth.test');
  assert.equal(identity.status, 200);
  assert.deepEqual(identity.body, { ok: true, team: 'Slack Corp', team_id: 'T0R7GR', user_id: 'U0R7JM' });
});

test('Slack: a token error answered with HTTP 200 { ok: false } is token_exchange_failed, no login, no provider text shown', async () => {
  sl.nextTokenError = 'invalid_code';
  const browser = new Browser();
  const { done } = await oidcLogin(browser, 'slack', 'U0R7JM');
  assert.equal(done.status, 502, done.body);
  assert.equal(JSON.parse(done.body).error, 'token_exchange_failed');
  assert.ok(!done.body.includes('invalid_code'));
  const answered = sl.tokenExchanges.at(-1)!;
  assert.equal(answered.status, 200, 'Slack-shaped: the error came with HTTP 200');
  assert.deepEqual(answered.answer, { ok: false, error: 'invalid_code' });
  assert.equal((await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT })).status, 401);
});

test('Twitch: issuer /oauth2, client_secret_post, claims parameter, scope answered as an array, Helix call with Client-Id', async () => {
  const browser = new Browser();
  const { done, authorize } = await oidcLogin(browser, 'twitch', '141981764');
  assert.equal(done.status, 302, done.body);
  assert.equal(authorize.pathname, '/oauth2/auth');
  const claims = JSON.parse(authorize.searchParams.get('claims')!);
  assert.deepEqual(Object.keys(claims.id_token).sort(), ['email', 'email_verified', 'picture', 'preferred_username']);
  const exchange = tw.tokenExchanges.at(-1)!;
  assert.equal(exchange.body.client_secret, tw.clientSecret);
  assert.ok(Array.isArray(exchange.answer.scope), 'Twitch-shaped answer: scope is an array');
  assert.deepEqual(await me(browser), {
    provider: 'twitch',
    id: '141981764',
    username: 'TwitchDev',
    name: 'TwitchDev',
    email: 'dev@twitch.example',
    emailVerified: true,
    avatarUrl: 'https://static-cdn.jtvnw.net/user-default-pictures/tw.png',
  });
  const users = await apiCall(browser, 'twitch', 'users');
  assert.equal(users.status, 200, JSON.stringify(users.body));
  assert.equal(users.body.data[0].id, '141981764');
  assert.equal(tw.requestsTo('/helix/users').at(-1)!.headers['client-id'], tw.clientId);
});

test('Lichess: a public client (no secret anywhere), PKCE required, the email from /api/account/email', async () => {
  const browser = new Browser();
  const start = await browser.request(`${app.url}/auth/lichess/login?returnTo=/protected`);
  assert.equal(start.status, 302, start.body);
  const authorize = new URL(start.location!);
  assert.equal(authorize.searchParams.get('client_id'), 'kit.example.com');
  assert.equal(authorize.searchParams.get('scope'), 'email:read');
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
  const back = await browser.request(start.location!);
  assert.equal(back.status, 302, back.body);
  const done = await browser.request(new URL(back.location!, back.url).href, { headers: JSON_ACCEPT });
  assert.equal(done.status, 302, done.body);
  const tokenReq = lc.requestsTo('/api/token').at(-1)!;
  assert.equal(tokenReq.headers.authorization, undefined, 'no HTTP Basic');
  assert.equal(tokenReq.form?.client_secret, undefined, 'no client_secret');
  assert.equal(tokenReq.form?.client_id, 'kit.example.com');
  assert.equal(createHash('sha256').update(String(tokenReq.form?.code_verifier)).digest('base64url'), authorize.searchParams.get('code_challenge'));
  assert.ok(lc.requestsTo('/api/account/email').length >= 1);
  assert.deepEqual(await me(browser), {
    provider: 'lichess',
    id: 'thibault',
    username: 'thibault',
    name: 'Thibault Duplessis',
    email: 'thibault@lichess.example',
  });
  const account = await apiCall(browser, 'lichess', 'account');
  assert.equal(account.status, 200);
  assert.equal(account.body.username, 'thibault');
});
