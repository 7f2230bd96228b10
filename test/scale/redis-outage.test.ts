/**
 * The session store's Redis dies mid-run (SIGKILL of a private redis-server)
 * and comes back on the same port. With the ioredis settings of
 * OUTAGE_SAFE_REDIS, every request that needs the session is answered 503
 * `session_unavailable` (Retry-After) within a bounded time while Redis is
 * down, nothing hangs, the instance process keeps running, and once Redis is
 * back the same process serves the old session, finishes a login that was
 * pending during the outage and runs new logins, without a restart.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Browser } from '../helpers/http-client.ts';
import { startRedisServer, type RedisServer } from '../helpers/redis-cluster.ts';
import { startOAuth2Emulator, type OAuth2Emulator } from '../emulators/oauth2.ts';
import { spawnInstance, type ChildInstance } from './support/instance.ts';
import { getJson, JSON_ACCEPT, login, sleep } from './support/flows.ts';

const BOUND_MS = 3000;
let redis: RedisServer;
let emu: OAuth2Emulator;
let instance: ChildInstance;

before(async () => {
  // appendfsync always: the data survives the SIGKILL, so the old session can be used again afterwards.
  redis = await startRedisServer({ args: ['--appendonly', 'yes', '--appendfsync', 'always'] });
  emu = await startOAuth2Emulator({ redirectUris: [], anyRedirectUri: true });
  instance = await spawnInstance({
    id: 'solo',
    store: { kind: 'redis', port: redis.port },
    prefix: `test:outage:${randomBytes(4).toString('hex')}:`,
    providers: [{ kind: 'oauth2', name: 'p', url: emu.url, clientId: emu.clientId, clientSecret: emu.clientSecret }],
  });
});

after(async () => {
  await instance?.stop();
  await emu?.close();
  await redis?.close();
});

interface Timed {
  what: string;
  status: number;
  ms: number;
  error?: string;
  retryAfter: string | null;
}

/** One request with a hard 10 s client timeout (a hang fails the test instead of blocking it). */
async function timed(what: string, url: string, init: RequestInit = {}): Promise<Timed> {
  const t0 = performance.now();
  try {
    const r = await fetch(url, { redirect: 'manual', ...init, signal: AbortSignal.timeout(10_000) });
    const text = await r.text();
    let error: string | undefined;
    try {
      error = JSON.parse(text).error;
    } catch {
      error = /Code: <code>([a-z_]+)<\/code>/.exec(text)?.[1];
    }
    return { what, status: r.status, ms: performance.now() - t0, error, retryAfter: r.headers.get('retry-after') };
  } catch (err) {
    return { what, status: 0, ms: performance.now() - t0, error: `client: ${(err as Error).name}`, retryAfter: null };
  }
}

function assertUnavailable(results: Timed[]): void {
  for (const r of results) {
    assert.equal(r.status, 503, `${r.what}: ${r.status} ${r.error} after ${Math.round(r.ms)} ms`);
    assert.equal(r.error, 'session_unavailable', r.what);
    assert.equal(r.retryAfter, '5', r.what);
    assert.ok(r.ms < BOUND_MS, `${r.what} answered in ${Math.round(r.ms)} ms (bound ${BOUND_MS} ms)`);
  }
}

/** Start Redis again and wait until a guarded request with `init`'s session answers 200; returns the time it took. */
async function restartAndWait(init: RequestInit): Promise<number> {
  const t0 = Date.now();
  await redis.start();
  let last: Timed | undefined;
  while (Date.now() - t0 < 10_000) {
    last = await timed('GET /protected after restart', `${instance.url}/protected`, init);
    if (last.status === 200) return Date.now() - t0;
    assert.equal(last.status, 503, `while reconnecting: ${last.status} ${last.error}`);
    await sleep(100);
  }
  assert.fail(`the old session did not work again within 10 s (last: ${last?.status} ${last?.error})`);
}

