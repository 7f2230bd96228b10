/**
 * Back-channel logout and sign-out everywhere across two app instances that
 * share one Redis (sessions, the kit's shared state, the session index),
 * against a real oidc-provider: a session made on A is ended by a Logout
 * Token posted to B; a replay to A is refused; a request in flight on A
 * cannot write the ended session back; index entries follow the session's
 * lifetime. Also measures the cross-instance latency.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Browser } from '../helpers/http-client.ts';
import { startApp, sessionIdFromCookie, SESSION_COOKIE, type TestApp, type TestAppOptions } from '../helpers/app.ts';
import { confirmLogoutAtProvider, loginThrough, startSessionOidcServer, type SessionOidcServer } from '../helpers/session-oidc-server.ts';
import { oidc } from '../../src/index.ts';
import { accountKey, sidKey } from '../../src/session/session-index.ts';

let a: TestApp;
let b: TestApp;
let op: SessionOidcServer;
const prefix = `test:bcl:${randomBytes(6).toString('hex')}:`;
const run = randomBytes(4).toString('hex');
const JSON_ACCEPT = { accept: 'application/json' };

before(async () => {
  const mount: TestAppOptions['mount'] = (express, auth) => {
    express.get('/open', (_req, res) => res.json({ ok: true }));
    express.get('/guarded', auth.loginRequired(), (_req, res) => res.json({ ok: true }));
    express.get('/guarded-stepup', auth.loginRequired({ provider: 'corp', scope: ['openid'], maxAge: 3600 }), (_req, res) => res.json({ ok: true }));
    express.get('/account', (req, res) => res.json((req.session as any).oauth?.accounts?.corp ?? null));
    express.get('/slow', async (req, res) => {
      await new Promise((r) => setTimeout(r, Number(req.query.ms ?? 300)));
      (req.session as any).visits = ((req.session as any).visits ?? 0) + 1; // modified: express-session saves it
      res.json({ ok: true });
    });
  };
  a = await startApp({ store: 'redis', kitRedis: true, prefix, mount });
  b = await startApp({ store: 'redis', kitRedis: true, prefix, mount });
  op = await startSessionOidcServer({
    redirectUris: [`${a.url}/auth/corp/callback`, `${b.url}/auth/corp/callback`],
    postLogoutRedirectUris: [`${a.url}/auth/logout/callback`],
    backchannelLogoutUri: `${b.url}/auth/corp/backchannel-logout`,
  });
  for (const app of [a, b]) app.auth.register(oidc({ name: 'corp', issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret }));
});
after(async () => {
  const keys = (await a.redis!.keys(`${prefix}*`)) ?? [];
  if (keys.length) await a.redis!.del(...keys);
  await a?.close();
  await b?.close();
  await op?.close();
});

/** The browser's session cookie, as set by either instance, sent to `app` too (one site behind a balancer). */
function shareCookie(browser: Browser, app: TestApp): void {
  const here = new URL(app.url).host;
  for (const other of [a, b]) {
    const host = new URL(other.url).host;
    const value = browser.jar.get(host, SESSION_COOKIE);
    if (host !== here && value !== undefined && browser.history.at(-1)?.url.startsWith(other.url)) browser.jar.set(here, SESSION_COOKIE, value);
  }
}

async function me(browser: Browser, app: TestApp): Promise<number> {
  shareCookie(browser, app);
  return (await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT })).status;
}

async function loginOn(app: TestApp, user: string): Promise<Browser> {
  const browser = new Browser();
  const done = await loginThrough(browser, app.url, '/auth/corp/login', user);
  assert.equal(done.status, 302, done.body);
  return browser;
}

async function account(browser: Browser, app: TestApp): Promise<{ sid: string; sub: string }> {
  shareCookie(browser, app);
  return JSON.parse((await browser.request(`${app.url}/account`, { headers: JSON_ACCEPT })).body);
}

async function postLogout(app: TestApp, token: string): Promise<number> {
  const res = await fetch(`${app.url}/auth/corp/backchannel-logout`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ logout_token: token }),
  });
  await res.arrayBuffer();
  return res.status;
}

test('a session made on A is logged out by a Logout Token posted to B; the replay to A is refused', async () => {
  const user = `alice-${run}`;
  const onA = await loginOn(a, user);
  const other = await loginOn(a, `bob-${run}`);
  assert.equal(await me(onA, b), 200, 'sessions are shared');
  const { sid } = await account(onA, a);
  const token = await op.logoutToken({ sub: user, sid });
  assert.equal(await postLogout(b, token), 200);
  assert.equal(await me(onA, a), 401, 'anonymous on A');
  assert.equal(await me(onA, b), 401, 'anonymous on B');
  assert.equal(await me(other, a), 200);
  assert.equal(await postLogout(a, token), 400, 'replay to the other instance refused (jti in Redis)');
  assert.deepEqual(await a.auth.kit.sessions.list(sidKey('corp', sid)), []);
});

