/**
 * `createRegistry`: holds the providers and makes the routers and guards.
 */
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { OAuthError } from './errors.ts';
import { boundLoginRequired, type LoginRequiredOptions } from './guard.ts';
import { contentSecurityPolicyDirectives, type CspDirectives, type CspExtraDirectives } from './http/csp.ts';
import { kitRouter, singleProviderRouter } from './http/dispatch.ts';
import { oauthErrorHandler, type ErrorHandlerOptions } from './http/responses.ts';
import { createKitLog } from './logging/kit-log.ts';
import { sessionOf } from './session/session-data.ts';
import { Kit } from './kit.ts';
import { OAuthRequestHandle } from './request-handle.ts';
import { clientCredentialsToken } from './tokens/client-credentials.ts';
import type { Profile, Provider, RegistryOptions, TokenSet } from './types.ts';
import { loginQuery, type LoginUrlOptions } from './protocol/login-params.ts';
import { endSessionsOf, type EndSessionsTarget } from './session/end-sessions.ts';

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
export class Registry<User = Profile> {
  /** @internal the registry's state (not part of the published types) */
  readonly kit: Kit;

  /** Use {@link createRegistry}. */
  constructor(options: RegistryOptions<User>) {
    this.kit = new Kit(options);
  }

  /**
   * The logged-in app user of this request, typed as the registry's `User`
   * (what `onLogin` returns; the {@link Profile} without `onLogin`). Use it
   * behind `loginRequired()`, where there always is one.
   *
   * @throws OAuthError login_required when the request has no login (a route without the guard).
   * @example
   * ```ts
   * interface AppUser { id: string; displayName: string }
   * const auth = createRegistry<AppUser>({ baseUrl: 'https://app.example.com',
   *   onLogin: ({ profile }) => ({ id: profile.id, displayName: profile.name ?? profile.id }) });
   * app.get('/me', auth.loginRequired(), (req, res) => res.json({ name: auth.user(req).displayName }));
   * ```
   */
  user(req: Request): User {
    const user = sessionOf(req)?.oauth?.user;
    if (user === undefined || user === null) {
      throw new OAuthError('login_required', { message: 'auth.user(req) was called on a request without a login: guard the route with loginRequired().' });
    }
    return user as User;
  }

  /**
   * The logged-in app user of this request, or undefined (the non-throwing {@link Registry.user}).
   *
   * @example
   * ```ts
   * // A route open to everyone that tells a logged-in user apart (no guard).
   * app.get('/api/session', (req, res) => {
   *   const user = auth.currentUser(req);
   *   res.json(user ? { loggedIn: true, id: user.id } : { loggedIn: false });
   * });
   * ```
   */
  currentUser(req: Request): User | undefined {
    const user = sessionOf(req)?.oauth?.user;
    return user === undefined || user === null ? undefined : (user as User);
  }

  /**
   * Add a provider made by a preset or by `oauth2()` / `oidc()` / `oauth1()`.
   * @throws OAuthConfigError for a duplicate name or a value that is not a provider.
   * @example
   * ```ts
   * auth
   *   .register(github({ clientId: process.env.GITHUB_CLIENT_ID!, clientSecret: process.env.GITHUB_CLIENT_SECRET! }))
   *   .register(google({ clientId: process.env.GOOGLE_CLIENT_ID!, clientSecret: process.env.GOOGLE_CLIENT_SECRET! }));
   * ```
   */
  register(provider: Provider): this {
    this.kit.add(provider);
    return this;
  }

  /**
   * Names of the registered providers, in registration order.
   * @example
   * ```ts
   * // A login page with one link per provider (names are `[a-z0-9_-]+`, safe in HTML).
   * app.get('/login', (req, res) => {
   *   const links = auth.providerNames().map((name) => `<a href="/auth/${name}/login">Log in with ${auth.provider(name)?.displayName ?? name}</a>`);
   *   res.send(links.join('<br>'));
   * });
   * ```
   */
  providerNames(): string[] {
    return [...this.kit.providers.keys()];
  }

  /**
   * A registered provider's data (frozen).
   * @example
   * ```ts
   * const gh = auth.provider('github');
   * if (gh) console.log(`${gh.displayName} asks for: ${gh.scope.join(', ')}`);
   * ```
   */
  provider(name: string): Provider | undefined {
    return this.kit.providers.get(name)?.provider;
  }

