/**
 * Building blocks every preset uses: option types, endpoint validation and the
 * freeze step. Setup mistakes throw {@link OAuthConfigError} here, at setup.
 */
import { OAuthConfigError } from '../errors.ts';
import { isProviderName, isSecureOrLoopback, PROVIDER_NAME_RULE } from '../rules.ts';
import type { MappedProfile, OAuth1Provider, OAuth2Provider } from '../types.ts';

/**
 * Endpoint overrides every preset accepts (GitHub Enterprise, regional hosts, local emulators).
 *
 * @example
 * ```ts
 * // GitHub Enterprise Server instead of github.com.
 * const ghes: EndpointOverrides = {
 *   authorizationEndpoint: 'https://github.corp.example/login/oauth/authorize',
 *   tokenEndpoint: 'https://github.corp.example/login/oauth/access_token',
 *   apiBaseUrl: 'https://github.corp.example/api/v3',
 *   userinfoEndpoint: 'https://github.corp.example/api/v3/user',
 * };
 * auth.register(github({ clientId, clientSecret, ...ghes }));
 * ```
 */
export interface EndpointOverrides {
  /** Where browsers are sent to log in (replaces the preset's; GitHub Enterprise, regional hosts, emulators). */
  authorizationEndpoint?: string;
  /** Where the code is exchanged and tokens refreshed (replaces the preset's). */
  tokenEndpoint?: string;
  /** The profile call (replaces the preset's). */
  userinfoEndpoint?: string;
  /** Base URL of relative `req.oauth.fetch(name, '/path')` calls (replaces the preset's). */
  apiBaseUrl?: string;
  /** RFC 7009 endpoint the tokens are revoked at on logout (replaces the preset's; none: no revocation). */
  revocationEndpoint?: string;
  /** Allow `http:` endpoints off loopback (never in production). */
  allowInsecureRequests?: boolean;
}

/**
 * Options every OAuth 2.0 / OIDC preset accepts.
 *
 * @example
 * ```ts
 * // Two GitLab apps: gitlab.com and a self-managed instance, under two names.
 * const common: Omit<PresetOptions, 'clientId'> = { scope: ['read_user'], authorizationParams: { prompt: 'consent' } };
 * auth.register(gitlab({ ...common, clientId, clientSecret }));
 * auth.register(gitlab({ ...common, name: 'gitlab-corp', clientId: process.env.CORP_GITLAB_ID!, clientSecret: process.env.CORP_GITLAB_SECRET!, baseUrl: 'https://gitlab.corp.example' }));
 * ```
 */
export interface PresetOptions extends EndpointOverrides {
  /** The OAuth client id the provider gave your app. */
  clientId: string;
  /** The client secret (required by most presets; not sent with `clientAuth: 'none'` or `'private_key_jwt'`). */
  clientSecret?: string;
  /** Scopes, as an array of strings; replaces the preset's default. */
  scope?: readonly string[];
  /** Registry name (default: the preset's name), to register one preset twice. */
  name?: string;
  /** Extra fixed authorize parameters. */
  authorizationParams?: Record<string, string>;
  /** Per-login parameters a login link may forward (default: `prompt`, `login_hint`, `max_age`, `acr_values`, `ui_locales`). */
  loginParams?: readonly ('prompt' | 'login_hint' | 'max_age' | 'acr_values' | 'ui_locales')[];
  /** Scopes a login link may add with `?scope=` (default none). */
  allowedScopes?: readonly string[];
}


/**
 * Check one endpoint URL: absolute, https (or http on loopback / with allowInsecureRequests).
 * @throws OAuthConfigError naming the provider and the field.
 */
export function checkEndpoint(provider: string, field: string, value: string | undefined, allowInsecure = false): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OAuthConfigError(`${provider}: ${field} must be an absolute URL, got ${JSON.stringify(value)}.`);
  }
  if (isSecureOrLoopback(url, allowInsecure)) return url.href;
  throw new OAuthConfigError(
    `${provider}: ${field} must use https (http is allowed only on loopback, or with allowInsecureRequests: true), got ${url.origin}.`,
    'insecure_endpoint',
  );
}

/** @throws OAuthConfigError when a required string option is missing. */
export function requireOption(provider: string, field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new OAuthConfigError(`${provider}: ${field} is required (a non-empty string).`, 'missing_option');
  }
  return value;
}

