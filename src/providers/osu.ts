import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map osu!'s `GET /api/v2/me` (UserExtended) to the kit's profile. osu!
 * shares no email address.
 *
 * @throws TypeError when the user has no `id`.
 * @example
 * ```ts
 * mapOsuProfile({ id: 2, username: 'peppy', avatar_url: 'https://a.ppy.sh/2?1519081077.png' });
 * // { id: '2', username: 'peppy', name: 'peppy', avatarUrl: 'https://a.ppy.sh/2?1519081077.png' }
 * ```
 */
export function mapOsuProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('osu! profile has no id');
  return compact({ id, username: str(raw.username), name: str(raw.username), avatarUrl: str(raw.avatar_url) });
}

/**
 * osu! over OAuth 2.0 (API v2): `identify` scope, client credentials in the
 * token request body, `GET /api/v2/me` as the profile.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `identify`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://osu.ppy.sh/docs/index.html#authorization-code-grant
 * @example
 * ```ts
 * auth.register(osu({ clientId: process.env.OSU_CLIENT_ID!, clientSecret: process.env.OSU_CLIENT_SECRET! }));
 * ```
 */
export function osu(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'osu';
  return defineOAuth2Provider({
    name,
    displayName: 'osu!',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['identify'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://osu.ppy.sh/oauth/authorize',
      tokenEndpoint: 'https://osu.ppy.sh/oauth/token',
      userinfoEndpoint: 'https://osu.ppy.sh/api/v2/me',
      apiBaseUrl: 'https://osu.ppy.sh/api/v2/',
    }),
    profile: mapOsuProfile,
    quirks: ['no-email'],
    docs: {
      kind: 'social',
      registerUrl: 'https://osu.ppy.sh/home/account/edit#oauth',
      notes: `Account settings → OAuth → New OAuth Application; Application Callback URLs: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
