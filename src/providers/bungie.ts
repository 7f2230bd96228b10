import { compact, defineOAuth2Provider, presetEndpoints, requireOption, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link bungie}.
 *
 * @example
 * ```ts
 * const options: BungieOptions = { clientId, clientSecret, apiKey: process.env.BUNGIE_API_KEY! };
 * ```
 */
export interface BungieOptions extends PresetOptions {
  /** The application's API key, sent as `X-API-Key` on every Bungie.net Platform call. */
  apiKey: string;
}

/**
 * Map Bungie.net's `GET /Platform/User/GetMembershipsForCurrentUser/`
 * (`{ Response: { bungieNetUser, destinyMemberships } }`) to the kit's
 * profile; `profilePicturePath` is relative to `www.bungie.net`. Bungie does
 * not share the email address.
 *
 * @throws TypeError when there is no `membershipId`.
 * @example
 * ```ts
 * mapBungieProfile({ Response: { bungieNetUser: { membershipId: '20027802', uniqueName: 'Guardian#0042', displayName: 'Guardian', profilePicturePath: '/img/profile/avatars/default_avatar.gif' } } });
 * // { id: '20027802', username: 'Guardian#0042', name: 'Guardian', avatarUrl: 'https://www.bungie.net/img/profile/avatars/default_avatar.gif' }
 * ```
 */
export function mapBungieProfile(raw: any): MappedProfile {
  const user = raw?.Response?.bungieNetUser ?? raw?.bungieNetUser;
  const id = str(user?.membershipId);
  if (!id) throw new TypeError('Bungie profile has no bungieNetUser.membershipId');
  const picture = str(user.profilePicturePath);
  return compact({
    id,
    username: str(user.uniqueName),
    name: str(user.cachedBungieGlobalDisplayName) ?? str(user.displayName),
    avatarUrl: picture ? new URL(picture, 'https://www.bungie.net/').href : undefined,
  });
}

/**
 * Bungie.net over OAuth 2.0. Every Platform call needs the app's
 * `X-API-Key` header (set for the profile call and `req.oauth.fetch`); the
 * scope is fixed on the app in the portal and must not be sent, so the
 * preset sends none; one https redirect URL per app.
 *
 * Unverified: PKCE support (Bungie's OAuth page does not mention it; the
 * preset sends S256, which a server that does not know it ignores).
 *
 * @param options `clientId`, `clientSecret` (confidential client), `apiKey`, endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret / apiKey is missing.
 * @see https://github.com/Bungie-net/api/wiki/OAuth-Documentation
 * @example
 * ```ts
 * auth.register(bungie({ clientId: process.env.BUNGIE_CLIENT_ID!, clientSecret: process.env.BUNGIE_CLIENT_SECRET!, apiKey: process.env.BUNGIE_API_KEY! }));
 * ```
 */
export function bungie(options: BungieOptions): OAuth2Provider {
  const name = options.name ?? 'bungie';
  const apiKey = requireOption(name, 'apiKey', options.apiKey);
  return defineOAuth2Provider({
    name,
    displayName: 'Bungie.net',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_basic',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://www.bungie.net/en/OAuth/Authorize',
      tokenEndpoint: 'https://www.bungie.net/Platform/App/OAuth/token/',
      userinfoEndpoint: 'https://www.bungie.net/Platform/User/GetMembershipsForCurrentUser/',
      apiBaseUrl: 'https://www.bungie.net/Platform/',
    }),
    apiHeaders: { 'X-API-Key': apiKey },
    profile: mapBungieProfile,
    quirks: ['api-key-header', 'scopes-set-on-app', 'response-wrapper', 'no-email'],
    docs: {
      registerUrl: 'https://www.bungie.net/en/Application',
      notes: `Create New App, OAuth Client Type Confidential, Redirect URL (https): <baseUrl>/auth/${name}/callback; copy the API Key as apiKey.`,
      kind: 'social',
      unverified: ['PKCE support', 'fixture payload reconstructed from documented field names, not a verbatim documented example'],
    },
  });
}
