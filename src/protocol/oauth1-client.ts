/**
 * The OAuth 1.0a three-legged flow (RFC 5849 §2) as small functions: request
 * token, authorize URL, access token, signed API calls and the profile call.
 * Each takes the `fetch` to use, so the kit passes its bounded fetch and tests
 * pass whatever they like. Failures become {@link OAuthError}s whose message
 * is fixed text; the `cause` holds the HTTP status and the provider's error
 * code, never a token, secret or provider-written text.
 *
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-2
 */
import { OAuthError, type OAuthErrorCode } from '../errors.ts';
import { resolveApiUrl } from './api-url.ts';
import type { OAuth1Provider, TokenSet } from '../types.ts';
import type { FetchLike } from './bounded-fetch.ts';
import { mapCallError } from './error-map.ts';
import { buildAuthorizationHeader, type ParamPairs } from './oauth1-signature.ts';
import type { FinishedLogin, PendingSecrets, ProtocolClient, StartedLogin } from './protocol-client.ts';

/** A token and its secret: temporary (request-token) or token credentials. */
export interface OAuth1Credentials {
  token: string;
  tokenSecret: string;
}

/** Token credentials as {@link accessToken} returns them, or as the kit stores them (a {@link TokenSet} with `tokenSecret`). */
export type OAuth1Tokens = OAuth1Credentials | Pick<TokenSet, 'accessToken' | 'tokenSecret'>;

function credentialsOf(tokens: OAuth1Tokens): OAuth1Credentials {
  const token = 'token' in tokens ? tokens.token : tokens.accessToken;
  const tokenSecret = tokens.tokenSecret;
  if (typeof token !== 'string' || token === '' || typeof tokenSecret !== 'string') {
    throw new TypeError('OAuth 1.0a token credentials need a token and a tokenSecret');
  }
  return { token, tokenSecret };
}

/** What {@link accessToken} returns: the token credentials plus what the provider says about the user. */
export interface OAuth1AccessToken extends OAuth1Credentials {
  /** Twitter's `user_id`, when sent. */
  userId?: string;
  /** Twitter's `screen_name`, when sent. */
  screenName?: string;
}

/**
 * The `cause` of an {@link OAuthError} when a provider answered with an
 * unexpected status or body: the status and, when the provider sent one, its
 * short error code (Twitter's numeric `errors[0].code`). Nothing else the
 * provider wrote is kept.
 */
export class OAuth1ResponseError extends Error {
  constructor(
    readonly status: number,
    readonly providerCode?: string,
    problem = 'unexpected response',
  ) {
    super(`provider answered HTTP ${status}${providerCode ? ` (code ${providerCode})` : ''}: ${problem}`);
    this.name = 'OAuth1ResponseError';
  }
}

const SAFE_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

/** A provider's short error code from a JSON (`errors[0].code`, `error`) or XML (`code="…"`) body, if it looks like a code. */
function providerCode(body: string): string | undefined {
  let code: unknown;
  try {
    const json = JSON.parse(body) as any;
    code = json?.errors?.[0]?.code ?? json?.error;
  } catch {
    code = /<error[^>]*\bcode="([^"]{1,64})"/.exec(body)?.[1];
  }
  const text = typeof code === 'number' || typeof code === 'string' ? String(code) : undefined;
  return text && SAFE_CODE.test(text) ? text : undefined;
}

async function readText(res: Response): Promise<string> {
  try {
    return await res.text();
  } catch {
    return '';
  }
}

async function failedResponse(res: Response, code: OAuthErrorCode, provider: string): Promise<OAuthError> {
  const body = await readText(res);
  return new OAuthError(code, { provider, cause: new OAuth1ResponseError(res.status, providerCode(body)) });
}

/** Run a provider call; a thrown fetch (ProviderHttpError: timeout, too large, network) becomes `code`. */
async function call(fetch: FetchLike, url: URL, init: RequestInit, code: OAuthErrorCode, provider: string): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    throw new OAuthError(code, { provider, cause: err });
  }
}

/** `application/x-www-form-urlencoded` answer of the token endpoints. */
async function readForm(res: Response, code: OAuthErrorCode, provider: string): Promise<URLSearchParams> {
  try {
    return new URLSearchParams(await res.text());
  } catch (err) {
    throw new OAuthError(code, { provider, cause: err });
  }
}

