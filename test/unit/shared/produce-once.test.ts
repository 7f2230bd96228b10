/**
 * produceOnce, in memory and on a real Redis: a shared result is read, made
 * by one producer at a time, and waited for; a failed producer releases the
 * lock; a holder that never publishes makes waiters give up after ttlMs.
 * (Lock renewal during a slow producer is in shared-state.test.ts.)
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { memorySharedState, redisSharedState, type LockFence, type SharedState } from '../../../src/shared/shared-state.ts';
import { produceOnce } from '../../../src/shared/produce-once.ts';

const redis = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
after(() => redis.disconnect());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const unique = () => randomBytes(8).toString('hex');

for (const [kind, make] of [
  ['memory', () => memorySharedState()],
  ['redis', () => redisSharedState(redis)],
] as const) {
  test(`${kind}: a result already there is returned without taking the lock or producing`, async () => {
    const shared: SharedState = make();
    const lock = `cc:${unique()}`;
    let produced = 0;
    const value = await produceOnce(shared, {
      lock,
      ttlMs: 5_000,
      read: async () => 'cached',
      produce: async () => {
        produced += 1;
        return 'fresh';
      },
      timeout: () => new Error('timeout'),
    });
    assert.equal(value, 'cached');
    assert.equal(produced, 0);
    const owner = await shared.acquireLock(lock, 1_000);
    assert.ok(owner, 'the lock was never taken');
    await shared.releaseLock(lock, owner);
  });

  test(`${kind}: five concurrent callers → one producer; the others wait for its published result`, async () => {
    const shared: SharedState = make();
    const lock = `refresh:${unique()}`;
    let published: string | undefined;
    let produced = 0;
    const job = () =>
      produceOnce(shared, {
        lock,
        ttlMs: 5_000,
        read: async () => published,
        produce: async () => {
          produced += 1;
          await sleep(150);
          published = `v${produced}`;
          return published;
        },
        timeout: () => new Error('timeout'),
      });
    const results = await Promise.all(Array.from({ length: 5 }, job));
    assert.deepEqual(results, ['v1', 'v1', 'v1', 'v1', 'v1']);
    assert.equal(produced, 1);
  });

  test(`${kind}: the result is read again under the lock; found there, nothing is produced`, async () => {
    const shared: SharedState = make();
    let reads = 0;
    let produced = 0;
    const value = await produceOnce(shared, {
      lock: `refresh:${unique()}`,
      ttlMs: 5_000,
      // Absent at the first look, present once the lock is held (another instance published meanwhile).
      read: async () => (++reads >= 2 ? 'published-by-another' : undefined),
      produce: async () => {
        produced += 1;
        return 'mine';
      },
      timeout: () => new Error('timeout'),
    });
    assert.equal(value, 'published-by-another');
    assert.equal(produced, 0);
    assert.equal(reads, 2);
  });

  test(`${kind}: the producer gets a fence that names the lock it holds`, async () => {
    const shared: SharedState = make();
    const lock = `refresh:${unique()}`;
    let fence: LockFence | undefined;
    await produceOnce(shared, {
      lock,
      ttlMs: 5_000,
      read: async () => undefined,
      produce: async (f) => {
        fence = f;
        assert.equal(await shared.acquireLock(lock, 1_000), undefined, 'held while producing');
        assert.equal(await shared.renewLock(lock, f.owner, 5_000), true, 'the fence owner is the holder');
        return 'x';
      },
      timeout: () => new Error('timeout'),
    });
    assert.equal(fence?.lock, lock);
    assert.equal(await shared.renewLock(lock, fence!.owner, 5_000), false, 'released afterwards');
  });

  test(`${kind}: a failing producer's error reaches its caller and the lock is released for the next one`, async () => {
    const shared: SharedState = make();
    const lock = `cc:${unique()}`;
    let published: string | undefined;
    let attempts = 0;
    const job = () =>
      produceOnce(shared, {
        lock,
        ttlMs: 5_000,
        read: async () => published,
        produce: async () => {
          attempts += 1;
          if (attempts === 1) throw new Error('token endpoint down');
          published = 'ok';
          return published;
        },
        timeout: () => new Error('timeout'),
      });
    await assert.rejects(job(), /token endpoint down/);
    const started = Date.now();
    assert.equal(await job(), 'ok');
    assert.ok(Date.now() - started < 1_000, 'the second caller did not wait for a lock left behind');
    assert.equal(attempts, 2);
  });

  test(`${kind}: a holder that never publishes → waiters give up with job.timeout() after ttlMs`, async () => {
    const shared: SharedState = make();
    const lock = `refresh:${unique()}`;
    const holder = await shared.acquireLock(lock, 10_000); // another instance, stuck
    assert.ok(holder);
    let produced = 0;
    const started = Date.now();
    await assert.rejects(
      produceOnce(shared, {
        lock,
        ttlMs: 300,
        read: async () => undefined,
        produce: async () => {
          produced += 1;
          return 'x';
        },
        timeout: () => new Error('gave up waiting'),
      }),
      /gave up waiting/,
    );
    const waited = Date.now() - started;
    assert.ok(waited >= 300 && waited < 3_000, `waited ${waited} ms`);
    assert.equal(produced, 0, 'never produced while another holds the lock');
    await shared.releaseLock(lock, holder);
  });
}
