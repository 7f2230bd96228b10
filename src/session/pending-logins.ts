/**
 * Pending logins: one record per login in flight, keyed by its `state`
 * (OAuth 1.0a: its request `oauth_token`), so two tabs and two providers can
 * be pending at once. Pure functions over the session's `oauth` object.
 */

/** How long a pending login stays valid (matches the longest code lifetime). */
export const PENDING_TTL_MS = 10 * 60 * 1000;
/** How many logins may be pending at once; the oldest goes first. */
export const MAX_PENDING = 5;

/** One login in flight (server-side only). */
export interface PendingLogin {
  provider: string;
  createdAt: number;
  returnTo: string;
  redirectUri: string;
  /** OAuth 2.0 / OIDC */
  codeVerifier?: string;
  nonce?: string;
  /** OAuth 1.0a request-token secret */
  tokenSecret?: string;
  /** OIDC: the `max_age` / `acr_values` this login asked, checked on the way back. */
  maxAge?: number;
  acrValues?: string;
  /** The scope asked (configured plus per-login extra), the granted scope when the answer names none. */
  scope?: string[];
  /** Set when a guard's step-up or scope upgrade started this login (its requirement key, see guard-stepup.ts). */
  guard?: string;
}

/** The kit's part of the session (`req.session.oauth`). */
export interface SessionOAuthData {
  user?: unknown;
  accounts?: Record<string, { tokens?: unknown; profile: unknown; linkedAt?: number }>;
  pending?: Record<string, PendingLogin>;
  /** What a guard asked a browser to log in for (guard-stepup.ts); taken by the next login of that provider. */
  stepUp?: import('../guard-stepup.ts').StepUpRequest;
  /** A guard-started login that came back (guard-stepup.ts): lets the guard answer an error instead of looping. */
  stepUpDone?: { key: string; at: number };
}

const KEY_RULE = /^[A-Za-z0-9._~-]{16,512}$/;

/** True when `key` is shaped like a state or oauth_token the kit could have made. */
export function isPendingKey(key: unknown): key is string {
  return typeof key === 'string' && KEY_RULE.test(key);
}

/** Drop expired records and keep at most `MAX_PENDING - 1`, oldest out, to make room for a new one. */
export function prunePending(pending: Record<string, PendingLogin> | undefined, now: number, keep = MAX_PENDING): Record<string, PendingLogin> {
  const live = Object.entries(pending ?? {}).filter(([, p]) => p && typeof p.createdAt === 'number' && now - p.createdAt < PENDING_TTL_MS && p.createdAt <= now + 60_000);
  live.sort((a, b) => a[1].createdAt - b[1].createdAt);
  return Object.fromEntries(live.slice(Math.max(0, live.length - keep)));
}

/**
 * Add a pending login to the session data (mutates `data`), evicting expired
 * and, past the cap, the oldest records.
 *
 * @example
 * ```ts
 * addPendingLogin(req.session.oauth ??= {}, state, { provider: 'github', ... }, Date.now());
 * ```
 */
export function addPendingLogin(data: SessionOAuthData, key: string, login: PendingLogin, now: number): void {
  const pending = prunePending(data.pending, now, MAX_PENDING - 1);
  pending[key] = login;
  data.pending = pending;
}

/**
 * Remove and return the pending login under `key` when it exists, is not
 * expired and belongs to `provider`. The record is removed in every case
 * (used once), so a replay finds nothing.
 */
export function consumePendingLogin(data: SessionOAuthData | undefined, key: unknown, provider: string, now: number): PendingLogin | undefined {
  if (!data?.pending || !isPendingKey(key) || !Object.hasOwn(data.pending, key)) return undefined;
  const login = data.pending[key];
  delete data.pending[key];
  if (!login || login.provider !== provider) return undefined;
  if (typeof login.createdAt !== 'number' || now - login.createdAt >= PENDING_TTL_MS) return undefined;
  return login;
}
