/**
 * Several instances behind a round-robin balancer, sharing one Redis (the
 * session store and the kit's `redis` option), each a separate process:
 * a login started on one instance finishes on the other (the pending login
 * is in Redis before the redirect), `/auth/me` and the guard agree on every
 * instance, logout on one is seen by all, and a refresh due on many
 * concurrent requests across both instances is done once.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Browser } from '../helpers/http-client.ts';
import { startBalancer, type Balancer } from '../helpers/balancer.ts';
import { startOAuth2Emulator, type OAuth2Emulator } from '../emulators/oauth2.ts';
import { spawnInstance, type ChildInstance, type ProviderRef } from './support/instance.ts';
import { cleanupRedis, getJson, JSON_ACCEPT, login, Mutex, pool, sleep } from './support/flows.ts';

const prefix = `test:scale:${randomBytes(6).toString('hex')}:`;
let redis: Redis;
let emu: OAuth2Emulator;
let shortEmu: OAuth2Emulator;
let balancer: Balancer;
let instances: ChildInstance[] = [];

const ref = (name: string, e: OAuth2Emulator): ProviderRef => ({ kind: 'oauth2', name, url: e.url, clientId: e.clientId, clientSecret: e.clientSecret });

before(async () => {
  redis = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
  emu = await startOAuth2Emulator({ redirectUris: [], anyRedirectUri: true });
  shortEmu = await startOAuth2Emulator({ redirectUris: [], anyRedirectUri: true, accessTokenTtlSeconds: 1, refreshDelayMs: 300 });
  balancer = await startBalancer();
  const config = {
    baseUrl: balancer.url,
    store: { kind: 'redis' as const, port: 6379 },
    prefix,
    registry: { refreshSkewSeconds: 0 },
    providers: [ref('p', emu), ref('short', shortEmu)],
  };
  instances = await Promise.all([spawnInstance({ ...config, id: 'A' }), spawnInstance({ ...config, id: 'B' })]);
  balancer.setUpstreams(instances.map((i) => i.url));
});

after(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  await balancer?.close();
  await emu?.close();
  await shortEmu?.close();
  if (redis) {
    await cleanupRedis(redis, prefix);
    redis.disconnect();
  }
});

test('a login started on one instance finishes on another; /auth/me and the guard agree on every instance; logout is seen by all', async () => {
  const browser = new Browser();
  const trace = await login(browser, balancer.url, 'p', {
    returnTo: '/protected',
    async afterStart(start) {
      // The pending login is in the shared store before the browser goes to the provider.
      const state = new URL(start.location!).searchParams.get('state')!;
      const sid = /s%3A([^.]+)\./.exec(start.headers.getSetCookie().join(';'))?.[1];
      assert.ok(sid, 'the login start set a session cookie');
      const stored = JSON.parse((await redis.get(`${prefix}${sid}`)) ?? 'null');
      assert.ok(stored?.oauth?.pending?.[state], 'pending login saved in Redis before the redirect');
    },
  });
  const startedOn = trace.start.headers.get('x-upstream');
  const finishedOn = trace.callback.headers.get('x-upstream');
  assert.ok(startedOn !== null && finishedOn !== null);
  assert.notEqual(startedOn, finishedOn, 'start and callback were served by different instances');
  assert.notEqual(trace.start.headers.get('x-instance'), trace.callback.headers.get('x-instance'));
  assert.equal(trace.callback.location, '/protected');
  assert.ok(trace.postSid && trace.postSid !== trace.preSid, 'new session id at login');
  assert.equal(await redis.get(`${prefix}${trace.preSid}`), null, 'the pre-login session is gone');
  assert.ok(await redis.get(`${prefix}${trace.postSid}`), 'the logged-in session is in Redis');

  const seen: unknown[] = [];
  for (const i of [0, 1]) {
    const me = await getJson(browser, `${balancer.url}/auth/me`, i);
    const page = await getJson(browser, `${balancer.url}/protected`, i);
    assert.equal(me.status, 200, `instance ${i} /auth/me`);
    assert.equal(page.status, 200, `instance ${i} /protected`);
    assert.equal(page.hop.headers.get('x-upstream'), String(i));
    assert.equal(me.body.user.id, emu.user.id);
    assert.deepEqual(page.body.user, me.body.user, 'guard and /auth/me agree');
    assert.deepEqual(me.body.providers, ['p']);
    seen.push(me.body.user);
  }
  assert.deepEqual(seen[0], seen[1], 'both instances see the same user');

  const cookie = browser.jar.header(new URL(balancer.url))!;
  const out = await browser.request(`${balancer.url}/auth/logout`, { method: 'POST', headers: { origin: balancer.url, 'x-upstream': '0' } });
  assert.equal(out.status, 303);
  assert.equal(await redis.get(`${prefix}${trace.postSid}`), null, 'the session is gone from Redis');
  for (const i of [0, 1]) {
    assert.equal((await getJson(browser, `${balancer.url}/protected`, i)).status, 401, `instance ${i} guard after logout`);
    assert.equal((await getJson(browser, `${balancer.url}/auth/me`, i)).status, 401, `instance ${i} /auth/me after logout`);
    const replay = await fetch(`${balancer.url}/protected`, { headers: { ...JSON_ACCEPT, cookie, 'x-upstream': String(i) } });
    assert.equal(replay.status, 401, `instance ${i}: the old cookie no longer authenticates`);
  }
});

test('20 concurrent logins of distinct users through the balancer: every session sees only its own user, on every instance', async () => {
  const users = new Mutex();
  const keysBefore = new Set(await redis.keys(`${prefix}*`));
  const browsers = Array.from({ length: 20 }, () => new Browser());
  const traces = await pool(browsers.length, 20, (i) =>
    login(browsers[i]!, balancer.url, 'p', {
      crossInstances: i % 2 === 1, // odd logins finish on the other instance for sure; even ones wherever round-robin sends them
      // The emulator approves whoever `user` is at the authorize request: set it and authorize atomically.
      authorize: (go) =>
        users.run(async () => {
          emu.setUser({ id: `multi-${i}`, login: `multi${i}` });
          return go();
        }),
    }),
  );
  const crossed = traces.filter((t) => t.start.headers.get('x-upstream') !== t.callback.headers.get('x-upstream')).length;
  assert.ok(crossed > 0, 'some logins started on one instance and finished on the other');
  await pool(browsers.length, 10, async (i) => {
    for (const up of [0, 1]) {
      const page = await getJson(browsers[i]!, `${balancer.url}/protected`, up);
      const me = await getJson(browsers[i]!, `${balancer.url}/auth/me`, up);
      assert.equal(page.status, 200);
      assert.equal(page.body.user.id, `multi-${i}`, `session ${i} on instance ${up}`);
      assert.equal(me.body.user.id, `multi-${i}`);
    }
  });
  const added = (await redis.keys(`${prefix}*`)).filter((k) => !keysBefore.has(k)).sort();
  const expected = traces.map((t) => `${prefix}${t.postSid}`).sort();
  assert.equal(new Set(expected).size, 20, '20 distinct session ids');
  assert.deepEqual(added, expected, 'exactly one session key per logged-in session (pre-login sessions removed)');
});

test('a refresh due on 30 concurrent requests spread over both instances happens once', async () => {
  const browser = new Browser();
  await login(browser, balancer.url, 'short');
  const cookie = browser.jar.header(new URL(balancer.url))!;
  await sleep(1100); // the access token (1 s) is now due
  const before = shortEmu.grants.refresh_token;
  const answers = await Promise.all(
    Array.from({ length: 30 }, async () => {
      const r = await fetch(`${balancer.url}/call/short`, { headers: { ...JSON_ACCEPT, cookie } });
      return { status: r.status, upstream: r.headers.get('x-upstream'), body: (await r.json()) as { body?: { ok?: boolean; token?: string } } };
    }),
  );
  for (const a of answers) assert.equal(a.status, 200, JSON.stringify(a.body));
  assert.deepEqual(new Set(answers.map((a) => a.upstream)), new Set(['0', '1']), 'both instances served the burst');
  assert.equal(shortEmu.grants.refresh_token - before, 1, 'exactly one refresh grant across both instances');
  assert.ok(answers.every((a) => a.body.body?.ok === true));
  assert.equal(new Set(answers.map((a) => a.body.body?.token)).size, 1, 'every request used the one refreshed access token');
});
