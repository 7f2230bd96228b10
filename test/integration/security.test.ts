/**
 * SECURITY.md checks against a mock OP that can misbehave (C-9..C-25, C-32..C-43, S-9, S-17).
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, type Hop } from '../helpers/http-client.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { startMop, type Mop } from '../emulators/oidc-mop.ts';
import { oidc } from '../../src/index.ts';

let app: TestApp;
let mop: Mop;
let mop2: Mop;
const JSON_ACCEPT = { accept: 'application/json' };

before(async () => {
  app = await startApp();
  mop = await startMop();
  mop2 = await startMop();
  app.auth.register(oidc({ name: 'mop', issuer: mop.issuer, clientId: mop.clientId, clientSecret: mop.clientSecret }));
  app.auth.register(oidc({ name: 'other', issuer: mop2.issuer, clientId: mop2.clientId, clientSecret: mop2.clientSecret }));
});
after(async () => {
  await app?.close();
  await mop?.close();
  await mop2?.close();
});
beforeEach(() => {
  mop.idTokenFault = null;
  mop.userinfoSub = null;
  mop.callbackExtra = {};
  mop.requests.length = 0;
  mop2.requests.length = 0;
});

/** Start a login and get the provider's redirect back to our callback (not yet followed). */
async function toCallback(browser: Browser, provider = 'mop', returnTo?: string): Promise<URL> {
  const q = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  const start = await browser.request(`${app.url}/auth/${provider}/login${q}`);
  assert.equal(start.status, 302);
  const back = await browser.request(start.location!);
  assert.equal(back.status, 302);
  return new URL(back.location!);
}

async function assertLoggedOut(browser: Browser): Promise<void> {
  const r = await browser.request(`${app.url}/protected`, { headers: JSON_ACCEPT });
  assert.equal(r.status, 401);
}

function assertNoSecrets(hop: Hop, secrets: string[]): void {
  const all = [hop.body, hop.location ?? '', ...hop.headers.getSetCookie()].join('\n');
  for (const s of secrets) assert.ok(!all.includes(s), 'a secret leaked into the response');
}

test('honest login succeeds; tokens never reach the browser', async () => {
  const browser = new Browser();
  const cb = await toCallback(browser, 'mop', '/protected?x=1');
  const done = await browser.request(cb.href);
  assert.equal(done.status, 302);
  assert.equal(done.location, '/protected?x=1');
  assert.equal(done.headers.get('cache-control'), 'no-store');
  assert.equal(done.headers.get('referrer-policy'), 'no-referrer');
  const tokenBody = JSON.parse(mop.requestsTo('/token').length ? '{}' : '{}');
  assert.ok(tokenBody);
  const me = await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT });
  assert.equal(me.status, 200);
  assert.equal(JSON.parse(me.body).user.id, mop.sub);
  // the code and client secret never appear in anything we sent the browser
  for (const hop of browser.history.filter((h) => h.url.startsWith(app.url))) {
    assertNoSecrets(hop, [mop.clientSecret, cb.searchParams.get('code')!].filter((s) => !hop.url.includes(s)));
  }
  const tokenReq = mop.requestsTo('/token')[0]!;
  const form = new URLSearchParams(tokenReq.body);
  assert.equal(form.get('grant_type'), 'authorization_code');
  assert.equal(form.get('redirect_uri'), `${app.url}/auth/mop/callback`);
  assert.match(form.get('code_verifier')!, /^[A-Za-z0-9._~-]{43,128}$/);
  assert.match(String(tokenReq.headers.authorization), /^Basic /);
});

