/**
 * Ending accounts' tokens at logout, unlink and user switch: their token
 * families are ended in shared state (no copy outlives the login, and a
 * refresh still running cannot publish), a tokenStore forgets them, and at
 * logout they are revoked at the provider where it has an RFC 7009 endpoint —
 * best effort, bounded by the kit's HTTP timeout, never blocking the logout.
 */
import type { TokenContext } from './context.ts';
import type { TokenSet } from '../types.ts';
import { endedFamilyTtlMs, withStableFamily } from './token-family.ts';
import type { AccountRecord } from './token-vault.ts';

/** The newest tokens of the account: the published version of its family when newer than the session's copy. */
async function newestTokens(ctx: TokenContext, name: string, record: AccountRecord, user: unknown): Promise<TokenSet | undefined> {
  const tokens = await ctx.vault.read(name, record, user).catch(() => undefined);
  if (!tokens) return undefined;
  const { family, version = 1 } = withStableFamily(name, tokens);
  const latest = await ctx.shared.getLatest(family).catch(() => undefined);
  if (!latest || latest.ended || latest.version <= version) return tokens;
  try {
    const published = ctx.vault.openShared<TokenSet | { storeManaged: true }>(latest.value, 'latest-tokens');
    return 'storeManaged' in published ? tokens : published;
  } catch {
    return tokens;
  }
}

/**
 * End these accounts' tokens: families ended in shared state and tokenStore
 * entries removed (awaited), then — with `revoke` — the newest tokens revoked
 * at the provider in the background.
 * @returns when the shared state and tokenStore are clean; revocation may still run.
 */
export async function endAccounts(ctx: TokenContext, accounts: Record<string, AccountRecord>, user: unknown, options: { revoke: boolean }): Promise<void> {
  const ended = await Promise.all(
    Object.entries(accounts).map(async ([name, record]) => {
      const tokens = await newestTokens(ctx, name, record, user);
      if (tokens) await ctx.shared.endFamily(withStableFamily(name, tokens).family, endedFamilyTtlMs(ctx.options.httpTimeoutMs));
      await ctx.vault.remove(name, record, user).catch(() => {});
      return [name, tokens] as const;
    }),
  );
  if (!options.revoke) return;
  void Promise.allSettled(
    ended.map(async ([name, tokens]) => {
      const client = ctx.find(name)?.client;
      if (client?.revoke && tokens?.accessToken) await client.revoke(tokens);
    }),
  );
}

/** Revoke tokens that were issued to a login that has already ended (a refresh that finished after the logout). */
export function revokeLateTokens(ctx: TokenContext, name: string, tokens: TokenSet): void {
  const client = ctx.find(name)?.client;
  if (client?.revoke) void client.revoke(tokens).catch(() => {});
}
