/**
 * DESIGN "OpenID Connect sessions, step-up and stronger clients" (all but its
 * last subsection), over real HTTP against a real oidc-provider with its
 * RP-initiated and back-channel logout features: per-login parameters,
 * scope upgrade and step-up in the guard, logout at the provider,
 * back-channel logout, sign-out everywhere.
 */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPair } from 'jose';
import { Browser } from '../helpers/http-client.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { confirmLogoutAtProvider, loginThrough, signIn, startSessionOidcServer, type SessionOidcServer } from '../helpers/session-oidc-server.ts';
import { oauth2, oidc, loginRequired } from '../../src/index.ts';
import { accountKey } from '../../src/session/session-index.ts';

let app: TestApp;
let op: SessionOidcServer;
const JSON_ACCEPT = { accept: 'application/json' };

before(async () => {
  app = await startApp({
    registry: { onLogin: ({ profile }) => ({ id: `u-${profile.id}`, name: profile.name }) },
    mount: (express, auth) => {
      express.get('/account', auth.loginRequired(), (req, res) => {
        const { tokens, ...record } = (req.session as any).oauth.accounts.corp;
        res.json({ ...record, hasIdToken: typeof tokens?.idToken === 'string' });
      });
      express.get('/write', auth.loginRequired({ provider: 'corp', scope: ['api:write'] }), (_req, res) => res.json({ ok: 'write' }));
      express.get('/admin', auth.loginRequired({ provider: 'corp', scope: ['api:admin'] }), (_req, res) => res.json({ ok: 'admin' }));
      express.get('/fresh', loginRequired({ maxAge: 0 }), (_req, res) => res.json({ ok: 'fresh' }));
      express.get('/recent', loginRequired({ maxAge: 2 }), (_req, res) => res.json({ ok: 'recent' }));
      express.get('/mfa', loginRequired({ acr: ['urn:mfa'] }), (_req, res) => res.json({ ok: 'mfa' }));
    },
  });
  op = await startSessionOidcServer({
    redirectUris: [`${app.url}/auth/corp/callback`],
    postLogoutRedirectUris: [`${app.url}/auth/logout/callback`],
    backchannelLogoutUri: `${app.url}/auth/corp/backchannel-logout`,
  });
  app.auth.register(oidc({ name: 'corp', issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret, allowedScopes: ['api:read'] }));
  app.auth.register(oauth2({ name: 'plain', authorizationEndpoint: `${op.issuer}/auth`, tokenEndpoint: `${op.issuer}/token`, clientId: 'x', clientSecret: 'y' }));
});
after(async () => {
  await app?.close();
  await op?.close();
});

async function me(browser: Browser): Promise<number> {
  return (await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT })).status;
}

async function loggedIn(login = 'alice', path = '/auth/corp/login'): Promise<Browser> {
  const browser = new Browser();
  const done = await loginThrough(browser, app.url, path, login);
  assert.equal(done.status, 302, done.body);
  assert.equal(await me(browser), 200);
  return browser;
}

