/**
 * Bounded load test (`npm run test:load`, not part of `npm test`): two app
 * instances (separate processes, real Redis session store with one prefix,
 * the kit's `redis` option) behind a loopback round-robin balancer, one
 * provider emulator.
 *
 * 200 complete logins of 200 distinct users, 20 at a time, every step through
 * the balancer (start and callback often on different instances); then 5,000
 * guarded requests (GET /protected, JSON) over those sessions, 50 at a time.
 *
 * Asserted (correctness only, never speed): no failed login, no 5xx, no
 * answer carrying another session's user, exactly one Redis session key per
 * logged-in session (the pre-login ones removed at regeneration). Printed:
 * logins/s, requests/s, p50/p99 latencies, each instance's memory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Browser } from '../helpers/http-client.ts';
import { startBalancer } from '../helpers/balancer.ts';
import { startOAuth2Emulator } from '../emulators/oauth2.ts';
import { spawnInstance, type ChildInstance } from '../scale/support/instance.ts';
import { cleanupRedis, login, Mutex, pool, type LoginTrace } from '../scale/support/flows.ts';

const LOGINS = 200;
const LOGIN_CONCURRENCY = 20;
const REQUESTS = 5000;
const REQUEST_CONCURRENCY = 50;
const MB = 1024 * 1024;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function scanKeys(redis: Redis, match: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

test(`load: ${LOGINS} logins (${LOGIN_CONCURRENCY} at a time) and ${REQUESTS} guarded requests (${REQUEST_CONCURRENCY} at a time) over two instances behind a balancer`, { timeout: 240_000 }, async (t) => {
  const report = (line: string) => t.diagnostic(line);
  const prefix = `test:load:${randomBytes(6).toString('hex')}:`;
  const redis = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
  const emu = await startOAuth2Emulator({ redirectUris: [], anyRedirectUri: true });
  const balancer = await startBalancer();
  let instances: ChildInstance[] = [];
  try {
    const config = {
      baseUrl: balancer.url,
      store: { kind: 'redis' as const, port: 6379 },
      prefix,
      memoryProbe: true,
      providers: [{ kind: 'oauth2' as const, name: 'p', url: emu.url, clientId: emu.clientId, clientSecret: emu.clientSecret }],
    };
    instances = await Promise.all([spawnInstance({ ...config, id: 'A' }), spawnInstance({ ...config, id: 'B' })]);
    balancer.setUpstreams(instances.map((i) => i.url));
    const memory = async () =>
      Promise.all(instances.map(async (i) => (await (await fetch(`${i.url}/_memory`)).json()) as NodeJS.MemoryUsage & { peakRss: number }));
    const idle = await memory();

    // ---- 200 logins, 20 at a time, each a distinct user.
    const users = new Mutex();
    const loginStart = performance.now();
    const logins = await pool(LOGINS, LOGIN_CONCURRENCY, async (i) => {
      const browser = new Browser();
      const t0 = performance.now();
      try {
        const trace = await login(browser, balancer.url, 'p', {
          returnTo: '/protected',
          // The emulator approves whoever `user` is at the authorize request: set it and authorize atomically.
          authorize: (go) =>
            users.run(async () => {
              emu.setUser({ id: `load-${i}`, login: `load${i}`, name: `Load User ${i}`, email: `load${i}@example.test` });
              return go();
            }),
        });
        return { i, ok: true as const, browser, trace, cookie: browser.jar.header(new URL(balancer.url))!, ms: performance.now() - t0 };
      } catch (err) {
        return { i, ok: false as const, browser, error: (err as Error).message, ms: performance.now() - t0 };
      }
    });
    const loginSeconds = (performance.now() - loginStart) / 1000;
    const failed = logins.filter((l) => !l.ok);
    const loginHops = logins.flatMap((l) => l.browser.history);
    const login5xx = loginHops.filter((h) => h.status >= 500).length;
    const done = logins.filter((l): l is Extract<typeof l, { ok: true }> => l.ok);
    const crossed = done.filter((l) => l.trace.start.headers.get('x-upstream') !== l.trace.callback.headers.get('x-upstream')).length;
    const loginMs = done.map((l) => l.ms).sort((a, b) => a - b);
    report(`logins: ${done.length}/${LOGINS} ok in ${loginSeconds.toFixed(2)} s = ${(LOGINS / loginSeconds).toFixed(1)} logins/s; ` +
      `per login (4 HTTP steps) p50 ${ms(percentile(loginMs, 0.5))}, p99 ${ms(percentile(loginMs, 0.99))}; ` +
      `${crossed} started on one instance and finished on the other; 5xx during logins: ${login5xx}`);
    assert.deepEqual(failed.map((f) => `#${f.i}: ${f.ok ? '' : f.error}`), [], 'no failed login');
    assert.equal(login5xx, 0, 'no 5xx during the logins');
    assert.ok(crossed > 0, 'some logins crossed instances');

    // ---- 5,000 guarded requests over those sessions, 50 at a time.
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const byInstance = new Map<string, number>();
    const wrongUser: string[] = [];
    const requestStart = performance.now();
    await pool(REQUESTS, REQUEST_CONCURRENCY, async (j) => {
      const session = done[j % done.length]!;
      const t0 = performance.now();
      const r = await fetch(`${balancer.url}/protected`, { headers: { accept: 'application/json', cookie: session.cookie } });
      const body = (await r.json().catch(() => null)) as { user?: { id?: string } } | null;
      latencies.push(performance.now() - t0);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      const instance = r.headers.get('x-instance') ?? '?';
      byInstance.set(instance, (byInstance.get(instance) ?? 0) + 1);
      if (r.status === 200 && body?.user?.id !== `load-${session.i}`) wrongUser.push(`session ${session.i} got ${body?.user?.id} from ${instance}`);
    });
    const requestSeconds = (performance.now() - requestStart) / 1000;
    latencies.sort((a, b) => a - b);
    report(`guarded requests: ${REQUESTS} in ${requestSeconds.toFixed(2)} s = ${(REQUESTS / requestSeconds).toFixed(0)} requests/s; ` +
      `latency p50 ${ms(percentile(latencies, 0.5))}, p99 ${ms(percentile(latencies, 0.99))}, max ${ms(latencies.at(-1)!)}; ` +
      `statuses ${JSON.stringify(Object.fromEntries(statuses))}; per instance ${JSON.stringify(Object.fromEntries(byInstance))}`);
    // Keep-alive races between the balancer's pool and an instance (retried once by the balancer, as nginx does).
    const retried = balancer.errors.filter((e) => e.retried).length;
    report(`balancer: ${retried} request(s) re-sent after a reused keep-alive socket was reset by an instance; other upstream errors: ${JSON.stringify(balancer.errors.filter((e) => !e.retried))}`);
    const fiveXX = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    assert.equal(fiveXX, 0, 'no 5xx');
    assert.deepEqual(Object.fromEntries(statuses), { 200: REQUESTS }, 'every guarded request answered 200');
    assert.deepEqual(wrongUser, [], "no request answered with another session's user");
    assert.equal(byInstance.size, 2, 'both instances served requests');

    // ---- Exactly one session key per logged-in session.
    const keys = (await scanKeys(redis, `${prefix}*`)).sort();
    const expected = done.map((l: { trace: LoginTrace }) => `${prefix}${l.trace.postSid}`).sort();
    report(`Redis: ${keys.length} session keys under the prefix for ${done.length} logged-in sessions`);
    assert.equal(keys.length, LOGINS, 'one session key per logged-in session');
    assert.deepEqual(keys, expected, 'the keys are exactly the logged-in sessions (pre-login sessions removed)');

    // ---- Memory of each instance.
    const after = await memory();
    after.forEach((m, k) => {
      const i0 = idle[k]!;
      report(`instance ${['A', 'B'][k]}: rss ${(i0.rss / MB).toFixed(1)} → ${(m.rss / MB).toFixed(1)} MB ` +
        `(peak ${(m.peakRss / MB).toFixed(1)} MB), heapUsed ${(i0.heapUsed / MB).toFixed(1)} → ${(m.heapUsed / MB).toFixed(1)} MB`);
    });
    for (const i of instances) assert.ok(i.alive(), 'the instances are still running');
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
    await balancer.close();
    await emu.close();
    await cleanupRedis(redis, prefix).catch(() => {});
    redis.disconnect();
  }
});
