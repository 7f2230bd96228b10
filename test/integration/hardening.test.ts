/**
 * The defects a security review reproduced against the first release, each
 * driven over real HTTP (and a real Redis where it says so): a logout undone
 * by an in-flight refresh, a process crash on a control character from a
 * provider or a caller, tokens in `err.cause`, refreshed tokens left in shared
 * state after logout, app session data inherited by the next user, session
 * records made by cookie-less login starts, and refreshes not coalesced for
 * tokens without a family.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type { NextFunction, Request, Response } from 'express';
import { Browser, CookieJar } from '../helpers/http-client.ts';
import { sessionIdFromCookie, SESSION_COOKIE, type TestApp } from '../helpers/app.ts';
import { startTokenApp } from '../helpers/token-app.ts';
import { startOAuth2Emulator, type OAuth2Emulator } from '../emulators/oauth2.ts';
import { OAuthError } from '../../src/index.ts';
import type { TokenSet, TokenStore } from '../../src/types.ts';

const JSON_ACCEPT = { accept: 'application/json' };
const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function emulator(options: Partial<Parameters<typeof startOAuth2Emulator>[0]> = {}): Promise<OAuth2Emulator> {
  const e = await startOAuth2Emulator({ redirectUris: [], anyRedirectUri: true, ...options });
  cleanups.push(() => e.close());
  return e;
}

/** The token app plus a recorder of every error that reaches the error handlers, and a few extra routes. */
async function app(e: OAuth2Emulator, opts: Parameters<typeof startTokenApp>[1] = {}): Promise<TestApp & { errors: unknown[] }> {
  const errors: unknown[] = [];
  const a = await startTokenApp([{ name: 'p', url: e.url, clientId: e.clientId, clientSecret: e.clientSecret }], {
    ...opts,
    mount(server, auth) {
      server.get('/header-call', async (req, res, next) => {
        try {
          // App code passing user input to a provider call.
          const r = await req.oauth.fetch('p', '/api/echo', { headers: { 'x-note': String(req.query.note) } });
          res.status(r.status).json(await r.json());
        } catch (err) {
          next(err);
        }
      });
      server.post('/role', (req, res) => {
        (req.session as unknown as { role?: string }).role = String(req.query.role);
        res.json({ ok: true });
      });
      server.get('/role', (req, res) => res.json({ role: (req.session as unknown as { role?: string }).role ?? null }));
      server.get('/cc', async (_req, res, next) => {
        try {
          const t = await auth.clientCredentials('p');
          res.json({ ok: Boolean(t.accessToken) });
        } catch (err) {
          next(err);
        }
      });
      opts.mount?.(server, auth);
      server.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => {
        errors.push(err);
        next(err);
      });
    },
  });
  cleanups.push(() => a.close());
  return Object.assign(a, { errors });
}

async function login(browser: Browser, a: TestApp, name = 'p'): Promise<void> {
  const start = await browser.request(`${a.url}/auth/${name}/login`);
  assert.equal(start.status, 302, start.body);
  const back = await browser.request(start.location!);
  const done = await browser.request(back.location!, { headers: JSON_ACCEPT });
  assert.equal(done.status, 302, done.body);
}

async function callbackStatus(browser: Browser, a: TestApp): Promise<{ status: number; body: string }> {
  const start = await browser.request(`${a.url}/auth/p/login`);
  const back = await browser.request(start.location!);
  const done = await browser.request(back.location!, { headers: JSON_ACCEPT });
  return { status: done.status, body: done.body };
}

/** Every string value under the app's session prefix and the kit's `oauthkit:` keys. */
async function redisDump(a: TestApp): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const pattern of [`${a.prefix}*`, 'oauthkit:*']) {
    for (const key of await a.redis!.keys(pattern)) {
      const value = await a.redis!.get(key).catch(() => null);
      if (value !== null) out.set(key, value);
    }
  }
  return out;
}

// ---------------------------------------------------------------- 1. logout is final

