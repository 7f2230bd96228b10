import { OAuthConfigError } from '../errors.ts';
import { compact, defineOAuth2Provider, joinName, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link vk}.
 *
 * @example
 * ```ts
 * const options: VkOptions = { clientId: appId, clientSecret: secureKey, version: '5.199' };
 * ```
 */
export interface VkOptions extends PresetOptions {
  /** VK API version sent as `v` (default `5.199`). */
  version?: string;
}

/**
 * Map VK's `users.get` answer (`{ response: [user] }`) to the kit's profile.
 * VK returns the email only in the token response, so it is not mapped here.
 *
 * @throws TypeError when the user has no `id`.
 * @example
 * ```ts
 * mapVkProfile({ response: [{ id: 210700286, first_name: 'Lindsey', last_name: 'Stirling', screen_name: 'lindseystirling', photo_100: 'https://sun1-14.userapi.com/s/v1/ig2/x.jpg' }] });
 * // { id: '210700286', username: 'lindseystirling', name: 'Lindsey Stirling', avatarUrl: 'https://sun1-14.userapi.com/s/v1/ig2/x.jpg' }
 * ```
 */
export function mapVkProfile(raw: any): MappedProfile {
  const user = Array.isArray(raw?.response) ? raw.response[0] : raw;
  const id = str(user?.id);
  if (!id) throw new TypeError('VK profile has no response[0].id');
  return compact({
    id,
    username: str(user.screen_name),
    name: joinName(user.first_name, user.last_name),
    avatarUrl: str(user.photo_100) ?? str(user.photo_200),
  });
}

/**
 * VK over OAuth 2.0 (`oauth.vk.com`) with `users.get` as the profile. PKCE is
 * off (VK's server-side code flow does not support it) and the secret goes
 * in the body. Note: VK's token response has no `token_type`; VK's newer
 * VK ID (OAuth 2.1) needs a `device_id` in the code exchange and is not what
 * this preset speaks.
 *
 * @param options `clientId` (app id), `clientSecret` (secure key), `scope` (default `email`), `version`.
 * @throws OAuthConfigError when clientId / clientSecret is missing or version is not like `5.199`.
 * @see https://dev.vk.com/en/api/access-token/authcode-flow-user
 * @example
 * ```ts
 * auth.register(vk({ clientId: process.env.VK_APP_ID!, clientSecret: process.env.VK_SECURE_KEY! }));
 * ```
 */
export function vk(options: VkOptions): OAuth2Provider {
  const name = options.name ?? 'vk';
  const version = options.version ?? '5.199';
  if (!/^\d+\.\d+$/.test(version)) throw new OAuthConfigError(`${name}: version must look like "5.199", got ${JSON.stringify(version)}.`);
  return defineOAuth2Provider({
    name,
    displayName: 'VK',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['email'],
    scopeSeparator: ',',
    // VK's token response has no token_type; its tokens are bearer tokens.
    normalizeTokenResponse: (body) => (body.token_type === undefined ? { ...body, token_type: 'bearer' } : body),
    pkce: false,
    ...presetEndpoints(options, {
      authorizationEndpoint: `https://oauth.vk.com/authorize?v=${version}`,
      tokenEndpoint: `https://oauth.vk.com/access_token?v=${version}`,
      userinfoEndpoint: `https://api.vk.com/method/users.get?fields=photo_100,screen_name&v=${version}`,
      apiBaseUrl: 'https://api.vk.com/method/',
    }),
    profile: mapVkProfile,
    quirks: ['response-array-wrapper', 'api-version-parameter'],
    docs: {
      kind: 'social',
      registerUrl: 'https://vk.com/apps?act=manage',
      notes: `Create a "Website" app; Authorized redirect URI: <baseUrl>/auth/${name}/callback. VK's token response has no token_type and carries the email (not mapped to the profile).`,
    },
  });
}
