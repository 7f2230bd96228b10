/**
 * `createRegistry`: holds the providers and makes the routers and guards.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { OAuthError } from './errors.ts';
import { Kit } from './kit.ts';
import { callbackRoute, chooserRoute, loginRoute, logoutRoute, meRoute } from './http/auth-routes.ts';
import { handle, oauthErrorHandler, setNoStore } from './http/responses.ts';
import { loginRequired, type LoginRequiredOptions } from './guard.ts';
import { OAuthRequestHandle } from './request-handle.ts';
import { clientCredentialsToken } from './tokens/client-credentials.ts';
import type { Provider, RegistryOptions, TokenSet } from './types.ts';
import type { ErrorRequestHandler } from 'express';
import { contentSecurityPolicyDirectives, type CspDirectives, type CspExtraDirectives } from './http/csp.ts';
import { backchannelLogoutRoute, logoutCallbackRoute } from './http/logout-routes.ts';
import { loginQuery, type LoginUrlOptions } from './protocol/login-params.ts';
import { endSessionsOf, type EndSessionsTarget } from './session/end-sessions.ts';
import { rememberSessionStore } from './session/remote-session-end.ts';
import { guardSessionWrites } from './session/session-end.ts';

const PROVIDER_SEGMENT = /^\/([a-z0-9][a-z0-9_-]{0,39})\/(login|callback|backchannel-logout)\/?$/;

type KitRequest = Request & { session?: { oauth?: { user?: unknown } } };

function methodNotAllowed(res: Response, allow: string): void {
  setNoStore(res);
  res.setHeader('Allow', allow);
  res.status(405).json({ error: 'method_not_allowed' });
}

/**
 * The provider registry. Register providers, mount `router()`, guard routes.
 *
 * @example
 * ```ts
 * const auth = createRegistry({ baseUrl: 'https://app.example.com' });
 * auth.register(github({ clientId, clientSecret }));
 * app.use(session({ secret, resave: false, saveUninitialized: false }));
 * app.use(auth.router());
 * app.get('/me', auth.loginRequired(), (req, res) => res.json(req.user));
 * ```
 */
export class Registry {
  /** @internal */
  readonly kit: Kit;

  constructor(options: RegistryOptions) {
    this.kit = new Kit(options);
  }

  /**
   * Add a provider made by a preset or by `oauth2()` / `oidc()` / `oauth1()`.
   * @throws OAuthConfigError for a duplicate name or a value that is not a provider.
   */
  register(provider: Provider): this {
    this.kit.add(provider);
    return this;
  }

  /** Names of the registered providers, in registration order. */
  providerNames(): string[] {
    return [...this.kit.providers.keys()];
  }

  /** A registered provider's data (frozen). */
  provider(name: string): Provider | undefined {
    return this.kit.providers.get(name)?.provider;
  }

  /**
   * Middleware that serves every provider's routes under `routePrefix` and puts
   * `req.oauth` and `req.user` on every request. Mount it after express-session.
   */
  router(): RequestHandler {
    const kit = this.kit;
    const prefix = kit.options.routePrefix;
    const chooser = handle((req, res) => chooserRoute(kit, req.baseUrl, req, res));
    const logout = handle((req, res) => logoutRoute(kit, req, res));
    const logoutCallback = handle((req, res) => logoutCallbackRoute(kit, req, res));
    return function expressOAuthKit(req: Request, res: Response, next: NextFunction) {
      const mountPath = req.baseUrl;
      req.oauth = new OAuthRequestHandle(kit, req, mountPath);
      const user = (req as KitRequest).session?.oauth?.user;
      if (user !== undefined) {
        req.user = user as Express.User;
        // A logged-in session may be ended from elsewhere (back-channel logout, endSessions): its saves check the end marker.
        guardSessionWrites(kit, req);
      }
      rememberSessionStore(kit, req);
      const url = req.url;
      if (!url.startsWith(prefix)) return next();
      const q = url.indexOf('?');
      const path = url.slice(prefix.length, q === -1 ? undefined : q);
      if (path === '' || path[0] !== '/') return next();
      const method = req.method;
      if (path === '/login' || path === '/login/') {
        if (kit.options.loginPage) return next();
        return method === 'GET' || method === 'HEAD' ? chooser(req, res, next) : methodNotAllowed(res, 'GET');
      }
      if (path === '/logout/callback') return method === 'GET' || method === 'HEAD' ? logoutCallback(req, res, next) : methodNotAllowed(res, 'GET');
      if (path === '/logout' || path === '/logout/') return method === 'POST' ? logout(req, res, next) : methodNotAllowed(res, 'POST');
      if (path === '/me' || path === '/me/') {
        if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(res, 'GET');
        try {
          return meRoute(req, res);
        } catch (err) {
          return next(err);
        }
      }
      const match = PROVIDER_SEGMENT.exec(path);
      if (!match) {
        if (/^\/[^/]+\/(login|callback|backchannel-logout)\/?$/.test(path)) return next(new OAuthError('unknown_provider'));
        return next();
      }
      const [, name, action] = match as unknown as [string, string, string];
      if (!kit.providers.has(name)) return next(new OAuthError('unknown_provider', { provider: name }));
      dispatchProviderRoute(kit, name, action, kit.redirectUri(mountPath, name), req, res, next);
    };
  }

