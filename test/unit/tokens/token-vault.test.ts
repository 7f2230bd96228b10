/**
 * Where an account's tokens live: plain in the session record, sealed in it
 * (`tokenEncryptionKeys`), or in the app's own tokenStore (here a real one on
 * Redis); and values for shared state, sealed per purpose.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { TokenVault, type AccountRecord } from '../../../src/tokens/token-vault.ts';
import { createTokenCipher } from '../../../src/tokens/token-cipher.ts';
import { OAuthError } from '../../../src/errors.ts';
import type { TokenSet, TokenStore, TokenStoreKey } from '../../../src/types.ts';

const redis = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
const prefix = `test:vault:${randomBytes(6).toString('hex')}:`;
after(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

/** An app's tokenStore on Redis, keyed by provider, account and app user id; records every key it is given. */
function redisTokenStore(): TokenStore & { keys: TokenStoreKey[] } {
  const keys: TokenStoreKey[] = [];
  const k = (key: TokenStoreKey) => {
    keys.push(key);
    return `${prefix}${key.provider}:${key.accountId}:${(key.user as { id?: string } | undefined)?.id ?? '-'}`;
  };
  return {
    keys,
    async get(key) {
      const raw = await redis.get(k(key));
      return raw ? (JSON.parse(raw) as TokenSet) : undefined;
    },
    async set(key, tokens) {
      await redis.set(k(key), JSON.stringify(tokens), 'PX', 60_000);
    },
    async delete(key) {
      await redis.del(k(key));
    },
  };
}

const tokens = (): TokenSet => ({ accessToken: `at-${randomBytes(8).toString('hex')}`, refreshToken: `rt-${randomBytes(8).toString('hex')}`, expiresAt: 2_000_000_000 });
const record = (id = 'acct-1'): AccountRecord => ({ profile: { provider: 'p', id } });
const user = { id: 'user-1' };

test('no cipher, no store: tokens are kept plain in the record and read back as they are', async () => {
  const vault = new TokenVault(undefined, undefined);
  assert.equal(vault.usesStore, false);
  const r = record();
  assert.equal(await vault.read('p', r, user), undefined, 'no tokens yet');
  const t = tokens();
  await vault.write('p', r, user, t);
  assert.deepEqual(r.tokens, t);
  assert.deepEqual(await vault.read('p', r, user), t);
  await vault.remove('p', r, user); // nothing to forget outside the session
  assert.deepEqual(r.tokens, t, 'the session copy goes with the account, not here');
});

test('with tokenEncryptionKeys: the record holds { sealed } only; read opens it; a removed key → login_required, nothing leaked', async () => {
  const key = randomBytes(32);
  const vault = new TokenVault(createTokenCipher([key]), undefined);
  const r = record();
  const t = tokens();
  await vault.write('p', r, user, t);
  assert.ok(r.tokens && 'sealed' in r.tokens, 'sealed');
  const stored = JSON.stringify(r);
  assert.ok(!stored.includes(t.accessToken) && !stored.includes(t.refreshToken!), 'no token in clear in the session record');
  assert.deepEqual(await vault.read('p', r, user), t);

  // The key was rotated out: the login must start again, with a clear error and no token text in it.
  const rotated = new TokenVault(createTokenCipher([randomBytes(32)]), undefined);
  const err = await rotated.read('p', r, user).then(
    () => assert.fail('must not open'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof OAuthError);
  assert.equal(err.code, 'login_required');
  assert.equal(err.status, 401);
  assert.equal(err.provider, 'p');
  assert.ok(!String(err.message).includes((r.tokens as { sealed: string }).sealed));

  // Keys dropped from the configuration altogether.
  const unkeyed = new TokenVault(undefined, undefined);
  await assert.rejects(unkeyed.read('p', r, user), (e: unknown) => e instanceof OAuthError && e.code === 'login_required' && /no tokenEncryptionKeys/.test(e.message));
});

test('session tokens sealed by the vault do not open as another purpose', async () => {
  const cipher = createTokenCipher([randomBytes(32)]);
  const vault = new TokenVault(cipher, undefined);
  const r = record();
  await vault.write('p', r, user, tokens());
  assert.throws(() => cipher.open((r.tokens as { sealed: string }).sealed, 'latest-tokens'));
});

test('with a tokenStore (Redis): tokens go to the store under { provider, accountId, user }, never into the session record', async () => {
  const store = redisTokenStore();
  const vault = new TokenVault(createTokenCipher([randomBytes(32)]), store);
  assert.equal(vault.usesStore, true);
  const r: AccountRecord = { ...record('acct-9'), tokens: tokens() }; // a copy from before the store was configured
  const t = tokens();
  await vault.write('p', r, user, t);
  assert.equal(r.tokens, undefined, 'the session copy is dropped');
  assert.deepEqual(store.keys.at(-1), { provider: 'p', accountId: 'acct-9', user });
  assert.deepEqual(vault.storeKey('p', r, user), { provider: 'p', accountId: 'acct-9', user });
  assert.deepEqual(await vault.read('p', r, user), t, 'read from the store (the app stores what it is given)');
  assert.equal(await vault.read('p', r, { id: 'someone-else' }), undefined, 'another app user has no tokens under this account');

  await vault.remove('p', r, user);
  assert.equal(await vault.read('p', r, user), undefined, 'forgotten');
});

test('shared-state values: plain JSON without keys; sealed and purpose-bound with keys', () => {
  const plain = new TokenVault(undefined, undefined);
  const t = tokens();
  const json = plain.sealShared(t, 'latest-tokens');
  assert.deepEqual(JSON.parse(json), t);
  assert.deepEqual(plain.openShared(json, 'latest-tokens'), t);
  assert.throws(() => plain.openShared('{not json', 'latest-tokens'));

  const sealedVault = new TokenVault(createTokenCipher([randomBytes(32)]), undefined);
  const sealed = sealedVault.sealShared(t, 'latest-tokens');
  assert.ok(!sealed.includes(t.accessToken));
  assert.deepEqual(sealedVault.openShared(sealed, 'latest-tokens'), t);
  assert.throws(() => sealedVault.openShared(sealed, 'client-credentials'), 'bound to its purpose');
  assert.throws(() => sealedVault.openShared(json, 'latest-tokens'), 'with keys on, a plain value is not accepted');
});
