/**
 * When a token is due for refresh. (Reading, refreshing and signing with a
 * session's tokens need a request and a session: test/integration/tokens.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRefreshDue } from '../../../src/tokens/token-refresh.ts';

test('isRefreshDue: due from skewSeconds before expiry on; never when the expiry is unknown', () => {
  const now = 1_700_000_000;
  assert.equal(isRefreshDue({ accessToken: 'a', expiresAt: now + 61 }, 60, now), false, 'more than the skew left');
  assert.equal(isRefreshDue({ accessToken: 'a', expiresAt: now + 60 }, 60, now), true, 'exactly the skew left');
  assert.equal(isRefreshDue({ accessToken: 'a', expiresAt: now - 1 }, 60, now), true, 'expired');
  assert.equal(isRefreshDue({ accessToken: 'a', expiresAt: now + 1 }, 0, now), false, 'no skew: only once expired');
  assert.equal(isRefreshDue({ accessToken: 'a', expiresAt: now }, 0, now), true);
  assert.equal(isRefreshDue({ accessToken: 'a' }, 60, now), false, 'unknown lifetime');
  assert.equal(isRefreshDue({ accessToken: 'a', expiresAt: '123' as unknown as number }, 60, now), false, 'a non-number expiry is treated as unknown');
});
