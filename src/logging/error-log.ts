/**
 * How `auth.errorHandler({ log })` logs an `OAuthError`: its code, provider,
 * status, sanitised cause, the request id and path (never the query: a
 * callback's query holds the code) and a fix hint. The provider's or the
 * store's failures (5xx) are errors, a failed id_token check a warning, and
 * the user's side (a cancelled login, an expired link, a missing login) info.
 */
import type { Request } from 'express';
import type { OAuthError } from '../errors.ts';
import { requestIdOf } from './audit-events.ts';
import { fixHintFor, type FixHintContext } from './fix-hints.ts';
import type { KitLog, KitLogLevel } from './kit-log.ts';

/**
 * The level an error is logged at.
 *
 * @example
 * ```ts
 * levelOf(new OAuthError('token_exchange_failed')); // 'error'
 * ```
 */
export function levelOf(err: OAuthError): KitLogLevel {
  if (err.status >= 500) return 'error';
  if (err.code === 'id_token_invalid') return 'warn';
  return 'info';
}

/**
 * Log `err` for the developer.
 *
 * @example
 * ```ts
 * import { createKitLog } from './kit-log.ts';
 *
 * const log = createKitLog(console);
 * const err = new OAuthError('token_exchange_failed', { provider: 'github', cause: { error: 'redirect_uri_mismatch' } });
 * logOAuthError(log, err, req, { baseUrl: new URL('https://app.example.com'), routePrefix: '/auth', providers: ['github'] });
 * ```
 */
export function logOAuthError(log: KitLog, err: OAuthError, req: Request, ctx: FixHintContext): void {
  const hint = fixHintFor(err, ctx);
  log.write(
    levelOf(err),
    {
      event: 'error.oauth',
      code: err.code,
      provider: err.provider,
      status: err.status,
      cause: err.cause,
      requestId: requestIdOf(req),
      method: req.method,
      path: req.originalUrl ?? req.url,
      hint,
    },
    hint ? `${err.code}: ${hint}` : `${err.code}`,
  );
}
