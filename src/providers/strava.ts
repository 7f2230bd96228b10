import { compact, defineOAuth2Provider, joinName, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Strava's `GET /api/v3/athlete` (authenticated athlete) to the kit's
 * profile. Strava shares no email address.
 *
 * @throws TypeError when the athlete has no `id`.
 * @example
 * ```ts
 * mapStravaProfile({ id: 134815, username: 'marianne_t', firstname: 'Marianne', lastname: 'Teutenberg', profile: 'https://dgalywyr863hv.cloudfront.net/pictures/athletes/134815/large.jpg' });
 * // { id: '134815', username: 'marianne_t', name: 'Marianne Teutenberg', avatarUrl: 'https://dgalywyr863hv.cloudfront.net/pictures/athletes/134815/large.jpg' }
 * ```
 */
export function mapStravaProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Strava profile has no id');
  // "avatar/athlete/large.png" is Strava's relative placeholder, not a URL.
  const picture = str(raw.profile);
  return compact({
    id,
    username: str(raw.username),
    name: joinName(raw.firstname, raw.lastname),
    avatarUrl: picture && /^https:\/\//.test(picture) ? picture : undefined,
  });
}

/**
 * Strava over OAuth 2.0: comma-separated scopes, client credentials in the
 * token request body, `GET /athlete` as the profile.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `read`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developers.strava.com/docs/authentication/
 * @example
 * ```ts
 * auth.register(strava({ clientId: process.env.STRAVA_CLIENT_ID!, clientSecret: process.env.STRAVA_CLIENT_SECRET! }));
 * ```
 */
export function strava(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'strava';
  return defineOAuth2Provider({
    name,
    displayName: 'Strava',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['read'],
    scopeSeparator: ',',
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://www.strava.com/oauth/authorize',
      tokenEndpoint: 'https://www.strava.com/oauth/token',
      userinfoEndpoint: 'https://www.strava.com/api/v3/athlete',
      apiBaseUrl: 'https://www.strava.com/api/v3/',
    }),
    profile: mapStravaProfile,
    quirks: ['comma-separated-scope', 'no-email'],
    docs: {
      kind: 'social',
      registerUrl: 'https://www.strava.com/settings/api',
      notes: `My API Application; Authorization Callback Domain: the host of <baseUrl> (Strava checks the domain of <baseUrl>/auth/${name}/callback).`,
    },
  });
}