describe('per-login parameters', () => {
  test('allow-listed parameters are forwarded, everything else is dropped', async () => {
    const browser = new Browser();
    const q = new URLSearchParams({
      prompt: 'login',
      login_hint: 'alice@example.test',
      max_age: '120',
      acr_values: 'urn:mfa urn:basic',
      ui_locales: 'de-CH en',
      scope: 'api:read api:write',
      redirect_uri: 'https://evil.example/cb',
      response_type: 'token',
      client_id: 'evil',
      request: 'eyJ.x.y',
      request_uri: 'urn:evil',
      code_challenge: 'evil',
      code_challenge_method: 'plain',
      state: 'attacker-state-0123456789',
      nonce: 'attacker-nonce',
      response_mode: 'fragment',
      claims: '{"id_token":{"email":null}}',
    });
    const start = await browser.request(`${app.url}/auth/corp/login?${q}`);
    assert.equal(start.status, 302);
    const url = new URL(start.location!);
    const p = url.searchParams;
    assert.equal(p.get('prompt'), 'login');
    assert.equal(p.get('login_hint'), 'alice@example.test');
    assert.equal(p.get('max_age'), '120');
    assert.equal(p.get('acr_values'), 'urn:mfa urn:basic');
    assert.equal(p.get('ui_locales'), 'de-CH en');
    assert.equal(p.get('scope'), 'openid profile email api:read', 'only allowedScopes are added; the configured scope is always sent');
    assert.equal(p.get('redirect_uri'), `${app.url}/auth/corp/callback`);
    assert.equal(p.get('response_type'), 'code');
    assert.equal(p.get('client_id'), op.clientId);
    assert.equal(p.get('code_challenge_method'), 'S256');
    assert.notEqual(p.get('code_challenge'), 'evil');
    assert.notEqual(p.get('state'), 'attacker-state-0123456789');
    assert.notEqual(p.get('nonce'), 'attacker-nonce');
    for (const name of ['request', 'request_uri', 'response_mode', 'claims']) assert.equal(p.has(name), false, name);
    for (const name of ['redirect_uri', 'response_type', 'client_id', 'state', 'nonce', 'code_challenge', 'scope']) assert.equal(p.getAll(name).length, 1, name);
  });

  test('values outside their rules are dropped, never an error', async () => {
    const cases: [string, string][] = [
      ['prompt', 'create'],
      ['prompt', 'none login'],
      ['max_age', '-1'],
      ['max_age', '1.5'],
      ['max_age', '1e3'],
      ['login_hint', 'a'.repeat(257)],
      ['login_hint', 'alice\r\nx'],
      ['acr_values', 'urn:mfa\u0000'],
      ['ui_locales', 'de_<script>'],
    ];
    for (const [name, value] of cases) {
      const start = await new Browser().request(`${app.url}/auth/corp/login?${new URLSearchParams({ [name]: value })}`);
      assert.equal(start.status, 302, `${name}=${value}`);
      assert.equal(new URL(start.location!).searchParams.has(name), false, `${name}=${JSON.stringify(value)} dropped`);
    }
    // Repeated (parameter pollution): dropped.
    const twice = await new Browser().request(`${app.url}/auth/corp/login?prompt=login&prompt=consent`);
    assert.equal(new URL(twice.location!).searchParams.has('prompt'), false);
    // 256 characters is the limit.
    const hint = 'h'.repeat(256);
    const ok = await new Browser().request(`${app.url}/auth/corp/login?login_hint=${hint}`);
    assert.equal(new URL(ok.location!).searchParams.get('login_hint'), hint);
    // A non-OIDC provider has no id_token to check max_age / acr_values against: they are not forwarded.
    const plain = await new Browser().request(`${app.url}/auth/plain/login?max_age=0&acr_values=urn:mfa&prompt=consent`);
    const pp = new URL(plain.location!).searchParams;
    assert.equal(pp.get('prompt'), 'consent');
    assert.equal(pp.has('max_age'), false);
    assert.equal(pp.has('acr_values'), false);
  });

  test('auth.loginUrl builds the route path; a loginParams allow-list narrows what is forwarded', async () => {
    assert.equal(app.auth.loginUrl('corp'), '/auth/corp/login');
    const path = app.auth.loginUrl('corp', { returnTo: '/billing', prompt: 'login', loginHint: 'al ice', maxAge: 0, acrValues: ['urn:mfa', 'urn:basic'], uiLocales: 'fr', scope: ['api:read'] });
    assert.equal(path, '/auth/corp/login?returnTo=%2Fbilling&prompt=login&login_hint=al%20ice&max_age=0&acr_values=urn%3Amfa%20urn%3Abasic&ui_locales=fr&scope=api%3Aread');
    const start = await new Browser().request(`${app.url}${path}`);
    const p = new URL(start.location!).searchParams;
    assert.equal(p.get('login_hint'), 'al ice');
    assert.equal(p.get('acr_values'), 'urn:mfa urn:basic');
    assert.equal(p.get('max_age'), '0');
    assert.throws(() => app.auth.loginUrl('nope'), { code: 'unknown_provider' });

    const narrow = await startApp();
    try {
      narrow.auth.register(oidc({ name: 'corp', issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret, loginParams: ['login_hint'] }));
      const s = await new Browser().request(`${narrow.url}/auth/corp/login?login_hint=bob&prompt=login&max_age=5&scope=api:read`);
      const np = new URL(s.location!).searchParams;
      assert.equal(np.get('login_hint'), 'bob');
      assert.equal(np.has('prompt'), false);
      assert.equal(np.has('max_age'), false);
      assert.equal(np.get('scope'), 'openid profile email', 'no allowedScopes: nothing added');
    } finally {
      await narrow.close();
    }
    assert.throws(() => oidc({ name: 'x', issuer: op.issuer, clientId: 'c', loginParams: ['redirect_uri' as never] }), /loginParams/);
  });

  test('the account record keeps granted scope, auth_time, acr, sid and sub', async () => {
    op.nextAcr = 'urn:basic';
    const browser = await loggedIn('alice', '/auth/corp/login?scope=api:read&max_age=600&acr_values=urn:basic');
    op.nextAcr = undefined;
    const record = JSON.parse((await browser.request(`${app.url}/account`, { headers: JSON_ACCEPT })).body);
    assert.deepEqual(record.scope.sort(), ['api:read', 'email', 'openid', 'profile']);
    assert.equal(typeof record.authTime, 'number');
    assert.ok(Math.abs(record.authTime - Date.now() / 1000) < 60);
    assert.equal(record.acr, 'urn:basic');
    assert.equal(record.sub, 'alice');
    assert.equal(typeof record.sid, 'string');
    assert.equal(record.hasIdToken, true, 'the id_token is kept server-side for id_token_hint');
  });

  test('a login asked with acr_values that comes back with another acr fails id_token_invalid', async () => {
    op.nextAcr = 'urn:basic';
    try {
      const browser = new Browser();
      const done = await loginThrough(browser, app.url, '/auth/corp/login?acr_values=urn:mfa&prompt=login', 'mallory');
      assert.equal(done.status, 401);
      assert.match(done.body, /id_token_invalid/);
      assert.equal(await me(browser), 401);
    } finally {
      op.nextAcr = undefined;
    }
    op.nextAcr = 'urn:mfa';
    try {
      const done = await loginThrough(new Browser(), app.url, '/auth/corp/login?acr_values=urn:mfa&prompt=login', 'mallory');
      assert.equal(done.status, 302, 'the asked acr passes');
    } finally {
      op.nextAcr = undefined;
    }
  });
});

