/**
 * Every failure of a provider call becomes an {@link OAuthError} here, and
 * only here: openid-client / oauth4webapi errors are told apart by their
 * `code` constants and OAuth `error` members (never by message text), the
 * kit's own transport errors by {@link ProviderHttpError}.
 */
import { OAuthError, type OAuthErrorCode } from '../errors.ts';
import { ProviderHttpError } from './bounded-fetch.ts';

// oauth4webapi's error codes (openid-client keeps them on its errors and on ClientError).
/** The authorization server answered the callback with `error=` (oauth4webapi `AuthorizationResponseError`). */
const AUTHORIZATION_RESPONSE_ERROR = 'OAUTH_AUTHORIZATION_RESPONSE_ERROR';
/** The token / userinfo endpoint answered an OAuth error body (oauth4webapi `ResponseBodyError`). */
const RESPONSE_BODY_ERROR = 'OAUTH_RESPONSE_BODY_ERROR';
/** A 401 with `WWW-Authenticate` from a resource server (oauth4webapi `WWWAuthenticateChallengeError`). */
export const WWW_AUTHENTICATE_CHALLENGE = 'OAUTH_WWW_AUTHENTICATE_CHALLENGE';
/** The userinfo `sub` differs from the id_token's (OIDC Core §5.3.2), among other comparisons. */
const JSON_ATTRIBUTE_COMPARISON = 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED';
const INVALID_RESPONSE = 'OAUTH_INVALID_RESPONSE';
/** A token-endpoint body that is not usable JSON. */
const RESPONSE_BODY_CODES = new Set([RESPONSE_BODY_ERROR, 'OAUTH_RESPONSE_IS_NOT_JSON', 'OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_PARSE_ERROR']);
/** A failed JWT / id_token check (OIDC Core §3.1.3.7). */
const ID_TOKEN_CODES = new Set(['OAUTH_JWT_TIMESTAMP_CHECK_FAILED', 'OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'OAUTH_KEY_SELECTION_FAILED', INVALID_RESPONSE]);

/** The `code` of an error or of the first of its causes that has one (openid-client wraps oauth4webapi's errors). */
export function errorCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** The OAuth `error` member of an oauth4webapi response / authorization error. */
function oauthErrorOf(err: unknown): string | undefined {
  const error = err instanceof Error ? (err as { error?: unknown }).error : undefined;
  return typeof error === 'string' ? error : undefined;
}

/** True when a ProviderHttpError (timeout, refused, oversize) is the error or one of its causes. */
function isTransportError(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) if (e instanceof ProviderHttpError) return true;
  return false;
}

/** A token-endpoint answer the kit refuses before openid-client sees it. */
export class TokenResponseError extends Error {
  readonly code = 'invalid_token_response';
}

/** How far a code exchange got, for {@link mapExchangeError}. */
export interface ExchangeStage {
  tokenRequested: boolean;
  tokenResponseUsable: boolean;
}

/**
 * A failed callback / code exchange:
 * before the token request → the callback's fault (`access_denied`, `provider_error`, `state_mismatch`);
 * a refused or unusable token answer → `token_exchange_failed`;
 * after a usable OIDC token answer → `id_token_invalid` (or `provider_error` when the JWKS was unreachable).
 */
export function mapExchangeError(err: unknown, provider: string, oidc: boolean, stage: ExchangeStage): OAuthError {
  if (err instanceof OAuthError) return err;
  const code = errorCode(err);
  if (!stage.tokenRequested) {
    if (code === AUTHORIZATION_RESPONSE_ERROR) return new OAuthError(oauthErrorOf(err) === 'access_denied' ? 'access_denied' : 'provider_error', { provider, cause: err });
    if (isTransportError(err)) return new OAuthError('provider_error', { provider, cause: err });
    return new OAuthError('state_mismatch', { provider, cause: err }); // `iss` was checked before: what is left is the state
  }
  // OAuth 2.0 without OIDC has no id_token to blame: whatever failed after the token request is the exchange.
  if (!stage.tokenResponseUsable || !oidc || code === RESPONSE_BODY_ERROR) return new OAuthError('token_exchange_failed', { provider, cause: err });
  if (isTransportError(err)) return new OAuthError('provider_error', { provider, cause: err }); // the JWKS could not be fetched
  if (RESPONSE_BODY_CODES.has(code ?? '')) return new OAuthError('token_exchange_failed', { provider, cause: err });
  return new OAuthError('id_token_invalid', { provider, cause: err });
}

/** A failed refresh grant: `invalid_grant` ends the login (`login_required`); a bad id_token is `id_token_invalid`. */
export function mapRefreshError(err: unknown, provider: string, oidc: boolean): OAuthError {
  if (err instanceof OAuthError) return err;
  const code = errorCode(err);
  if (code === RESPONSE_BODY_ERROR && oauthErrorOf(err) === 'invalid_grant') return new OAuthError('login_required', { provider, cause: err });
  return new OAuthError(oidc && ID_TOKEN_CODES.has(code ?? '') ? 'id_token_invalid' : 'token_exchange_failed', { provider, cause: err });
}

/** A failed profile fetch; a userinfo `sub` that differs from the id_token's is `id_token_invalid`. */
export function mapProfileError(err: unknown, provider: string): OAuthError {
  if (err instanceof OAuthError) return err;
  return new OAuthError(errorCode(err) === JSON_ATTRIBUTE_COMPARISON ? 'id_token_invalid' : 'profile_fetch_failed', { provider, cause: err });
}

/** Any other failed provider call (discovery, PAR, an API call, a timeout) as `code` (default `provider_error`). */
export function mapCallError(err: unknown, provider: string, code: OAuthErrorCode = 'provider_error', message?: string): OAuthError {
  if (err instanceof OAuthError) return err;
  return new OAuthError(code, { provider, cause: err, message });
}
