import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSessionLock } from '../../../src/shared/session-lock.ts';
import { memorySharedState, type SharedState } from '../../../src/shared/shared-state.ts';

const tick = () => new Promise((r) => setTimeout(r, 2));

async function overlapOf(shared: SharedState): Promise<{ order: string[]; maxInside: number }> {
  const order: string[] = [];
  let inside = 0;
  let maxInside = 0;
  const section = (name: string) => async () => {
    inside += 1;
    maxInside = Math.max(maxInside, inside);
    order.push(`${name}:in`);
    await tick();
    await tick();
    order.push(`${name}:out`);
    inside -= 1;
    return name;
  };
  const results = await Promise.all([withSessionLock(shared, 's1', section('a')), withSessionLock(shared, 's1', section('b')), withSessionLock(shared, 's1', section('c'))]);
  assert.deepEqual(results, ['a', 'b', 'c']);
  return { order, maxInside };
}

test('in-process shared state: one session\'s sections run one at a time, in order, without taking a shared lock', async () => {
  const shared = memorySharedState();
  assert.equal(shared.inProcess, true);
  let locks = 0;
  const acquire = shared.acquireLock.bind(shared);
  (shared as { acquireLock: SharedState['acquireLock'] }).acquireLock = (name, ttl) => {
    locks += 1;
    return acquire(name, ttl);
  };
  const { order, maxInside } = await overlapOf(shared);
  assert.equal(maxInside, 1);
  assert.deepEqual(order, ['a:in', 'a:out', 'b:in', 'b:out', 'c:in', 'c:out']);
  assert.equal(locks, 0, 'the promise chain is the lock');
});

test('shared state of several instances (not in-process): each section also holds the shared lock', async () => {
  const memory = memorySharedState();
  const taken: string[] = [];
  const shared: SharedState = { ...memory, inProcess: false, acquireLock: async (name, ttl) => (taken.push(name), memory.acquireLock(name, ttl)) };
  const { maxInside } = await overlapOf(shared);
  assert.equal(maxInside, 1);
  assert.deepEqual(taken, ['session:s1', 'session:s1', 'session:s1']);
});

test('a failing section does not block the next one', async () => {
  const shared = memorySharedState();
  await assert.rejects(withSessionLock(shared, 's2', async () => {
    throw new Error('boom');
  }), /boom/);
  assert.equal(await withSessionLock(shared, 's2', async () => 'next'), 'next');
});
