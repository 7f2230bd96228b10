/**
 * `loginRequired`: the guard. It reads only what express-session already
 * loaded — no store round trip, no crypto — so it is cheap on every request.
 */
import type { RequestHandler } from 'express';
import { OAuthConfigError, OAuthError } from './errors.ts';
import type { Kit } from './kit.ts';
import type { OAuthRequestHandle } from './request-handle.ts';
import { sendLoginRequired, sendRedirect, isBrowserNavigation } from './http/responses.ts';
import { safeReturnTo } from './session/return-to.ts';
import { sessionOf } from './session/session-data.ts';
import { storeOf } from './session/session-ops.ts';
import { asksStepUp, checkStepUpOptions, enforceStepUp } from './guard-stepup.ts';

/**
 * Options of {@link loginRequired}.
 *
 * @example
 * ```ts
 * const needsGithub: LoginRequiredOptions = { provider: 'github' };
 * app.get('/repos', loginRequired(needsGithub), async (req, res) => {
 *   res.json(await (await req.oauth.fetch('github', '/user/repos')).json());
 * });
 * ```
 */
export interface LoginRequiredOptions {
  /** Require an account at this provider (a session logged in elsewhere is sent to link it). */
  provider?: string;
  /** Scope upgrade: the linked account must have been granted these scopes (403 `insufficient_scope` for APIs). */
  scope?: readonly string[];
  /** Step-up: the last OIDC login at most this many seconds old (401 `insufficient_user_authentication` for APIs). */
  maxAge?: number;
  /** Step-up: the last OIDC login's `acr` among these. */
  acr?: readonly string[];
}

function loginLocation(kit: Kit | undefined, mountPath: string, provider: string | undefined, returnTo: string): string {
  const q = `returnTo=${encodeURIComponent(returnTo)}`;
  if (!kit) return `/auth/login?${q}`;
  const only = kit.providers.size === 1 ? kit.providers.keys().next().value : undefined;
  const name = provider ?? only;
  if (name !== undefined) return `${kit.loginPath(mountPath, name)}?${q}`;
  if (kit.options.loginPage) return `${kit.options.loginPage}${kit.options.loginPage.includes('?') ? '&' : '?'}${q}`;
  return `${kit.chooserPath(mountPath)}?${q}`;
}

/**
 * Guard a route. Logged in → `next()`. Otherwise a browser navigation
 * (GET/HEAD whose `Accept` lists `text/html`) gets a 302 to the login route
 * with `returnTo` = this URL; anything else gets 401 `{"error":"login_required"}`.
 *
 * With `scope`, `maxAge` or `acr`, a logged-in session that lacks them is
 * sent (browser) to that provider's login asking for them, or answered (API)
 * 403 `insufficient_scope` / 401 `insufficient_user_authentication`
 * (see guard-stepup.ts; a login that comes back still short gets the error, not another redirect).
 *
 * @param options.provider require an account at that provider.
 * @throws OAuthError session_unavailable (via next) when express-session is not mounted.
 * @throws TypeError at setup for a bad `maxAge`, `scope` or `acr`.
 * @example
 * ```ts
 * app.get('/me', loginRequired(), (req, res) => res.json(req.user));
 * app.get('/repos', loginRequired({ provider: 'github' }), handler);
 * app.get('/repos/private', loginRequired({ provider: 'github', scope: ['repo'] }), handler);
 * app.post('/transfer', loginRequired({ maxAge: 300, acr: ['urn:mfa'] }), handler);
 * ```
 */
export function loginRequired(options: LoginRequiredOptions = {}): RequestHandler {
  return guard(options, undefined);
}

/**
 * The guard of one registry (`auth.loginRequired()`): it knows the registry's
 * providers and routes even where `req.oauth` is not set.
 * @internal
 */
export function boundLoginRequired(options: LoginRequiredOptions, kit: Kit): RequestHandler {
  return guard(options, kit);
}

function guard(options: LoginRequiredOptions, boundKit: Kit | undefined): RequestHandler {
  const provider = options.provider;
  checkStepUpOptions(options);
  const stepUp = asksStepUp(options);
  return function loginRequiredGuard(req, res, next) {
    const session = sessionOf(req);
    if (session === undefined) {
      const storeDown = storeOf(req) !== undefined;
      return next(new OAuthError('session_unavailable', { message: storeDown ? undefined : 'loginRequired needs express-session mounted before it (app.use(session({...})).' }));
    }
    const data = session.oauth;
    if (data !== undefined && data.user !== undefined && (provider === undefined || (data.accounts !== undefined && Object.hasOwn(data.accounts, provider)))) {
      if (!stepUp) return next();
      const handle: OAuthRequestHandle | undefined = req.oauth;
      return enforceStepUp(boundKit ?? handle?.kit, handle?.mountPath ?? '', req, res, next, options, data);
    }
    const browser = isBrowserNavigation(req);
    if (browser && !boundKit && req.oauth === undefined) {
      // Without the router the guard cannot know where the login is: say so instead of a 302 to a 404.
      // (An API request still gets the contract's 401 below.)
      return next(
        new OAuthConfigError(
          'loginRequired() ran on a request the kit\'s router did not see: add app.use(auth.router()) after express-session and before your routes (or guard with auth.loginRequired()).',
          'invalid_setup',
        ),
      );
    }
    if (browser) {
      const handle: OAuthRequestHandle | undefined = req.oauth;
      const kit = boundKit ?? handle?.kit;
      const mountPath = handle?.mountPath ?? '';
      const returnTo = safeReturnTo(req.originalUrl, kit?.options.defaultReturnTo ?? '/');
      res.setHeader('Cache-Control', 'no-store');
      return sendRedirect(res, 302, loginLocation(kit, mountPath, provider, returnTo));
    }
    sendLoginRequired(res);
  };
}
