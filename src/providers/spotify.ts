import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Spotify's `GET /v1/me` (current user's profile) to the kit's profile.
 *
 * @throws TypeError when the user has no `id`.
 * @example
 * ```ts
 * mapSpotifyProfile({ id: 'wizzler', display_name: 'JM Wizzler', email: 'email@example.com', images: [{ url: 'https://i.scdn.co/image/ab67616d00001e02ff9ca10b55ce82ae553c8228' }] });
 * // { id: 'wizzler', name: 'JM Wizzler', email: 'email@example.com', avatarUrl: 'https://i.scdn.co/image/ab67616d00001e02ff9ca10b55ce82ae553c8228' }
 * ```
 */
export function mapSpotifyProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Spotify profile has no id');
  const images = Array.isArray(raw.images) ? raw.images : [];
  return compact({
    id,
    name: str(raw.display_name),
    email: str(raw.email), // Spotify does not say whether it is verified
    avatarUrl: str(images[0]?.url),
  });
}

/**
 * Spotify over OAuth 2.0 with PKCE; the profile is `GET /v1/me`
 * (`user-read-email` for the address).
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `user-read-email`), endpoint overrides.
 * @throws OAuthConfigError when clientId is missing.
 * @see https://developer.spotify.com/documentation/web-api/tutorials/code-flow
 * @example
 * ```ts
 * auth.register(spotify({ clientId: process.env.SPOTIFY_CLIENT_ID!, clientSecret: process.env.SPOTIFY_CLIENT_SECRET! }));
 * ```
 */
export function spotify(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'spotify';
  return defineOAuth2Provider({
    name,
    displayName: 'Spotify',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['user-read-email'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://accounts.spotify.com/authorize',
      tokenEndpoint: 'https://accounts.spotify.com/api/token',
      userinfoEndpoint: 'https://api.spotify.com/v1/me',
      apiBaseUrl: 'https://api.spotify.com/v1/',
    }),
    profile: mapSpotifyProfile,
    quirks: [],
    docs: {
      kind: 'social',
      registerUrl: 'https://developer.spotify.com/dashboard',
      notes: `Create app (Web API); Redirect URIs: <baseUrl>/auth/${name}/callback (loopback must be 127.0.0.1, not localhost).`,
    },
  });
}
