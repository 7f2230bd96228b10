/**
 * The one error type the kit passes to `next(err)` at request time.
 *
 * Codes and statuses are the public contract (DESIGN.md, "Routes"): 4xx for the
 * user's side, 502 for the provider's, 503 for the session store's.
 */

/**
 * Every error code the kit emits, with its HTTP status.
 *
 * @example
 * ```ts
 * // A status page for each code, e.g. for an API gateway's docs or a test.
 * for (const [code, status] of Object.entries(ERROR_STATUS)) console.log(`${status} ${code}`);
 * assert.equal(ERROR_STATUS.state_mismatch, 400);
 * ```
 */
export const ERROR_STATUS = Object.freeze({
  unknown_provider: 404,
  state_mismatch: 400,
  access_denied: 403,
  provider_error: 502,
  token_exchange_failed: 502,
  id_token_invalid: 401,
  profile_fetch_failed: 502,
  cross_site_request: 403,
  session_unavailable: 503,
  login_required: 401,
  insufficient_scope: 403,
  insufficient_user_authentication: 401,
} as const);

/**
 * A code from {@link ERROR_STATUS}.
 *
 * @example
 * ```ts
 * const userMessage: Record<OAuthErrorCode, string> = {
 *   unknown_provider: 'That login option does not exist.',
 *   state_mismatch: 'Your login link expired. Please try again.',
 *   access_denied: 'Login was cancelled.',
 *   provider_error: 'The provider is having trouble. Please try later.',
 *   token_exchange_failed: 'The provider is having trouble. Please try later.',
 *   id_token_invalid: 'The login could not be verified.',
 *   profile_fetch_failed: 'Your profile could not be read.',
 *   cross_site_request: 'This request was refused.',
 *   session_unavailable: 'Please try again in a moment.',
 *   login_required: 'Please log in.',
 *   insufficient_scope: 'This page needs more permissions: please log in again to grant them.',
 *   insufficient_user_authentication: 'Please log in again to continue.',
 * };
 * app.use((err: unknown, req: import('express').Request, res: import('express').Response, next: import('express').NextFunction) => {
 *   if (err instanceof OAuthError) return res.status(err.status).send(userMessage[err.code]);
 *   next(err);
 * });
 * ```
 */
export type OAuthErrorCode = keyof typeof ERROR_STATUS;

/** Fixed, provider-free messages: nothing a provider sent ever reaches a message. */
const DEFAULT_MESSAGES: Record<OAuthErrorCode, string> = {
  unknown_provider: 'No provider is registered under that name.',
  state_mismatch: 'This login link is missing, expired or already used. Please start the login again.',
  access_denied: 'The login was cancelled at the provider.',
  provider_error: 'The provider answered with an error or could not be reached.',
  token_exchange_failed: 'The provider did not issue a usable access token.',
  id_token_invalid: 'The identity token from the provider failed validation.',
  profile_fetch_failed: 'The profile could not be fetched from the provider.',
  cross_site_request: 'This request came from another site and was refused.',
  session_unavailable: 'The session store is unavailable.',
  login_required: 'You need to log in first.',
  insufficient_scope: 'This page needs more permissions than your login granted.',
  insufficient_user_authentication: 'This page needs a more recent or a stronger login.',
};

/**
 * What an {@link OAuthError} keeps of the failure beneath it: codes and a
 * status, never the protocol library's error or a response body (which may
 * hold tokens). Every field is optional and length-capped.
 *
 * @example
 * ```ts
 * import type { NextFunction, Request, Response } from 'express';
 *
 * app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
 *   const cause: OAuthErrorCause | undefined = err instanceof OAuthError ? err.cause : undefined;
 *   if (cause?.error === 'bad_verification_code') console.warn('GitHub refused the code', { status: cause.status });
 *   next(err);
 * });
 * ```
 */
export interface OAuthErrorCause {
  /** The provider's OAuth error code (`invalid_grant`, GitHub's `bad_verification_code`, Twitter's `89`). */
  readonly error?: string;
  /** The provider's description, control characters removed, at most 200 characters (for logs; never rendered). */
  readonly error_description?: string;
  /** HTTP status of the provider's answer. */
  readonly status?: number;
  /** Machine code of the failure (`OAUTH_JWT_CLAIM_COMPARISON_FAILED`, `ECONNREFUSED`, `timeout`, ...). */
  readonly code?: string;
}

const ERROR_RULE = /^[\x21-\x7e]{1,64}$/;
const CODE_RULE = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * Reduce any thrown value to an {@link OAuthErrorCause}: the `error`,
 * `error_description`, `status` and `code` found on it or its causes, checked
 * and capped. Nothing else survives, so no token reaches a log.
 *
 * @example
 * ```ts
 * sanitizeCause({ error: 'invalid_grant', body: { access_token: 'secret' } }); // { error: 'invalid_grant' }
 * ```
 */