describe('scope upgrade and step-up in the guard', () => {
  test('scope upgrade: API 403 insufficient_scope; browser goes through the provider with the union and comes back', async () => {
    const browser = await loggedIn('alice');
    const api = await browser.request(`${app.url}/write`, { headers: JSON_ACCEPT });
    assert.equal(api.status, 403);
    assert.deepEqual(JSON.parse(api.body), { error: 'insufficient_scope', scope: 'api:write' });
    const nav = await browser.request(`${app.url}/write`);
    assert.equal(nav.status, 302);
    const location = new URL(nav.location!, app.url);
    assert.equal(location.pathname, '/auth/corp/login');
    assert.equal(location.searchParams.get('returnTo'), '/write');
    assert.equal(location.searchParams.get('scope'), 'openid profile email api:write');
    const start = await browser.request(location.href);
    assert.equal(new URL(start.location!).searchParams.get('scope'), 'openid profile email api:write', 'a guard scope need not be in allowedScopes');
    const back = await signIn(browser, start.location!, app.url, 'alice');
    const done = await browser.request(new URL(back.location!, back.url).href);
    assert.equal(done.status, 302, done.body);
    assert.equal(done.location, '/write');
    const page = await browser.request(`${app.url}/write`, { headers: JSON_ACCEPT });
    assert.equal(page.status, 200);
    assert.deepEqual(JSON.parse(page.body), { ok: 'write' });
  });

  test('no redirect loop: a scope the provider does not grant ends in the error, not another redirect', async () => {
    const browser = await loggedIn('alice');
    const nav = await browser.request(`${app.url}/admin`);
    assert.equal(nav.status, 302);
    const start = await browser.request(new URL(nav.location!, app.url).href);
    const back = await signIn(browser, start.location!, app.url, 'alice');
    const done = await browser.request(new URL(back.location!, back.url).href);
    assert.equal(done.location, '/admin');
    const again = await browser.request(`${app.url}/admin`);
    assert.equal(again.status, 403, 'the guard answers the error instead of redirecting again');
    assert.match(again.body, /insufficient_scope/);
    // Only once: a later navigation may try again.
    const later = await browser.request(`${app.url}/admin`);
    assert.equal(later.status, 302);
  });

  test('step-up maxAge 0: prompt=login, through the provider, then the route opens', async () => {
    const browser = await loggedIn('alice');
    const api = await browser.request(`${app.url}/fresh`, { headers: JSON_ACCEPT });
    assert.equal(api.status, 401);
    assert.deepEqual(JSON.parse(api.body), { error: 'insufficient_user_authentication' });
    assert.equal(api.headers.get('www-authenticate'), 'Bearer error="insufficient_user_authentication"');
    const nav = await browser.request(`${app.url}/fresh`);
    assert.equal(nav.status, 302);
    const location = new URL(nav.location!, app.url);
    assert.equal(location.searchParams.get('max_age'), '0');
    assert.equal(location.searchParams.get('prompt'), 'login');
    assert.equal(location.searchParams.get('returnTo'), '/fresh');
    assert.equal(location.searchParams.has('scope'), false, 'a step-up asks no scope');
    const start = await browser.request(location.href);
    const authorize = new URL(start.location!).searchParams;
    assert.equal(authorize.get('max_age'), '0');
    assert.equal(authorize.get('prompt'), 'login');
    const back = await signIn(browser, start.location!, app.url, 'alice');
    const done = await browser.request(new URL(back.location!, back.url).href);
    assert.equal(done.status, 302, done.body);
    assert.equal(done.location, '/fresh');
    const page = await browser.request(`${app.url}/fresh`);
    assert.equal(page.status, 200, 'the fresh login opens the route');
    const again = await browser.request(`${app.url}/fresh`, { headers: JSON_ACCEPT });
    assert.equal(again.status, 401, 'once: maxAge 0 asks a new login every time');
  });

  test('step-up maxAge: an older login is refused for APIs; a login without auth_time counts as too old', async () => {
    const plain = await loggedIn('alice');
    assert.equal((await plain.request(`${app.url}/recent`, { headers: JSON_ACCEPT })).status, 401, 'no auth_time asked, none sent');
    const browser = await loggedIn('alice', '/auth/corp/login?max_age=600');
    assert.equal((await browser.request(`${app.url}/recent`, { headers: JSON_ACCEPT })).status, 200);
    await new Promise((r) => setTimeout(r, 3500));
    const late = await browser.request(`${app.url}/recent`, { headers: JSON_ACCEPT });
    assert.equal(late.status, 401);
    assert.equal(JSON.parse(late.body).error, 'insufficient_user_authentication');
  });

  test('step-up acr: browser asks acr_values; the provider answers with it; the route opens', async () => {
    const browser = await loggedIn('alice');
    assert.equal((await browser.request(`${app.url}/mfa`, { headers: JSON_ACCEPT })).status, 401);
    const nav = await browser.request(`${app.url}/mfa`);
    const location = new URL(nav.location!, app.url);
    assert.equal(location.searchParams.get('acr_values'), 'urn:mfa');
    assert.equal(location.searchParams.has('prompt'), false);
    op.nextAcr = 'urn:mfa';
    try {
      const start = await browser.request(location.href);
      assert.equal(new URL(start.location!).searchParams.get('acr_values'), 'urn:mfa');
      // oidc-provider keeps the OP session: force the login page so the new acr is issued.
      const back = await signIn(browser, start.location!.replace('acr_values=', 'prompt=login&acr_values='), app.url, 'alice');
      const done = await browser.request(new URL(back.location!, back.url).href);
      assert.equal(done.status, 302, done.body);
    } finally {
      op.nextAcr = undefined;
    }
    assert.equal((await browser.request(`${app.url}/mfa`, { headers: JSON_ACCEPT })).status, 200);
  });
});