/**
 * Step 1 (RFC 5849 §2.1): obtain temporary credentials. POST to
 * `requestTokenEndpoint` with `oauth_callback` in the signed header and the
 * token secret empty; `provider.requestTokenParams` (e.g.
 * `x_auth_access_type`) go in the signed query. The answer must carry
 * `oauth_callback_confirmed=true` (OAuth 1.0a; C-55).
 *
 * @param callbackUrl The absolute callback URL (allow-listed at the provider).
 * @param fetch The fetch to use (the kit's bounded fetch).
 * @throws OAuthError `provider_error` on a network error, timeout, non-2xx
 *   answer, missing `oauth_token` / `oauth_token_secret`, or missing
 *   `oauth_callback_confirmed=true`.
 * @example
 * ```ts
 * const temp = await requestToken(provider, 'https://app.example.com/auth/twitter/callback', fetch);
 * // keep temp.tokenSecret server-side (session), then redirect:
 * res.redirect(buildAuthorizeUrl(provider, temp.token).href);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-2.1
 */
export async function requestToken(provider: OAuth1Provider, callbackUrl: string, fetch: FetchLike): Promise<OAuth1Credentials> {
  const url = new URL(provider.requestTokenEndpoint);
  for (const [name, value] of Object.entries(provider.requestTokenParams ?? {})) url.searchParams.set(name, value);
  const authorization = buildAuthorizationHeader({
    method: 'POST',
    url,
    consumerKey: provider.consumerKey,
    consumerSecret: provider.consumerSecret,
    extraOAuthParams: { oauth_callback: callbackUrl },
  });
  const res = await call(fetch, url, { method: 'POST', headers: { authorization, accept: '*/*' } }, 'provider_error', provider.name);
  if (!res.ok) throw await failedResponse(res, 'provider_error', provider.name);
  const form = await readForm(res, 'provider_error', provider.name);
  const token = form.get('oauth_token');
  const tokenSecret = form.get('oauth_token_secret');
  if (!token || !tokenSecret) {
    throw new OAuthError('provider_error', { provider: provider.name, cause: new OAuth1ResponseError(res.status, undefined, 'no oauth_token / oauth_token_secret') });
  }
  if (form.get('oauth_callback_confirmed') !== 'true') {
    throw new OAuthError('provider_error', { provider: provider.name, cause: new OAuth1ResponseError(res.status, undefined, 'oauth_callback_confirmed is not true') });
  }
  return { token, tokenSecret };
}

/**
 * Step 2 (RFC 5849 §2.2): the URL the user's browser is sent to:
 * `authorizationEndpoint` with `provider.authorizationParams` (e.g.
 * `force_login=true`) and `oauth_token`. `oauth_callback` is never put here.
 *
 * @example
 * ```ts
 * buildAuthorizeUrl(twitter({ consumerKey, consumerSecret }), 'Z6eEdO8M').href;
 * // 'https://api.x.com/oauth/authenticate?oauth_token=Z6eEdO8M'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-2.2
 */
export function buildAuthorizeUrl(provider: OAuth1Provider, token: string): URL {
  const url = new URL(provider.authorizationEndpoint);
  for (const [name, value] of Object.entries(provider.authorizationParams ?? {})) url.searchParams.set(name, value);
  url.searchParams.set('oauth_token', token);
  return url;
}

/**
 * Step 3 (RFC 5849 §2.3): exchange the authorized temporary credentials for
 * token credentials. POST to `accessTokenEndpoint`, signed with the consumer
 * secret and the temporary token secret, with `oauth_verifier` (C-58).
 *
 * @param temporary The request token, its secret and the callback's `oauth_verifier`.
 * @throws OAuthError `token_exchange_failed` on a missing verifier, a network
 *   error or timeout, a non-2xx answer, or an answer without a non-empty
 *   `oauth_token` and `oauth_token_secret`.
 * @example
 * ```ts
 * const { token, tokenSecret, userId } = await accessToken(provider, {
 *   token: req.query.oauth_token, tokenSecret: pending.tokenSecret, verifier: req.query.oauth_verifier,
 * }, fetch);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-2.3
 */