test('the provider delivers the Logout Token to B when the user logs out at the provider; A\'s session ends', async () => {
  const user = `carol-${run}`;
  const onA = await loginOn(a, user);
  const before = op.backchannel.length;
  await confirmLogoutAtProvider(onA, `${op.issuer}/session/end`);
  assert.deepEqual(op.backchannel.slice(before), [{ uri: `${b.url}/auth/corp/backchannel-logout`, ok: true }]);
  assert.equal(await me(onA, a), 401);
});

test('a request in flight on A cannot write back a session ended through B', async () => {
  const user = `dave-${run}`;
  const onA = await loginOn(a, user);
  const sessionId = sessionIdFromCookie(onA.jar.get(new URL(a.url).host, SESSION_COOKIE))!;
  assert.ok(await a.redis!.get(`${prefix}${sessionId}`));
  const slow = onA.request(`${a.url}/slow?ms=400`, { headers: JSON_ACCEPT });
  await new Promise((r) => setTimeout(r, 100));
  const { sid } = await account(onA, b);
  assert.equal(await postLogout(b, await op.logoutToken({ sub: user, sid })), 200);
  assert.equal((await slow).status, 200);
  assert.equal(await a.redis!.get(`${prefix}${sessionId}`), null, 'the ended session stays gone from the store');
  assert.equal(await me(onA, a), 401);
});

test('endSessions on B ends the user\'s sessions made on A; index entries expire with the session', async () => {
  const user = `erin-${run}`;
  const s1 = await loginOn(a, user);
  const s2 = await loginOn(b, user);
  const key = `oauthkit:sessions:${accountKey('corp', user)}`;
  const ttl = await a.redis!.pttl(key);
  assert.ok(ttl > 3500_000 && ttl <= 3600_000, `index TTL follows the session cookie (1 h), got ${ttl}`);
  assert.equal(await a.redis!.zcard(key), 2);
  // B has seen a request (it learns the session store from it).
  await fetch(`${b.url}/`);
  assert.equal(await b.auth.endSessions({ provider: 'corp', accountId: user }), 2);
  assert.equal(await me(s1, a), 401);
  assert.equal(await me(s2, b), 401);
  assert.equal(await a.redis!.exists(key), 0, 'index key removed with its last session');
});

test('the guard costs no store round trip: a guarded request sends Redis the same commands as an open one', async () => {
  const user = `gus-${run}`;
  const browser = new Browser();
  assert.equal((await loginThrough(browser, a.url, '/auth/corp/login?max_age=3600', user)).status, 302);
  // Every command A's Redis client sends (the session store and the kit share it), counted at the client.
  const client = a.redis! as unknown as { sendCommand: (cmd: { name: string }, ...rest: unknown[]) => unknown };
  const send = client.sendCommand;
  const seen: string[] = [];
  client.sendCommand = function (this: unknown, cmd: { name: string }, ...rest: unknown[]) {
    seen.push(cmd.name);
    return send.call(this, cmd, ...rest);
  };
  try {
    const commands = async (path: string) => {
      seen.length = 0;
      const res = await browser.request(`${a.url}${path}`, { headers: JSON_ACCEPT });
      assert.equal(res.status, 200, `${path}: ${res.body}`);
      return [...seen];
    };
    const open = await commands('/open');
    assert.ok(open.length >= 1, 'the session store load is seen');
    assert.deepEqual(await commands('/guarded'), open, 'plain loginRequired(): nothing more');
    assert.deepEqual(await commands('/guarded-stepup'), open, 'a satisfied scope / maxAge guard: nothing more');
  } finally {
    client.sendCommand = send;
  }
});

test('latency: Logout Token posted to B until A answers the session as anonymous', async (t) => {
  const samples: number[] = [];
  for (let i = 0; i < 15; i++) {
    const user = `lat${i}-${run}`;
    const browser = await loginOn(a, user);
    const { sid } = await account(browser, a);
    const token = await op.logoutToken({ sub: user, sid });
    const t0 = performance.now();
    assert.equal(await postLogout(b, token), 200);
    let status = await me(browser, a);
    while (status !== 401 && performance.now() - t0 < 2000) status = await me(browser, a);
    samples.push(performance.now() - t0);
    assert.equal(status, 401);
  }
  samples.sort((x, y) => x - y);
  const median = samples[Math.floor(samples.length / 2)]!;
  t.diagnostic(`back-channel logout across instances: median ${median.toFixed(1)} ms, max ${samples.at(-1)!.toFixed(1)} ms (POST to B + first /auth/me on A, n=${samples.length})`);
  assert.ok(median < 1000);
});
