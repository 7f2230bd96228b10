import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Imgur's `GET /3/account/me` (`{ data: {…}, success, status }`) to the
 * kit's profile; `url` is the account's username. Imgur gives no email address.
 *
 * @throws TypeError when `data.id` is missing.
 * @example
 * ```ts
 * mapImgurProfile({ data: { id: 384077, url: 'joshTest', avatar: 'https://imgur.com/user/joshTest/avatar?maxwidth=290' }, success: true, status: 200 });
 * // { id: '384077', username: 'joshTest', avatarUrl: 'https://imgur.com/user/joshTest/avatar?maxwidth=290' }
 * ```
 */
export function mapImgurProfile(raw: any): MappedProfile {
  const user = raw?.data;
  const id = str(user?.id);
  if (!id) throw new TypeError('Imgur profile has no data.id');
  return compact({
    id,
    username: str(user.url),
    avatarUrl: str(user.avatar),
  });
}

/**
 * Imgur (API v3) over OAuth 2.0, with the client credentials in the token
 * request body. Imgur has no scopes.
 *
 * Unverified (see `docs.unverified`): PKCE support, and whether Imgur
 * currently accepts new API client registrations.
 *
 * @param options `clientId`, `clientSecret`, endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://apidocs.imgur.com/#authorization-and-oauth
 * @example
 * ```ts
 * auth.register(imgur({ clientId: process.env.IMGUR_CLIENT_ID!, clientSecret: process.env.IMGUR_CLIENT_SECRET! }));
 * ```
 */
export function imgur(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'imgur';
  return defineOAuth2Provider({
    name,
    displayName: 'Imgur',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://api.imgur.com/oauth2/authorize',
      tokenEndpoint: 'https://api.imgur.com/oauth2/token',
      userinfoEndpoint: 'https://api.imgur.com/3/account/me',
      apiBaseUrl: 'https://api.imgur.com/3/',
    }),
    profile: mapImgurProfile,
    quirks: ['response-wrapper', 'client-secret-post', 'no-email'],
    docs: {
      registerUrl: 'https://api.imgur.com/oauth2/addclient',
      notes: `Register an application ("OAuth 2 authorization with a callback URL"); Authorization callback URL: <baseUrl>/auth/${name}/callback.`,
      kind: 'social',
      unverified: ['PKCE support', 'whether new API clients can currently be registered'],
    },
  });
}
