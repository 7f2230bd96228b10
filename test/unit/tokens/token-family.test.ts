/** Token families: stable ids for family-less tokens, and how long published tokens live. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endedFamilyTtlMs, latestTtlMs, newTokenFamily, refreshLockTtlMs, withStableFamily } from '../../../src/tokens/token-family.ts';

test('withStableFamily: the same family for the same grant, another for another grant or provider; own family kept', () => {
  const a = withStableFamily('p', { accessToken: 'a1', refreshToken: 'r1' });
  const b = withStableFamily('p', { accessToken: 'a2', refreshToken: 'r1' });
  assert.equal(a.family, b.family);
  assert.equal(a.version, 1);
  assert.notEqual(withStableFamily('p', { accessToken: 'a', refreshToken: 'r2' }).family, a.family);
  assert.notEqual(withStableFamily('q', { accessToken: 'a', refreshToken: 'r1' }).family, a.family);
  assert.ok(!a.family!.includes('r1'));
  const own = newTokenFamily({ accessToken: 'a' });
  assert.equal(withStableFamily('p', own).family, own.family);
});

test('latestTtlMs follows the access token: a minute floor, a day ceiling, an hour when unknown', () => {
  const now = 1_000_000_000_000;
  assert.equal(latestTtlMs({ accessToken: 'a', expiresAt: now / 1000 + 3600 }, 60, now), (3600 + 60) * 1000 + 60_000);
  assert.equal(latestTtlMs({ accessToken: 'a', expiresAt: now / 1000 - 10 }, 0, now), 60_000);
  assert.equal(latestTtlMs({ accessToken: 'a', expiresAt: now / 1000 + 30 * 86400 }, 60, now), 24 * 3600_000);
  assert.equal(latestTtlMs({ accessToken: 'a' }, 60, now), 3600_000);
});

test('the refresh lock covers two bounded calls; an ended family outlives any lock', () => {
  assert.equal(refreshLockTtlMs(10_000), 25_000);
  assert.ok(endedFamilyTtlMs(10_000) > refreshLockTtlMs(10_000));
});
