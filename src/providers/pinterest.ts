import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Pinterest's `GET /v5/user_account` to the kit's profile. Pinterest
 * gives no email address; `business_name` is only set on business accounts.
 *
 * @throws TypeError when the account has no `id`.
 * @example
 * ```ts
 * mapPinterestProfile({ id: '549755885175', username: 'jdoe', business_name: null, profile_image: 'https://i.pinimg.com/280x280_RS/x.jpg' });
 * // { id: '549755885175', username: 'jdoe', avatarUrl: 'https://i.pinimg.com/280x280_RS/x.jpg' }
 * ```
 */
export function mapPinterestProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Pinterest account has no id');
  return compact({
    id,
    username: str(raw.username),
    name: str(raw.business_name),
    avatarUrl: str(raw.profile_image),
  });
}

/**
 * Pinterest (API v5) over OAuth 2.0: the user approves on
 * `www.pinterest.com/oauth/`, the token endpoint takes HTTP Basic client
 * authentication, and scopes are joined with commas.
 *
 * Unverified (see `docs.unverified`): PKCE support.
 *
 * @param options `clientId` (app id), `clientSecret`, `scope` (default `user_accounts:read`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developers.pinterest.com/docs/getting-started/set-up-authentication-and-authorization/
 * @example
 * ```ts
 * auth.register(pinterest({ clientId: process.env.PINTEREST_APP_ID!, clientSecret: process.env.PINTEREST_APP_SECRET! }));
 * ```
 */
export function pinterest(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'pinterest';
  return defineOAuth2Provider({
    name,
    displayName: 'Pinterest',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_basic',
    scope: options.scope ?? ['user_accounts:read'],
    scopeSeparator: ',',
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://www.pinterest.com/oauth/',
      tokenEndpoint: 'https://api.pinterest.com/v5/oauth/token',
      userinfoEndpoint: 'https://api.pinterest.com/v5/user_account',
      apiBaseUrl: 'https://api.pinterest.com/v5/',
    }),
    profile: mapPinterestProfile,
    quirks: ['comma-separated-scope', 'no-email'],
    docs: {
      registerUrl: 'https://developers.pinterest.com/apps/',
      notes: `My apps → Connect app (needs approved API access); Redirect URIs: <baseUrl>/auth/${name}/callback.`,
      kind: 'social',
      unverified: ['PKCE support'],
    },
  });
}
