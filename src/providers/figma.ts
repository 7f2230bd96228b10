import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Figma's `GET /v1/me` (`{ id, handle, email, img_url }`) to the kit's profile.
 *
 * @throws TypeError when the user has no `id`.
 * @example
 * ```ts
 * mapFigmaProfile({ id: '1234567890', handle: 'Jane Designer', email: 'jane@example.com', img_url: 'https://s3-alpha.figma.com/profile/1234' });
 * // { id: '1234567890', username: 'Jane Designer', name: 'Jane Designer', email: 'jane@example.com', avatarUrl: 'https://s3-alpha.figma.com/profile/1234' }
 * ```
 */
export function mapFigmaProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Figma profile has no id');
  return compact({ id, username: str(raw.handle), name: str(raw.handle), email: str(raw.email), avatarUrl: str(raw.img_url) });
}

/**
 * Figma over OAuth 2.0: authorize at `www.figma.com/oauth`, token at
 * `api.figma.com/v1/oauth/token`, profile `GET /v1/me` with scope
 * `current_user:read` (the older `files:read` scope is deprecated).
 *
 * Unverified: HTTP Basic client auth at the `api.figma.com` token endpoint
 * (the older `www.figma.com/api/oauth/token` took the secret as parameters);
 * PKCE acceptance; the token endpoint's host itself — a re-check on
 * 2026-12-08 did not find `api.figma.com/v1/oauth/token` on Figma's own
 * pages (third-party lists show `www.figma.com/api/oauth/token` and
 * `www.figma.com/api/v1/oauth/token`); override `tokenEndpoint` if it fails.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `current_user:read`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developers.figma.com/docs/rest-api/authentication
 * @example
 * ```ts
 * auth.register(figma({ clientId: process.env.FIGMA_CLIENT_ID!, clientSecret: process.env.FIGMA_CLIENT_SECRET! }));
 * ```
 */
export function figma(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'figma';
  return defineOAuth2Provider({
    name,
    displayName: 'Figma',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_basic',
    scope: options.scope ?? ['current_user:read'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://www.figma.com/oauth',
      tokenEndpoint: 'https://api.figma.com/v1/oauth/token',
      userinfoEndpoint: 'https://api.figma.com/v1/me',
      apiBaseUrl: 'https://api.figma.com/v1/',
    }),
    profile: mapFigmaProfile,
    quirks: ['handle-as-name'],
    docs: {
      registerUrl: 'https://www.figma.com/developers/apps',
      notes: `My apps → Create a new app; Callback: <baseUrl>/auth/${name}/callback; enable the current_user:read scope.`,
      kind: 'developer',
      unverified: ['client_secret_basic at api.figma.com/v1/oauth/token', 'PKCE acceptance', 'the token endpoint host (api.figma.com/v1/oauth/token not re-found on Figma\'s pages on 2026-12-08)', 'fixture payload reconstructed from documented field names, not a verbatim documented example'],
    },
  });
}
