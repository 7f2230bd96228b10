import { compact, defineOAuth2Provider, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link google}.
 *
 * @example
 * ```ts
 * const options: GoogleOptions = { clientId, clientSecret, offline: true };
 * ```
 */
export interface GoogleOptions extends PresetOptions {
  /** Ask for a refresh token (`access_type=offline`, `prompt=consent`). */
  offline?: boolean;
  /** Issuer override (local emulators); default `https://accounts.google.com`. */
  issuer?: string;
}

/**
 * Map Google's id_token / userinfo claims to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapGoogleProfile({ sub: '110169484474386276334', email: 'jsmith@example.com', email_verified: true, name: 'J Smith' });
 * // { id: '110169484474386276334', name: 'J Smith', email: 'jsmith@example.com', emailVerified: true }
 * ```
 */
export function mapGoogleProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Google profile has no sub');
  return compact({ id, ...standardClaims(raw) });
}

/**
 * Google over OpenID Connect (discovery at `https://accounts.google.com`),
 * with PKCE and nonce; the id_token is validated and userinfo `sub` compared.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `openid email profile`), `offline`, `issuer`.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developers.google.com/identity/openid-connect/openid-connect
 * @example
 * ```ts
 * auth.register(google({ clientId: process.env.GOOGLE_CLIENT_ID!, clientSecret: process.env.GOOGLE_CLIENT_SECRET! }));
 * ```
 */
export function google(options: GoogleOptions): OAuth2Provider {
  const name = options.name ?? 'google';
  return defineOAuth2Provider({
    name,
    displayName: 'Google',
    protocol: 'oidc',
    issuer: options.issuer ?? 'https://accounts.google.com',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'email', 'profile'],
    ...presetEndpoints(options, {
      apiBaseUrl: 'https://www.googleapis.com/',
      // Google issues a refresh token only with access_type=offline, and again only after consent.
      authorizationParams: options.offline ? { access_type: 'offline', prompt: 'consent' } : undefined,
    }),
    profile: mapGoogleProfile,
    quirks: options.offline ? ['offline-access-type'] : [],
    docs: {
      kind: 'social',
      registerUrl: 'https://console.cloud.google.com/apis/credentials',
      notes: `Create an OAuth client ID of type "Web application"; Authorized redirect URI: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