for (const store of ['memory', 'redis'] as const) {
  test(`logout while a slow refresh is in flight stays logged out (${store} store)`, async () => {
    // Revocation hangs, so the provider still honours the refresh that is in flight (the worst case).
    const e = await emulator({ accessTokenTtlSeconds: 1, refreshDelayMs: 1500, revocationHang: true });
    const a = await app(e, { store, kitRedis: store === 'redis', registry: { refreshSkewSeconds: 0 } });
    const browser = new Browser();
    await login(browser, a);
    const host = new URL(a.url).host;
    const oldCookie = browser.jar.get(host, SESSION_COOKIE)!;
    const oldSid = sessionIdFromCookie(oldCookie)!;
    await sleep(1100); // the access token expired: the next call refreshes, slowly
    const inFlight = browser.request(`${a.url}/call/p`, { headers: JSON_ACCEPT });
    await sleep(300);
    const out = await browser.request(`${a.url}/auth/logout`, { method: 'POST', headers: { origin: a.url } });
    assert.equal(out.status, 303);
    const call = await inFlight;
    assert.equal(call.status, 401, call.body); // the refresh finished after the logout: login_required, no API call
    assert.equal(JSON.parse(call.body).error, 'login_required');
    await sleep(100); // let express-session's end-of-response save (if any) land
    const old = new Browser(new CookieJar());
    old.jar.set(host, SESSION_COOKIE, oldCookie);
    const me = await old.request(`${a.url}/auth/me`, { headers: JSON_ACCEPT });
    assert.equal(me.status, 401, 'the old cookie is not logged in again');
    if (store === 'redis') {
      assert.equal(await a.redis!.exists(`${a.prefix}${oldSid}`), 0, 'the old session key did not come back');
    }
    assert.equal(e.requestsTo('/api/echo').length, 0, 'no API call was made for the ended session');
  });
}

test('a refresh that finishes after the logout publishes nothing: no Redis key holds a token', async () => {
  const e = await emulator({ accessTokenTtlSeconds: 1, refreshDelayMs: 800, revocationHang: true });
  const a = await app(e, { store: 'redis', kitRedis: true, registry: { refreshSkewSeconds: 0 } });
  const browser = new Browser();
  await login(browser, a);
  await sleep(1100);
  const inFlight = browser.request(`${a.url}/call/p`, { headers: JSON_ACCEPT });
  await sleep(200);
  const out = await browser.request(`${a.url}/auth/logout`, { method: 'POST' });
  assert.equal(out.status, 303);
  await inFlight;
  const me = await browser.request(`${a.url}/auth/me`, { headers: JSON_ACCEPT });
  assert.equal(me.status, 401);
  // The family was ended: nothing under oauthkit:tokens:* holds a token any more.
  const dump = await redisDump(a);
  for (const t of e.issuedTokens) for (const [k, v] of dump) assert.ok(!v.includes(t), `${k} holds an issued token`);
});

// ---------------------------------------------------------------- 2. no crash on a control character

test('a control character in the provider\'s access token: 502 token_exchange_failed, and the process keeps running', async () => {
  const e = await emulator();
  const a = await app(e, { registry: { httpTimeoutMs: 400 } });
  e.tokenAnswerRewrite = (body) => ({ ...body, access_token: 'AT\u0001x' });
  const r = await callbackStatus(new Browser(), a);
  assert.equal(r.status, 502, r.body);
  assert.equal(JSON.parse(r.body).error, 'token_exchange_failed');
  await sleep(700); // past httpTimeoutMs: a timer armed for a request that never existed would fire now
  e.tokenAnswerRewrite = null;
  assert.equal((await fetch(`${a.url}/`)).status, 200, 'the app still answers');
  await login(new Browser(), a); // and the next login works
});