for (const fault of ['wrong_iss', 'wrong_aud', 'wrong_nonce', 'no_nonce', 'bad_signature', 'other_key', 'alg_none', 'expired', 'hs256', 'no_id_token'] as const) {
  test(`id_token fault ${fault} → 401 id_token_invalid, no userinfo call, no login`, async () => {
    mop.idTokenFault = fault;
    const browser = new Browser();
    const cb = await toCallback(browser);
    const res = await browser.request(cb.href, { headers: JSON_ACCEPT });
    assert.equal(res.status, 401, res.body);
    assert.equal(JSON.parse(res.body).error, 'id_token_invalid');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(mop.requestsTo('/userinfo').length, 0);
    await assertLoggedOut(browser);
    const replay = await browser.request(cb.href, { headers: JSON_ACCEPT });
    assert.equal(replay.status, 400);
    assert.equal(mop.requestsTo('/token').length, 1, 'the code is sent once');
  });
}

test('userinfo sub differing from the id_token sub → 401, no session', async () => {
  mop.userinfoSub = 'someone-else';
  const browser = new Browser();
  const cb = await toCallback(browser);
  const res = await browser.request(cb.href, { headers: JSON_ACCEPT });
  assert.equal(res.status, 401);
  assert.equal(JSON.parse(res.body).error, 'id_token_invalid');
  await assertLoggedOut(browser);
});

test('RFC 9207: a wrong or (when advertised) missing iss on the callback is rejected before the token request', async () => {
  mop.callbackExtra = { iss: 'https://evil.example' };
  const browser = new Browser();
  const cb = await toCallback(browser);
  const res = await browser.request(cb.href, { headers: JSON_ACCEPT });
  assert.equal(res.status, 401);
  assert.equal(JSON.parse(res.body).error, 'id_token_invalid');
  mop.callbackExtra = {};
  const cb2 = await toCallback(browser);
  cb2.searchParams.delete('iss');
  const missing = await browser.request(cb2.href, { headers: JSON_ACCEPT });
  assert.equal(missing.status, 401);
  assert.equal(mop.requestsTo('/token').length, 0);
});

test('missing, wrong, duplicated and foreign state → 400 without a token request', async () => {
  const browser = new Browser();
  const cb = await toCallback(browser);
  const code = cb.searchParams.get('code')!;
  const state = cb.searchParams.get('state')!;
  const cases = [
    `?code=${code}&iss=${encodeURIComponent(mop.issuer)}`,
    `?code=${code}&state=${state.toUpperCase()}x`,
    `?code=${code}&state=${state}&state=${state}`,
  ];
  for (const q of cases) {
    const res = await browser.request(`${app.url}/auth/mop/callback${q}`, { headers: JSON_ACCEPT });
    assert.equal(res.status, 400, q);
    assert.equal(JSON.parse(res.body).error, 'state_mismatch');
  }
  // the duplicated-state case used the login up
  const late = await browser.request(cb.href, { headers: JSON_ACCEPT });
  assert.equal(late.status, 400);
  // a fresh cookie jar (another browser) cannot use this browser's state
  const cb2 = await toCallback(browser);
  const attacker = new Browser();
  const stolen = await attacker.request(cb2.href, { headers: JSON_ACCEPT });
  assert.equal(stolen.status, 400);
  assert.equal(mop.requestsTo('/token').length, 0);
  // 100 random callbacks → 0 token requests
  for (let i = 0; i < 100; i++) {
    await attacker.request(`${app.url}/auth/mop/callback?code=c${i}&state=${'s'.repeat(30)}${i}`, { headers: JSON_ACCEPT });
  }
  assert.equal(mop.requestsTo('/token').length, 0);
});

test("provider A's state delivered to provider B's callback is rejected (C-10)", async () => {
  const browser = new Browser();
  const cb = await toCallback(browser, 'mop');
  const res = await browser.request(`${app.url}/auth/other/callback${cb.search}`, { headers: JSON_ACCEPT });
  assert.equal(res.status, 400);
  assert.equal(mop.requestsTo('/token').length + mop2.requestsTo('/token').length, 0);
  const back = await browser.request(cb.href, { headers: JSON_ACCEPT });
  assert.equal(back.status, 400, 'A used up as well');
});