export function sanitizeCause(raw: unknown): OAuthErrorCause | undefined {
  const out: { error?: string; error_description?: string; status?: number; code?: string } = {};
  let node: unknown = raw;
  for (let depth = 0; depth < 4 && node !== null && typeof node === 'object'; depth++) {
    const r = node as Record<string, unknown>;
    const error = r.error ?? r.providerCode;
    if (out.error === undefined && typeof error === 'string') out.error = ERROR_RULE.test(error) ? error : 'invalid';
    const description = r.error_description;
    if (out.error_description === undefined && typeof description === 'string' && description.length > 0) {
      out.error_description = description.replace(/[\x00-\x1f\x7f-\x9f]/g, ' ').slice(0, 200);
    }
    const status = typeof r.status === 'number' ? r.status : (r.response as { status?: unknown } | undefined)?.status;
    if (out.status === undefined && typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599) out.status = status;
    const code = r.code ?? r.reason;
    if (out.code === undefined && typeof code === 'string' && CODE_RULE.test(code)) out.code = code;
    node = r.cause;
  }
  return Object.keys(out).length > 0 ? Object.freeze(out) : undefined;
}

/**
 * An OAuth or session failure with a stable `code`, an HTTP `status` and the
 * `provider` it concerns. `cause` is a sanitised {@link OAuthErrorCause} (for
 * example GitHub's `bad_verification_code`) for logs — never a token, never
 * the protocol library's raw error.
 *
 * @example
 * ```ts
 * import type { NextFunction, Request, Response } from 'express';
 *
 * app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
 *   if (err instanceof OAuthError) return res.status(err.status).json({ error: err.code });
 *   next(err);
 * });
 * ```
 */
export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  readonly status: number;
  readonly provider: string | undefined;
  /** The sanitised failure beneath this one, when there was one. */
  declare readonly cause: OAuthErrorCause | undefined;
  /** Express' default error handler reads `expose` to decide whether to show `message`: only for the user's side (< 500). */
  readonly expose: boolean;

  constructor(code: OAuthErrorCode, options: { provider?: string; cause?: unknown; message?: string } = {}) {
    const cause = options.cause === undefined ? undefined : sanitizeCause(options.cause);
    super(options.message ?? DEFAULT_MESSAGES[code], cause === undefined ? undefined : { cause });
    this.name = 'OAuthError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.expose = this.status < 500;
    this.provider = options.provider;
  }

  /**
   * Express reads `statusCode` as well as `status`.
   *
   * @example
   * ```ts
   * const err = new OAuthError('state_mismatch', { provider: 'github' });
   * assert.equal(err.statusCode, 400);
   * assert.equal(err.statusCode, err.status);
   * ```
   */
  get statusCode(): number {
    return this.status;
  }
}

/**
 * What kind of setup mistake an {@link OAuthConfigError} is, for code that
 * branches on it (a deployment check, a test); the message says what to fix.
 *
 * @example
 * ```ts
 * const whatToDo: Partial<Record<OAuthConfigErrorCode, string>> = {
 *   invalid_base_url: 'set BASE_URL to the public URL of the app, e.g. https://app.example.com',
 *   missing_option: 'set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET',
 * };
 * try {
 *   createRegistry({ baseUrl: process.env.BASE_URL ?? '' });
 * } catch (err) {
 *   if (err instanceof OAuthConfigError) console.error(whatToDo[err.code] ?? err.message);
 *   throw err;
 * }
 * ```
 */
export type OAuthConfigErrorCode =
  /** `baseUrl` missing, without a scheme, not http(s), http off loopback, or with a query / fragment / credentials. */
  | 'invalid_base_url'
  /** A required option (`clientId`, `clientSecret`, an issuer, ...) is missing or empty. */
  | 'missing_option'
  /** An option has a value the kit cannot use. */
  | 'invalid_option'
  /** A provider endpoint is not https (and not loopback, and `allowInsecureRequests` is not set). */
  | 'insecure_endpoint'
  /** A provider name that cannot be a route segment. */
  | 'invalid_provider_name'
  /** Two providers registered under one name. */
  | 'duplicate_provider'
  /** A client signing key that is missing, public, or does not fit its alg. */
  | 'invalid_key'
  /** The app is wired in a way the kit cannot work with (no providers, no router before a guard, session options). */
  | 'invalid_setup';

/**
 * A setup mistake: thrown synchronously by `createRegistry()` / `register()` /
 * presets (and passed to `next()` when a guard runs without the kit's router),
 * with a message that says what to fix and a {@link OAuthConfigErrorCode}.
 *
 * @example
 * ```ts
 * try {
 *   createRegistry({ baseUrl: 'localhost:3000' });
 * } catch (err) {
 *   if (err instanceof OAuthConfigError) console.error(err.code, err.message); // invalid_base_url ...
 * }
 * ```
 */
export class OAuthConfigError extends Error {
  /** What kind of mistake this is; `invalid_option` when the thrower did not say. */
  readonly code: OAuthConfigErrorCode;

  constructor(message: string, code: OAuthConfigErrorCode = 'invalid_option') {
    super(message);
    this.name = 'OAuthConfigError';
    this.code = code;
  }
}
