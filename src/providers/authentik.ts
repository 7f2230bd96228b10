import { OAuthConfigError } from '../errors.ts';
import { compact, defineOAuth2Provider, instanceUrl, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link authentik}: the application's `issuer`, or `baseUrl` + `slug`.
 *
 * @example
 * ```ts
 * const options: AuthentikOptions = { clientId, clientSecret, baseUrl: 'https://authentik.example.com', slug: 'my-app' };
 * ```
 */
export interface AuthentikOptions extends PresetOptions {
  /** Full issuer, e.g. `https://authentik.example.com/application/o/my-app/` (trailing slash included). */
  issuer?: string;
  /** authentik's public URL, e.g. `https://authentik.example.com`. */
  baseUrl?: string;
  /** The application slug (Applications → your app → Slug). */
  slug?: string;
}

/**
 * Map authentik's OIDC claims (id_token / `application/o/userinfo/`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapAuthentikProfile({ sub: 'f0a9…', preferred_username: 'akadmin', name: 'authentik Default Admin', email: 'admin@example.com', email_verified: true });
 * // { id: 'f0a9…', username: 'akadmin', name: 'authentik Default Admin', email: 'admin@example.com', emailVerified: true }
 * ```
 */
export function mapAuthentikProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('authentik profile has no sub');
  return compact({ id, username: str(raw.preferred_username) ?? str(raw.nickname), ...standardClaims(raw) });
}

/**
 * authentik (self-hosted) over OpenID Connect with discovery. In the default
 * issuer mode each OAuth2/OpenID provider has its own issuer,
 * `<baseUrl>/application/o/<slug>/` — with the trailing slash, which must
 * match the `iss` claim exactly.
 *
 * The kit pins RS256 id_tokens: give the provider a signing key (certificate)
 * in authentik; a provider without one is not supported by this preset.
 *
 * Unverified: what authentik signs with when the provider has no signing key
 * (an HMAC with the client secret, as other clients report); whether authentik rejects PKCE for confidential clients (it is
 * assumed to accept S256, as it advertises `code_challenge_methods_supported`).
 *
 * @param options `clientId`, `clientSecret`, `issuer` or `baseUrl` + `slug`, `scope` (default `openid profile email`).
 * @throws OAuthConfigError when clientId is missing, or neither issuer nor baseUrl + slug is given.
 * @see https://docs.goauthentik.io/docs/add-secure-apps/providers/oauth2/
 * @example
 * ```ts
 * auth.register(authentik({ clientId, clientSecret, baseUrl: 'https://authentik.example.com', slug: 'my-app' }));
 * ```
 */
export function authentik(options: AuthentikOptions): OAuth2Provider {
  const name = options.name ?? 'authentik';
  let issuer = options.issuer;
  if (!issuer) {
    if (!options.baseUrl || !options.slug) {
      throw new OAuthConfigError(`${name}: give issuer (e.g. https://authentik.example.com/application/o/my-app/) or baseUrl + slug.`);
    }
    const base = instanceUrl(name, 'baseUrl', options.baseUrl, 'https://authentik.example.com');
    issuer = `${base}/application/o/${encodeURIComponent(options.slug)}/`;
  }
  const origin = issuer.replace(/\/application\/o\/[^/]+\/?$/, '');
  return defineOAuth2Provider({
    name,
    displayName: 'authentik',
    protocol: 'oidc',
    issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options),
    profile: mapAuthentikProfile,
    quirks: ['slug-issuer', 'issuer-trailing-slash'],
    docs: {
      registerUrl: `${origin}/if/admin/#/core/applications`,
      notes: `Admin interface → Applications → Create with provider (OAuth2/OpenID, Confidential); Redirect URIs (strict): <baseUrl>/auth/${name}/callback.`,
      kind: 'self-hosted',
      unverified: ['PKCE (S256) accepted for confidential clients', 'the id_token algorithm of a provider without a signing key (RS256 pinned: select a signing key)', 'fixture payload reconstructed from documented field names, not a verbatim documented example'],
    },
  });
}
