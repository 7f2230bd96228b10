/**
 * Shared state, in memory and on a real Redis: each kind of entry in its own
 * bounded map (anonymous traffic cannot evict a lock or a used-state marker),
 * refresh locks renewed while a slow producer runs, fenced and tombstoned
 * publishes.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { BoundedMap, memorySharedState, redisSharedState, type SharedState } from '../../../src/shared/shared-state.ts';
import { produceOnce } from '../../../src/shared/produce-once.ts';

const redis = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
after(() => redis.disconnect());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const unique = () => randomBytes(8).toString('hex');

test('memory: 10,000 anonymous binding copies evict neither a held lock nor a used-state marker', async () => {
  const shared = memorySharedState();
  const owner = await shared.acquireLock('refresh:fam', 60_000);
  assert.ok(owner);
  assert.equal(await shared.markOnce('state:used', 60_000), true);
  for (let i = 0; i < 10_001; i++) await shared.setValue(`pending:${i}`, 'x', 60_000);
  assert.equal(await shared.acquireLock('refresh:fam', 60_000), undefined, 'the lock is still held');
  assert.equal(await shared.markOnce('state:used', 60_000), false, 'the marker still refuses a replay');
  assert.equal(await shared.getValue('pending:10000'), 'x');
  assert.equal(await shared.getValue('pending:0'), undefined, 'the oldest binding copy went first');
});

test('BoundedMap: a full non-evicting map refuses new entries instead of dropping live ones; expired ones make room', () => {
  const locks = new BoundedMap(2, false);
  assert.equal(locks.set('a', '1', 1000, 0), true);
  assert.equal(locks.set('b', '1', 10, 0), true);
  assert.equal(locks.set('c', '1', 1000, 5), false);
  assert.equal(locks.get('a', 5), '1');
  assert.equal(locks.set('c', '1', 1000, 20), true, 'b expired at 10');
  const values = new BoundedMap(2, true);
  values.set('a', '1', 1000, 0);
  values.set('b', '1', 1000, 0);
  values.set('c', '1', 1000, 0);
  assert.equal(values.get('a', 1), undefined);
  assert.equal(values.size, 2);
});

for (const [kind, make] of [
  ['memory', () => memorySharedState()],
  ['redis', () => redisSharedState(redis)],
] as const) {
  test(`${kind}: a producer slower than the lock TTL keeps the lock (renewed): one producer only`, async () => {
    const shared: SharedState = make();
    const lock = `refresh:${unique()}`;
    let produced = 0;
    let result: string | undefined;
    const job = () =>
      produceOnce(shared, {
        lock,
        ttlMs: 150,
        read: async () => result,
        produce: async () => {
          produced += 1;
          await sleep(500);
          result = 'done';
          return result;
        },
        timeout: () => new Error('timed out'),
      });
    const first = job();
    await sleep(250); // past the 150 ms TTL: without renewal a second producer would start here
    const second = job().catch((e: Error) => e.message);
    assert.equal(await first, 'done');
    await second;
    assert.equal(produced, 1);
  });

  test(`${kind}: a fenced publish is refused once the lock is lost; an ended family refuses every publish`, async () => {
    const shared: SharedState = make();
    const family = unique();
    const lock = `refresh:${family}`;
    const owner = (await shared.acquireLock(lock, 60_000))!;
    assert.equal(await shared.publishLatest(family, 2, 'v2', 60_000, { lock, owner }), true);
    await shared.releaseLock(lock, owner);
    const thief = (await shared.acquireLock(lock, 60_000))!;
    assert.equal(await shared.publishLatest(family, 3, 'v3', 60_000, { lock, owner }), false, 'the old owner lost the lock');
    assert.equal(await shared.publishLatest(family, 3, 'v3', 60_000, { lock, owner: thief }), true);
    assert.deepEqual(await shared.getLatest(family), { version: 3, value: 'v3' });
    await shared.endFamily(family, 60_000);
    assert.equal((await shared.getLatest(family))?.ended, true);
    assert.equal(await shared.publishLatest(family, 4, 'v4', 60_000, { lock, owner: thief }), false, 'no publish after the family ended');
    assert.equal(await shared.renewLock(lock, 'someone-else', 60_000), false);
    assert.equal(await shared.renewLock(lock, thief, 60_000), true);
    await shared.releaseLock(lock, thief);
  });
}

test('redis: a family\'s value and its refresh lock share one hash slot (cluster-safe fenced publish)', async () => {
  const family = unique();
  const shared = redisSharedState(redis);
  const owner = (await shared.acquireLock(`refresh:${family}`, 60_000))!;
  const keys = await redis.keys(`oauthkit:*${family}*`);
  assert.deepEqual(keys, [`oauthkit:lock:refresh:{${family}}`]);
  await shared.publishLatest(family, 2, 'v', 60_000, { lock: `refresh:${family}`, owner });
  const slots = await Promise.all([`oauthkit:lock:refresh:{${family}}`, `oauthkit:tokens:{${family}}`].map((k) => redis.call('CLUSTER', 'KEYSLOT', k).catch(() => null)));
  if (slots[0] !== null) assert.equal(slots[0], slots[1]);
  await redis.del(`oauthkit:lock:refresh:{${family}}`, `oauthkit:tokens:{${family}}`);
});

test('BoundedMap: a full map sweeps only once something can have expired; live entries stay', () => {
  const map = new BoundedMap(3, true);
  const t0 = 1_000_000;
  map.set('a', '1', 100, t0);
  map.set('b', '2', 100, t0 + 10);
  map.set('c', '3', 100, t0 + 20);
  assert.equal(map.set('d', '4', 100, t0 + 105), true);
  assert.equal(map.get('a', t0 + 105), undefined, 'the expired oldest entry made room');
  assert.equal(map.get('b', t0 + 105), '2', 'a live entry was not evicted while an expired one could go');
  assert.equal(map.size, 3);
});
