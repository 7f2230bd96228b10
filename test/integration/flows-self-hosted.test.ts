/**
 * Full logins through the kit with the self-hosted and tenant OpenID Connect
 * presets added for issue 15 (Gitea, authentik, Logto, ZITADEL), each against
 * the real oidc-provider shaped like that server: Gitea's instance issuer
 * with its trailing slash and `/api/v1` next to it, authentik's per-application
 * `/application/o/<slug>/` issuer, Logto's `/oidc` issuer with its default
 * ES384 id_tokens (a refresh token only with `offline_access` +
 * `prompt=consent`), ZITADEL's instance root.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import { Browser, type Hop } from '../helpers/http-client.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { signInAtProvider } from '../helpers/oidc-server.ts';
import { startShapedOidcServer, type ShapedOidcServer } from '../helpers/shaped-oidc-server.ts';
import { gitea, authentik, logto, zitadel } from '../../src/index.ts';

const JSON_ACCEPT = { accept: 'application/json' };

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

  const gt: ShapedOidcServer = (servers.gitea = await startShapedOidcServer({
    redirectUris: [cb('gitea')],
    issuerPath: '/',
    scopeClaims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username', 'nickname', 'picture', 'website', 'locale'] },
    claims: (sub) => ({ name: 'Lunny Xiao', preferred_username: 'lunny', nickname: 'lunny', email: 'lunny@gitea.example', email_verified: true, picture: `${gt.origin}/avatars/${sub}` }),
    api: { '/api/v1/user': (sub) => ({ id: Number(sub), login: 'lunny', full_name: 'Lunny Xiao' }) },
  }));
  app.auth.register(gitea({ clientId: gt.clientId, clientSecret: gt.clientSecret, baseUrl: gt.origin }));

  const ak = (servers.authentik = await startShapedOidcServer({
    redirectUris: [cb('authentik')],
    issuerPath: '/application/o/my-app/',
    claims: () => ({ name: 'Jens Langhammer', given_name: 'Jens', preferred_username: 'jens', nickname: 'jens', email: 'jens@goauthentik.example', email_verified: true }),
  }));
  app.auth.register(authentik({ clientId: ak.clientId, clientSecret: ak.clientSecret, baseUrl: ak.origin, slug: 'my-app' }));

  // Logto signs with an EC P-384 key by default (ES384).
  const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ format: 'jwk' });
  const lt = (servers.logto = await startShapedOidcServer({
    redirectUris: [cb('logto')],
    issuerPath: '/oidc',
    idTokenSigning: { keys: [{ ...p384, kid: 'logto-ec-1', alg: 'ES384', use: 'sig' }], alg: 'ES384' },
    scopeClaims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'username', 'picture'] },
    claims: () => ({ username: 'simeng', name: 'Simeng Li', email: 'simeng@logto.example', email_verified: true, picture: 'https://logto.example/avatar/simeng.png' }),
  }));
  app.auth.register(logto({ clientId: lt.clientId, clientSecret: lt.clientSecret, endpoint: lt.origin }));

  const zt = (servers.zitadel = await startShapedOidcServer({
    redirectUris: [cb('zitadel')],
    claims: () => ({ name: 'Road Runner', given_name: 'Road', family_name: 'Runner', preferred_username: 'road.runner@acme.zitadel.example', email: 'road.runner@acme.example', email_verified: true, locale: 'en' }),
  }));
  app.auth.register(zitadel({ clientId: zt.clientId, clientSecret: zt.clientSecret, issuer: zt.issuer }));
});

after(async () => {
  await app?.close();
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

async function login(browser: Browser, name: string, account: string): Promise<{ done: Hop; authorize: URL }> {
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

test('Gitea: the instance issuer with its trailing slash, OIDC claims mapped, an /api/v1 call', async () => {
  const gt = servers.gitea!;
  assert.ok(gt.issuer.endsWith('/'));
  const browser = new Browser();
  const { done, authorize } = await login(browser, 'gitea', '1');
  assert.equal(done.status, 302, done.body);
  assert.equal(authorize.searchParams.get('scope'), 'openid profile email');
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
  assert.deepEqual(await me(browser), {
    provider: 'gitea',
    id: '1',
    username: 'lunny',
    name: 'Lunny Xiao',
    email: 'lunny@gitea.example',
    emailVerified: true,
    avatarUrl: `${gt.origin}/avatars/1`,
  });
  const res = await browser.request(`${app.url}/api-call/gitea?path=user`, { headers: JSON_ACCEPT });
  assert.equal(res.status, 200, res.body);
  assert.deepEqual(JSON.parse(res.body), { id: 1, login: 'lunny', full_name: 'Lunny Xiao' });
});

test('authentik: the per-application issuer /application/o/<slug>/, discovery under it', async () => {
  const ak = servers.authentik!;
  const browser = new Browser();
  const { done, authorize } = await login(browser, 'authentik', 'a1b2c3d4e5f6');
  assert.equal(done.status, 302, done.body);
  assert.equal(authorize.pathname, '/application/o/my-app/auth');
  assert.ok(ak.requestsTo('/application/o/my-app/.well-known/openid-configuration').length >= 1);
  assert.deepEqual(await me(browser), {
    provider: 'authentik',
    id: 'a1b2c3d4e5f6',
    username: 'jens',
    name: 'Jens Langhammer',
    email: 'jens@goauthentik.example',
    emailVerified: true,
  });
});

test('Logto: the /oidc issuer, ES384 id_tokens; offline_access with prompt=consent brings a refresh token; username claim', async () => {
  const lt = servers.logto!;
  const browser = new Browser();
  const { done, authorize } = await login(browser, 'logto', 'u7x3k9');
  assert.equal(done.status, 302, done.body);
  assert.equal(authorize.pathname, '/oidc/auth');
  const received = lt.authorizeRequests().at(-1)!;
  assert.equal(received.get('prompt'), 'consent');
  assert.equal(received.get('scope'), 'openid profile email offline_access');
  const answer = lt.tokenExchanges.at(-1)!.answer;
  assert.equal(typeof answer.refresh_token, 'string');
  assert.equal(decodeProtectedHeader(String(answer.id_token)).alg, 'ES384', 'the kit validated an ES384 id_token');
  assert.deepEqual(JSON.parse((await browser.request(`${app.url}/has-refresh/logto`)).body), { refresh: true });
  assert.deepEqual(await me(browser), {
    provider: 'logto',
    id: 'u7x3k9',
    username: 'simeng',
    name: 'Simeng Li',
    email: 'simeng@logto.example',
    emailVerified: true,
    avatarUrl: 'https://logto.example/avatar/simeng.png',
  });
});

test('ZITADEL: the instance issuer, client_secret_basic, claims from userinfo', async () => {
  const zt = servers.zitadel!;
  const browser = new Browser();
  const { done } = await login(browser, 'zitadel', '229391836277915654');
  assert.equal(done.status, 302, done.body);
  assert.match(String(zt.tokenExchanges.at(-1)!.authorization), /^Basic /);
  assert.ok(zt.requestsTo('/me').length >= 1, 'userinfo fetched');
  assert.deepEqual(await me(browser), {
    provider: 'zitadel',
    id: '229391836277915654',
    username: 'road.runner@acme.zitadel.example',
    name: 'Road Runner',
    email: 'road.runner@acme.example',
    emailVerified: true,
  });
});
