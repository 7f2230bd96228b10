/**
 * OpenID Connect Back-Channel Logout 1.0 §2.6: validating a Logout Token.
 * openid-client v6 has no validator for it, so this uses `jose` (openid-client's
 * own JWT library) with the provider's JWKS fetched through the kit's bounded
 * fetch. The single-use `jti` check needs shared state and is the caller's.
 */
import { createRemoteJWKSet, customFetch, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { boundedFetch, type FetchLimits } from './bounded-fetch.ts';

/** The Back-Channel Logout event a Logout Token must carry. */
export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** How old (by `iat`) a Logout Token may be, in seconds. */
export const LOGOUT_TOKEN_MAX_AGE_S = 300;
/** Clock skew allowed on `iat` and `exp`, in seconds. */
export const LOGOUT_TOKEN_CLOCK_SKEW_S = 30;

/** What a Logout Token is checked against. */
export interface LogoutTokenExpectations {
  issuer: string;
  clientId: string;
  /** The pinned signing alg (the provider's id_token alg). */
  alg: string;
  /** The provider's keys (see {@link remoteKeySet}). */
  keys: JWTVerifyGetKey;
}

/** A validated Logout Token's claims the kit acts on. */
export interface LogoutClaims {
  iss: string;
  jti: string;
  iat: number;
  sub?: string;
  sid?: string;
}

/** A Logout Token that failed a §2.6 check; `reason` is for logs (no token content). */
export class LogoutTokenError extends Error {
  constructor(readonly reason: string) {
    super(`invalid logout token: ${reason}`);
    this.name = 'LogoutTokenError';
  }
}

/**
 * The provider's JWKS as a jose key set, fetched (and cached by jose) through
 * the kit's bounded fetch: time- and size-capped, redirects not followed.
 *
 * @example
 * ```ts
 * const keys = remoteKeySet('https://id.example.com/jwks', { timeoutMs: 10_000, maxBytes: 1 << 20 });
 * ```
 */
export function remoteKeySet(jwksUri: string, limits: FetchLimits): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUri), {
    timeoutDuration: limits.timeoutMs,
    [customFetch]: (url: string, options: { headers: Headers; method: string; redirect: 'manual'; signal: AbortSignal }) =>
      boundedFetch(url, { method: options.method, headers: options.headers, redirect: 'manual', signal: options.signal }, limits),
  });
}

/**
 * Validate a Logout Token as OIDC Back-Channel Logout 1.0 §2.6 says: a signed
 * JWT (not encrypted, not `none`) verified with the provider's keys and the
 * pinned alg; `iss` the issuer; `aud` holding the client id; `iat` present and
 * within {@link LOGOUT_TOKEN_MAX_AGE_S}; `jti` present; `events` holding the
 * back-channel logout event as a JSON object; `sub` or `sid`; no `nonce`.
 *
 * @throws LogoutTokenError naming the failed check.
 * @example
 * ```ts
 * const keys = remoteKeySet('https://id.example.com/jwks', { timeoutMs: 10_000, maxBytes: 1 << 20 });
 * const form = new URLSearchParams('logout_token=eyJ...');
 * const claims = await validateLogoutToken(form.get('logout_token'), { issuer: 'https://id.example.com', clientId: 'app', alg: 'RS256', keys });
 * ```
 */
export async function validateLogoutToken(token: unknown, expected: LogoutTokenExpectations, now = Math.floor(Date.now() / 1000)): Promise<LogoutClaims> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 16 * 1024) throw new LogoutTokenError('missing');
  if (token.split('.').length !== 3) throw new LogoutTokenError('not_a_jws'); // an encrypted (JWE) token is not accepted
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, expected.keys, {
      algorithms: [expected.alg],
      issuer: expected.issuer,
      audience: expected.clientId,
      clockTolerance: LOGOUT_TOKEN_CLOCK_SKEW_S,
      currentDate: new Date(now * 1000),
      requiredClaims: ['iat', 'jti', 'events'],
    }));
  } catch (err) {
    throw new LogoutTokenError((err as { code?: string }).code ?? 'signature');
  }
  const iat = payload.iat;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw new LogoutTokenError('iat');
  if (iat > now + LOGOUT_TOKEN_CLOCK_SKEW_S || now - iat > LOGOUT_TOKEN_MAX_AGE_S + LOGOUT_TOKEN_CLOCK_SKEW_S) throw new LogoutTokenError('iat_range');
  const events = payload.events;
  if (!events || typeof events !== 'object' || Array.isArray(events)) throw new LogoutTokenError('events');
  const event = (events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT];
  if (!event || typeof event !== 'object' || Array.isArray(event)) throw new LogoutTokenError('events');
  if ('nonce' in payload) throw new LogoutTokenError('nonce');
  const jti = payload.jti;
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > 256) throw new LogoutTokenError('jti');
  const sub = payload.sub;
  const sid = payload.sid;
  if (sub !== undefined && (typeof sub !== 'string' || sub.length === 0 || sub.length > 512)) throw new LogoutTokenError('sub');
  if (sid !== undefined && (typeof sid !== 'string' || sid.length === 0 || sid.length > 512)) throw new LogoutTokenError('sid');
  if (sub === undefined && sid === undefined) throw new LogoutTokenError('sub_or_sid');
  return { iss: payload.iss as string, jti, iat, ...(sub !== undefined ? { sub } : {}), ...(sid !== undefined ? { sid } : {}) };
}
