import { defineOAuth2Provider, mapOidcClaims, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';
import type { StrongClientOptions } from './strong-client.ts';

/** Options of {@link oidc}. */
export interface OidcOptions extends PresetOptions, StrongClientOptions {
  name: string;
  /** The issuer; `/.well-known/openid-configuration` is discovered from it lazily and cached. */
  issuer: string;
  displayName?: string;
  /** Pinned id_token signing alg (default RS256). `none` only if you really mean it. */
  idTokenSigningAlg?: string;
  profile?: (claims: any) => MappedProfile;
}

/**
 * A generic OpenID Connect provider found by discovery. The id_token is fully
 * validated (signature, alg, iss, aud, nonce, exp) and userinfo `sub` compared.
 *
 * @throws OAuthConfigError when clientId or issuer is missing or the issuer is http off loopback.
 * @example
 * ```ts
 * auth.register(oidc({ name: 'corp', issuer: 'https://id.example.com', clientId, clientSecret }));
 * ```
 */
export function oidc(options: OidcOptions): OAuth2Provider {
  return defineOAuth2Provider({
    ...options,
    protocol: 'oidc',
    displayName: options.displayName ?? options.name,
    scope: options.scope ?? ['openid', 'profile', 'email'],
    profile: options.profile ?? mapOidcClaims,
    quirks: [],
  });
}