test('error=access_denied with script in error_description → 403, nothing echoed', async () => {
  const browser = new Browser();
  const cb = await toCallback(browser);
  const q = new URLSearchParams({ state: cb.searchParams.get('state')!, iss: mop.issuer, error: 'access_denied', error_description: '<script>alert(1)</script>', error_uri: 'javascript:alert(1)' });
  const res = await browser.request(`${app.url}/auth/mop/callback?${q}`);
  assert.equal(res.status, 403);
  assert.ok(!res.body.includes('<script>alert'));
  assert.ok(!res.body.includes('javascript:'));
  assert.match(res.headers.get('content-type')!, /text\/html/);
  assert.equal(mop.requestsTo('/token').length, 0);
  const json = await browser.request(`${app.url}/auth/mop/callback?${q}`, { headers: JSON_ACCEPT });
  assert.equal(json.status, 400, 'used up');
});

test('two tabs pending at once finish in either order', async () => {
  const browser = new Browser();
  const cb1 = await toCallback(browser, 'mop', '/one');
  const cb2 = await toCallback(browser, 'mop', '/two');
  const r2 = await browser.request(cb2.href);
  assert.equal(r2.location, '/two');
  const r1 = await browser.request(cb1.href);
  assert.equal(r1.status, 302);
  assert.equal(r1.location, '/one');
});

test('redirect_uri comes from baseUrl, never from Host / X-Forwarded-Host', async () => {
  const browser = new Browser();
  const start = await browser.request(`${app.url}/auth/mop/login`, { headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' } });
  assert.equal(new URL(start.location!).searchParams.get('redirect_uri'), `${app.url}/auth/mop/callback`);
  assert.equal(new URL(start.location!).searchParams.get('authorize_url'), null);
  const withOverride = await browser.request(`${app.url}/auth/mop/login?authorize_url=https://evil&issuer=https://evil`);
  assert.equal(new URL(withOverride.location!).origin, mop.issuer);
});

test('unknown provider → 404 unknown_provider', async () => {
  const res = await new Browser().request(`${app.url}/auth/nope/login`, { headers: JSON_ACCEPT });
  assert.equal(res.status, 404);
  assert.equal(JSON.parse(res.body).error, 'unknown_provider');
});

test('loginRequired: browsers are sent to log in, API clients get 401 JSON', async () => {
  const browser = new Browser();
  const html = await browser.request(`${app.url}/protected?tab=2`);
  assert.equal(html.status, 302);
  assert.equal(html.location, `/auth/login?returnTo=${encodeURIComponent('/protected?tab=2')}`);
  const star = await browser.request(`${app.url}/protected`, { headers: { accept: '*/*' } });
  assert.equal(star.status, 401);
  assert.deepEqual(JSON.parse(star.body), { error: 'login_required' });
  const post = await browser.request(`${app.url}/protected`, { method: 'POST', headers: { accept: 'text/html' } });
  assert.notEqual(post.status, 302);
  const evil = await browser.request(`${app.url}//evil.com/x`);
  if (evil.status === 302) assert.ok(!evil.location!.includes('returnTo=%2F%2Fevil'), evil.location);
  const chooser = await browser.request(`${app.url}${html.location}`);
  assert.equal(chooser.status, 200);
  assert.match(chooser.body, /href="\/auth\/mop\/login\?returnTo=%2Fprotected%3Ftab%3D2"/);
});

test('logout: cross-site refused with 403, same-origin ends the login with a new session id', async () => {
  const browser = new Browser();
  const cb = await toCallback(browser);
  await browser.request(cb.href);
  const cross = await browser.request(`${app.url}/auth/logout`, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site', ...JSON_ACCEPT } });
  assert.equal(cross.status, 403);
  assert.equal(JSON.parse(cross.body).error, 'cross_site_request');
  const nullOrigin = await browser.request(`${app.url}/auth/logout`, { method: 'POST', headers: { origin: 'null', ...JSON_ACCEPT } });
  assert.equal(nullOrigin.status, 403);
  const otherOrigin = await browser.request(`${app.url}/auth/logout`, { method: 'POST', headers: { origin: 'https://evil.example', ...JSON_ACCEPT } });
  assert.equal(otherOrigin.status, 403);
  assert.equal((await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT })).status, 200, 'still logged in');
  const getLogout = await browser.request(`${app.url}/auth/logout`);
  assert.equal(getLogout.status, 405);
  const ok = await browser.request(`${app.url}/auth/logout?returnTo=/bye`, { method: 'POST', headers: { origin: app.url, 'sec-fetch-site': 'same-origin' } });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/bye');
  await assertLoggedOut(browser);
});

test('callback: POST → 405, HEAD does not use up the login', async () => {
  const browser = new Browser();
  const cb = await toCallback(browser);
  const post = await browser.request(cb.href, { method: 'POST', headers: JSON_ACCEPT });
  assert.equal(post.status, 405);
  const head = await browser.request(cb.href, { method: 'HEAD' });
  assert.ok(head.status < 300);
  const done = await browser.request(cb.href);
  assert.equal(done.status, 302);
});

test('implicit-flow parameters on the callback are ignored', async () => {
  const browser = new Browser();
  const cb = await toCallback(browser);
  cb.searchParams.set('access_token', 'injected');
  cb.searchParams.set('id_token', 'injected');
  const res = await browser.request(cb.href);
  assert.equal(res.status, 302);
  const me = await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT });
  assert.equal(JSON.parse(me.body).user.id, mop.sub);
});

