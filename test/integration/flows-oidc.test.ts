/**
 * Full logins through the kit with the real presets of the OpenID Connect
 * identity providers, each against the real oidc-provider shaped like that
 * provider: its issuer path, client authentication, claims, extra authorize
 * parameters and an API next to it. Each test checks what the provider
 * received, the mapped profile and, where the preset has an API, a
 * `req.oauth.fetch` call.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Browser, type Hop } from '../helpers/http-client.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { signInAtProvider } from '../helpers/oidc-server.ts';
import { startShapedOidcServer, type ShapedOidcServer } from '../helpers/shaped-oidc-server.ts';
import { google, microsoft, gitlab, okta, auth0, cognito, salesforce, onelogin } from '../../src/index.ts';

const JSON_ACCEPT = { accept: 'application/json' };
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SF_ORG = '00D5e000000AbCdEAK';

let app: TestApp;
const servers: Record<string, ShapedOidcServer> = {};

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
      server.get('/has-refresh/:provider', async (req, res, next) => {
        try {
          const tokens = await req.oauth.tokens(String(req.params.provider));
          res.json({ refresh: typeof tokens.refreshToken === 'string' && tokens.refreshToken.length > 0 });
        } catch (err) {
          next(err);
        }
      });
    },
  });
  const cb = (name: string) => `${app.url}/auth/${name}/callback`;

  const g = (servers.google = await startShapedOidcServer({
    redirectUris: [cb('google'), cb('google-online')],
    extraParams: ['access_type'],
    offlineByAccessType: true,
    claims: (sub) => ({ email: `${sub}@gmail.com`, email_verified: true, name: 'Ada Lovelace', given_name: 'Ada', family_name: 'Lovelace', picture: 'https://lh3.googleusercontent.com/a/ada', locale: 'en' }),
    api: { '/googleapis/oauth2/v3/tokeninfo': (sub) => ({ sub, aud: 'shaped-client-id' }) },
  }));
  app.auth.register(google({ clientId: g.clientId, clientSecret: g.clientSecret, issuer: g.issuer, offline: true, apiBaseUrl: `${g.origin}/googleapis/` }));
  app.auth.register(google({ name: 'google-online', clientId: g.clientId, clientSecret: g.clientSecret, issuer: g.issuer }));

  const ms: ShapedOidcServer = (servers.microsoft = await startShapedOidcServer({
    redirectUris: [cb('microsoft'), cb('microsoft-contoso')],
    issuerPath: `/${TENANT}/v2.0`,
    pathAlias: { from: '/common/v2.0', to: `/${TENANT}/v2.0` },
    aliasDiscovery: (doc) => ({ ...doc, issuer: `${ms.origin}/{tenantid}/v2.0` }),
    scopeClaims: { openid: ['sub', 'tid'], email: ['email'], profile: ['name', 'preferred_username'] },
    claims: (sub) => ({ tid: TENANT, name: 'Megan Bowen', preferred_username: `${sub}@contoso.onmicrosoft.com`, email: `${sub}@contoso.com` }),
    api: { '/graph/v1.0/me': (sub) => ({ id: sub, displayName: 'Megan Bowen', userPrincipalName: `${sub}@contoso.onmicrosoft.com` }) },
  }));
  app.auth.register(microsoft({ clientId: ms.clientId, clientSecret: ms.clientSecret, authority: ms.origin, apiBaseUrl: `${ms.origin}/graph/v1.0/` }));
  app.auth.register(microsoft({ name: 'microsoft-contoso', tenant: TENANT, clientId: ms.clientId, clientSecret: ms.clientSecret, authority: ms.origin, apiBaseUrl: `${ms.origin}/graph/v1.0/` }));

  const gl: ShapedOidcServer = (servers.gitlab = await startShapedOidcServer({
    redirectUris: [cb('gitlab')],
    issuerPath: '/gitlab',
    scopeClaims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'nickname', 'preferred_username', 'picture', 'website', 'profile'] },
    claims: (sub) => ({ name: 'Sid Sijbrandij', nickname: 'sid', preferred_username: 'sid', email: 'sid@gitlab.example.com', email_verified: true, picture: `${gl.origin}/gitlab/uploads/-/system/user/avatar/${sub}/avatar.png`, profile: `${gl.origin}/gitlab/sid` }),
    api: { '/gitlab/api/v4/user': (sub) => ({ id: Number(sub), username: 'sid', name: 'Sid Sijbrandij', state: 'active' }) },
  }));
  app.auth.register(gitlab({ clientId: gl.clientId, clientSecret: gl.clientSecret, baseUrl: `${gl.origin}/gitlab/` }));

  const ok = (servers.okta = await startShapedOidcServer({
    redirectUris: [cb('okta')],
    issuerPath: '/oauth2/default',
    claims: (sub) => ({ name: 'Isaac Brock', given_name: 'Isaac', family_name: 'Brock', preferred_username: `${sub}@example.com`, email: `${sub}@example.com`, email_verified: true, locale: 'en_US' }),
  }));
  app.auth.register(okta({ clientId: ok.clientId, clientSecret: ok.clientSecret, issuer: ok.issuer }));

  const a0 = (servers.auth0 = await startShapedOidcServer({
    redirectUris: [cb('auth0')],
    issuerPath: '/',
    extraParams: ['audience'],
    claims: () => ({ name: 'Jane Josephine Doe', nickname: 'jane', email: 'janedoe@example.com', email_verified: true, picture: 'https://s.gravatar.com/avatar/jane.png' }),
  }));
  app.auth.register(auth0({ clientId: a0.clientId, clientSecret: a0.clientSecret, issuer: a0.issuer, audience: 'https://api.example.com/orders' }));

  const cg = (servers.cognito = await startShapedOidcServer({
    redirectUris: [cb('cognito')],
    issuerPath: '/us-east-1_AbCdEf123',
    scopeClaims: { openid: ['sub', 'cognito:username'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name', 'username'] },
    // Cognito's userinfo answers email_verified as the string "true".
    claims: () => ({ 'cognito:username': 'carol', username: 'carol', email: 'carol@example.com', email_verified: 'true', given_name: 'Carol', family_name: 'Danvers' }),
  }));
  app.auth.register(cognito({ clientId: cg.clientId, clientSecret: cg.clientSecret, issuer: cg.issuer }));

  const sf = (servers.salesforce = await startShapedOidcServer({
    redirectUris: [cb('salesforce')],
    scopeClaims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username', 'user_id', 'organization_id', 'photos', 'picture'] },
    claims: (sub) => ({
      user_id: sub.split('/').at(-1),
      organization_id: SF_ORG,
      preferred_username: 'admin@acme.example',
      name: 'Admin User',
      email: 'admin@acme.example',
      email_verified: true,
      picture: `https://acme.file.force.com/profilephoto/005/F`,
      photos: { picture: 'https://acme.file.force.com/profilephoto/005/F', thumbnail: 'https://acme.file.force.com/profilephoto/005/T' },
    }),
  }));
  app.auth.register(salesforce({ clientId: sf.clientId, clientSecret: sf.clientSecret, issuer: sf.issuer }));

  const ol = (servers.onelogin = await startShapedOidcServer({
    redirectUris: [cb('onelogin')],
    issuerPath: '/oidc/2',
    scopeClaims: { openid: ['sub'], email: ['email'], profile: ['name', 'given_name', 'family_name', 'preferred_username', 'updated_at'] },
    claims: () => ({ name: 'Kelly Young', given_name: 'Kelly', family_name: 'Young', preferred_username: 'kelly.young', email: 'kelly.young@acme.example', updated_at: 1733616000 }),
  }));
  app.auth.register(onelogin({ clientId: ol.clientId, clientSecret: ol.clientSecret, issuer: ol.issuer }));
});

after(async () => {
  await app?.close();
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

async function login(browser: Browser, name: string, account: string): Promise<{ done: Hop; authorize: URL }> {
  const start = await browser.request(`${app.url}/auth/${name}/login?returnTo=/protected`);
  assert.equal(start.status, 302, start.body);
  const authorize = new URL(start.location!);
  const back = await signInAtProvider(browser, start.location!, app.url, account);
  const done = await browser.request(new URL(back.location!, back.url).href, { headers: JSON_ACCEPT });
  return { done, authorize };
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

function checkPkce(authorize: URL, server: ShapedOidcServer): void {
  const exchange = server.tokenExchanges.at(-1)!;
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(createHash('sha256').update(exchange.body.code_verifier!).digest('base64url'), authorize.searchParams.get('code_challenge'));
}

test('Google: access_type=offline + prompt=consent reach Google and bring a refresh token; without offline, neither', async () => {
  const g = servers.google!;
  const browser = new Browser();
  const { done, authorize } = await login(browser, 'google', '104811113330476355181');
  assert.equal(done.status, 302, done.body);
  assert.equal(authorize.origin + authorize.pathname, `${g.issuer}/auth`);
  const received = g.authorizeRequests().at(-1)!;
  assert.equal(received.get('access_type'), 'offline');
  assert.equal(received.get('prompt'), 'consent');
  assert.equal(received.get('scope'), 'openid email profile');
  assert.ok(received.get('nonce'), 'nonce sent');
  checkPkce(authorize, g);
  const exchange = g.tokenExchanges.at(-1)!;
  assert.match(String(exchange.authorization), /^Basic /, 'client_secret_basic');
  assert.equal(typeof exchange.answer.refresh_token, 'string', 'Google answered with a refresh token');
  assert.deepEqual(JSON.parse((await browser.request(`${app.url}/has-refresh/google`)).body), { refresh: true });
  assert.deepEqual(await me(browser), {
    provider: 'google',
    id: '104811113330476355181',
    name: 'Ada Lovelace',
    email: '104811113330476355181@gmail.com',
    emailVerified: true,
    avatarUrl: 'https://lh3.googleusercontent.com/a/ada',
  });
  const api = await apiCall(browser, 'google', 'oauth2/v3/tokeninfo');
  assert.equal(api.status, 200);
  assert.equal(api.body.sub, '104811113330476355181');
  assert.match(String(g.requestsTo('/googleapis/oauth2/v3/tokeninfo').at(-1)!.headers.authorization), /^Bearer /);

  const online = new Browser();
  const second = await login(online, 'google-online', 'online-user');
  assert.equal(second.done.status, 302, second.done.body);
  const plain = g.authorizeRequests().at(-1)!;
  assert.equal(plain.get('access_type'), null);
  assert.equal(plain.get('prompt'), null);
  assert.equal(g.tokenExchanges.at(-1)!.answer.refresh_token, undefined);
  assert.deepEqual(JSON.parse((await online.request(`${app.url}/has-refresh/google-online`)).body), { refresh: false });
});

test('Microsoft: a single tenant (its /<tenant>/v2.0 issuer), profile from the claims, a Graph call', async () => {
  const ms = servers.microsoft!;
  const browser = new Browser();
  const { done, authorize } = await login(browser, 'microsoft-contoso', 'megan');
  assert.equal(done.status, 302, done.body);
  assert.equal(authorize.pathname, `/${TENANT}/v2.0/auth`);
  assert.equal(authorize.searchParams.get('scope'), 'openid profile email');
  checkPkce(authorize, ms);
  assert.deepEqual(await me(browser), {
    provider: 'microsoft-contoso',
    id: 'megan',
    username: 'megan@contoso.onmicrosoft.com',
    name: 'Megan Bowen',
    email: 'megan@contoso.com',
  });
  const graph = await apiCall(browser, 'microsoft-contoso', 'me');
  assert.equal(graph.status, 200);
  assert.equal(graph.body.displayName, 'Megan Bowen');
});

test('Microsoft: multi-tenant common endpoint, whose discovery issuer is the {tenantid} template', async () => {
  const ms = servers.microsoft!;
  const discovery = await fetch(`${ms.origin}/common/v2.0/.well-known/openid-configuration`).then((r) => r.json() as Promise<Record<string, unknown>>);
  assert.equal(discovery.issuer, `${ms.origin}/{tenantid}/v2.0`, 'the emulated discovery has Entra\'s template issuer');
  const browser = new Browser();
  const start = await browser.request(`${app.url}/auth/microsoft/login?returnTo=/protected`);
  assert.equal(start.status, 302, start.body);
  const back = await signInAtProvider(browser, start.location!, app.url, 'megan');
  const done = await browser.request(new URL(back.location!, back.url).href, { headers: JSON_ACCEPT });
  assert.equal(done.status, 302, done.body);
  const user = await me(browser);
  assert.equal(user.provider, 'microsoft');
  assert.equal(user.id, 'megan');
  assert.equal(user.username, 'megan@contoso.onmicrosoft.com');
});

test('GitLab: a self-managed instance under a relative URL root (baseUrl https://host/gitlab), its API at /gitlab/api/v4', async () => {
  const gl = servers.gitlab!;
  const browser = new Browser();
  const { done, authorize } = await login(browser, 'gitlab', '4242');
  assert.equal(done.status, 302, done.body);
  assert.equal(authorize.pathname, '/gitlab/auth');
  assert.ok(gl.requestsTo('/gitlab/.well-known/openid-configuration').length >= 1, 'discovery under the relative root');
  checkPkce(authorize, gl);
  assert.deepEqual(await me(browser), {
    provider: 'gitlab',
    id: '4242',
    username: 'sid',
    name: 'Sid Sijbrandij',
    email: 'sid@gitlab.example.com',
    emailVerified: true,
    avatarUrl: `${gl.origin}/gitlab/uploads/-/system/user/avatar/4242/avatar.png`,
  });
  const user = await apiCall(browser, 'gitlab', 'user');
  assert.equal(user.status, 200);
  assert.deepEqual(user.body, { id: 4242, username: 'sid', name: 'Sid Sijbrandij', state: 'active' });
});

test('Okta: the custom authorization server issuer /oauth2/default, discovery and endpoints under it', async () => {
  const ok = servers.okta!;
  const browser = new Browser();
  const { done, authorize } = await login(browser, 'okta', '00u1a2b3c4d5e6f7g8h9');
  assert.equal(done.status, 302, done.body);
  assert.equal(authorize.pathname, '/oauth2/default/auth');
  assert.ok(ok.requestsTo('/oauth2/default/.well-known/openid-configuration').length >= 1);
  assert.ok(ok.requestsTo('/oauth2/default/token').length >= 1);
  checkPkce(authorize, ok);
  assert.match(String(ok.tokenExchanges.at(-1)!.authorization), /^Basic /);
  assert.deepEqual(await me(browser), {
    provider: 'okta',
    id: '00u1a2b3c4d5e6f7g8h9',
    username: '00u1a2b3c4d5e6f7g8h9@example.com',
    name: 'Isaac Brock',
    email: '00u1a2b3c4d5e6f7g8h9@example.com',
    emailVerified: true,
  });
});

test('Auth0: the issuer with its trailing slash, the audience parameter sent to /authorize', async () => {
  const a0 = servers.auth0!;
  assert.ok(a0.issuer.endsWith('/'));
  const browser = new Browser();
  const { done } = await login(browser, 'auth0', 'auth0|5f7c8ec7c33c6c004bbafe82');
  assert.equal(done.status, 302, done.body);
  const received = a0.authorizeRequests().at(-1)!;
  assert.equal(received.get('audience'), 'https://api.example.com/orders');
  assert.equal(received.get('scope'), 'openid profile email');
  assert.deepEqual(await me(browser), {
    provider: 'auth0',
    id: 'auth0|5f7c8ec7c33c6c004bbafe82',
    username: 'jane',
    name: 'Jane Josephine Doe',
    email: 'janedoe@example.com',
    emailVerified: true,
    avatarUrl: 'https://s.gravatar.com/avatar/jane.png',
  });
});

test('Amazon Cognito: the user pool issuer, cognito:username, email_verified sent as the string "true"', async () => {
  const cg = servers.cognito!;
  const browser = new Browser();
  const { done, authorize } = await login(browser, 'cognito', '7d8ca528-4931-4254-9273-ea5ee853f271');
  assert.equal(done.status, 302, done.body);
  assert.equal(authorize.pathname, '/us-east-1_AbCdEf123/auth');
  assert.equal(authorize.searchParams.get('scope'), 'openid email profile');
  checkPkce(authorize, cg);
  assert.deepEqual(await me(browser), {
    provider: 'cognito',
    id: '7d8ca528-4931-4254-9273-ea5ee853f271',
    username: 'carol',
    name: 'Carol Danvers',
    email: 'carol@example.com',
    emailVerified: true,
  });
});

test('Salesforce: the id_token sub is the identity URL; the profile id is userinfo user_id', async () => {
  const sf = servers.salesforce!;
  const sub = `${sf.origin}/id/${SF_ORG}/0055e000001AbCdAAK`;
  const browser = new Browser();
  const { done, authorize } = await login(browser, 'salesforce', sub);
  assert.equal(done.status, 302, done.body);
  checkPkce(authorize, sf);
  assert.ok(sf.requestsTo('/me').length >= 1, 'userinfo fetched');
  assert.deepEqual(await me(browser), {
    provider: 'salesforce',
    id: '0055e000001AbCdAAK',
    username: 'admin@acme.example',
    name: 'Admin User',
    email: 'admin@acme.example',
    emailVerified: true,
    avatarUrl: 'https://acme.file.force.com/profilephoto/005/F',
  });
});

test('OneLogin: the versioned issuer /oidc/2, client_secret_basic, claims from userinfo', async () => {
  const ol = servers.onelogin!;
  const browser = new Browser();
  const { done, authorize } = await login(browser, 'onelogin', '52815349');
  assert.equal(done.status, 302, done.body);
  assert.equal(authorize.pathname, '/oidc/2/auth');
  assert.ok(ol.requestsTo('/oidc/2/.well-known/openid-configuration').length >= 1);
  checkPkce(authorize, ol);
  assert.match(String(ol.tokenExchanges.at(-1)!.authorization), /^Basic /);
  assert.deepEqual(await me(browser), {
    provider: 'onelogin',
    id: '52815349',
    username: 'kelly.young',
    name: 'Kelly Young',
    email: 'kelly.young@acme.example',
  });
});
