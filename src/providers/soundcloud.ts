import { compact, defineOAuth2Provider, joinName, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider, ProfileFetchContext } from '../types.ts';

/**
 * Map SoundCloud's `GET /me` to the kit's profile. The id is the user's URN
 * (`soundcloud:users:<id>`), which SoundCloud asks clients to use instead of
 * the numeric id; a payload with only the numeric id gets the same URN.
 * SoundCloud gives no email address.
 *
 * @throws TypeError when the user has neither `urn` nor `id`.
 * @example
 * ```ts
 * mapSoundcloudProfile({ id: 3207, urn: 'soundcloud:users:3207', username: 'Johannes Wagener', permalink: 'jwagener', avatar_url: 'https://i1.sndcdn.com/avatars-000001552142-pbw8yd-large.jpg' });
 * // { id: 'soundcloud:users:3207', username: 'jwagener', name: 'Johannes Wagener', avatarUrl: 'https://i1.sndcdn.com/avatars-000001552142-pbw8yd-large.jpg' }
 * ```
 */
export function mapSoundcloudProfile(raw: any): MappedProfile {
  const numeric = str(raw?.id);
  const id = str(raw?.urn) ?? (numeric ? `soundcloud:users:${numeric}` : undefined);
  if (!id) throw new TypeError('SoundCloud user has no urn or id');
  return compact({
    id,
    // `permalink` is the URL handle; `username` is SoundCloud's display name
    username: str(raw.permalink),
    name: str(raw.username) ?? joinName(raw.first_name, raw.last_name),
    avatarUrl: str(raw.avatar_url),
  });
}

/**
 * SoundCloud over OAuth 2.1-style authorization code with PKCE (required) at
 * `secure.soundcloud.com`; the profile is `GET https://api.soundcloud.com/me`,
 * called with the `Authorization: OAuth <token>` scheme SoundCloud documents.
 *
 * Unverified (see `docs.unverified`): client authentication at the token
 * endpoint (the secret in the body is assumed), and whether `req.oauth.fetch`'s
 * Bearer scheme is accepted by the rest of the API.
 *
 * @param options `clientId`, `clientSecret`, endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developers.soundcloud.com/docs/api/guide#authentication
 * @example
 * ```ts
 * auth.register(soundcloud({ clientId: process.env.SOUNDCLOUD_CLIENT_ID!, clientSecret: process.env.SOUNDCLOUD_CLIENT_SECRET! }));
 * ```
 */
export function soundcloud(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'soundcloud';
  const endpoints = presetEndpoints(options, {
    authorizationEndpoint: 'https://secure.soundcloud.com/authorize',
    tokenEndpoint: 'https://secure.soundcloud.com/oauth/token',
    userinfoEndpoint: 'https://api.soundcloud.com/me',
    apiBaseUrl: 'https://api.soundcloud.com/',
  });
  const me = endpoints.userinfoEndpoint!;
  return defineOAuth2Provider({
    name,
    displayName: 'SoundCloud',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? [],
    ...endpoints,
    pkce: true,
    // SoundCloud documents `Authorization: OAuth <token>` for its API.
    fetchProfile: async (ctx: ProfileFetchContext) => ctx.get(me, { headers: { Authorization: `OAuth ${ctx.tokens.accessToken}` } }),
    profile: mapSoundcloudProfile,
    quirks: ['pkce-required', 'oauth-authorization-scheme', 'urn-ids', 'no-email'],
    docs: {
      registerUrl: 'https://soundcloud.com/you/apps',
      notes: `Your apps → Register a new application; Redirect URI: <baseUrl>/auth/${name}/callback.`,
      kind: 'social',
      unverified: ['token client authentication: client_secret_post assumed', 'Bearer scheme for req.oauth.fetch calls (the profile call uses the documented OAuth scheme)'],
    },
  });
}