test('Redis killed mid-run: bounded 503 session_unavailable, no hang, process alive; Redis back on the same port: everything works again without a restart', async (t) => {
  const url = instance.url;
  const user = new Browser();
  await login(user, url, 'p');
  assert.equal((await getJson(user, `${url}/protected`)).status, 200);
  const cookie = user.jar.header(new URL(url))!;
  const json = { headers: { ...JSON_ACCEPT, cookie } };
  // A second login is half done when Redis dies: started, approved, callback not yet visited.
  const pending = new Browser();
  const start = await pending.request(`${url}/auth/p/login`);
  const approved = await pending.request(start.location!);
  const callbackUrl = approved.location!;
  const pendingCookie = pending.jar.header(new URL(url))!;

  // Traffic while Redis is killed: every answer is a 200 (before) or a bounded 503 (after), never a hang.
  let stop = false;
  const during: Timed[] = [];
  const traffic = Promise.all(
    Array.from({ length: 4 }, async () => {
      while (!stop) during.push(await timed('/protected during the kill', `${url}/protected`, json));
    }),
  );
  await sleep(300);
  await redis.kill('SIGKILL');
  await sleep(700);
  stop = true;
  await traffic;
  assert.ok(during.some((r) => r.status === 200), 'requests were served before the kill');
  assert.ok(during.some((r) => r.status === 503), 'and refused after it');
  for (const r of during) {
    assert.ok(r.status === 200 || (r.status === 503 && r.error === 'session_unavailable'), `${r.what}: ${r.status} ${r.error}`);
    assert.ok(r.ms < BOUND_MS, `${r.what}: ${Math.round(r.ms)} ms`);
  }

  const burst = () =>
    Promise.all([
      ...Array.from({ length: 10 }, () => timed('GET /protected (JSON)', `${url}/protected`, json)),
      timed('GET /protected (browser)', `${url}/protected`, { headers: { accept: 'text/html', cookie } }),
      ...Array.from({ length: 5 }, () => timed('GET /auth/me', `${url}/auth/me`, json)),
      ...Array.from({ length: 5 }, () => timed('GET /call/p (provider API)', `${url}/call/p`, json)),
      timed('GET callback of the pending login', callbackUrl, { headers: { ...JSON_ACCEPT, cookie: pendingCookie } }),
      timed('POST /auth/logout', `${url}/auth/logout`, { method: 'POST', headers: { ...JSON_ACCEPT, cookie, origin: url } }),
    ]);
  const first = await burst();
  assertUnavailable(first);
  await sleep(1500); // ioredis keeps reconnecting in the background meanwhile
  const second = await burst();
  assertUnavailable(second);
  const worst = (list: Timed[]) => Math.round(Math.max(...list.map((r) => r.ms)));
  t.diagnostic(`while Redis was down: ${during.length + first.length + second.length} requests, slowest 503 in ${Math.max(worst(during.filter((r) => r.status === 503)), worst(first), worst(second))} ms`);

  assert.ok(instance.alive(), 'the instance process is still running');
  const home = await timed('GET / (no session needed)', `${url}/`);
  assert.equal(home.status, 200, 'and serves routes that need no session');

  // Redis back on the same port: the same process recovers by itself.
  const recoveryMs = await restartAndWait(json);
  t.diagnostic(`the old session worked again ${recoveryMs} ms after redis-server was started again`);
  assert.ok(recoveryMs < 5000, `recovered ${recoveryMs} ms after Redis came back`);
  assert.ok(instance.alive());

  // The login that was pending during the outage can be finished now (the failed callback used nothing up).
  const finished = await pending.request(callbackUrl, { headers: JSON_ACCEPT });
  assert.equal(finished.status, 302, finished.body);
  assert.equal((await getJson(pending, `${url}/protected`)).status, 200);
  // And a brand-new login and guarded request work.
  const fresh = new Browser();
  await login(fresh, url, 'p');
  const page = await getJson(fresh, `${url}/protected`);
  assert.equal(page.status, 200);
  assert.equal(page.body.user.id, emu.user.id);
  assert.equal((await getJson(user, `${url}/auth/me`)).status, 200);
});

test('a login started while Redis is down is answered 503 session_unavailable within the bound', async () => {
  const url = instance.url;
  const user = new Browser();
  await login(user, url, 'p');
  const json = { headers: { ...JSON_ACCEPT, cookie: user.jar.header(new URL(url))! } };
  await redis.kill('SIGKILL');
  try {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => timed('GET /auth/p/login (new visitor)', `${url}/auth/p/login`, { headers: JSON_ACCEPT })),
    );
    assertUnavailable(results);
  } finally {
    await restartAndWait(json);
  }
  assert.ok(instance.alive());
});
