/**
 * What a finished login says about the authentication and the grant: the
 * `acr` check of a login asked with `acr_values`, and the per-account record
 * the guard reads (granted scope; for OIDC `auth_time`, `acr`, `sid`, `sub`).
 * Pure functions over the token response and the validated id_token claims.
 */
import type { Provider, TokenSet } from '../types.ts';

/** What the session keeps per linked account for the guard and for logout (DESIGN "Per-login authorization parameters"). */
export interface GrantRecord {
  /** The granted scope (the token response's `scope`, else the scope asked). */
  scope?: string[];
  /** OIDC: the id_token's `auth_time` (epoch seconds). */
  authTime?: number;
  /** OIDC: the id_token's `acr`. */
  acr?: string;
  /** OIDC: the id_token's `sid` (back-channel logout). */
  sid?: string;
  /** OIDC: the id_token's `sub`. */
  sub?: string;
}

/**
 * True when the id_token's `acr` is one of the space-separated `acrValues` asked.
 *
 * @example
 * ```ts
 * checkAcr({ acr: 'urn:mfa' }, 'urn:mfa urn:hwk'); // true
 * checkAcr({}, 'urn:mfa'); // false
 * ```
 */
export function checkAcr(claims: Record<string, unknown> | undefined, acrValues: string): boolean {
  const acr = claims?.acr;
  return typeof acr === 'string' && acrValues.split(' ').includes(acr);
}

/**
 * A granted-scope string as a list: split on spaces (RFC 6749), on commas
 * (GitHub, Strava and others answer `repo,user`), and on the provider's own separator.
 * @example
 * ```ts
 * splitScope('repo,user'); // ['repo', 'user']
 * ```
 */
export function splitScope(scope: string, separator = ' '): string[] {
  const parts = scope.split(separator.length > 0 ? separator : ' ').flatMap((s) => s.split(/[\s,]+/));
  return [...new Set(parts.filter((s) => s.length > 0))];
}

const short = (v: unknown, max = 512): string | undefined => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined);

/**
 * The record of one finished login: granted scope (RFC 6749 §5.1: an answer
 * without `scope` granted what was asked), and for OIDC the id_token's
 * `auth_time`, `acr`, `sid` and `sub`.
 *
 * @example
 * ```ts
 * import { oidc } from '../providers/oidc.ts';
 * const provider = oidc({ name: 'corp', issuer: 'https://id.example.com', clientId: 'c' });
 * grantRecord(provider, { accessToken: 'x', scope: 'openid email' }, { sub: 'alice', auth_time: 1700000000 }, ['openid', 'email']);
 * // { scope: ['openid', 'email'], authTime: 1700000000, sub: 'alice' }
 * ```
 */
export function grantRecord(provider: Provider, tokens: TokenSet, claims: Record<string, unknown> | undefined, asked: readonly string[]): GrantRecord {
  const out: GrantRecord = {};
  if (provider.protocol !== 'oauth1') out.scope = typeof tokens.scope === 'string' ? splitScope(tokens.scope, provider.scopeSeparator).slice(0, 100) : [...asked];
  if (provider.protocol === 'oidc' && claims) {
    if (typeof claims.auth_time === 'number' && Number.isFinite(claims.auth_time)) out.authTime = Math.floor(claims.auth_time);
    const acr = short(claims.acr);
    const sid = short(claims.sid);
    const sub = short(claims.sub);
    if (acr) out.acr = acr;
    if (sid) out.sid = sid;
    if (sub) out.sub = sub;
  }
  return out;
}
