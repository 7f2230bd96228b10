/**
 * Ending accounts' tokens at logout, unlink and user switch: their token
 * families are ended in shared state (no copy outlives the login, and a
 * refresh still running cannot publish), a tokenStore forgets them, and at
 * logout they are revoked at the provider where it has an RFC 7009 endpoint —
 * best effort, bounded by the kit's HTTP timeout, never blocking the logout.
 */
import type { Kit } from '../kit.ts';
import type { TokenSet } from '../types.ts';
import { endedFamilyTtlMs, withStableFamily } from './token-family.ts';
import type { AccountRecord } from './token-vault.ts';

/** The newest tokens of the account: the published version of its family when newer than the session's copy. */
async function newestTokens(kit: Kit, name: string, record: AccountRecord, user: unknown): Promise<TokenSet | undefined> {
  const tokens = await kit.vault.read(name, record, user).catch(() => undefined);
  if (!tokens) return undefined;
  const { family, version = 1 } = withStableFamily(name, tokens);
  const latest = await kit.shared.getLatest(family!).catch(() => undefined);
  if (!latest || latest.ended || latest.version <= version) return tokens;
  try {
    const published = kit.vault.openShared<TokenSet | { storeManaged: true }>(latest.value, 'latest-tokens');
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
export async function endAccounts(kit: Kit, accounts: Record<string, AccountRecord>, user: unknown, options: { revoke: boolean }): Promise<void> {
  const ended = await Promise.all(
    Object.entries(accounts).map(async ([name, record]) => {
      const tokens = await newestTokens(kit, name, record, user);
      if (tokens) await kit.shared.endFamily(withStableFamily(name, tokens).family!, endedFamilyTtlMs(kit.options.httpTimeoutMs));
      await kit.vault.remove(name, record, user).catch(() => {});
      return [name, tokens] as const;
    }),
  );
  if (!options.revoke) return;
  void Promise.allSettled(
    ended.map(async ([name, tokens]) => {
      const entry = kit.providers.get(name);
      if (entry?.adapter && tokens?.accessToken) await entry.adapter.revokeTokens(tokens);
    }),
  );
}

/** Revoke tokens that were issued to a login that has already ended (a refresh that finished after the logout). */
export function revokeLateTokens(kit: Kit, name: string, tokens: TokenSet): void {
  const adapter = kit.providers.get(name)?.adapter;
  if (adapter) void adapter.revokeTokens(tokens).catch(() => {});
}
