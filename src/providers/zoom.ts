import { compact, defineOAuth2Provider, joinName, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Zoom's `GET /v2/users/me` to the kit's profile (`verified` is 1 / 0).
 *
 * @throws TypeError when the user has no `id`.
 * @example
 * ```ts
 * mapZoomProfile({ id: 'KDcuGIm1QgePTO8WbOqwIQ', display_name: 'Jill Chill', email: 'jchill@example.com', verified: 1, pic_url: 'https://example.com/photo.jpg' });
 * // { id: 'KDcuGIm1QgePTO8WbOqwIQ', name: 'Jill Chill', email: 'jchill@example.com', emailVerified: true, avatarUrl: 'https://example.com/photo.jpg' }
 * ```
 */
export function mapZoomProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Zoom profile has no id');
  const email = str(raw.email);
  return compact({
    id,
    name: str(raw.display_name) ?? joinName(raw.first_name, raw.last_name),
    email,
    emailVerified: email && (raw.verified === 1 || raw.verified === 0) ? raw.verified === 1 : undefined,
    avatarUrl: str(raw.pic_url),
  });
}

/**
 * Zoom (user-managed OAuth app) over OAuth 2.0 with PKCE. Scopes are set on
 * the app in the Marketplace, so none are sent by default.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default none: the app's scopes), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developers.zoom.us/docs/integrations/oauth/
 * @example
 * ```ts
 * auth.register(zoom({ clientId: process.env.ZOOM_CLIENT_ID!, clientSecret: process.env.ZOOM_CLIENT_SECRET! }));
 * ```
 */
export function zoom(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'zoom';
  return defineOAuth2Provider({
    name,
    displayName: 'Zoom',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_basic',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://zoom.us/oauth/authorize',
      tokenEndpoint: 'https://zoom.us/oauth/token',
      userinfoEndpoint: 'https://api.zoom.us/v2/users/me',
      revocationEndpoint: 'https://zoom.us/oauth/revoke',
      apiBaseUrl: 'https://api.zoom.us/v2/',
    }),
    profile: mapZoomProfile,
    quirks: ['scopes-set-on-app', 'numeric-verified-flag'],
    docs: {
      kind: 'developer',
      registerUrl: 'https://marketplace.zoom.us/develop/create',
      notes: `General App (user-managed), scope user:read:user; OAuth Redirect URL and allow list: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
