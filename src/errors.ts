/**
 * The one error type the kit passes to `next(err)` at request time.
 *
 * Codes and statuses are the public contract (DESIGN.md, "Routes"): 4xx for the
 * user's side, 502 for the provider's, 503 for the session store's.
 */

/** Every error code the kit emits, with its HTTP status. */
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
} as const);

/** A code from {@link ERROR_STATUS}. */
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
};

/**
 * An OAuth or session failure with a stable `code`, an HTTP `status` and the
 * `provider` it concerns. `cause` may hold the provider's error code (for
 * example GitHub's `bad_verification_code`) for logs — never a token.
 *
 * @example
 * ```ts
 * app.use((err, req, res, next) => {
 *   if (err instanceof OAuthError) return res.status(err.status).json({ error: err.code });
 *   next(err);
 * });
 * ```
 */
export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  readonly status: number;
  readonly provider: string | undefined;
  /** Express' default error handler reads `expose` to decide whether to show `message`. */
  readonly expose = true;

  constructor(code: OAuthErrorCode, options: { provider?: string; cause?: unknown; message?: string } = {}) {
    super(options.message ?? DEFAULT_MESSAGES[code], options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OAuthError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.provider = options.provider;
  }

  /** Express reads `statusCode` as well as `status`. */
  get statusCode(): number {
    return this.status;
  }
}

/** A setup mistake: thrown synchronously by `createRegistry()` / `register()` / presets. */
export class OAuthConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OAuthConfigError';
  }
}
