/**
 * Token families: each login starts one (a random id and a version); every
 * refresh publishes its result as the next version to shared state, so the
 * newest tokens win over a stale session save. Pure helpers.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { TokenSet } from '../types.ts';

/** A new token family for a fresh login. */
export function newTokenFamily(tokens: TokenSet): TokenSet {
  return { ...tokens, family: randomBytes(16).toString('base64url'), version: 1 };
}

/**
 * The token set with a family: its own, or — for sessions from before token
 * families, or a tokenStore that drops the field — one derived from the
 * provider and the refresh token, so every request and instance holding the
 * same grant agrees on it and their refreshes are coalesced.
 *
 * @example
 * ```ts
 * withStableFamily('github', { accessToken: 'a', refreshToken: 'r' }).family; // the same on every call
 * ```
 */
export function withStableFamily(provider: string, tokens: TokenSet): TokenSet & { family: string } {
  if (tokens.family) return { ...tokens, family: tokens.family };
  const family = `rt${createHash('sha256').update(`${provider}\0${tokens.refreshToken ?? tokens.accessToken}`).digest('base64url').slice(0, 22)}`;
  return { ...tokens, family, version: tokens.version ?? 1 };
}

/**
 * How long the newest tokens of a family stay in shared state: while the
 * access token lives (plus the refresh skew and a minute), between 1 minute
 * and 24 hours; 1 hour when the lifetime is unknown. A stale session save
 * happens within seconds of a refresh, so nothing needs them longer.
 */
export function latestTtlMs(tokens: TokenSet, skewSeconds: number, nowMs = Date.now()): number {
  if (typeof tokens.expiresAt !== 'number') return 3600_000;
  return Math.min(24 * 3600_000, Math.max(60_000, (tokens.expiresAt + skewSeconds) * 1000 - nowMs + 60_000));
}

/** Refresh lock lifetime: the grant and a JWKS refetch, each bounded by `httpTimeoutMs`, plus slack. Renewed while held. */
export function refreshLockTtlMs(httpTimeoutMs: number): number {
  return httpTimeoutMs * 2 + 5_000;
}

/** How long an ended family's tombstone refuses late publishes: longer than any refresh still holding the lock. */
export function endedFamilyTtlMs(httpTimeoutMs: number): number {
  return refreshLockTtlMs(httpTimeoutMs) + 60_000;
}
