import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Frame.io's legacy `GET /v2/me` to the kit's profile.
 *
 * @throws TypeError when the user has no `id`.
 * @example
 * ```ts
 * mapFrameioProfile({ id: 'b5cd1f40-1c56-4cf1-a5a1-8d4e1b8f2d3c', name: 'Jane Editor', email: 'jane@example.com', profile_image: 'https://static-assets.frame.io/app/anon.jpg' });
 * // { id: 'b5cd1f40-1c56-4cf1-a5a1-8d4e1b8f2d3c', name: 'Jane Editor', email: 'jane@example.com', avatarUrl: 'https://static-assets.frame.io/app/anon.jpg' }
 * ```
 */
export function mapFrameioProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Frame.io user has no id');
  return compact({ id, name: str(raw.name), email: str(raw.email), avatarUrl: str(raw.profile_image) ?? str(raw.image_256) });
}

/**
 * Frame.io **legacy (API v2)** over OAuth 2.0 with PKCE: authorize and token
 * on `applications.frame.io`, the profile is `GET https://api.frame.io/v2/me`.
 * A confidential app authenticates with HTTP Basic; an app created with the
 * PKCE setting gets no secret: leave `clientSecret` out and the preset sends
 * only `client_id` (client auth `none`), as Frame.io documents.
 * Accounts moved to Frame.io V4 sign in through Adobe IMS instead, which this
 * preset does not cover.
 *
 * Unverified (also in `docs.unverified`): The scope names account.read / offline and that /v2/me
 * needs only account.read; The OAuth-apps registration URL on the developer site; The /v2/me field
 * set; the fixture is assembled from the documented user fields.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `account.read offline`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developer.frame.io/platform/v2/oauth-2-code-authorization-flow
 * @example
 * ```ts
 * auth.register(frameio({ clientId: process.env.FRAMEIO_CLIENT_ID!, clientSecret: process.env.FRAMEIO_CLIENT_SECRET! }));
 * ```
 */
export function frameio(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'frameio';
  return defineOAuth2Provider({
    name,
    displayName: 'Frame.io',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['account.read', 'offline'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://applications.frame.io/oauth2/auth',
      tokenEndpoint: 'https://applications.frame.io/oauth2/token',
      userinfoEndpoint: 'https://api.frame.io/v2/me',
      apiBaseUrl: 'https://api.frame.io/v2/',
    }),
    profile: mapFrameioProfile,
    quirks: ['legacy-v2-only', 'offline-scope-for-refresh'],
    docs: {
      registerUrl: 'https://developer.frame.io/app/oauth-apps',
      notes: `Developer site → OAuth Apps → Create an OAuth App (legacy v2 accounts); Redirect URIs: <baseUrl>/auth/${name}/callback.`,
      kind: 'developer',
      unverified: [
        'The scope names account.read / offline and that /v2/me needs only account.read.',
        'The OAuth-apps registration URL on the developer site.',
        'The /v2/me field set; the fixture is assembled from the documented user fields.',
      ],
    },
  });
}
