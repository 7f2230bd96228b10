import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Pipedrive's `GET /v1/users/me` (`{ success, data: {…} }`) to the kit's profile.
 *
 * @throws TypeError when `data.id` is missing (Pipedrive answers errors with `success: false`).
 * @example
 * ```ts
 * mapPipedriveProfile({ success: true, data: { id: 123, name: 'Jane Doe', email: 'jane@example.com', icon_url: 'https://pipedrive-profile-pics.s3.example/j.png' } });
 * // { id: '123', name: 'Jane Doe', email: 'jane@example.com', avatarUrl: 'https://pipedrive-profile-pics.s3.example/j.png' }
 * ```
 */
export function mapPipedriveProfile(raw: any): MappedProfile {
  const user = raw?.data;
  const id = str(user?.id);
  if (!id) throw new TypeError('Pipedrive profile has no data.id');
  return compact({
    id,
    name: str(user.name),
    email: str(user.email),
    avatarUrl: str(user.icon_url),
  });
}

/**
 * Pipedrive (Marketplace app) over OAuth 2.0 at `oauth.pipedrive.com`, with
 * HTTP Basic client authentication. Scopes are chosen in the app's settings,
 * not sent. The token answer names the company's own API host (`api_domain`);
 * the profile call uses the global `api.pipedrive.com`.
 *
 * Unverified (see `docs.unverified`): PKCE, and that `api.pipedrive.com`
 * answers `/v1/users/me` for OAuth tokens of every company.
 *
 * @param options `clientId`, `clientSecret`, endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://pipedrive.readme.io/docs/marketplace-oauth-authorization
 * @example
 * ```ts
 * auth.register(pipedrive({ clientId: process.env.PIPEDRIVE_CLIENT_ID!, clientSecret: process.env.PIPEDRIVE_CLIENT_SECRET! }));
 * ```
 */
export function pipedrive(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'pipedrive';
  return defineOAuth2Provider({
    name,
    displayName: 'Pipedrive',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_basic',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://oauth.pipedrive.com/oauth/authorize',
      tokenEndpoint: 'https://oauth.pipedrive.com/oauth/token',
      userinfoEndpoint: 'https://api.pipedrive.com/v1/users/me',
      apiBaseUrl: 'https://api.pipedrive.com/',
    }),
    profile: mapPipedriveProfile,
    quirks: ['scopes-set-on-app', 'response-wrapper', 'company-api-domain'],
    docs: {
      registerUrl: 'https://developers.pipedrive.com/',
      notes: `Developer Hub (in a sandbox account) → Create an app → OAuth & access scopes; Callback URL: <baseUrl>/auth/${name}/callback. Company API calls belong on the token answer's api_domain.`,
      kind: 'developer',
      unverified: ['PKCE support', 'api.pipedrive.com (not api_domain) answering /v1/users/me for OAuth tokens'],
    },
  });
}