describe('RP-initiated logout', () => {
  test('federated=1: local logout, 303 to end_session_endpoint, back through /auth/logout/callback once', async () => {
    const browser = await loggedIn('alice');
    const out = await browser.request(`${app.url}/auth/logout?federated=1&returnTo=/bye`, { method: 'POST' });
    assert.equal(out.status, 303);
    const end = new URL(out.location!);
    assert.equal(`${end.origin}${end.pathname}`, `${op.issuer}/session/end`);
    assert.equal(end.searchParams.get('client_id'), op.clientId);
    assert.equal(end.searchParams.get('post_logout_redirect_uri'), `${app.url}/auth/logout/callback`);
    assert.ok(end.searchParams.get('id_token_hint')!.split('.').length === 3);
    const state = end.searchParams.get('state')!;
    assert.ok(state.length >= 32);
    assert.equal(await me(browser), 401, 'logged out locally before going to the provider');
    const back = await confirmLogoutAtProvider(browser, end.href);
    const callback = new URL(back.location!, back.url);
    assert.equal(`${callback.origin}${callback.pathname}`, `${app.url}/auth/logout/callback`);
    assert.equal(callback.searchParams.get('state'), state);
    const done = await browser.request(callback.href);
    assert.equal(done.status, 303);
    assert.equal(done.location, '/bye');
    const replay = await browser.request(callback.href);
    assert.equal(replay.status, 303);
    assert.equal(replay.location, '/', 'a used state goes to defaultReturnTo');
    for (const q of ['', '?state=unknown-state-0123456789abcdef', '?state=%2F%2Fevil.example']) {
      const hop = await browser.request(`${app.url}/auth/logout/callback${q}`);
      assert.equal(hop.status, 303);
      assert.equal(hop.location, '/');
    }
    // The OP session is gone: a new login asks for the password again.
    const again = await browser.request(`${app.url}/auth/corp/login`);
    const page = await browser.follow(again.location!, { stopAt: (u) => u.origin === app.url });
    assert.match(page.body, /name="login"/);
  });

  test('an unsafe returnTo is not kept; without federated the logout is local only; a cross-site one is refused', async () => {
    const browser = await loggedIn('alice');
    const cross = await browser.request(`${app.url}/auth/logout?federated=1`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    assert.equal(cross.status, 403);
    assert.equal(await me(browser), 200);
    const local = await browser.request(`${app.url}/auth/logout?returnTo=/x`, { method: 'POST' });
    assert.equal(local.location, '/x');
    const b2 = await loggedIn('alice');
    const out = await b2.request(`${app.url}/auth/logout?federated=1&returnTo=https://evil.example/`, { method: 'POST' });
    const back = await confirmLogoutAtProvider(b2, out.location!);
    const done = await b2.request(new URL(back.location!, back.url).href);
    assert.equal(done.location, '/');
  });

  test('federatedLogout: true makes every logout federated; a session without an OIDC login gets the plain logout', async () => {
    const fed = await startApp({ registry: { federatedLogout: true, defaultReturnTo: '/home' } });
    const fop = await startSessionOidcServer({ redirectUris: [`${fed.url}/auth/corp/callback`], postLogoutRedirectUris: [`${fed.url}/auth/logout/callback`] });
    try {
      fed.auth.register(oidc({ name: 'corp', issuer: fop.issuer, clientId: fop.clientId, clientSecret: fop.clientSecret }));
      const browser = new Browser();
      assert.equal((await loginThrough(browser, fed.url, '/auth/corp/login', 'alice')).status, 302);
      const out = await browser.request(`${fed.url}/auth/logout`, { method: 'POST', headers: { origin: fed.url } });
      assert.equal(out.status, 303);
      assert.ok(out.location!.startsWith(`${fop.issuer}/session/end?`));
      const back = await confirmLogoutAtProvider(browser, out.location!);
      const done = await browser.request(new URL(back.location!, back.url).href);
      assert.equal(done.location, '/home', 'no returnTo asked: defaultReturnTo');
      const anonymous = await new Browser().request(`${fed.url}/auth/logout?returnTo=/bye`, { method: 'POST' });
      assert.equal(anonymous.location, '/bye');
    } finally {
      await fed.close();
      await fop.close();
    }
  });
});

describe('back-channel logout', () => {
  async function post(token: string | undefined, provider = 'corp', url = app.url): Promise<{ status: number; body: string; cache: string | null }> {
    const res = await fetch(`${url}/auth/${provider}/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: token === undefined ? '' : new URLSearchParams({ logout_token: token }),
    });
    return { status: res.status, body: await res.text(), cache: res.headers.get('cache-control') };
  }

  async function sidOf(browser: Browser): Promise<string> {
    return JSON.parse((await browser.request(`${app.url}/account`, { headers: JSON_ACCEPT })).body).sid;
  }

  test('forged or broken Logout Tokens: 400 invalid_request, nobody logged out', async () => {
    const alice = await loggedIn('alice');
    const sid = await sidOf(alice);
    const other = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const forged: [string, string | undefined][] = [
      ['missing', undefined],
      ['not a jwt', 'abc.def'],
      ['bad signature (another key, same kid)', await op.logoutToken({ sub: 'alice', sid }, { key: other.privateKey })],
      ['wrong aud', await op.logoutToken({ sub: 'alice', sid, aud: 'another-client' })],
      ['wrong iss', await op.logoutToken({ sub: 'alice', sid, iss: 'https://evil.example' })],
      ['no events', await op.logoutToken({ sub: 'alice', sid, events: undefined })],
      ['events without the logout event', await op.logoutToken({ sub: 'alice', sid, events: { 'http://example.com/other': {} } })],
      ['events member not an object', await op.logoutToken({ sub: 'alice', sid, events: { 'http://schemas.openid.net/event/backchannel-logout': 'yes' } })],
      ['a nonce', await op.logoutToken({ sub: 'alice', sid, nonce: 'n-123' })],
      ['neither sub nor sid', await op.logoutToken({})],
      ['no iat', await op.logoutToken({ sub: 'alice', sid, iat: undefined })],
      ['iat too old', await op.logoutToken({ sub: 'alice', sid, iat: now - 600 })],
      ['iat in the future', await op.logoutToken({ sub: 'alice', sid, iat: now + 600 })],
      ['no jti', await op.logoutToken({ sub: 'alice', sid, jti: undefined })],
      ['expired', await op.logoutToken({ sub: 'alice', sid, exp: now - 120 })],
      ['alg not pinned (HS256 with the client secret)', await op.logoutToken({ sub: 'alice', sid }, { key: new TextEncoder().encode(op.clientSecret) as never, alg: 'HS256' })],
    ];
    for (const [name, token] of forged) {
      const res = await post(token);
      assert.equal(res.status, 400, name);
      assert.deepEqual(JSON.parse(res.body), { error: 'invalid_request' }, name);
      assert.equal(await me(alice), 200, `${name}: nobody logged out`);
    }
    // A non-OIDC provider has no back-channel logout; an unknown one neither; GET is not allowed.
    assert.equal((await post(await op.logoutToken({ sub: 'alice' }), 'plain')).status, 404);
    assert.equal((await post(await op.logoutToken({ sub: 'alice' }), 'nope')).status, 404);
    assert.equal((await fetch(`${app.url}/auth/corp/backchannel-logout`)).status, 405);
    assert.equal(await me(alice), 200);
  });

  test('by sid: that session only; by sub: every session of that user; another user stays; replay refused', async () => {
    const a1 = await loggedIn('alice');
    const a2 = await loggedIn('alice');
    const bob = await loggedIn('bob');
    const sid1 = await sidOf(a1);
    assert.notEqual(sid1, await sidOf(a2), 'two browsers, two provider sessions');
    const token = await op.logoutToken({ sub: 'alice', sid: sid1 });
    const res = await post(token);
    assert.equal(res.status, 200, res.body);
    assert.equal(res.cache, 'no-store');
    assert.equal(await me(a1), 401, 'the session of that sid is logged out');
    assert.equal(await me(a2), 200);
    assert.equal(await me(bob), 200);
    const replay = await post(token);
    assert.equal(replay.status, 400, 'a replayed jti is refused');
    const bySub = await post(await op.logoutToken({ sub: 'alice' }));
    assert.equal(bySub.status, 200);
    assert.equal(await me(a2), 401, 'every session of that sub');
    assert.equal(await me(bob), 200, 'another user stays logged in');
    const ids = await app.auth.kit.sessions.list(accountKey('corp', 'alice'));
    assert.deepEqual(ids, [], 'the index forgot the ended sessions');
  });

  test('an app without a urlencoded body parser (only json(), or none) gets the same back-channel logout', async () => {
    for (const bodyParser of ['json', 'none'] as const) {
      const bare = await startApp({ bodyParser });
      const bop = await startSessionOidcServer({ redirectUris: [`${bare.url}/auth/corp/callback`], postLogoutRedirectUris: [] });
      try {
        bare.auth.register(oidc({ name: 'corp', issuer: bop.issuer, clientId: bop.clientId, clientSecret: bop.clientSecret }));
        const browser = new Browser();
        assert.equal((await loginThrough(browser, bare.url, '/auth/corp/login', 'gina')).status, 302);
        const res = await post(await bop.logoutToken({ sub: 'gina' }), 'corp', bare.url);
        assert.equal(res.status, 200, `${bodyParser}: ${res.body}`);
        assert.equal((await browser.request(`${bare.url}/auth/me`, { headers: JSON_ACCEPT })).status, 401, bodyParser);
      } finally {
        await bare.close();
        await bop.close();
      }
    }
  });

  test('the provider itself calls the back-channel URI when the user logs out there', async () => {
    const carol = await loggedIn('carol');
    const carol2 = await loggedIn('carol');
    const delivered = op.backchannel.length;
    // The user logs out at the provider directly (not through the app).
    const back = await confirmLogoutAtProvider(carol, `${op.issuer}/session/end`);
    assert.ok(back.status === 303 || back.status === 302 || back.status === 200, String(back.status));
    assert.ok(op.backchannel.length > delivered, 'the OP posted a Logout Token');
    assert.deepEqual(op.backchannel.at(-1), { uri: `${app.url}/auth/corp/backchannel-logout`, ok: true }, JSON.stringify(op.backchannel.at(-1)));
    assert.equal(await me(carol), 401, 'logged out by the provider');
    assert.equal(await me(carol2), 200, 'another provider session (sid) of the same user stays');
  });
});

describe('sign-out everywhere', () => {
  test('endSessions by account and by app user', async () => {
    const a1 = await loggedIn('dave');
    const a2 = await loggedIn('dave');
    const bob = await loggedIn('bob');
    assert.equal(await app.auth.endSessions({ provider: 'corp', accountId: 'dave' }), 2);
    assert.equal(await me(a1), 401);
    assert.equal(await me(a2), 401);
    assert.equal(await me(bob), 200);
    assert.equal(await app.auth.endSessions({ provider: 'corp', accountId: 'dave' }), 0);
    const e1 = await loggedIn('erin');
    assert.equal(await app.auth.endSessions({ user: { id: 'u-erin' } }), 1);
    assert.equal(await me(e1), 401);
    const e2 = await loggedIn('erin');
    assert.equal(await app.auth.endSessions({ user: 'u-erin' }), 1);
    assert.equal(await me(e2), 401);
    assert.equal(await me(bob), 200);
    await assert.rejects(app.auth.endSessions({ provider: 'nope', accountId: 'x' }), { code: 'unknown_provider' });
  });

  test('a plain logout removes the session from the index', async () => {
    const browser = await loggedIn('frank');
    assert.equal((await app.auth.kit.sessions.list(accountKey('corp', 'frank'))).length, 1);
    await browser.request(`${app.url}/auth/logout`, { method: 'POST' });
    assert.deepEqual(await app.auth.kit.sessions.list(accountKey('corp', 'frank')), []);
  });
});