  /**
   * One provider's login + callback routes (`/login`, `/callback`) to mount at
   * a path of your choice; register `<baseUrl><mount path>/callback` at the provider.
   * Mount `router()` as well for `req.oauth`, logout and `/me`.
   * @throws OAuthError unknown_provider (404) at request time for an unregistered name.
   * @example
   * ```ts
   * app.use('/login/github', auth.providerRouter('github'));
   * ```
   */
  providerRouter(name: string): RequestHandler {
    const kit = this.kit;
    return function expressOAuthKitProvider(req: Request, res: Response, next: NextFunction) {
      const q = req.url.indexOf('?');
      const path = req.url.slice(0, q === -1 ? undefined : q).replace(/\/$/, '');
      const action = path === '/login' ? 'login' : path === '/callback' ? 'callback' : undefined;
      if (!action) return next();
      if (!req.oauth) req.oauth = new OAuthRequestHandle(kit, req, '');
      const redirectUri = `${kit.options.origin}${kit.options.basePath}${req.baseUrl}/callback`;
      dispatchProviderRoute(kit, name, action, redirectUri, req, res, next);
    };
  }

  /**
   * The path of a provider's login route with per-login parameters
   * (`/auth/corp/login?returnTo=...&max_age=0`); the route applies its rules
   * (the `loginParams` allow-list, `allowedScopes`) when the link is followed.
   * @throws OAuthError unknown_provider for an unregistered name.
   * @example
   * ```ts
   * res.redirect(auth.loginUrl('corp', { returnTo: '/billing', prompt: 'login', maxAge: 0 }));
   * ```
   */
  loginUrl(name: string, options: LoginUrlOptions = {}): string {
    this.kit.get(name);
    const query = loginQuery(options);
    return `${this.kit.loginPath('', name)}${query ? `?${query}` : ''}`;
  }

  /**
   * Sign out everywhere: end every session of one account (`{ provider, accountId }`,
   * the profile id) or one app user (`{ user }`: the `id` of what `onLogin`
   * returns), on every instance — e.g. after a password change. Tokens are revoked
   * where the provider allows it. Needs one request through `router()` first
   * (to learn the session store), or `store`.
   * @returns how many sessions were ended.
   * @throws OAuthError session_unavailable when the store is unknown or fails.
   * @example
   * ```ts
   * const ended = await auth.endSessions({ provider: 'corp', accountId: 'alice' });
   * await auth.endSessions({ user: 42 });
   * ```
   */
  endSessions(target: EndSessionsTarget): Promise<number> {
    return endSessionsOf(this.kit, target);
  }

  /** The guard bound to this registry; same as the exported {@link loginRequired}. */
  loginRequired(options: LoginRequiredOptions = {}): RequestHandler {
    return loginRequired(options, this.kit);
  }

  /**
   * helmet `contentSecurityPolicy.directives` whose `form-action` allows
   * exactly `'self'` and the registered providers' authorization origins
   * (Chrome applies `form-action` to the redirect after a form POST, so a POST
   * login/logout that redirects to a provider is otherwise blocked: SECURITY K-21).
   * On an http `baseUrl` (local development) `upgrade-insecure-requests` is left out.
   *
   * @example
   * ```ts
   * app.use(helmet({ contentSecurityPolicy: { directives: auth.contentSecurityPolicy({ 'img-src': ["'self'", 'https:'] }) } }));
   * ```
   */
  contentSecurityPolicy(extra: CspExtraDirectives = {}): CspDirectives {
    const http = this.kit.options.baseUrl.protocol === 'http:';
    return contentSecurityPolicyDirectives(this, http && !('upgrade-insecure-requests' in extra) ? { 'upgrade-insecure-requests': null, ...extra } : extra);
  }

  /** An error handler that renders {@link OAuthError}s safely (JSON or a fixed page, no-store). */
  errorHandler(): ErrorRequestHandler {
    return oauthErrorHandler();
  }

  /**
   * An app (machine-to-machine) token from the client credentials grant,
   * cached until due and fetched once for concurrent callers (across
   * instances through `redis` when given).
   * @throws OAuthError token_exchange_failed
   */
  clientCredentials(name: string, options: { scope?: readonly string[] } = {}): Promise<TokenSet> {
    return clientCredentialsToken(this.kit, name, options.scope ?? []);
  }
}

function dispatchProviderRoute(kit: Kit, name: string, action: string, redirectUri: string, req: Request, res: Response, next: NextFunction): void {
  const method = req.method;
  let job: Promise<void>;
  if (action === 'backchannel-logout') {
    if (method !== 'POST') return methodNotAllowed(res, 'POST');
    job = backchannelLogoutRoute(kit, name, req, res);
  } else if (action === 'login') {
    // HEAD starts nothing: a link preview or a crawler's probe makes no session and no provider call.
    if (method !== 'GET') return methodNotAllowed(res, 'GET');
    job = loginRoute(kit, name, redirectUri, req, res);
  } else {
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') return methodNotAllowed(res, 'GET');
    job = callbackRoute(kit, name, redirectUri, req, res);
  }
  job.catch(next);
}

/**
 * Create a provider registry.
 *
 * @param options.baseUrl the app's public origin; every redirect_uri is built from it.
 * @throws OAuthConfigError for a missing or non-https baseUrl (http only on loopback), a bad routePrefix or defaultReturnTo.
 * @example
 * ```ts
 * const auth = createRegistry({ baseUrl: 'http://localhost:3000' });
 * auth.register(github({ clientId: process.env.GITHUB_CLIENT_ID!, clientSecret: process.env.GITHUB_CLIENT_SECRET! }));
 * ```
 */
export function createRegistry(options: RegistryOptions): Registry {
  return new Registry(options);
}