test('a control character in a header passed to req.oauth.fetch: a clean OAuthError, and the process keeps running', async () => {
  const e = await emulator();
  const a = await app(e, { registry: { httpTimeoutMs: 400 } });
  const browser = new Browser();
  await login(browser, a);
  const r = await browser.request(`${a.url}/header-call?note=${encodeURIComponent('hi\u0001there')}`, { headers: JSON_ACCEPT });
  assert.equal(r.status, 502, r.body);
  assert.equal(JSON.parse(r.body).error, 'provider_error');
  assert.ok(a.errors.at(-1) instanceof OAuthError);
  await sleep(700);
  const ok = await browser.request(`${a.url}/header-call?note=fine`, { headers: JSON_ACCEPT });
  assert.equal(ok.status, 200, ok.body);
});

// ---------------------------------------------------------------- 3. no token in err.cause

test('expires_in "abc": token_exchange_failed (502) on an OAuth 2.0 provider, and no token anywhere in the error', async () => {
  const e = await emulator({ accessTokenTtlSeconds: 1 });
  const a = await app(e, { registry: { refreshSkewSeconds: 0 } });
  e.tokenAnswerRewrite = (body) => ({ ...body, expires_in: 'abc' });
  const r = await callbackStatus(new Browser(), a);
  assert.equal(r.status, 502, r.body);
  assert.equal(JSON.parse(r.body).error, 'token_exchange_failed');

  // The refresh and client-credentials steps too.
  e.tokenAnswerRewrite = null;
  const browser = new Browser();
  await login(browser, a);
  await sleep(1100);
  e.tokenAnswerRewrite = (body) => ({ ...body, expires_in: 'abc' });
  const refresh = await browser.request(`${a.url}/call/p`, { headers: JSON_ACCEPT });
  assert.equal(refresh.status, 502, refresh.body);
  const cc = await browser.request(`${a.url}/cc`, { headers: JSON_ACCEPT });
  assert.equal(cc.status, 502, cc.body);

  assert.ok(a.errors.length >= 3);
  assert.ok(e.issuedTokens.length >= 4);
  for (const err of a.errors) {
    assert.ok(err instanceof OAuthError);
    assert.equal(err.code, 'token_exchange_failed');
    const text = `${inspect(err, { depth: 10 })} ${JSON.stringify(err.cause)} ${err.message} ${err.stack}`;
    for (const t of e.issuedTokens) assert.ok(!text.includes(t), 'an issued token is in the error');
    assert.ok(err.cause === undefined || Object.keys(err.cause).every((k) => ['error', 'error_description', 'status', 'code'].includes(k)));
  }
});

// ---------------------------------------------------------------- 4. shared state after logout

test('after login, a refresh and logout, no Redis key holds a token; the published tokens live as long as the access token', async () => {
  const e = await emulator({ accessTokenTtlSeconds: 2 });
  const a = await app(e, { store: 'redis', kitRedis: true, registry: { refreshSkewSeconds: 0 } });
  const browser = new Browser();
  await login(browser, a);
  await sleep(2100);
  const call = await browser.request(`${a.url}/call/p`, { headers: JSON_ACCEPT });
  assert.equal(call.status, 200, call.body);
  assert.equal(e.grants.refresh_token, 1);
  const sid = sessionIdFromCookie(browser.jar.get(new URL(a.url).host, SESSION_COOKIE))!;
  const family = JSON.parse((await a.redis!.get(`${a.prefix}${sid}`))!).oauth.accounts.p.tokens.family as string;
  const publishedKey = `oauthkit:tokens:{${family}}`;
  assert.match((await a.redis!.get(publishedKey)) ?? '', /^2\|/, 'version 2 published');
  const ttl = await a.redis!.pttl(publishedKey);
  assert.ok(ttl > 0 && ttl <= (2 + 60) * 1000 + 5000, `published tokens TTL ${ttl} ms follows the 2 s access token (not 30 days)`);

  const out = await browser.request(`${a.url}/auth/logout`, { method: 'POST' });
  assert.equal(out.status, 303);
  const dump = await redisDump(a);
  assert.ok(e.issuedTokens.length >= 4);
  for (const t of e.issuedTokens) for (const [k, v] of dump) assert.ok(!v.includes(t), `${k} still holds an issued token after logout`);
  assert.ok(!(await a.redis!.get(publishedKey))?.startsWith('2|'), 'the family was ended');
});

