import { booleanClaim, compact, defineOAuth2Provider, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider, ProfileFetchContext } from '../types.ts';
import type { StrongClientOptions } from './strong-client.ts';

/** Options of {@link oauth2}. */
export interface OAuth2Options extends PresetOptions, StrongClientOptions {
  name: string;
  displayName?: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** RFC 9126 PAR endpoint, required with `pushedAuthorizationRequests: true` (no discovery here). */
  pushedAuthorizationRequestEndpoint?: string;
  /** RFC 9207 issuer the server puts in `iss` on callbacks, if any. */
  issuer?: string;
  /** Default true: PKCE S256 on every login. */
  pkce?: boolean;
  scopeSeparator?: string;
  apiHeaders?: Record<string, string>;
  /** Map the userinfo payload; default reads `id`/`sub`, `login`/`username`, `name`, `email`, `avatar_url`/`picture`. */
  profile?: (raw: any) => MappedProfile;
  fetchProfile?: (ctx: ProfileFetchContext) => Promise<unknown>;
}

/**
 * Default mapper of a generic OAuth 2.0 userinfo payload.
 *
 * @example
 * ```ts
 * mapGenericProfile({ id: 42, login: 'octocat', name: 'The Octocat', avatar_url: 'https://example.com/a.png' });
 * // { id: '42', username: 'octocat', name: 'The Octocat', avatarUrl: 'https://example.com/a.png' }
 *
 * // Wrap it when the payload is nested:
 * auth.register(oauth2({
 *   name: 'acme', clientId, clientSecret,
 *   authorizationEndpoint: 'https://acme.example/oauth/authorize',
 *   tokenEndpoint: 'https://acme.example/oauth/token',
 *   userinfoEndpoint: 'https://api.acme.example/me',
 *   profile: (raw) => mapGenericProfile(raw.data),
 * }));
 * ```
 */
export function mapGenericProfile(raw: any): MappedProfile {
  const id = str(raw?.id) ?? str(raw?.sub);
  if (!id) throw new TypeError('profile has no id');
  return compact({
    id,
    username: str(raw.login) ?? str(raw.username) ?? str(raw.preferred_username),
    name: str(raw.name),
    email: str(raw.email),
    emailVerified: booleanClaim(raw.email_verified),
    avatarUrl: str(raw.avatar_url) ?? str(raw.picture),
  });
}

/**
 * A generic OAuth 2.0 provider with explicit endpoints (no discovery).
 *
 * @throws OAuthConfigError when clientId or an endpoint is missing, or an endpoint is http off loopback.
 * @example
 * ```ts
 * auth.register(oauth2({
 *   name: 'acme', clientId, clientSecret,
 *   authorizationEndpoint: 'https://acme.example/oauth/authorize',
 *   tokenEndpoint: 'https://acme.example/oauth/token',
 *   userinfoEndpoint: 'https://api.acme.example/me',
 *   profile: (raw) => ({ id: String(raw.id), name: raw.name }),
 * }));
 * ```
 */
export function oauth2(options: OAuth2Options): OAuth2Provider {
  return defineOAuth2Provider({
    ...options,
    protocol: 'oauth2',
    displayName: options.displayName ?? options.name,
    scope: options.scope ?? [],
    profile: options.profile ?? mapGenericProfile,
    quirks: [],
  });
}
