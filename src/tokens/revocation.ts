/**
 * Logout revokes tokens where the provider has an RFC 7009 endpoint: best
 * effort, bounded by the kit's HTTP timeout, never blocking the logout.
 */
import type { Kit } from '../kit.ts';
import type { AccountRecord } from './token-vault.ts';

/** Revoke every linked account's tokens in the background; failures are swallowed. Resolves when all settled. */
export function revokeAllBestEffort(kit: Kit, accounts: Record<string, AccountRecord>, user: unknown): Promise<unknown> {
  const jobs = Object.entries(accounts).map(async ([name, record]) => {
    const entry = kit.providers.get(name);
    const tokens = await kit.vault.read(name, record, user);
    await kit.vault.remove(name, record, user);
    if (!entry?.adapter || !tokens?.accessToken) return;
    await entry.adapter.revokeTokens(tokens);
  });
  return Promise.allSettled(jobs);
}