test('with tokenEncryptionKeys the published tokens are sealed; with a tokenStore they are not published at all', async () => {
  const key = Buffer.alloc(32, 7).toString('base64');
  const e = await emulator({ accessTokenTtlSeconds: 1 });
  const sealed = await app(e, { store: 'redis', kitRedis: true, registry: { refreshSkewSeconds: 0, tokenEncryptionKeys: [key] } });
  const b1 = new Browser();
  await login(b1, sealed);
  await sleep(1100);
  assert.equal((await b1.request(`${sealed.url}/call/p`, { headers: JSON_ACCEPT })).status, 200);
  const rows = new Map<string, TokenSet>();
  const tokenStore: TokenStore = {
    async get(k) {
      return rows.get(`${k.provider}:${k.accountId}`);
    },
    async set(k, t) {
      const { family: _f, version: _v, ...rest } = t; // a store that drops the family fields
      rows.set(`${k.provider}:${k.accountId}`, rest);
    },
    async delete(k) {
      rows.delete(`${k.provider}:${k.accountId}`);
    },
  };
  const stored = await app(e, { store: 'redis', kitRedis: true, registry: { refreshSkewSeconds: 0, tokenStore } });
  const b2 = new Browser();
  await login(b2, stored);
  await sleep(1100);
  assert.equal((await b2.request(`${stored.url}/call/p`, { headers: JSON_ACCEPT })).status, 200);
  for (const a of [sealed, stored]) {
    const dump = await redisDump(a);
    assert.ok([...dump.keys()].some((k) => k.startsWith('oauthkit:tokens:')));
    for (const t of e.issuedTokens) for (const [k, v] of dump) assert.ok(!v.includes(t), `${k} holds a plaintext token`);
  }
});

// ---------------------------------------------------------------- 5. a new user gets a clean session

test('app session data does not survive a change of user; linking keeps it; keepSessionData keeps it', async () => {
  const e = await emulator();
  const a = await app(e);
  const browser = new Browser();
  // Anonymous data, then a first login: dropped.
  await browser.request(`${a.url}/role?role=anon-cart`, { method: 'POST', headers: JSON_ACCEPT });
  assert.equal(JSON.parse((await browser.request(`${a.url}/role`, { headers: JSON_ACCEPT })).body).role, 'anon-cart');
  await login(browser, a);
  assert.equal(JSON.parse((await browser.request(`${a.url}/role`, { headers: JSON_ACCEPT })).body).role, null);
  // Alice sets a role; logging in again as Alice keeps it.
  await browser.request(`${a.url}/role?role=admin`, { method: 'POST', headers: JSON_ACCEPT });
  await login(browser, a);
  assert.equal(JSON.parse((await browser.request(`${a.url}/role`, { headers: JSON_ACCEPT })).body).role, 'admin');
  // Bob logs in on the same browser without logging out: he does not inherit it.
  e.setUser({ id: 'u-2002', login: 'bob', name: 'Bob' });
  await login(browser, a);
  const me = JSON.parse((await browser.request(`${a.url}/auth/me`, { headers: JSON_ACCEPT })).body);
  assert.equal(me.user.id, 'u-2002');
  assert.equal(JSON.parse((await browser.request(`${a.url}/role`, { headers: JSON_ACCEPT })).body).role, null);

  const keep = await app(e, { registry: { keepSessionData: true } });
  const b2 = new Browser();
  await b2.request(`${keep.url}/role?role=anon-cart`, { method: 'POST', headers: JSON_ACCEPT });
  await login(b2, keep);
  assert.equal(JSON.parse((await b2.request(`${keep.url}/role`, { headers: JSON_ACCEPT })).body).role, 'anon-cart');
});

