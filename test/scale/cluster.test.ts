/**
 * A real 3-master Redis Cluster on loopback as the session store
 * (connect-redis + ioredis `Cluster`) and as the kit's `redis` option, with
 * two instances (separate processes) behind a round-robin balancer: logins,
 * guarded requests, a refresh burst and a client-credentials burst (one grant
 * each across both instances), logout. Every key lands in its own slot on the
 * node that owns it, the keys are spread over several masters, and no Redis
 * command fails (no CROSSSLOT, no "non local key" from the Lua scripts).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Cluster } from 'ioredis';
import { Browser } from '../helpers/http-client.ts';
import { startBalancer, type Balancer } from '../helpers/balancer.ts';
import { startRedisCluster, type RedisCluster } from '../helpers/redis-cluster.ts';
import { startOAuth2Emulator, type OAuth2Emulator } from '../emulators/oauth2.ts';
import { spawnInstance, type ChildInstance, type ProviderRef } from './support/instance.ts';
import { getJson, JSON_ACCEPT, login, Mutex, pool, sleep } from './support/flows.ts';

const prefix = `test:cluster:${randomBytes(6).toString('hex')}:`;
let cluster: RedisCluster;
let inspect: Cluster;
let emu: OAuth2Emulator;
let shortEmu: OAuth2Emulator;
let balancer: Balancer;
let instances: ChildInstance[] = [];

const ref = (name: string, e: OAuth2Emulator): ProviderRef => ({ kind: 'oauth2', name, url: e.url, clientId: e.clientId, clientSecret: e.clientSecret });

before(async () => {
  cluster = await startRedisCluster({ masters: 3 });
  inspect = cluster.client();
  await new Promise((resolve) => inspect.once('ready', resolve));
  emu = await startOAuth2Emulator({ redirectUris: [], anyRedirectUri: true });
  shortEmu = await startOAuth2Emulator({ redirectUris: [], anyRedirectUri: true, accessTokenTtlSeconds: 1, refreshDelayMs: 300 });
  balancer = await startBalancer();
  const config = {
    baseUrl: balancer.url,
    store: { kind: 'cluster' as const, nodes: cluster.nodes },
    prefix,
    recordRedisErrors: true,
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
  inspect?.disconnect();
  await cluster?.stop();
});

/** Every key on every master, with the master's port. */
async function keysByNode(): Promise<Map<string, number>> {
  const where = new Map<string, number>();
  for (const node of inspect.nodes('master')) {
    for (const key of await node.keys('*')) where.set(key, node.options.port!);
  }
  return where;
}

/** slot → master port, from CLUSTER SLOTS. */
async function slotOwners(): Promise<(slot: number) => number | undefined> {
  const ranges = await inspect.cluster('SLOTS');
  return (slot) => {
    const range = ranges.find(([from, to]) => slot >= from && slot <= to);
    return range?.[2]?.[1];
  };
}

