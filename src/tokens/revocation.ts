/**
 * Logout revokes tokens where the provider has an RFC 7009 endpoint: best
 * effort, bounded by the kit's HTTP timeout, never blocking the logout.
 */
import type { Kit } from '../kit.ts';
import type { TokenSet } from '../types.ts';

/** Fire revocations for every linked account and return at once; failures are swallowed. */
export function revokeAllBestEffort(kit: Kit, accounts: Record<string, { tokens?: unknown }>): Promise<unknown> {
  const jobs = Object.entries(accounts).map(async ([name, account]) => {
    const entry = kit.providers.get(name);
    const tokens = account.tokens as TokenSet | undefined;
    if (!entry?.adapter || !tokens?.accessToken) return;
    await entry.adapter.revokeTokens(tokens);
  });
  return Promise.allSettled(jobs);
}