test('form_post callback (Apple style): the cross-site POST is re-entered as a GET where the Lax cookie is sent', async () => {
  const { defineOAuth2Provider, mapOidcClaims } = await import('../../src/providers/define.ts');
  if (!app.auth.provider('mop-post')) {
    app.auth.register(
      defineOAuth2Provider({ name: 'mop-post', displayName: 'Mop', protocol: 'oidc', issuer: mop.issuer, clientId: mop.clientId, clientSecret: mop.clientSecret, scope: ['openid'], responseMode: 'form_post', profile: mapOidcClaims }),
    );
  }
  const browser = new Browser();
  const start = await browser.request(`${app.url}/auth/mop-post/login?returnTo=/after`);
  assert.equal(new URL(start.location!).searchParams.get('response_mode'), 'form_post');
  const back = await browser.request(start.location!);
  const params = new URL(back.location!).searchParams;
  // the provider's auto-submitted form arrives without our cookie (cross-site POST under SameSite=Lax)
  const post = await new Browser().request(`${app.url}/auth/mop-post/callback`, {
    method: 'POST',
    body: params,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(post.status, 303);
  const again = new URL(post.location!, app.url);
  assert.equal(again.pathname, '/auth/mop-post/callback');
  assert.equal(again.searchParams.get('state'), params.get('state'));
  const done = await browser.request(again.href);
  assert.equal(done.status, 302, done.body);
  assert.equal(done.location, '/after');
});

test('a Secure session cookie on a plain-http request fails fast with a message about trust proxy', async () => {
  const express = (await import('express')).default;
  const session = (await import('express-session')).default;
  const { createRegistry } = await import('../../src/index.ts');
  const http = await import('node:http');
  const inner = express();
  inner.use(session({ secret: 'x'.repeat(32), resave: false, saveUninitialized: false, cookie: { secure: true } }));
  const server = http.createServer(inner);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
    const auth = createRegistry({ baseUrl: url });
    auth.register(oidc({ name: 'mop', issuer: mop.issuer, clientId: mop.clientId, clientSecret: mop.clientSecret }));
    inner.use(auth.router());
    let message = '';
    inner.use((err: Error & { status?: number }, _q: unknown, res: import('express').Response, _n: unknown) => {
      message = err.message;
      res.status(err.status ?? 500).end();
    });
    const r = await fetch(`${url}/auth/mop/login`, { redirect: 'manual' });
    assert.equal(r.status, 503);
    assert.match(message, /trust proxy/);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('two tabs starting their logins at the same moment on an existing session both finish (S-14)', async () => {
  const browser = new Browser();
  await toCallback(browser, 'mop', '/warm'); // the session exists in the store
  const [a, b] = await Promise.all([browser.request(`${app.url}/auth/mop/login?returnTo=/a`), browser.request(`${app.url}/auth/mop/login?returnTo=/b`)]);
  const backA = await browser.request(a.location!);
  const backB = await browser.request(b.location!);
  const doneB = await browser.request(backB.location!);
  assert.equal(doneB.location, '/b');
  const doneA = await browser.request(backA.location!);
  assert.equal(doneA.status, 302, doneA.body);
  assert.equal(doneA.location, '/a');
});

test('two tabs of a fresh browser starting at the same instant both finish (per-login binding cookie)', async () => {
  const browser = new Browser();
  // no session yet: both requests carry no cookie and each makes its own session
  const [a, b] = await Promise.all([browser.request(`${app.url}/auth/mop/login?returnTo=/a`), browser.request(`${app.url}/auth/mop/login?returnTo=/b`)]);
  const bindings = [...a.headers.getSetCookie(), ...b.headers.getSetCookie()].filter((c) => c.startsWith('oauthkit.b.'));
  assert.equal(bindings.length, 2);
  for (const c of bindings) {
    assert.match(c, /HttpOnly/);
    assert.match(c, /SameSite=Lax/);
    assert.match(c, /Path=\/auth\/mop\/callback/);
  }
  const backA = await browser.request(a.location!);
  const backB = await browser.request(b.location!);
  const doneA = await browser.request(backA.location!);
  assert.equal(doneA.status, 302, doneA.body);
  assert.equal(doneA.location, '/a');
  const doneB = await browser.request(backB.location!);
  assert.equal(doneB.status, 302, doneB.body);
  assert.equal(doneB.location, '/b');
  // replaying either callback fails: both copies were used once
  assert.equal((await browser.request(backA.location!, { headers: JSON_ACCEPT })).status, 400);
  // a state (and code) taken to another browser finds neither the session nor the binding cookie
  const c = await toCallback(browser, 'mop');
  const stolen = await new Browser().request(c.href, { headers: JSON_ACCEPT });
  assert.equal(stolen.status, 400);
  assert.equal((await new Browser().request(c.href, { headers: JSON_ACCEPT })).status, 400, 'nor on a second try');
  assert.equal((await browser.request(c.href)).status, 302, 'the attempt elsewhere does not spoil the owner login');
});

test('auth.providerRouter(name) mounted at a path of your choice: login and callback there', async () => {
  const { startApp } = await import('../helpers/app.ts');
  const custom = await startApp({
    mount(server, auth) {
      server.use('/login/mop', auth.providerRouter('mop'));
    },
  });
  try {
    custom.auth.register(oidc({ name: 'mop', issuer: mop.issuer, clientId: mop.clientId, clientSecret: mop.clientSecret }));
    const browser = new Browser();
    const start = await browser.request(`${custom.url}/login/mop/login?returnTo=/here`);
    assert.equal(start.status, 302);
    assert.equal(new URL(start.location!).searchParams.get('redirect_uri'), `${custom.url}/login/mop/callback`);
    const back = await browser.request(start.location!);
    assert.equal(new URL(back.location!).pathname, '/login/mop/callback');
    const done = await browser.request(back.location!);
    assert.equal(done.status, 302, done.body);
    assert.equal(done.location, '/here');
    const me = await browser.request(`${custom.url}/auth/me`, { headers: JSON_ACCEPT });
    assert.equal(JSON.parse(me.body).user.id, mop.sub);
    const tokenReq = mop.requestsTo('/token').at(-1)!;
    assert.equal(new URLSearchParams(tokenReq.body).get('redirect_uri'), `${custom.url}/login/mop/callback`);
  } finally {
    await custom.close();
  }
});