  /**
   * Middleware that serves every provider's routes under `routePrefix` and puts
   * `req.oauth` and `req.user` on every request. Mount it after express-session.
   * @example
   * ```ts
   * app.use(session({ secret, resave: false, saveUninitialized: false }));
   * app.use(auth.router()); // GET /auth/github/login, GET /auth/github/callback, POST /auth/logout, ...
   * ```
   */
  router(): RequestHandler {
    const kit = this.kit;
    return kitRouter(kit, (req, mountPath) => {
      req.oauth = new OAuthRequestHandle(kit, req, mountPath);
    });
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
    return singleProviderRouter(kit, name, (req) => {
      if (!req.oauth) req.oauth = new OAuthRequestHandle(kit, req, '');
    });
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
   * where the provider allows it; `except` keeps one session (e.g. `req.sessionID`).
   * Needs one request through `router()` first (to learn the session store), or `store`.
   * @returns how many sessions were ended.
   * @throws OAuthError session_unavailable when the store is unknown or fails.
   * @example
   * ```ts
   * const ended = await auth.endSessions({ provider: 'corp', accountId: 'alice' });
   * await auth.endSessions({ user: { id: 42 } });
   * ```
   */
  endSessions(target: EndSessionsTarget): Promise<number> {
    return endSessionsOf(this.kit, target);
  }

  /**
   * The guard bound to this registry; same as the exported {@link loginRequired}.
   * @example
   * ```ts
   * app.get('/dashboard', auth.loginRequired(), (req, res) => res.json(req.user));
   * app.use('/api/github', auth.loginRequired({ provider: 'github' }), router);
   * ```
   */
  loginRequired(options: LoginRequiredOptions = {}): RequestHandler {
    return boundLoginRequired(options, this.kit);
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

  /**
   * An error handler that renders {@link OAuthError}s safely (JSON or a fixed
   * page, no-store) and logs each one with its code, provider, sanitised cause
   * and a fix hint (`redirect_uri_mismatch` → the callback URL to register).
   *
   * @param options.log `true` (default): the registry's `logger` (warnings and errors to the console without one); a logger; `false`: no log lines.
   * @example
   * ```ts
   * app.use(auth.errorHandler());                  // or auth.errorHandler({ log: pino() })
   * ```
   */
  errorHandler(options: ErrorHandlerOptions = {}): ErrorRequestHandler {
    const kit = this.kit;
    const log = options.log === undefined || options.log === true ? kit.log : options.log === false ? undefined : createKitLog(options.log);
    return oauthErrorHandler({
      log,
      context: () => ({ baseUrl: kit.options.baseUrl, routePrefix: kit.options.routePrefix, providers: [...kit.providers.keys()] }),
    });
  }

  /**
   * An app (machine-to-machine) token from the client credentials grant,
   * cached until due and fetched once for concurrent callers (across
   * instances through `redis` when given).
   * @throws OAuthError token_exchange_failed
   * @example
   * ```ts
   * // A backend job calling an API as the app itself, not as a user.
   * auth.register(oauth2({
   *   name: 'billing', clientId, clientSecret,
   *   authorizationEndpoint: 'https://id.example.com/oauth/authorize',
   *   tokenEndpoint: 'https://id.example.com/oauth/token',
   * }));
   * const { accessToken } = await auth.clientCredentials('billing', { scope: ['invoices:read'] });
   * const invoices = await fetch('https://billing.example.com/invoices', { headers: { authorization: `Bearer ${accessToken}` } });
   * ```
   */
  clientCredentials(name: string, options: { scope?: readonly string[] } = {}): Promise<TokenSet> {
    return clientCredentialsToken(this.kit, name, options.scope ?? []);
  }
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
export function createRegistry(options: RegistryOptions<Profile> & { onLogin?: undefined }): Registry<Profile>;
/**
 * Create a provider registry whose users are `User`: what `onLogin` returns,
 * what it gets as `currentUser`, and what `auth.user(req)` hands back. Give
 * the type (`createRegistry<AppUser>({...})`), or annotate `onLogin`'s
 * parameter; otherwise it is `unknown`.
 *
 * @example
 * ```ts
 * interface AppUser { id: string; roles: string[] }
 * const auth = createRegistry<AppUser>({ baseUrl: 'https://app.example.com',
 *   onLogin: ({ profile, currentUser }) => currentUser ?? { id: profile.id, roles: [] } });
 * ```
 */
export function createRegistry<User>(options: RegistryOptions<User>): Registry<User>;
export function createRegistry<User>(options: RegistryOptions<User>): Registry<User> {
  return new Registry<User>(options);
}
