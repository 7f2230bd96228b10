import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map DeviantArt's `GET /api/v1/oauth2/user/whoami` to the kit's profile.
 * DeviantArt gives no email address.
 *
 * @throws TypeError when the user has no `userid`.
 * @example
 * ```ts
 * mapDeviantartProfile({ userid: '09A4052F-F602-E2C9-0D6A-7DD3BAE1B3F7', username: 'spyed', usericon: 'https://a.deviantart.net/avatars/s/p/spyed.gif', type: 'admin' });
 * // { id: '09A4052F-F602-E2C9-0D6A-7DD3BAE1B3F7', username: 'spyed', avatarUrl: 'https://a.deviantart.net/avatars/s/p/spyed.gif' }
 * ```
 */
export function mapDeviantartProfile(raw: any): MappedProfile {
  const id = str(raw?.userid);
  if (!id) throw new TypeError('DeviantArt user has no userid');
  return compact({
    id,
    username: str(raw.username),
    name: str(raw.profile?.real_name),
    avatarUrl: str(raw.usericon),
  });
}

/**
 * DeviantArt over OAuth 2.0 with the `user` scope, which the profile call
 * (`/api/v1/oauth2/user/whoami`) needs.
 *
 * Unverified (see `docs.unverified`): PKCE support, and HTTP Basic client
 * authentication at the token endpoint (DeviantArt also takes the secret as a parameter).
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `user`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://www.deviantart.com/developers/authentication
 * @example
 * ```ts
 * auth.register(deviantart({ clientId: process.env.DEVIANTART_CLIENT_ID!, clientSecret: process.env.DEVIANTART_CLIENT_SECRET! }));
 * ```
 */
export function deviantart(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'deviantart';
  return defineOAuth2Provider({
    name,
    displayName: 'DeviantArt',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['user'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://www.deviantart.com/oauth2/authorize',
      tokenEndpoint: 'https://www.deviantart.com/oauth2/token',
      userinfoEndpoint: 'https://www.deviantart.com/api/v1/oauth2/user/whoami',
      revocationEndpoint: 'https://www.deviantart.com/oauth2/revoke',
      apiBaseUrl: 'https://www.deviantart.com/api/v1/oauth2/',
    }),
    profile: mapDeviantartProfile,
    quirks: ['user-scope-for-whoami', 'no-email'],
    docs: {
      registerUrl: 'https://www.deviantart.com/developers/apps',
      notes: `Register your application (Authorization Code grant); OAuth2 Redirect URI Whitelist: <baseUrl>/auth/${name}/callback.`,
      kind: 'social',
      unverified: ['PKCE support', 'HTTP Basic client authentication at the token endpoint', 'revocation endpoint accepting RFC 7009 requests'],
    },
  });
}