/** @throws OAuthConfigError for a name that cannot be a route segment. */
export function checkName(name: unknown): string {
  if (!isProviderName(name)) {
    throw new OAuthConfigError(`Provider name ${JSON.stringify(name)} must match ${PROVIDER_NAME_RULE} (it becomes the /auth/:provider route).`, 'invalid_provider_name');
  }
  return name;
}

/** @throws OAuthConfigError unless scope is an array of strings. */
export function checkScope(provider: string, scope: unknown): readonly string[] {
  if (!Array.isArray(scope) || !scope.every((s) => typeof s === 'string' && s.length > 0 && !/\s/.test(s))) {
    throw new OAuthConfigError(`${provider}: scope must be an array of strings without spaces, e.g. ['read:user'].`);
  }
  return Object.freeze([...scope]);
}

/** A string field of a raw payload, or undefined (mappers must tolerate missing optional fields). */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Drop undefined fields so profiles stay small in the session. */
export function compact(profile: MappedProfile): MappedProfile {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(profile)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out as unknown as MappedProfile;
}

/**
 * A person's name from its parts: the non-empty ones (see {@link str}) joined
 * with a space, or undefined when there are none.
 *
 * @example
 * ```ts
 * joinName('Franz', 'Ferdinand'); // 'Franz Ferdinand'
 * joinName(undefined, 'Ferdinand'); // 'Ferdinand'
 * joinName('', null); // undefined
 * ```
 */
export function joinName(...parts: unknown[]): string | undefined {
  return parts.map(str).filter(Boolean).join(' ') || undefined;
}

/**
 * The OIDC `name` claim, or else `given_name` + `family_name` (see {@link joinName}).
 *
 * @example
 * ```ts
 * claimsName({ name: 'J Smith', given_name: 'Jane' }); // 'J Smith'
 * claimsName({ given_name: 'J', family_name: 'Smith' }); // 'J Smith'
 * claimsName({}); // undefined
 * ```
 */
export function claimsName(raw: any): string | undefined {
  return str(raw?.name) ?? joinName(raw?.given_name, raw?.family_name);
}

/**
 * A boolean claim (e.g. `email_verified`) when it is a real boolean; anything
 * else (missing, `"true"`, `1`) is undefined, so a profile never claims more
 * than the provider said.
 *
 * @example
 * ```ts
 * booleanClaim(false); // false
 * booleanClaim('true'); // undefined
 * ```
 */
