/**
 * The one interface every protocol implements. The kit's routes, sessions and
 * token code talk to a provider only through a {@link ProtocolClient}; which
 * protocol it speaks (OAuth 2.0 / OIDC through openid-client, or OAuth 1.0a)
 * is known only inside `protocol/`.
 */
import type { Provider, TokenSet } from '../types.ts';
import type { GrantRecord } from './auth-checks.ts';
import type { LoginParams } from './login-params.ts';
import type { LogoutClaims } from './logout-token.ts';

/** What a login keeps server-side between its two halves (never sent to the browser). */
export interface PendingSecrets {
  /** OAuth 2.0: the PKCE verifier. */
  codeVerifier?: string;
  /** OIDC: the nonce expected in the id_token. */
  nonce?: string;
  /** OAuth 1.0a: the request-token secret. */
  tokenSecret?: string;
  /** OIDC: the `max_age` / `acr_values` this login asked, checked on the way back. */
  maxAge?: number;
  acrValues?: string;
  /** The scope asked (configured plus per-login extra): the granted scope when the answer names none. */
  scope?: string[];
}

/** A started login: where to send the browser and what to remember. */
export interface StartedLogin {
  /** The pending-login key: OAuth 2.0 `state`, OAuth 1.0a request `oauth_token`. */
  key: string;
  redirectUrl: URL;
  secrets: PendingSecrets;
}

/** A finished login: the tokens and the raw profile payload (mapped by `provider.profile`). */
export interface FinishedLogin {
  tokens: TokenSet;
  raw: unknown;
  /** What the account record keeps for the guard and logout: granted scope; OIDC `auth_time`, `acr`, `sid`, `sub`. */
  grant?: GrantRecord;
}

/** One registered provider's protocol: the two halves of a login, API calls, and the optional grants. */
export interface ProtocolClient {
  /**
   * Begin a login (new state/PKCE/nonce, or an OAuth 1.0a request token).
   * @throws OAuthError provider_error
   */
  startLogin(redirectUri: string, params?: LoginParams): Promise<StartedLogin>;
  /** The pending-login key a callback carries, or null. */
  pendingKey(params: URLSearchParams): string | null;
  /**
   * Finish a login from its callback parameters and the consumed pending login.
   * @throws OAuthError access_denied | state_mismatch | provider_error | token_exchange_failed | id_token_invalid | profile_fetch_failed
   */
  finishLogin(key: string, pending: PendingSecrets & { redirectUri: string }, params: URLSearchParams): Promise<FinishedLogin>;
  /**
   * Where an API call may go: a path under the provider's `apiBaseUrl`, or an
   * absolute URL on its API origins.
   * @throws OAuthError provider_error for a bad path (the token is never sent elsewhere).
   */
  apiUrl(pathOrUrl: string | URL): URL;
  /**
   * Call the provider's API with the user's tokens (Bearer / DPoP, or signed).
   * @throws OAuthError provider_error when the call fails or times out.
   */
  callApi(tokens: TokenSet, url: URL, init: RequestInit): Promise<Response>;
  /** True when a 401 from the API means the grant is gone for good (OAuth 1.0a: no refresh exists). */
  readonly unauthorizedEndsGrant: boolean;
  /**
   * Refresh grant (absent when the protocol has none).
   * @throws OAuthError login_required (invalid_grant) | token_exchange_failed | id_token_invalid
   */
  refresh?(tokens: TokenSet): Promise<TokenSet>;
  /** RFC 7009 revocation, best effort (absent when the protocol has none). */
  revoke?(tokens: TokenSet): Promise<boolean>;
  /**
   * Client credentials grant (absent when the protocol has none).
   * @throws OAuthError token_exchange_failed
   */
  clientCredentials?(scope: readonly string[]): Promise<TokenSet>;
  /**
   * OIDC RP-initiated logout: the provider's end_session_endpoint URL, or
   * undefined when it has none (absent when the protocol has no such thing).
   * @throws OAuthError provider_error when discovery fails.
   */
  endSessionUrl?(params: { idTokenHint?: string; postLogoutRedirectUri: string; state: string }): Promise<URL | undefined>;
  /**
   * OIDC Back-Channel Logout: validate a Logout Token (§2.6; absent when the protocol has none).
   * @throws LogoutTokenError for an invalid token; OAuthError provider_error when discovery fails.
   */
  validateLogoutToken?(token: unknown): Promise<LogoutClaims>;
}

/** A provider as the registry keeps it: its data and its protocol client. */
export interface RegisteredProvider {
  readonly provider: Provider;
  readonly client: ProtocolClient;
}
