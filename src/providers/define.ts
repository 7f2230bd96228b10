/**
 * Building blocks every preset uses: option types, endpoint validation and the
 * freeze step. Setup mistakes throw {@link OAuthConfigError} here, at setup.
 */
import { OAuthConfigError } from '../errors.ts';
import type { MappedProfile, OAuth1Provider, OAuth2Provider, Provider } from '../types.ts';

/** Endpoint overrides every preset accepts (GitHub Enterprise, regional hosts, local emulators). */
export interface EndpointOverrides {
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  userinfoEndpoint?: string;
  apiBaseUrl?: string;
  revocationEndpoint?: string;
  /** Allow `http:` endpoints off loopback (never in production). */
  allowInsecureRequests?: boolean;
}

/** Options every OAuth 2.0 / OIDC preset accepts. */
export interface PresetOptions extends EndpointOverrides {
  clientId: string;
  clientSecret?: string;
  /** Scopes, as an array of strings; replaces the preset's default. */
  scope?: readonly string[];
  /** Registry name (default: the preset's name), to register one preset twice. */
  name?: string;
  /** Extra fixed authorize parameters. */
  authorizationParams?: Record<string, string>;
}

const NAME_RULE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** True for a loopback host name (127.0.0.1, ::1, localhost). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname) || hostname.startsWith('127.');
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
  if (url.protocol === 'https:') return url.href;
  if (url.protocol === 'http:' && (allowInsecure || isLoopbackHost(url.hostname))) return url.href;
  throw new OAuthConfigError(
    `${provider}: ${field} must use https (http is allowed only on loopback, or with allowInsecureRequests: true), got ${url.origin}.`,
  );
}

/** @throws OAuthConfigError when a required string option is missing. */
export function requireOption(provider: string, field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new OAuthConfigError(`${provider}: ${field} is required (a non-empty string).`);
  }
  return value;
}

/** @throws OAuthConfigError for a name that cannot be a route segment. */
export function checkName(name: unknown): string {
  if (typeof name !== 'string' || !NAME_RULE.test(name)) {
    throw new OAuthConfigError(`Provider name ${JSON.stringify(name)} must match ${NAME_RULE} (it becomes the /auth/:provider route).`);
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

/** Default OIDC claims mapper (`sub`, `preferred_username`, `name`, `email`, `email_verified`, `picture`). */
export function mapOidcClaims(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('profile has no sub');
  return compact({
    id,
    username: str(raw.preferred_username) ?? str(raw.nickname),
    name: str(raw.name) ?? ([str(raw.given_name), str(raw.family_name)].filter(Boolean).join(' ') || undefined),
    email: str(raw.email),
    emailVerified: typeof raw.email_verified === 'boolean' ? raw.email_verified : raw.email_verified === 'true' ? true : undefined,
    avatarUrl: str(raw.picture),
  });
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
  const clientAuth = input.clientAuth ?? (input.clientSecret ? 'client_secret_basic' : 'none');
  if (clientAuth !== 'none' && !input.clientSecret && !input.clientSecretFactory) {
    throw new OAuthConfigError(`${name}: clientSecret is required for client authentication ${clientAuth}.`);
  }
  if (protocol === 'oidc') {
    requireOption(name, 'issuer', input.issuer);
    checkEndpoint(name, 'issuer', input.issuer, insecure);
  } else {
    requireOption(name, 'authorizationEndpoint', input.authorizationEndpoint);
    requireOption(name, 'tokenEndpoint', input.tokenEndpoint);
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
    apiBaseUrl: checkEndpoint(name, 'apiBaseUrl', input.apiBaseUrl, insecure),
    apiHeaders: input.apiHeaders ? Object.freeze({ ...input.apiHeaders }) : undefined,
    authorizationParams: input.authorizationParams ? Object.freeze({ ...input.authorizationParams }) : undefined,
  };
  return Object.freeze(provider);
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

/** Type guard used by the flow code. */
export function isOAuth1(provider: Provider): provider is OAuth1Provider {
  return provider.protocol === 'oauth1';
}
