import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountKey, appUserId, memorySessionIndex, sessionExpiry, sessionKeys, sidKey, subKey, userKey } from '../../../src/session/session-index.ts';
import { findShortfall, requirementKey } from '../../../src/guard-stepup.ts';

test('index keys of a session: account, sub, sid per provider, and the app user id; hashed', () => {
  const keys = sessionKeys({ user: { id: 7 }, accounts: { corp: { profile: { id: 'alice' }, sub: 'alice', sid: 's1' }, github: { profile: { id: '42' } } } });
  assert.deepEqual(keys, [accountKey('corp', 'alice'), subKey('corp', 'alice'), sidKey('corp', 's1'), accountKey('github', '42'), userKey('7')]);
  assert.ok(keys.every((k) => !k.includes('alice')), 'no subject in key names');
  assert.notEqual(sidKey('a', 'b\u0000c'), sidKey('a\u0000b', 'c'));
  assert.deepEqual(sessionKeys(undefined), []);
  assert.equal(appUserId({ id: 'x' }), 'x');
  assert.equal(appUserId({ id: {} }), undefined);
  assert.equal(appUserId('x'), undefined);
});

test('entry lifetime follows the session cookie', () => {
  assert.equal(sessionExpiry({ expires: new Date(5000) }, 0), 5000);
  assert.equal(sessionExpiry({ maxAge: 1000 }, 10), 1010);
  assert.equal(sessionExpiry(undefined, 0), 24 * 3600_000);
});

test('memory index: add, list, remove, expiry, and both bounds', async () => {
  const index = memorySessionIndex(3, 2);
  const later = Date.now() + 60_000;
  await index.add(['k1', 'k2'], 's1', later);
  await index.add(['k1'], 's2', later);
  assert.deepEqual(await index.list('k1'), ['s1', 's2']);
  await index.add(['k1'], 's3', later);
  assert.deepEqual(await index.list('k1'), ['s2', 's3'], 'at most 2 per key: the oldest goes');
  await index.remove(['k1'], 's2');
  assert.deepEqual(await index.list('k1'), ['s3']);
  await index.add(['k3'], 'x', later);
  await index.add(['k4'], 'y', later);
  assert.deepEqual(await index.list('k1'), [], 'at most 3 keys: the oldest key goes');
  await index.add(['k5'], 'gone', Date.now() - 1);
  assert.deepEqual(await index.list('k5'), [], 'expired entries are not listed');
});

test('guard shortfall: scope, maxAge by auth_time, acr; requirement keys', () => {
  const account = { scope: ['openid', 'read'], authTime: 1000, acr: 'urn:basic' };
  assert.deepEqual(findShortfall(account, [], { scope: ['read'] }, 2000, 0), { missingScope: [], authentication: false });
  assert.deepEqual(findShortfall(account, [], { scope: ['write', 'read', 'admin'] }, 2000, 0), { missingScope: ['write', 'admin'], authentication: false });
  assert.equal(findShortfall(account, [], { maxAge: 300 }, 1300, 0).authentication, false);
  assert.equal(findShortfall(account, [], { maxAge: 300 }, 1301, 0).authentication, true);
  assert.equal(findShortfall(account, [], { maxAge: 0 }, 1020, 30).authentication, false, 'judged at the step-up with tolerance');
  assert.equal(findShortfall(account, [], { maxAge: 0 }, 1000, 0).authentication, true, 'maxAge 0: a new login every time, even in the same second');
  assert.equal(findShortfall({ scope: [] }, [], { maxAge: 600 }, 1000, 0).authentication, true, 'no auth_time: too old');
  assert.equal(findShortfall(account, [], { acr: ['urn:mfa'] }, 1000, 0).authentication, true);
  assert.equal(findShortfall(account, [], { acr: ['urn:mfa', 'urn:basic'] }, 1000, 0).authentication, false);
  assert.deepEqual(findShortfall({}, ['repo'], { scope: ['repo'] }, 0, 0).missingScope, [], 'an account recorded before scopes were kept: the configured scope');
  assert.equal(requirementKey('corp', { scope: ['b', 'a'] }), requirementKey('corp', { scope: ['a', 'b'] }));
  assert.notEqual(requirementKey('corp', { maxAge: 0 }), requirementKey('corp', { maxAge: 1 }));
});
