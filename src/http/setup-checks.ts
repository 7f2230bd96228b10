/**
 * Setup mistakes a new user makes, each with what to do about it. Pure
 * functions: the registry calls them at `createRegistry()` (what the options
 * show) and on the first request through its router (what only the running
 * app shows: the mount path, express-session's cookie, `trust proxy`).
 */
import { isLoopbackHost } from '../rules.ts';

/** One mistake found: a stable code and a sentence that says what to do. */
export interface SetupProblem {
  code:
    | 'base_url_scheme'
    | 'base_url_mount'
    | 'same_site_strict'
    | 'same_site_none'
    | 'trust_proxy_true'
    | 'production_http'
    | 'no_providers'
    | 'save_uninitialized'
    | 'resave';
  message: string;
}

/**
 * A `baseUrl` written without its scheme (`localhost:3000`, `app.example.com`,
 * `//app.example.com`): the message shows the value with the scheme it needs.
 *
 * @example
 * ```ts
 * baseUrlSchemeProblem('localhost:3000')?.message; // 'createRegistry: baseUrl needs a scheme: use "http://localhost:3000" ...'
 * baseUrlSchemeProblem('https://app.example.com'); // undefined
 * ```
 */
export function baseUrlSchemeProblem(value: string): SetupProblem | undefined {
  if (/^https?:\/\//i.test(value)) return undefined;
  const bare = value.replace(/^\/\//, '');
  // `localhost:3000` parses as the scheme `localhost:`; `app.example.com` does not parse at all.
  const hostPart = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d+)?(\/.*)?$/.exec(bare);
  if (!hostPart) return undefined;
  const host = hostPart[1]!.replace(/^\[|\]$/g, '');
  const scheme = isLoopbackHost(host) || host === '::1' ? 'http' : 'https';
  return {
    code: 'base_url_scheme',
    message: `createRegistry: baseUrl needs a scheme: use "${scheme}://${bare}" (got ${JSON.stringify(value)}); redirect URIs are built from it.`,
  };
}

/**
 * A `baseUrl` path that does not fit where the router runs. Redirect URIs are
 * `<baseUrl origin><baseUrl path><mount path><routePrefix>/<name>/callback`:
 * the baseUrl path is the prefix a proxy adds in front of the app, the mount
 * path is the app's own `app.use(path, auth.router())`. Two mistakes show:
 * the same prefix in both (`/app/app/auth/…`), and a baseUrl path that
 * reaches the app unstripped (no proxy removes it, so callbacks 404).
 *
 * @param basePath `new URL(baseUrl).pathname`.
 * @param mountPath `req.baseUrl` where the router runs (`''` at the root).
 * @param requestPath the path of a request the router saw (`req.originalUrl` without its query).
 * @example
 * ```ts
 * baseUrlMountProblem('/app', '/app', '/app/auth/me', '/auth')?.code; // 'base_url_mount' (doubled prefix)
 * baseUrlMountProblem('/app', '', '/app/dashboard', '/auth')?.code;    // 'base_url_mount' (prefix not stripped)
 * baseUrlMountProblem('/app', '', '/dashboard', '/auth');              // undefined: a proxy strips /app
 * ```
 */
export function baseUrlMountProblem(basePath: string, mountPath: string, requestPath: string, routePrefix: string): SetupProblem | undefined {
  const base = basePath.replace(/\/+$/, '');
  const mount = mountPath.replace(/\/+$/, '');
  if (base === '') return undefined;
  if (mount !== '' && base.endsWith(mount)) {
    return {
      code: 'base_url_mount',
      message:
        `baseUrl's path "${base}" and the router's mount path "${mount}" are both added to redirect URIs (${base}${mount}${routePrefix}/<provider>/callback). ` +
        `Give baseUrl as the origin only (the mount path is added), or mount the router at the root.`,
    };
  }
  if (requestPath === base || requestPath.startsWith(`${base}/`)) {
    return {
      code: 'base_url_mount',
      message:
        `baseUrl has the path "${base}", which the kit treats as a prefix a proxy removes, but requests reach the app with it (${requestPath}): ` +
        `callbacks to ${base}${mount}${routePrefix}/<provider>/callback would 404. Mount the router there instead — app.use("${base}", auth.router()) — and give baseUrl as the origin only.`,
    };
  }
  return undefined;
}

/**
 * A session cookie whose `sameSite` breaks the login: `strict` is not sent on
 * the provider's redirect back (a cross-site navigation), `none` sends it on
 * every cross-site request.
 *
 * @example
 * ```ts
 * sameSiteProblem('strict')?.code; // 'same_site_strict'
 * ```
 */
export function sameSiteProblem(sameSite: unknown): SetupProblem | undefined {
  const value = sameSite === true ? 'strict' : typeof sameSite === 'string' ? sameSite.toLowerCase() : undefined;
  if (value === 'strict') {
    return {
      code: 'same_site_strict',
      message:
        "The session cookie is SameSite=Strict: browsers do not send it on the provider's redirect back to the callback, so logins fail (state_mismatch) or loop. " +
        "Use session({ cookie: { sameSite: 'lax' } }): it still keeps the cookie off cross-site POSTs.",
    };
  }
  if (value === 'none') {
    return {
      code: 'same_site_none',
      message:
        "The session cookie is SameSite=None: browsers send it on every cross-site request, including forged ones. Use session({ cookie: { sameSite: 'lax' } }); the login works with Lax.",
    };
  }
  return undefined;
}

/**
 * `app.set('trust proxy', true)`: every client can then set `X-Forwarded-For`
 * and `X-Forwarded-Proto`, so `req.ip` and `req.secure` are whatever it says.
 *
 * @example
 * ```ts
 * trustProxyProblem(true)?.code; // 'trust_proxy_true'
 * trustProxyProblem(1); // undefined
 * ```
 */
export function trustProxyProblem(setting: unknown): SetupProblem | undefined {
  if (setting !== true) return undefined;
  return {
    code: 'trust_proxy_true',
    message:
      "app.set('trust proxy', true) trusts X-Forwarded-* from anyone, so any client can claim https or another IP. " +
      "Set the number of proxies in front of the app instead, e.g. app.set('trust proxy', 1).",
  };
}

/**
 * Production (`NODE_ENV=production`) with an http `baseUrl`: cookies cannot be
 * Secure and redirect URIs point at a development origin.
 *
 * @example
 * ```ts
 * productionHttpProblem(new URL('http://localhost:3000'), 'production')?.code; // 'production_http'
 * ```
 */
export function productionHttpProblem(baseUrl: URL, nodeEnv: string | undefined): SetupProblem | undefined {
  if (nodeEnv !== 'production' || baseUrl.protocol !== 'http:') return undefined;
  return {
    code: 'production_http',
    message:
      `NODE_ENV is production but baseUrl is ${baseUrl.origin}: redirect URIs point at a development origin and the session cookie cannot be Secure. ` +
      'Set baseUrl to your public https origin (e.g. from BASE_URL).',
  };
}

/**
 * A router serving requests with no provider registered.
 *
 * @example
 * ```ts
 * noProvidersProblem(0)?.code; // 'no_providers'
 * ```
 */
export function noProvidersProblem(count: number): SetupProblem | undefined {
  if (count > 0) return undefined;
  return {
    code: 'no_providers',
    message: 'No provider is registered: every login route answers 404. Call auth.register(github({ clientId, clientSecret })) (or another preset) before app.listen().',
  };
}

/** What {@link secureCookieHint} looks at. */
export interface SecureCookieContext {
  /** The registry's baseUrl. */
  baseUrl: URL;
  /** The request's `X-Forwarded-Proto`, if any. */
  forwardedProto: string | undefined;
  /** `app.get('trust proxy')`. */
  trustProxy: unknown;
}

/**
 * Why a Secure session cookie meets a plain-http request, and what to do,
 * fitted to the case: a TLS proxy the app does not trust, plain http in
 * development, or an https site reached over plain http.
 *
 * @example
 * ```ts
 * secureCookieHint({ baseUrl: new URL('http://localhost:3000'), forwardedProto: undefined, trustProxy: false });
 * // 'The session cookie is Secure but this is plain http (development): ...'
 * ```
 */
export function secureCookieHint(ctx: SecureCookieContext): string {
  const proto = ctx.forwardedProto?.split(',')[0]?.trim().toLowerCase();
  const trusted = ctx.trustProxy !== undefined && ctx.trustProxy !== false && ctx.trustProxy !== 0;
  if (proto === 'https' && !trusted) {
    return "The session cookie is Secure and a proxy says the request was https (X-Forwarded-Proto), but the app does not trust it: set app.set('trust proxy', 1) (the number of proxies in front of the app).";
  }
  if (proto === 'https' && trusted) {
    return "The session cookie is Secure and X-Forwarded-Proto says https, but the trusted hops do not reach that proxy: raise app.set('trust proxy', <number of proxies>).";
  }
  if (ctx.baseUrl.protocol === 'http:') {
    return "The session cookie is Secure but this is plain http (development) with no proxy in front, so setting trust proxy would not help: browsers drop Secure cookies on http. Set cookie.secure only in production, e.g. secure: process.env.NODE_ENV === 'production'.";
  }
  return `The session cookie is Secure but this request reached the app over plain http, with no proxy saying it was https: serve ${ctx.baseUrl.origin} through TLS (a proxy that sets X-Forwarded-Proto, then app.set('trust proxy', 1)).`;
}
