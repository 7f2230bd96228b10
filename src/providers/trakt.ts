import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link trakt}.
 *
 * @example
 * ```ts
 * const options: TraktOptions = { clientId, clientSecret, staging: true };
 * ```
 */
export interface TraktOptions extends PresetOptions {
  /** Use Trakt's sandbox (`api-staging.trakt.tv`, `staging.trakt.tv`) instead of production. */
  staging?: boolean;
}

/**
 * Map Trakt's `GET /users/settings` (`{ user, account, connections, … }`) to
 * the kit's profile. The id is `user.ids.uuid`, which stays the same when the
 * username (and so the `slug`) changes. Trakt gives no email, and does not
 * allow hotlinking its images, so no avatar is mapped.
 *
 * @throws TypeError when `user.ids.uuid` is missing.
 * @example
 * ```ts
 * mapTraktProfile({ user: { username: 'sean', name: 'Sean Rudford', ids: { slug: 'sean', uuid: 'b6589fc6ab0dc82cf12099d1c2d40ab994e8410c' } } });
 * // { id: 'b6589fc6ab0dc82cf12099d1c2d40ab994e8410c', username: 'sean', name: 'Sean Rudford' }
 * ```
 */
export function mapTraktProfile(raw: any): MappedProfile {
  const user = raw?.user;
  const id = str(user?.ids?.uuid);
  if (!id) throw new TypeError('Trakt settings have no user.ids.uuid');
  return compact({
    id,
    username: str(user.username),
    name: str(user.name),
  });
}

/**
 * Trakt over OAuth 2.0. Every API call needs the `trakt-api-key` (the client
 * id) and `trakt-api-version: 2` headers, which the preset sets; the client
 * secret goes in the token request body.
 *
 * Unverified (see `docs.unverified`): PKCE, and a form-encoded token request
 * (Trakt's reference shows a JSON body).
 *
 * @param options `clientId`, `clientSecret`, `staging`, endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://trakt.docs.apiary.io/#reference/authentication-oauth
 * @example
 * ```ts
 * auth.register(trakt({ clientId: process.env.TRAKT_CLIENT_ID!, clientSecret: process.env.TRAKT_CLIENT_SECRET! }));
 * ```
 */
export function trakt(options: TraktOptions): OAuth2Provider {
  const name = options.name ?? 'trakt';
  const web = options.staging ? 'https://staging.trakt.tv' : 'https://trakt.tv';
  const api = options.staging ? 'https://api-staging.trakt.tv' : 'https://api.trakt.tv';
  return defineOAuth2Provider({
    name,
    displayName: 'Trakt',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: `${web}/oauth/authorize`,
      tokenEndpoint: `${api}/oauth/token`,
      userinfoEndpoint: `${api}/users/settings`,
      revocationEndpoint: `${api}/oauth/revoke`,
      apiBaseUrl: `${api}/`,
    }),
    apiHeaders: { 'trakt-api-key': options.clientId, 'trakt-api-version': '2' },
    profile: mapTraktProfile,
    quirks: ['api-key-header', 'api-version-header', 'uuid-not-slug', 'no-email'],
    docs: {
      registerUrl: `${web}/oauth/applications/new`,
      notes: `Settings → Your API Apps → New Application; Redirect uri: <baseUrl>/auth/${name}/callback. Trakt images must not be hotlinked.`,
      kind: 'social',
      unverified: ['PKCE (S256 is used by other Trakt clients; not on the reference page consulted)', 'form-encoded token request (the reference shows a JSON body)'],
    },
  });
}