test('login, guard, refresh and client-credentials bursts over a 3-master Redis Cluster: one grant each, keys spread, no CROSSSLOT', async () => {
  // Six logins of distinct users through the balancer (start and callback alternate instances).
  const users = new Mutex();
  const browsers = Array.from({ length: 6 }, () => new Browser());
  const traces = await pool(browsers.length, 3, (i) =>
    login(browsers[i]!, balancer.url, 'p', {
      crossInstances: i % 2 === 1, // odd logins finish on the other instance for sure; even ones wherever round-robin sends them
      authorize: (go) =>
        users.run(async () => {
          emu.setUser({ id: `cluster-${i}`, login: `cluster${i}` });
          return go();
        }),
    }),
  );
  assert.ok(
    traces.some((t) => t.start.headers.get('x-upstream') !== t.callback.headers.get('x-upstream')),
    'some logins crossed instances',
  );
  for (const [i, b] of browsers.entries()) {
    for (const up of [0, 1]) {
      const page = await getJson(b, `${balancer.url}/protected`, up);
      assert.equal(page.status, 200, `session ${i} on instance ${up}: ${JSON.stringify(page.body)}`);
      assert.equal(page.body.user.id, `cluster-${i}`);
      const me = await getJson(b, `${balancer.url}/auth/me`, up);
      assert.deepEqual(me.body.user, page.body.user);
    }
  }

  // A refresh due on 20 concurrent requests over both instances: one grant.
  const refresher = new Browser();
  const refreshTrace = await login(refresher, balancer.url, 'short');
  const cookie = refresher.jar.header(new URL(balancer.url))!;
  await sleep(1100);
  const burst = await Promise.all(
    Array.from({ length: 20 }, async () => {
      const r = await fetch(`${balancer.url}/call/short`, { headers: { ...JSON_ACCEPT, cookie } });
      return { status: r.status, upstream: r.headers.get('x-upstream'), body: (await r.json()) as { body?: { token?: string } } };
    }),
  );
  for (const r of burst) assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(new Set(burst.map((r) => r.upstream)), new Set(['0', '1']));
  assert.equal(shortEmu.grants.refresh_token, 1, 'one refresh grant over the cluster');
  assert.equal(new Set(burst.map((r) => r.body.body?.token)).size, 1);

  // Client credentials from both instances at once: one grant, cached in the cluster.
  const cc = await Promise.all(Array.from({ length: 10 }, () => fetch(`${balancer.url}/cc/p`, { headers: JSON_ACCEPT }).then((r) => r.json() as Promise<{ token: string }>)));
  assert.equal(new Set(cc.map((c) => c.token)).size, 1);
  assert.equal(emu.grants.client_credentials, 1, 'one client_credentials grant across instances');

  // Where the keys are.
  const where = await keysByNode();
  const sessionKeys = [...where.keys()].filter((k) => k.startsWith(prefix)).sort();
  const expected = [...traces, refreshTrace].map((t) => `${prefix}${t.postSid}`).sort();
  assert.deepEqual(sessionKeys, expected, 'one session key per logged-in session, pre-login sessions removed');
  const kitKeys = [...where.keys()].filter((k) => k.startsWith('oauthkit:'));
  assert.equal(kitKeys.filter((k) => k.startsWith('oauthkit:once:state:')).length, 7, 'one single-use marker per callback');
  assert.equal(kitKeys.filter((k) => k.startsWith('oauthkit:tokens:')).length, 1, 'the refreshed family was published');
  const values = kitKeys.filter((k) => k.startsWith('oauthkit:value:'));
  assert.equal(values.filter((k) => !k.startsWith('oauthkit:value:pending:')).length, 1, 'the client-credentials token is cached');
  assert.deepEqual(values.filter((k) => k.startsWith('oauthkit:value:pending:')), [], "every login's shared pending copy was used up");
  assert.equal(kitKeys.filter((k) => k.startsWith('oauthkit:lock:')).length, 0, 'locks released');
  const owner = await slotOwners();
  const slots = new Set<number>();
  const tags = new Map<string, string[]>();
  for (const [key, port] of where) {
    const slot = Number(await inspect.cluster('KEYSLOT', key));
    slots.add(slot);
    assert.equal(owner(slot), port, `${key} lives on the master owning slot ${slot}`);
    // A hash tag is allowed only when it names one token family (its newest tokens and its refresh lock must
    // share a slot for the fenced publish script); a tag shared by anything else would funnel keys into one slot.
    const tag = /\{(.*?)\}/.exec(key)?.[1];
    if (tag !== undefined) {
      assert.match(key, /^oauthkit:(tokens|lock:refresh):\{[A-Za-z0-9_-]{16,}\}$/, `${key}: a hash tag only around a token family id`);
      tags.set(tag, [...(tags.get(tag) ?? []), key]);
    }
  }
  for (const [tag, keys] of tags) assert.ok(keys.length <= 2, `hash tag {${tag}} is shared only by one family's tokens and lock: ${keys.join(', ')}`);
  assert.ok(new Set([...where.values()]).size >= 2, `keys spread over several masters (${[...new Set(where.values())].join(', ')})`);
  assert.ok(new Set(kitKeys.map((k) => where.get(k))).size >= 2, 'the kit keys alone are on several masters');
  assert.ok(slots.size >= where.size - 1, 'the keys hash to distinct slots');

  // Logout over the cluster is seen by both instances.
  const out = await browsers[0]!.request(`${balancer.url}/auth/logout`, { method: 'POST', headers: { origin: balancer.url } });
  assert.equal(out.status, 303);
  assert.equal(await inspect.get(`${prefix}${traces[0]!.postSid}`), null);
  for (const up of [0, 1]) assert.equal((await getJson(browsers[0]!, `${balancer.url}/protected`, up)).status, 401);

  // No Redis command failed on either instance.
  for (const up of [0, 1]) {
    const { body } = await getJson(new Browser(), `${balancer.url}/_redis-errors`, up);
    assert.deepEqual(body.errors, [], `instance ${up}: failed Redis commands`);
  }
});