test('a user switch ends the previous user\'s other linked accounts and their shared tokens', async () => {
  const one = await emulator({ accessTokenTtlSeconds: 1 });
  const two = await emulator();
  const a = await startTokenApp(
    [
      { name: 'one', url: one.url, clientId: one.clientId, clientSecret: one.clientSecret },
      { name: 'two', url: two.url, clientId: two.clientId, clientSecret: two.clientSecret },
    ],
    { store: 'redis', kitRedis: true, registry: { refreshSkewSeconds: 0 } },
  );
  cleanups.push(() => a.close());
  const browser = new Browser();
  await login(browser, a, 'one');
  await login(browser, a, 'two'); // linked: same user
  await sleep(1100);
  assert.equal((await browser.request(`${a.url}/call/one`, { headers: JSON_ACCEPT })).status, 200); // refreshed and published
  two.setUser({ id: 'u-2002', login: 'bob' });
  await login(browser, a, 'two'); // another person at "two": a new user
  const me = JSON.parse((await browser.request(`${a.url}/auth/me`, { headers: JSON_ACCEPT })).body);
  assert.deepEqual(me.providers, ['two']);
  const dump = await redisDump(a);
  for (const t of one.issuedTokens) for (const [k, v] of dump) assert.ok(!v.includes(t), `${k} still holds the previous user's token`);
});

// ---------------------------------------------------------------- 8. login starts cost little

test('HEAD on a login route starts nothing; a session holding only pending logins lives 15 minutes at most', async () => {
  const e = await emulator();
  const a = await app(e, { store: 'redis' });
  const head = await fetch(`${a.url}/auth/p/login`, { method: 'HEAD' });
  assert.equal(head.status, 405);
  assert.equal(head.headers.get('set-cookie'), null);
  assert.equal((await a.redis!.keys(`${a.prefix}*`)).length, 0, 'no session stored');
  assert.equal(e.requestsTo('/authorize').length + e.requestsTo('/token').length, 0);

  const browser = new Browser();
  const start = await browser.request(`${a.url}/auth/p/login`);
  assert.equal(start.status, 302);
  const sid = sessionIdFromCookie(browser.jar.get(new URL(a.url).host, SESSION_COOKIE))!;
  const pendingTtl = await a.redis!.ttl(`${a.prefix}${sid}`);
  assert.ok(pendingTtl > 0 && pendingTtl <= 15 * 60, `pending-only session TTL ${pendingTtl} s`);
  const back = await browser.request(start.location!);
  assert.equal((await browser.request(back.location!, { headers: JSON_ACCEPT })).status, 302);
  const newSid = sessionIdFromCookie(browser.jar.get(new URL(a.url).host, SESSION_COOKIE))!;
  const loggedInTtl = await a.redis!.ttl(`${a.prefix}${newSid}`);
  assert.ok(loggedInTtl > 15 * 60, `a logged-in session keeps the app's cookie lifetime (${loggedInTtl} s)`);
});

// ---------------------------------------------------------------- 9. refreshes of tokens without a family are coalesced

test('tokens without a family (a tokenStore that drops it): 10 concurrent calls after expiry → one refresh grant', async () => {
  const e = await emulator({ accessTokenTtlSeconds: 1, refreshDelayMs: 200 });
  const rows = new Map<string, TokenSet>();
  const tokenStore: TokenStore = {
    async get(k) {
      return rows.get(k.accountId);
    },
    async set(k, t) {
      const { family: _f, version: _v, ...rest } = t;
      rows.set(k.accountId, rest);
    },
    async delete(k) {
      rows.delete(k.accountId);
    },
  };
  const a = await app(e, { registry: { refreshSkewSeconds: 0, tokenStore } });
  const browser = new Browser();
  await login(browser, a);
  await sleep(1100);
  const results = await Promise.all(Array.from({ length: 10 }, () => browser.request(`${a.url}/call/p`, { headers: JSON_ACCEPT })));
  for (const r of results) assert.equal(r.status, 200, r.body);
  assert.equal(e.grants.refresh_token, 1);
});
