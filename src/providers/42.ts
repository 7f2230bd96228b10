import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map the 42 intra API's `GET /v2/me` to the kit's profile. The picture is
 * `image.link` (current API) or `image_url` (older payloads); the name is
 * `usual_full_name`, else `displayname`.
 *
 * @throws TypeError when the user has no `id`.
 * @example
 * ```ts
 * mapFortyTwoProfile({ id: 2, login: 'andre', email: 'andre@42.fr', displayname: 'andre AANDRE', image: { link: 'https://cdn.intra.42.fr/users/andre.jpg' } });
 * // { id: '2', username: 'andre', name: 'andre AANDRE', email: 'andre@42.fr', avatarUrl: 'https://cdn.intra.42.fr/users/andre.jpg' }
 * ```
 */
export function mapFortyTwoProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('42 profile has no id');
  return compact({
    id,
    username: str(raw.login),
    name: str(raw.usual_full_name) ?? str(raw.displayname),
    email: str(raw.email),
    avatarUrl: str(raw.image?.link) ?? str(raw.image_url),
  });
}

/**
 * 42 (the 42 School intra) over OAuth 2.0: `api.intra.42.fr/oauth/authorize`
 * and `/oauth/token` (client credentials in the body), profile `GET /v2/me`
 * with scope `public`.
 *
 * 42's web-application-flow guide documents the authorize URL and
 * space-separated scopes (none sent means an empty scope list, so the preset
 * asks for `public`).
 *
 * Unverified: PKCE acceptance; that HTTP Basic works too (the preset sends
 * the secret in the body, as 42's examples do).
 *
 * @param options `clientId` (the app's UID), `clientSecret`, `scope` (default `public`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://api.intra.42.fr/apidoc/guides/web_application_flow
 * @example
 * ```ts
 * auth.register(fortyTwo({ clientId: process.env.FT_UID!, clientSecret: process.env.FT_SECRET! }));
 * ```
 */
export function fortyTwo(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? '42';
  return defineOAuth2Provider({
    name,
    displayName: '42',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['public'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://api.intra.42.fr/oauth/authorize',
      tokenEndpoint: 'https://api.intra.42.fr/oauth/token',
      userinfoEndpoint: 'https://api.intra.42.fr/v2/me',
      apiBaseUrl: 'https://api.intra.42.fr/v2/',
    }),
    profile: mapFortyTwoProfile,
    quirks: ['client-secret-post', 'nested-image-link'],
    docs: {
      registerUrl: 'https://profile.intra.42.fr/oauth/applications/new',
      notes: `Settings → API → Register a new app; Redirect URI: <baseUrl>/auth/${name}/callback; scope public.`,
      kind: 'social',
      unverified: ['PKCE acceptance', 'fixture payload reconstructed from documented field names, not a verbatim documented example'],
    },
  });
}
