import { booleanClaim, compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map WordPress.com's `GET /rest/v1.1/me` to the kit's profile.
 *
 * @throws TypeError when the user has no `ID`.
 * @example
 * ```ts
 * mapWordpressProfile({ ID: 18342963, username: 'jdoe', display_name: 'Jane Doe', email: 'jane@example.com', email_verified: true, avatar_URL: 'https://0.gravatar.com/avatar/x?s=96&d=identicon' });
 * // { id: '18342963', username: 'jdoe', name: 'Jane Doe', email: 'jane@example.com', emailVerified: true, avatarUrl: 'https://0.gravatar.com/avatar/x?s=96&d=identicon' }
 * ```
 */
export function mapWordpressProfile(raw: any): MappedProfile {
  const id = str(raw?.ID);
  if (!id) throw new TypeError('WordPress.com user has no ID');
  const email = str(raw.email);
  return compact({
    id,
    username: str(raw.username),
    name: str(raw.display_name),
    email,
    emailVerified: email ? booleanClaim(raw.email_verified) : undefined,
    avatarUrl: str(raw.avatar_URL),
  });
}

/**
 * WordPress.com Connect over OAuth 2.0 (`public-api.wordpress.com/oauth2`),
 * with the `auth` scope (only `/me`) by default, the client secret in the
 * token request body, and the REST API v1.1 `/me` as the profile. Jetpack
 * sites sign in through their owner's WordPress.com account the same way.
 *
 * Unverified (see `docs.unverified`): PKCE on the classic `/oauth2` endpoints
 * (WordPress.com's newer OAuth 2.1 server under `/oauth2-1/` advertises S256).
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `auth`; `global` for the whole API), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developer.wordpress.com/docs/oauth2/
 * @example
 * ```ts
 * auth.register(wordpress({ clientId: process.env.WPCOM_CLIENT_ID!, clientSecret: process.env.WPCOM_CLIENT_SECRET! }));
 * ```
 */
export function wordpress(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'wordpress';
  return defineOAuth2Provider({
    name,
    displayName: 'WordPress.com',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['auth'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://public-api.wordpress.com/oauth2/authorize',
      tokenEndpoint: 'https://public-api.wordpress.com/oauth2/token',
      userinfoEndpoint: 'https://public-api.wordpress.com/rest/v1.1/me',
      apiBaseUrl: 'https://public-api.wordpress.com/',
    }),
    profile: mapWordpressProfile,
    quirks: ['client-secret-post', 'auth-scope-for-me'],
    docs: {
      registerUrl: 'https://developer.wordpress.com/apps/new/',
      notes: `developer.wordpress.com → My Apps → Create New Application (type Web); Redirect URLs: <baseUrl>/auth/${name}/callback.`,
      kind: 'social',
      unverified: ['PKCE on the classic /oauth2 endpoints', 'email_verified on /me'],
    },
  });
}
