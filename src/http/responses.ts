/**
 * Small response helpers shared by the kit's routes: no-store headers, escaped
 * HTML, JSON errors. Nothing a provider sent is ever rendered as HTML.
 */
import type { ErrorRequestHandler, RequestHandler, Request, Response, NextFunction } from 'express';
import { OAuthConfigError, OAuthError } from '../errors.ts';
import { logOAuthError } from '../logging/error-log.ts';
import type { FixHintContext } from '../logging/fix-hints.ts';
import { createKitLog, type KitLog } from '../logging/kit-log.ts';
import { requestIdOf } from '../logging/audit-events.ts';
import type { KitLogger } from '../types.ts';
import { isProviderName } from '../rules.ts';
import { sessionOf } from '../session/session-data.ts';
import { storeOf } from '../session/session-ops.ts';

/**
 * `unknown_provider` naming the provider asked for (only when it is a valid
 * name: nothing else from the URL reaches a message) and the registered ones.
 *
 * @example
 * ```ts
 * unknownProvider('gitlab', ['github']).message; // 'No provider is registered as "gitlab" (registered: github).'
 * ```
 */
export function unknownProvider(name: string, registered: readonly string[]): OAuthError {
  const valid = isProviderName(name);
  const known = registered.length === 0 ? 'no provider is registered yet' : `registered: ${registered.join(', ')}`;
  return new OAuthError('unknown_provider', { provider: valid ? name : undefined, message: `No provider is registered as ${valid ? `"${name}"` : 'that name'} (${known}).` });
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Headers every kit response carries (SECURITY S-17, S-18, C-6). */
export function setNoStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/** True when the client asked for HTML (a browser navigation); `*\/*` alone is not enough. */
export function wantsHtml(req: Request): boolean {
  const accept = req.headers.accept;
  return typeof accept === 'string' && accept.includes('text/html');
}

/**
 * A browser navigation, which the guard answers with a redirect to log in:
 * a GET or HEAD whose `Accept` lists `text/html`. Anything else gets JSON.
 *
 * @example
 * ```ts
 * if (isBrowserNavigation(req)) res.redirect(302, '/auth/login');
 * ```
 */
export function isBrowserNavigation(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && wantsHtml(req);
}

/**
 * Redirect with an empty body (like Passport's strategies), skipping Express'
 * content negotiation and HTML body. Only for locations the kit built itself:
 * a provider URL from `URL#href`, or a path that passed {@link safeReturnTo}.
 */
export function sendRedirect(res: Response, status: 302 | 303, location: string): void {
  if (/[\r\n]/.test(location)) throw new TypeError('redirect location contains a line break');
  res.statusCode = status;
  res.setHeader('Location', location);
  res.setHeader('Content-Length', '0');
  res.end();
}

/** Answer 401 `{"error":"login_required"}`. */
export function sendLoginRequired(res: Response): void {
  res.status(401);
  res.setHeader('Cache-Control', 'no-store');
  res.json({ error: 'login_required' });
}

/**
 * Pass a rejected promise to `next` (Express 5 does this itself; Express 4 does not).
 */
export function handle(fn: (req: Request, res: Response, next: NextFunction) => Promise<void> | void): RequestHandler {
  return (req, res, next) => {
    try {
      const out = fn(req, res, next);
      if (out && typeof (out as Promise<void>).catch === 'function') (out as Promise<void>).catch(next);
    } catch (err) {
      next(err);
    }
  };
}

/**
 * Options of `auth.errorHandler()` and {@link errorHandler}.
 *
 * @example
 * ```ts
 * // Quiet in tests, to the console elsewhere (or pass a pino logger).
 * const options: ErrorHandlerOptions = { log: process.env.NODE_ENV === 'test' ? false : console };
 * app.use(auth.errorHandler(options));
 * ```
 */
export interface ErrorHandlerOptions {
  /**
   * Where to log each error, with its code, provider, the sanitised cause and
   * a fix hint: a logger (pino, console), `true` for the registry's `logger`
   * (warnings and errors to the console without one; the default), `false`
   * for no log lines (`DEBUG=express-oauth-kit:*` still shows them).
   */
  log?: boolean | KitLogger;
}

/**
 * The error handler on its own, for an app that renders kit errors without a
 * registry at hand: `OAuthError`s answered as `auth.errorHandler()` does, and
 * logged to `options.log` (`true`: the console for warnings and errors).
 *
 * @example
 * ```ts
 * app.use(errorHandler({ log: console }));   // or a pino logger
 * ```
 */
export function errorHandler(options: ErrorHandlerOptions = {}): ErrorRequestHandler {
  const logger = options.log === true || options.log === undefined ? CONSOLE_WARNINGS : options.log === false ? undefined : options.log;
  return oauthErrorHandler({ log: logger ? createKitLog(logger) : createKitLog() });
}

/** Warnings and errors to the console, the rest only under `DEBUG=express-oauth-kit:*`. */
export const CONSOLE_WARNINGS: KitLogger = {
  debug() {},
  info() {},
  warn: (fields: object, message?: string) => console.warn(message ?? '', fields),
  error: (fields: object, message?: string) => console.error(message ?? '', fields),
};

/**
 * An error handler that answers every {@link OAuthError} with a fixed page or
 * JSON (`{ error: code }`), `Cache-Control: no-store` and the right status.
 * A session store that failed to load the session (express-session's error,
 * e.g. Redis down) is answered as 503 `session_unavailable`. Other errors go on
 * to the next handler.
 *
 * @example
 * ```ts
 * app.use(auth.router());
 * // ... your routes
 * app.use(auth.errorHandler());
 * ```
 */
export function oauthErrorHandler(options: { log?: KitLog; context?: () => FixHintContext } = {}): ErrorRequestHandler {
  const { log, context } = options;
  return (error, req, res, next) => {
    let err = error;
    // express-session leaves req.session unset when its store failed to load the
    // session (Redis down): answer that as the store outage it is, not a 500.
    if (!(err instanceof OAuthError) && sessionOf(req) === undefined && storeOf(req) !== undefined) {
      err = new OAuthError('session_unavailable', { cause: err });
    }
    if (log && err instanceof OAuthConfigError) {
      log.write('error', { event: 'error.config', code: err.code, hint: err.message, requestId: requestIdOf(req), method: req.method, path: req.originalUrl ?? req.url }, `express-oauth-kit setup: ${err.message}`);
    }
    if (!(err instanceof OAuthError) || res.headersSent) return next(err);
    if (log) logOAuthError(log, err, req, context?.() ?? { baseUrl: undefined, routePrefix: '/auth', providers: [] });
    if (err.code === 'session_unavailable') res.setHeader('Retry-After', '5');
    setNoStore(res);
    res.status(err.status);
    if (wantsHtml(req)) {
      res.type('html').send(
        `<!doctype html><meta charset="utf-8"><title>Login error</title><h1>Login error</h1><p>${escapeHtml(err.message)}</p><p>Code: <code>${escapeHtml(err.code)}</code></p><p><a href="/">Back</a></p>`,
      );
    } else {
      res.json({ error: err.code });
    }
  };
}
