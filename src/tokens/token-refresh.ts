/**
 * Refreshing a token family once across every instance. Each refresh
 * publishes its result, versioned, to shared state, so the newest tokens win
 * over a stale session save, and a holder that lost the lock (or a login that
 * ended meanwhile) never hands out tokens.
 */
import { OAuthError } from '../errors.ts';
import type { RegisteredProvider } from '../protocol/protocol-client.ts';
import { produceOnce } from '../shared/produce-once.ts';
import type { TokenSet } from '../types.ts';
import type { TokenContext } from './context.ts';
import { revokeLateTokens } from './revocation.ts';
import { latestTtlMs, refreshLockTtlMs } from './token-family.ts';
import type { AccountRecord } from './token-vault.ts';

/** One linked account and the app user it belongs to. */
export interface Account {
  record: AccountRecord;
  user: unknown;
}

/**
 * True when the access token expires within `skewSeconds` (unknown expiry: never due).
 *
 * @example
 * ```ts
 * isRefreshDue({ accessToken: 'a', expiresAt: Date.now() / 1000 + 30 }, 60); // true
 * ```
 */
export function isRefreshDue(tokens: TokenSet, skewSeconds: number, nowSeconds = Date.now() / 1000): boolean {
  return typeof tokens.expiresAt === 'number' && tokens.expiresAt - skewSeconds <= nowSeconds;
}

/** The error of a login that was ended (logout) while tokens were being read or refreshed. */
export function loggedOut(name: string): OAuthError {
  return new OAuthError('login_required', { provider: name, message: 'This session was logged out.' });
}

/** The account's published tokens newer than `version`, or undefined; throws when the family was ended (logout). */
async function readLatest(ctx: TokenContext, name: string, family: string, version: number, account: Account): Promise<TokenSet | undefined> {
  const latest = await ctx.shared.getLatest(family);
  if (!latest) return undefined;
  if (latest.ended) throw loggedOut(name);
  if (latest.version <= version) return undefined;
  try {
    const value = ctx.vault.openShared<TokenSet | { storeManaged: true }>(latest.value, 'latest-tokens');
    // With a tokenStore the store holds the tokens; shared state only says which version is newest.
    const tokens = 'storeManaged' in value ? await ctx.vault.read(name, account.record, account.user) : value;
    return tokens ? { ...tokens, version: latest.version, family } : undefined;
  } catch (err) {
    if (err instanceof OAuthError) throw err;
    return undefined;
  }
}

/**
 * Refresh `base` (which has a family) under the family's lock, or wait for
 * the holder's result.
 * @throws OAuthError login_required | token_exchange_failed | id_token_invalid
 */
export async function refreshFamily(ctx: TokenContext, entry: RegisteredProvider, base: TokenSet & { family: string }, account: Account): Promise<TokenSet> {
  const name = entry.provider.name;
  const refresh = entry.client.refresh?.bind(entry.client);
  if (!refresh) return base;
  const family = base.family;
  const version = base.version ?? 1;
  const read = () => readLatest(ctx, name, family, version, account);
  return produceOnce(ctx.shared, {
    lock: `refresh:${family}`,
    ttlMs: refreshLockTtlMs(ctx.options.httpTimeoutMs),
    read,
    produce: async (fence) => {
      let fresh: TokenSet;
      try {
        fresh = await refresh(base);
      } catch (err) {
        // invalid_grant because another holder (a lock that expired under it) already rotated: take its result.
        if (err instanceof OAuthError && err.code === 'login_required') {
          const newer = await read();
          if (newer) return newer;
        }
        throw err;
      }
      const published: TokenSet = { ...fresh, family, version: version + 1 };
      if (ctx.vault.usesStore) await ctx.vault.write(name, account.record, account.user, published);
      const value = ctx.vault.sealShared(ctx.vault.usesStore ? { storeManaged: true } : published, 'latest-tokens');
      if (await ctx.shared.publishLatest(family, version + 1, value, latestTtlMs(published, ctx.options.refreshSkewSeconds), fence)) return published;
      // Not published: the family was ended (logout) or a newer holder won. Never hand out, or keep, tokens of an ended login.
      const newer = await read().catch(async (err: unknown) => {
        if (ctx.vault.usesStore) await ctx.vault.remove(name, account.record, account.user).catch(() => {});
        revokeLateTokens(ctx, name, published);
        throw err;
      });
      return newer ?? published;
    },
    timeout: () => new OAuthError('token_exchange_failed', { provider: name, message: 'Timed out waiting for a token refresh in progress.' }),
  });
}
