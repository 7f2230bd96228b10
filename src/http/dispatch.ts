/**
 * The one request dispatcher: which kit route a request is for, its method
 * check, and one error path (a rejection goes to `next`, as {@link handle}) for every route.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { OAuthError } from '../errors.ts';
import { emitAuditEvent, requestIdOf } from '../logging/audit-events.ts';
import { oauthDataOf } from '../session/session-data.ts';
import type { HttpContext } from './context.ts';
import { handle, setNoStore, unknownProvider } from './responses.ts';
import { callbackRoute, chooserRoute, loginRoute, logoutRoute, meRoute } from './routes.ts';
import { backchannelLogoutRoute, logoutCallbackRoute } from './logout-routes.ts';
import { rememberSessionStore } from '../session/remote-session-end.ts';
import { guardSessionWrites } from '../session/session-end.ts';

const PROVIDER_SEGMENT = /^\/([^/]+)\/(login|callback|backchannel-logout)\/?$/;

function methodNotAllowed(res: Response, allow: string): void {
  setNoStore(res);
  res.setHeader('Allow', allow);
  res.status(405).json({ error: 'method_not_allowed' });
}

/**
 * A provider's login or callback route, after the method check. The same
 * error path as {@link handle} (a rejected route goes to `next`), without
 * making a handler per request: these two routes are every login's hot path.
 */
function providerRoute(ctx: HttpContext, name: string, action: 'login' | 'callback', redirectUri: string, req: Request, res: Response, next: NextFunction): void {
  const method = req.method;
  ctx.log.write('debug', { event: `login.${action}`, provider: name, method, path: req.originalUrl ?? req.url }, action === 'login' ? 'login start' : 'callback');
  if (action === 'login') {
    // HEAD starts nothing: a link preview or a crawler's probe makes no session and no provider call.
    if (method !== 'GET') return methodNotAllowed(res, 'GET');
    loginRoute(ctx, name, redirectUri, req, res).catch(next);
    return;
  }
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') return methodNotAllowed(res, 'GET');
  callbackRoute(ctx, name, redirectUri, req, res).catch((err: unknown) => {
    const code = err instanceof OAuthError ? err.code : 'error';
    emitAuditEvent(ctx.options.events, ctx.log, 'loginFailed', { provider: name, requestId: requestIdOf(req), code });
    next(err);
  });
}

/**
 * The middleware behind `auth.router()`: `attach` puts `req.oauth` on every
 * request, `req.user` comes from the session, and the kit's routes under
 * `routePrefix` are answered.
 */
export function kitRouter(ctx: HttpContext, attach: (req: Request, mountPath: string) => void): RequestHandler {
  const prefix = ctx.options.routePrefix;
  const chooser = handle((req, res) => chooserRoute(ctx, req.baseUrl, req, res));
  const logout = handle((req, res) => logoutRoute(ctx, req, res));
  const me = handle((req, res) => meRoute(req, res));
  const logoutCallback = handle((req, res) => logoutCallbackRoute(ctx, req, res));
  return function expressOAuthKit(req: Request, res: Response, next: NextFunction) {
    const mountPath = req.baseUrl;
    if (!ctx.checks.done) ctx.checks.inspect(req, res);
    attach(req, mountPath);
    const user = oauthDataOf(req)?.user;
    if (user !== undefined) {
      req.user = user as Express.User;
      // A logged-in session may be ended from elsewhere (back-channel logout, endSessions): its saves check the end marker.
      guardSessionWrites(ctx, req);
    }
    rememberSessionStore(ctx, req);
    const url = req.url;
    if (!url.startsWith(prefix)) return next();
    const q = url.indexOf('?');
    const path = url.slice(prefix.length, q === -1 ? undefined : q);
    if (path === '' || path[0] !== '/') return next();
    const method = req.method;
    if (path === '/login' || path === '/login/') {
      if (ctx.options.loginPage) return next();
      return method === 'GET' || method === 'HEAD' ? chooser(req, res, next) : methodNotAllowed(res, 'GET');
    }
    if (path === '/logout/callback') return method === 'GET' || method === 'HEAD' ? logoutCallback(req, res, next) : methodNotAllowed(res, 'GET');
    if (path === '/logout' || path === '/logout/') return method === 'POST' ? logout(req, res, next) : methodNotAllowed(res, 'POST');
    if (path === '/me' || path === '/me/') return method === 'GET' || method === 'HEAD' ? me(req, res, next) : methodNotAllowed(res, 'GET');
    const match = PROVIDER_SEGMENT.exec(path);
    if (!match) return next();
    const [, name = '', action] = match;
    if (!ctx.providers.has(name)) return next(unknownProvider(name, [...ctx.providers.keys()]));
    if (action === 'backchannel-logout') {
      if (method !== 'POST') return methodNotAllowed(res, 'POST');
      return void backchannelLogoutRoute(ctx, name, req, res).catch(next);
    }
    return providerRoute(ctx, name, action === 'login' ? 'login' : 'callback', ctx.redirectUri(mountPath, name), req, res, next);
  };
}

/**
 * The middleware behind `auth.providerRouter(name)`: one provider's
 * `/login` and `/callback`, mounted where the app likes.
 */
export function singleProviderRouter(ctx: HttpContext, name: string, attach: (req: Request, mountPath: string) => void): RequestHandler {
  return function expressOAuthKitProvider(req: Request, res: Response, next: NextFunction) {
    const q = req.url.indexOf('?');
    const path = req.url.slice(0, q === -1 ? undefined : q).replace(/\/$/, '');
    const action = path === '/login' ? 'login' : path === '/callback' ? 'callback' : undefined;
    if (!action) return next();
    attach(req, '');
    const redirectUri = `${ctx.options.origin}${ctx.options.basePath}${req.baseUrl}/callback`;
    return providerRoute(ctx, name, action, redirectUri, req, res, next);
  };
}