export function booleanClaim(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * A boolean claim that some providers (Amazon Cognito, Apple) send as the
 * strings `"true"` / `"false"`: both spellings count; anything else is undefined.
 *
 * @example
 * ```ts
 * booleanishClaim('true'); // true
 * booleanishClaim(false); // false
 * booleanishClaim('yes'); // undefined
 * ```
 */
export function booleanishClaim(value: unknown): boolean | undefined {
  return value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined;
}

/**
 * The OIDC standard profile claims as profile fields: `name` (see
 * {@link claimsName}), `email`, `emailVerified` (a real boolean
 * `email_verified` only, see {@link booleanClaim}) and `avatarUrl` (`picture`).
 * A preset's mapper adds the `id` and, where the provider has one, the
 * `username` claim; pass the result through {@link compact}.
 *
 * @example
 * ```ts
 * declare const raw: Record<string, unknown>; // a provider's id_token claims or userinfo
 * compact({ id: 'u1', username: str(raw.preferred_username), ...standardClaims(raw) });
 * standardClaims({ given_name: 'J', family_name: 'Smith', email_verified: 'true' });
 * // { name: 'J Smith', email: undefined, emailVerified: undefined, avatarUrl: undefined }
 * ```
 */
export function standardClaims(raw: any): Pick<MappedProfile, 'name' | 'email' | 'emailVerified' | 'avatarUrl'> {
  return {
    name: claimsName(raw),
    email: str(raw?.email),
    emailVerified: booleanClaim(raw?.email_verified),
    avatarUrl: str(raw?.picture),
  };
}

/**
 * Default OIDC claims mapper (`sub`, `preferred_username`, `name`, `email`, `email_verified`, `picture`).
 *
 * @example
 * ```ts
 * // Keep the defaults and add a department claim to the username.
 * auth.register(oidc({
 *   name: 'corp', issuer: 'https://id.example.com', clientId, clientSecret,
 *   profile: (claims) => ({ ...mapOidcClaims(claims), username: `${claims.department}/${claims.preferred_username}` }),
 * }));
 * mapOidcClaims({ sub: '248289761001', name: 'Jane Doe', email: 'jane@example.com', email_verified: true });
 * // { id: '248289761001', name: 'Jane Doe', email: 'jane@example.com', emailVerified: true }
 * ```
 */
export function mapOidcClaims(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('profile has no sub');
  return compact({
    id,
    username: str(raw.preferred_username) ?? str(raw.nickname),
    name: claimsName(raw),
    email: str(raw.email),
    emailVerified: typeof raw.email_verified === 'boolean' ? raw.email_verified : raw.email_verified === 'true' ? true : undefined,
    avatarUrl: str(raw.picture),
  });
}

/**
 * What a preset fills in where the options leave a field unset: its endpoints,
 * and fixed authorize parameters (the user's `authorizationParams` win on a clash).
 */
export interface PresetEndpointDefaults {
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  userinfoEndpoint?: string;
  revocationEndpoint?: string;
  apiBaseUrl?: string;
  authorizationParams?: Record<string, string>;
}

/**
 * The endpoint part of a preset: each endpoint override from the options, or
 * else the preset's default (a field with neither is `undefined`: discovery or
 * nothing), plus `allowInsecureRequests` and the `authorizationParams` (after
 * the preset's fixed ones, if any). Spread it into {@link defineOAuth2Provider}'s
 * input, which validates every URL.
 *
 * @param options the preset's options (only the {@link EndpointOverrides} and `authorizationParams` are read).
 * @param defaults the preset's own values; OIDC presets usually give none, or only `apiBaseUrl`.
 * @example
 * ```ts
 * declare const options: PresetOptions; // what the app passed to the preset
 * defineOAuth2Provider({
 *   name: 'acme', displayName: 'Acme', clientId: options.clientId, clientSecret: options.clientSecret,
 *   ...presetEndpoints(options, {
 *     authorizationEndpoint: 'https://acme.example/oauth/authorize',
 *     tokenEndpoint: 'https://acme.example/oauth/token',
 *     authorizationParams: { prompt: 'consent' },
 *   }),
 *   scope: [], profile: mapGenericProfile,
 * });
 * presetEndpoints({ tokenEndpoint: 'http://127.0.0.1:4000/token' }, { tokenEndpoint: 'https://acme.example/oauth/token' }).tokenEndpoint;
 * // 'http://127.0.0.1:4000/token'
 * ```
 */
export function presetEndpoints(
  options: EndpointOverrides & Pick<PresetOptions, 'authorizationParams' | 'loginParams' | 'allowedScopes'>,
  defaults: PresetEndpointDefaults = {},
): EndpointOverrides & Pick<PresetOptions, 'authorizationParams' | 'loginParams' | 'allowedScopes'> {
  return {
    ...(options.loginParams !== undefined ? { loginParams: options.loginParams } : {}),
    ...(options.allowedScopes !== undefined ? { allowedScopes: options.allowedScopes } : {}),
    authorizationEndpoint: options.authorizationEndpoint ?? defaults.authorizationEndpoint,
    tokenEndpoint: options.tokenEndpoint ?? defaults.tokenEndpoint,
    userinfoEndpoint: options.userinfoEndpoint ?? defaults.userinfoEndpoint,
    revocationEndpoint: options.revocationEndpoint ?? defaults.revocationEndpoint,
    apiBaseUrl: options.apiBaseUrl ?? defaults.apiBaseUrl,
    allowInsecureRequests: options.allowInsecureRequests,
    authorizationParams: defaults.authorizationParams
      ? { ...defaults.authorizationParams, ...options.authorizationParams }
      : options.authorizationParams,
  };
}

/**
 * The issuer of a hosted tenant (Okta, Auth0): the `issuer` option when it is
 * given, else `https://<domain><path>`, where `domain` may be a bare host
 * (with a port) or a pasted `https://` URL with trailing slashes.
 *
 * @param provider the registry name, for error messages.
 * @param options `issuer` (wins unless it is null or undefined) and `domain`.
 * @param tenant `example`, a host shown in error messages, and `path`, the issuer path after the host.
 * @throws OAuthConfigError when neither `issuer` nor `domain` is given, or `domain` is not a host name.
 * @example
 * ```ts
 * domainIssuer('okta', { domain: 'https://dev-123456.okta.com/' }, { example: 'dev-123456.okta.com', path: '/oauth2/default' });
 * // 'https://dev-123456.okta.com/oauth2/default'
 * domainIssuer('okta', { issuer: 'https://example.okta.com' }, { example: 'dev-123456.okta.com', path: '/oauth2/default' });
 * // 'https://example.okta.com'
 * ```
 */
export function domainIssuer(provider: string, options: { issuer?: string; domain?: string }, tenant: { example: string; path: string }): string {
  if (!options.issuer && !options.domain) {
    throw new OAuthConfigError(`${provider}: give domain (e.g. ${tenant.example}) or issuer (e.g. https://${tenant.example}${tenant.path}).`);
  }
  return options.issuer ?? `https://${tenantHost(provider, options.domain!, tenant.example)}${tenant.path}`;
}

/** `dev-123456.okta.com` from a bare domain or a pasted URL; a setup error otherwise. */
function tenantHost(provider: string, domain: string, example: string): string {
  const host = domain.replace(/^https:\/\//i, '').replace(/\/+$/, '');
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(host)) {
    throw new OAuthConfigError(`${provider}: domain must be a host name such as ${example}, got ${JSON.stringify(domain)}.`);
  }
  return host;
}

/**
 * A self-hosted instance's base URL (GitHub Enterprise Server, self-managed
 * GitLab): its origin plus any path (a relative URL root), without a trailing slash.
 *
 * @param provider the name used in the error message.
 * @param field the option's name, for the error message.
 * @param example an instance URL shown in the error message.
 * @throws OAuthConfigError when `value` is not an absolute URL.
 * @example
 * ```ts
 * instanceUrl('gitlab', 'baseUrl', 'https://gitlab.example.com/gitlab/', 'https://gitlab.example.com'); // 'https://gitlab.example.com/gitlab'
 * ```
 */
export function instanceUrl(provider: string, field: string, value: string, example: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OAuthConfigError(`${provider}: ${field} must be an absolute URL such as ${example}, got ${JSON.stringify(value)}.`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

type OAuth2Input = Omit<OAuth2Provider, 'scopeSeparator' | 'clientAuth' | 'pkce' | 'quirks' | 'protocol'> &
  Partial<Pick<OAuth2Provider, 'scopeSeparator' | 'clientAuth' | 'pkce' | 'quirks' | 'protocol'>>;

/**
 * Validate and freeze an OAuth 2.0 / OIDC provider object. Presets end with this.
 * @throws OAuthConfigError for a missing clientId, a bad name or scope, an insecure endpoint.
 */
export function defineOAuth2Provider(input: OAuth2Input): OAuth2Provider {
  const name = checkName(input.name);
  requireOption(name, 'clientId', input.clientId);
  const protocol = input.protocol ?? 'oauth2';
  const insecure = input.allowInsecureRequests === true;
  const clientAuth = input.clientAuth ?? (input.privateKey !== undefined && !input.clientSecret ? 'private_key_jwt' : input.clientSecret ? 'client_secret_basic' : 'none');
  // The JWT methods' secret or key is checked at register() (protocol/client-auth.ts).
  if ((clientAuth === 'client_secret_basic' || clientAuth === 'client_secret_post') && !input.clientSecret && !input.clientSecretFactory) {
    throw new OAuthConfigError(`${name}: clientSecret is required for client authentication ${clientAuth}.`, 'missing_option');
  }
  if (protocol === 'oidc') {
    requireOption(name, 'issuer', input.issuer);
    checkEndpoint(name, 'issuer', input.issuer, insecure);
  } else {
    requireOption(name, 'authorizationEndpoint', input.authorizationEndpoint);
    requireOption(name, 'tokenEndpoint', input.tokenEndpoint);
    if (input.pushedAuthorizationRequests === true) requireOption(name, 'pushedAuthorizationRequestEndpoint (for pushedAuthorizationRequests: true)', input.pushedAuthorizationRequestEndpoint);
  }
  const provider: OAuth2Provider = {
    ...input,
    protocol,
    name,
    clientAuth,
    scope: checkScope(name, input.scope ?? []),
    scopeSeparator: input.scopeSeparator ?? ' ',
    pkce: input.pkce ?? true,
    quirks: Object.freeze([...(input.quirks ?? [])]),
    authorizationEndpoint: checkEndpoint(name, 'authorizationEndpoint', input.authorizationEndpoint, insecure),
    tokenEndpoint: checkEndpoint(name, 'tokenEndpoint', input.tokenEndpoint, insecure),
    userinfoEndpoint: checkEndpoint(name, 'userinfoEndpoint', input.userinfoEndpoint, insecure),
    revocationEndpoint: checkEndpoint(name, 'revocationEndpoint', input.revocationEndpoint, insecure),
    jwksUri: checkEndpoint(name, 'jwksUri', input.jwksUri, insecure),
    pushedAuthorizationRequestEndpoint: checkEndpoint(name, 'pushedAuthorizationRequestEndpoint', input.pushedAuthorizationRequestEndpoint, insecure),
    apiBaseUrl: checkEndpoint(name, 'apiBaseUrl', input.apiBaseUrl, insecure),
    apiHeaders: input.apiHeaders ? Object.freeze({ ...input.apiHeaders }) : undefined,
    authorizationParams: input.authorizationParams ? Object.freeze({ ...input.authorizationParams }) : undefined,
    loginParams: checkLoginParamNames(name, input.loginParams),
    allowedScopes: input.allowedScopes === undefined ? undefined : checkScope(name, input.allowedScopes),
  };
  return Object.freeze(provider);
}

const LOGIN_PARAM_NAMES = ['prompt', 'login_hint', 'max_age', 'acr_values', 'ui_locales'];

/** @throws OAuthConfigError unless `loginParams` is an array of the five per-login parameter names. */
function checkLoginParamNames(provider: string, value: unknown): OAuth2Provider['loginParams'] {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => LOGIN_PARAM_NAMES.includes(v))) {
    throw new OAuthConfigError(`${provider}: loginParams must be an array of ${LOGIN_PARAM_NAMES.map((n) => `'${n}'`).join(', ')}.`);
  }
  return Object.freeze([...value]) as OAuth2Provider['loginParams'];
}

type OAuth1Input = Omit<OAuth1Provider, 'scopeSeparator' | 'quirks' | 'protocol' | 'scope'> &
  Partial<Pick<OAuth1Provider, 'scopeSeparator' | 'quirks' | 'scope'>>;

/**
 * Validate and freeze an OAuth 1.0a provider object.
 * @throws OAuthConfigError for a missing consumerKey / consumerSecret or an insecure endpoint.
 */
export function defineOAuth1Provider(input: OAuth1Input): OAuth1Provider {
  const name = checkName(input.name);
  requireOption(name, 'consumerKey', input.consumerKey);
  requireOption(name, 'consumerSecret', input.consumerSecret);
  const insecure = input.allowInsecureRequests === true;
  const provider: OAuth1Provider = {
    ...input,
    protocol: 'oauth1',
    name,
    scope: checkScope(name, input.scope ?? []),
    scopeSeparator: input.scopeSeparator ?? ' ',
    quirks: Object.freeze([...(input.quirks ?? [])]),
    requestTokenEndpoint: checkEndpoint(name, 'requestTokenEndpoint', requireOption(name, 'requestTokenEndpoint', input.requestTokenEndpoint), insecure)!,
    authorizationEndpoint: checkEndpoint(name, 'authorizationEndpoint', requireOption(name, 'authorizationEndpoint', input.authorizationEndpoint), insecure)!,
    accessTokenEndpoint: checkEndpoint(name, 'accessTokenEndpoint', requireOption(name, 'accessTokenEndpoint', input.accessTokenEndpoint), insecure)!,
    userinfoEndpoint: checkEndpoint(name, 'userinfoEndpoint', requireOption(name, 'userinfoEndpoint', input.userinfoEndpoint), insecure)!,
    apiBaseUrl: checkEndpoint(name, 'apiBaseUrl', input.apiBaseUrl, insecure),
    apiHeaders: input.apiHeaders ? Object.freeze({ ...input.apiHeaders }) : undefined,
  };
  return Object.freeze(provider);
}