export async function accessToken(
  provider: OAuth1Provider,
  temporary: { token: string; tokenSecret: string; verifier: string },
  fetch: FetchLike,
): Promise<OAuth1AccessToken> {
  if (!temporary.token || !temporary.verifier) {
    throw new OAuthError('token_exchange_failed', { provider: provider.name, cause: new TypeError('oauth_token and oauth_verifier are required') });
  }
  const url = new URL(provider.accessTokenEndpoint);
  const authorization = buildAuthorizationHeader({
    method: 'POST',
    url,
    consumerKey: provider.consumerKey,
    consumerSecret: provider.consumerSecret,
    token: temporary.token,
    tokenSecret: temporary.tokenSecret,
    extraOAuthParams: { oauth_verifier: temporary.verifier },
  });
  const res = await call(fetch, url, { method: 'POST', headers: { authorization, accept: '*/*' } }, 'token_exchange_failed', provider.name);
  if (!res.ok) throw await failedResponse(res, 'token_exchange_failed', provider.name);
  const form = await readForm(res, 'token_exchange_failed', provider.name);
  const token = form.get('oauth_token');
  const tokenSecret = form.get('oauth_token_secret');
  if (!token || !tokenSecret) {
    throw new OAuthError('token_exchange_failed', {
      provider: provider.name,
      cause: new OAuth1ResponseError(res.status, undefined, 'no oauth_token / oauth_token_secret'),
    });
  }
  const out: OAuth1AccessToken = { token, tokenSecret };
  const userId = form.get('user_id');
  const screenName = form.get('screen_name');
  if (userId) out.userId = userId;
  if (screenName) out.screenName = screenName;
  return out;
}

