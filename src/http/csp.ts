/**
 * Content-Security-Policy directives for helmet that let login and logout
 * forms reach the registered providers (SECURITY K-21, S-9, S-18).
 *
 * Chrome applies `form-action` to every redirect that follows a form POST
 * (w3c/webappsec-csp#8, dotnet/aspnetcore#55491): with helmet's default
 * `form-action 'self'`, a `<form method="post">` whose answer 302s to GitHub
 * or to an OpenID provider is blocked. So `form-action` lists `'self'` plus
 * exactly the origins of the registered providers' authorization endpoints,
 * and nothing else.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from '../types.ts';

/** One source of a directive: a string such as `'self'`, or a per-request function (helmet calls it, e.g. for a nonce). */
export type CspSource = string | ((req: IncomingMessage, res: ServerResponse) => string);

/**
 * Directives in helmet's `contentSecurityPolicy.directives` shape. `null`
 * removes a directive (helmet then also drops its own default for it).
 *
 * @example
 * ```ts
 * const directives: CspDirectives = auth.contentSecurityPolicy();
 * console.log(directives['form-action']); // [ "'self'", 'https://github.com' ]
 * app.use(helmet({ contentSecurityPolicy: { useDefaults: false, directives } }));
 * ```
 */
export type CspDirectives = Record<string, CspSource[] | null>;

/**
 * Extra directives: the same shape, keys in kebab-case or camelCase.
 *
 * @example
 * ```ts
 * const extra: CspExtraDirectives = { imgSrc: ["'self'", 'https://avatars.githubusercontent.com'], 'upgrade-insecure-requests': null };
 * app.use(helmet({ contentSecurityPolicy: { directives: auth.contentSecurityPolicy(extra) } }));
 * ```
 */
export type CspExtraDirectives = Record<string, Iterable<CspSource> | null>;

/** The part of a registry the helper reads: its providers, as public data. */
export interface CspProviderSource {
  providerNames(): string[];
  provider(name: string): Provider | undefined;
}

// helmet 8's defaults, written out so the result is complete with `useDefaults: false` too.
function baseDirectives(): CspDirectives {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'font-src': ["'self'", 'https:', 'data:'],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", 'https:', "'unsafe-inline'"],
    'upgrade-insecure-requests': [],
  };
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * The origin the browser is sent to when logging in with `provider`: its
 * `authorizationEndpoint`, else (OIDC, discovered later) its issuer's origin.
 */
export function authorizationOrigin(provider: Provider): string | undefined {
  const endpoint = provider.authorizationEndpoint ?? (provider.protocol === 'oidc' ? provider.issuer : undefined);
  if (!endpoint) return undefined;
  try {
    return new URL(endpoint).origin;
  } catch {
    return undefined;
  }
}

/**
 * helmet `contentSecurityPolicy.directives` whose `form-action` is `'self'`
 * plus exactly the registered providers' authorization-endpoint origins.
 *
 * The other directives are helmet 8's defaults. `extra` replaces a directive
 * (`null` removes it), except `form-action`, whose extra sources are added to
 * the computed list. Call it after registering every provider: the list is
 * computed once, when called.
 *
 * For an OIDC provider whose authorization endpoint is discovered, the
 * issuer's origin is used (a provider whose discovered endpoint lives on
 * another host should be given `authorizationEndpoint` explicitly).
 *
 * @param auth the registry (anything with `providerNames()` and `provider(name)`).
 * @param extra directives to set or replace, in kebab-case or camelCase.
 * @returns a fresh directives object; arrays are never shared between calls.
 * @throws TypeError when `extra` gives a directive twice (`formAction` and `form-action`).
 * @see SECURITY.md K-21 (CSP `form-action` with OAuth redirects).
 * @example
 * ```ts
 * import helmet from 'helmet';
 * auth.register(github({ clientId, clientSecret }));
 * app.use(helmet({
 *   contentSecurityPolicy: {
 *     directives: contentSecurityPolicyDirectives(auth, { 'img-src': ["'self'", 'data:', 'https:'] }),
 *   },
 * }));
 * // form-action 'self' https://github.com
 * ```
 */
export function contentSecurityPolicyDirectives(auth: CspProviderSource, extra: CspExtraDirectives = {}): CspDirectives {
  const directives = baseDirectives();
  const formAction = new Set<CspSource>(["'self'"]);
  for (const name of auth.providerNames()) {
    const provider = auth.provider(name);
    const origin = provider && authorizationOrigin(provider);
    if (origin) formAction.add(origin);
  }
  const seen = new Set<string>();
  for (const [rawName, value] of Object.entries(extra)) {
    const name = kebab(rawName);
    if (seen.has(name)) throw new TypeError(`contentSecurityPolicyDirectives: the directive ${JSON.stringify(name)} is given twice.`);
    seen.add(name);
    if (name === 'form-action') {
      if (value) for (const source of value) formAction.add(source);
      continue;
    }
    directives[name] = value === null ? null : [...value];
  }
  directives['form-action'] = [...formAction];
  return directives;
}
