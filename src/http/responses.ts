/**
 * Small response helpers shared by the kit's routes: no-store headers, escaped
 * HTML, JSON errors. Nothing a provider sent is ever rendered as HTML.
 */
import type { ErrorRequestHandler, RequestHandler, Request, Response, NextFunction } from 'express';
import { OAuthError } from '../errors.ts';
import { sessionOf } from '../session/session-data.ts';
import { storeOf } from '../session/session-ops.ts';

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
export function oauthErrorHandler(): ErrorRequestHandler {
  return (error, req, res, next) => {
    let err = error;
    // express-session leaves req.session unset when its store failed to load the
    // session (Redis down): answer that as the store outage it is, not a 500.
    if (!(err instanceof OAuthError) && sessionOf(req) === undefined && storeOf(req) !== undefined) {
      err = new OAuthError('session_unavailable', { cause: err });
    }
    if (!(err instanceof OAuthError) || res.headersSent) return next(err);
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