function isFormType(contentType: string | null): boolean {
  return contentType !== null && (contentType.split(';')[0] ?? '').trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/**
 * Make an API call with token credentials: the request is signed (query and
 * `application/x-www-form-urlencoded` body parameters included; JSON and
 * other bodies are sent but not signed, RFC 5849 §3.4.1.3.1) and
 * `provider.apiHeaders` are added. A `URLSearchParams` body is sent as a form.
 *
 * @param url Absolute URL, or a path resolved under `provider.apiBaseUrl`.
 * @param init As for `fetch`; its `Authorization` header is replaced.
 * @returns The provider's Response, whatever its status.
 * @param tokens Token credentials: `{ token, tokenSecret }` or the stored `{ accessToken, tokenSecret }`.
 * @throws TypeError for missing token credentials, a relative path without `apiBaseUrl`, or a non-https URL off loopback.
 * @throws ProviderHttpError from the kit's bounded fetch (timeout, too large, network); the caller maps it.
 * @example
 * ```ts
 * const res = await signedFetch(provider, tokens, 'statuses/update.json', {
 *   method: 'POST', body: new URLSearchParams({ status: 'Hello Ladies + Gentlemen' }),
 * }, fetch);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.1
 */
export async function signedFetch(
  provider: OAuth1Provider,
  tokens: OAuth1Tokens,
  url: string | URL,
  init: RequestInit | undefined,
  fetch: FetchLike,
): Promise<Response> {
  const { token, tokenSecret } = credentialsOf(tokens);
  const target = resolveApiUrl(provider, url);
  const method = (init?.method ?? 'GET').toUpperCase();
  const headers = new Headers(provider.apiHeaders as Record<string, string> | undefined);
  new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
  let body = init?.body;
  let bodyParams: ParamPairs = [];
  if (body instanceof URLSearchParams) {
    if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
    if (isFormType(headers.get('content-type'))) bodyParams = [...body];
    body = body.toString(); // send exactly the pairs that were signed
  } else if (typeof body === 'string' && isFormType(headers.get('content-type'))) {
    bodyParams = [...new URLSearchParams(body)];
  }
  headers.set(
    'authorization',
    buildAuthorizationHeader({
      method,
      url: target,
      consumerKey: provider.consumerKey,
      consumerSecret: provider.consumerSecret,
      token,
      tokenSecret,
      bodyParams,
    }),
  );
  return fetch(target, { ...init, method, headers, body });
}

/**
 * Fetch the raw profile from `provider.userinfoEndpoint` (Twitter:
 * `account/verify_credentials.json`, whose query is part of the URL and is
 * signed) with the token credentials.
 *
 * @param tokens Token credentials: `{ token, tokenSecret }` or the stored `{ accessToken, tokenSecret }`.
 * @returns The parsed JSON object, for the provider's `profile(raw)` mapper.
 * @throws OAuthError `profile_fetch_failed` on a network error, timeout,
 *   non-2xx answer, or a body that is not a JSON object.
 * @example
 * ```ts
 * const raw = await fetchOAuth1Profile(provider, { token, tokenSecret }, fetch);
 * const profile = provider.profile(raw);
 * ```
 */
export async function fetchOAuth1Profile(provider: OAuth1Provider, tokens: OAuth1Tokens, fetch: FetchLike): Promise<unknown> {
  let res: Response;
  try {
    res = await signedFetch(provider, tokens, provider.userinfoEndpoint, { headers: { accept: 'application/json' } }, fetch);
  } catch (err) {
    throw new OAuthError('profile_fetch_failed', { provider: provider.name, cause: err });
  }
  if (!res.ok) throw await failedResponse(res, 'profile_fetch_failed', provider.name);
  let raw: unknown;
  try {
    raw = JSON.parse(await res.text());
  } catch {
    throw new OAuthError('profile_fetch_failed', { provider: provider.name, cause: new OAuth1ResponseError(res.status, undefined, 'body is not JSON') });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new OAuthError('profile_fetch_failed', { provider: provider.name, cause: new OAuth1ResponseError(res.status, undefined, 'body is not a JSON object') });
  }
  return raw;
}

/**
 * An OAuth 1.0a provider as a {@link ProtocolClient}: the three legs above,
 * signed API calls, no refresh, no revocation, no client credentials.
 *
 * @example
 * ```ts
 * const client = new OAuth1Client(twitter({ consumerKey, consumerSecret }), fetch);
 * const { key, redirectUrl } = await client.startLogin('https://app.example.com/auth/twitter/callback');
 * ```
 */
export class OAuth1Client implements ProtocolClient {
  /** OAuth 1.0a tokens do not expire or refresh: a 401 means the user revoked the app. */
  readonly unauthorizedEndsGrant = true;

  constructor(
    readonly provider: OAuth1Provider,
    private readonly fetch: FetchLike,
  ) {}

  /** A request token; the browser goes to the authorize page with it. */
  async startLogin(redirectUri: string): Promise<StartedLogin> {
    const temp = await requestToken(this.provider, redirectUri, this.fetch);
    return { key: temp.token, redirectUrl: buildAuthorizeUrl(this.provider, temp.token), secrets: { tokenSecret: temp.tokenSecret } };
  }

  /** OAuth 1.0a callbacks carry the request token (`oauth_token`, or `denied` when the user cancelled). */
  pendingKey(params: URLSearchParams): string | null {
    return params.get('oauth_token') ?? params.get('denied');
  }

  /** The access token for the callback's verifier, then the profile. */
  async finishLogin(key: string, pending: PendingSecrets, params: URLSearchParams): Promise<FinishedLogin> {
    const name = this.provider.name;
    if (params.has('denied')) throw new OAuthError('access_denied', { provider: name });
    const verifier = params.get('oauth_verifier');
    if (!verifier || !pending.tokenSecret) throw new OAuthError('state_mismatch', { provider: name });
    const creds = await accessToken(this.provider, { token: key, tokenSecret: pending.tokenSecret, verifier }, this.fetch);
    const tokens: TokenSet = { accessToken: creds.token, tokenSecret: creds.tokenSecret };
    return { tokens, raw: await fetchOAuth1Profile(this.provider, tokens, this.fetch) };
  }

  /** @throws OAuthError provider_error for a path off the provider's API origins. */
  apiUrl(pathOrUrl: string | URL): URL {
    try {
      return resolveApiUrl(this.provider, pathOrUrl);
    } catch (err) {
      throw mapCallError(err, this.provider.name, 'provider_error', "The API path is not on the provider's API origin; the token was not sent.");
    }
  }

  /** A signed API call. @throws OAuthError provider_error when it fails or times out. */
  async callApi(tokens: TokenSet, url: URL, init: RequestInit): Promise<Response> {
    try {
      return await signedFetch(this.provider, { token: tokens.accessToken, tokenSecret: tokens.tokenSecret ?? '' }, url, init, this.fetch);
    } catch (err) {
      throw mapCallError(err, this.provider.name, 'provider_error', 'The call to the provider API failed or timed out.');
    }
  }
}
