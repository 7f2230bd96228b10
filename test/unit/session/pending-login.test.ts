import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addPendingLogin, consumePendingLogin, MAX_PENDING, PENDING_TTL_MS, type SessionOAuthData } from '../../../src/session/pending-login.ts';

const login = (provider: string, createdAt: number) => ({ provider, createdAt, returnTo: '/', redirectUri: 'http://127.0.0.1/cb' });
const key = (i: number) => `state-${String(i).padStart(20, '0')}`;

test('several logins pending at once, each consumed once', () => {
  const data: SessionOAuthData = {};
  addPendingLogin(data, key(1), login('github', 1000), 1000);
  addPendingLogin(data, key(2), login('x', 1001), 1001);
  assert.equal(consumePendingLogin(data, key(2), 'x', 1002)?.provider, 'x');
  assert.equal(consumePendingLogin(data, key(2), 'x', 1002), undefined, 'used once');
  assert.equal(consumePendingLogin(data, key(1), 'github', 1003)?.provider, 'github');
});

test('at most MAX_PENDING are kept; the oldest goes first', () => {
  const data: SessionOAuthData = {};
  for (let i = 0; i < MAX_PENDING + 3; i++) addPendingLogin(data, key(i), login('github', 1000 + i), 1000 + i);
  assert.equal(Object.keys(data.pending!).length, MAX_PENDING);
  assert.equal(consumePendingLogin(data, key(0), 'github', 2000), undefined);
  assert.ok(consumePendingLogin(data, key(MAX_PENDING + 2), 'github', 2000));
});

test('expired after 10 minutes; another provider cannot use it and uses it up', () => {
  const data: SessionOAuthData = {};
  addPendingLogin(data, key(1), login('github', 0), 0);
  assert.equal(consumePendingLogin(data, key(1), 'github', PENDING_TTL_MS), undefined);
  addPendingLogin(data, key(2), login('github', 0), 0);
  assert.equal(consumePendingLogin(data, key(2), 'x', 10), undefined);
  assert.equal(consumePendingLogin(data, key(2), 'github', 10), undefined, 'removed by the foreign attempt');
});

test('keys that are not state-shaped or are prototype names are never found', () => {
  const data: SessionOAuthData = {};
  addPendingLogin(data, key(1), login('github', 0), 0);
  for (const k of ['__proto__', 'constructor', '', 'short', undefined, null, ['a'], key(1) + '\n']) {
    assert.equal(consumePendingLogin(data, k, 'github', 1), undefined);
  }
});
