import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link roblox}.
 *
 * @example
 * ```ts
 * const options: RobloxOptions = { clientId, clientSecret };
 * ```
 */
export interface RobloxOptions extends PresetOptions {
  /** Issuer override (local emulators); default `https://apis.roblox.com/oauth/`. */
  issuer?: string;
}

/**
 * Map Roblox's OIDC claims (id_token / `GET /oauth/v1/userinfo`) to the kit's
 * profile: `preferred_username` is the Roblox username, `name` the display
 * name. Roblox gives no email address.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapRobloxProfile({ sub: '1516563360', name: 'Example', nickname: 'Example', preferred_username: 'exampleuser', picture: 'https://tr.rbxcdn.com/x/150/150/AvatarHeadshot/Png' });
 * // { id: '1516563360', username: 'exampleuser', name: 'Example', avatarUrl: 'https://tr.rbxcdn.com/x/150/150/AvatarHeadshot/Png' }
 * ```
 */
export function mapRobloxProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Roblox profile has no sub');
  return compact({
    id,
    username: str(raw.preferred_username),
    name: str(raw.name) ?? str(raw.nickname),
    // null while the headshot is being generated or after moderation
    avatarUrl: str(raw.picture),
  });
}

/**
 * Roblox over OpenID Connect with discovery (`https://apis.roblox.com/oauth/`),
 * PKCE and `openid profile`. Roblox signs id_tokens with ES256.
 *
 * Unverified (see `docs.unverified`): the exact issuer string (with its
 * trailing slash) and the ES256 id_token algorithm are taken from other
 * clients' configuration, not stated on Roblox's OAuth reference page.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `openid profile`), `issuer`, endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://create.roblox.com/docs/cloud/auth/oauth2-reference
 * @example
 * ```ts
 * auth.register(roblox({ clientId: process.env.ROBLOX_CLIENT_ID!, clientSecret: process.env.ROBLOX_CLIENT_SECRET! }));
 * ```
 */
export function roblox(options: RobloxOptions): OAuth2Provider {
  const name = options.name ?? 'roblox';
  return defineOAuth2Provider({
    name,
    displayName: 'Roblox',
    protocol: 'oidc',
    issuer: options.issuer ?? 'https://apis.roblox.com/oauth/',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'profile'],
    idTokenSigningAlg: 'ES256',
    ...presetEndpoints(options, { apiBaseUrl: 'https://apis.roblox.com/' }),
    profile: mapRobloxProfile,
    quirks: ['es256-id-token', 'issuer-trailing-slash', 'no-email'],
    docs: {
      registerUrl: 'https://create.roblox.com/dashboard/credentials',
      notes: `Creator Dashboard → OAuth 2.0 Apps → Create OAuth App, scopes openid and profile; Redirect URL: <baseUrl>/auth/${name}/callback.`,
      kind: 'social',
      unverified: [
        'issuer string https://apis.roblox.com/oauth/ (with trailing slash): from other clients and a copied discovery document, not the reference page',
        'id_token signing algorithm ES256: from other clients (EC keys at /oauth/v1/certs), not the reference page',
      ],
    },
  });
}
