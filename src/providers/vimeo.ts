import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/** The largest picture in a Vimeo `pictures.sizes` list (by width). */
function largestPicture(pictures: any): string | undefined {
  const sizes = Array.isArray(pictures?.sizes) ? pictures.sizes : [];
  const best = sizes.reduce((a: any, b: any) => (Number(b?.width) > Number(a?.width ?? -1) ? b : a), undefined);
  return str(best?.link) ?? str(pictures?.base_link);
}

/**
 * Map Vimeo's `GET /me` user to the kit's profile: the id is the number at
 * the end of `uri` (`/users/152184` → `152184`), the avatar the largest
 * picture. Vimeo does not expose the email.
 *
 * @throws TypeError when the user has no `/users/<id>` uri.
 * @example
 * ```ts
 * mapVimeoProfile({ uri: '/users/152184', name: 'Vimeo Staff', pictures: { sizes: [{ width: 30, link: 'https://i.vimeocdn.com/portrait/1_30x30' }] } });
 * // { id: '152184', name: 'Vimeo Staff', avatarUrl: 'https://i.vimeocdn.com/portrait/1_30x30' }
 * ```
 */
export function mapVimeoProfile(raw: any): MappedProfile {
  const id = /^\/users\/(\d+)$/.exec(str(raw?.uri) ?? '')?.[1];
  if (!id) throw new TypeError('Vimeo user has no /users/<id> uri');
  return compact({ id, name: str(raw.name), avatarUrl: largestPicture(raw.pictures) });
}

/**
 * Vimeo over OAuth 2.0 (authorization code) with HTTP Basic client
 * authentication; the profile is `GET https://api.vimeo.com/me`, and every
 * API call pins API version 3.4 in the `Accept` header.
 *
 * Unverified (also in `docs.unverified`): Whether Vimeo accepts or ignores PKCE parameters (the
 * kit sends them); The fixture is trimmed from the documented user object; field set not
 * re-checked against the current reference.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `public`; add `private`, `video_files`, …), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developer.vimeo.com/api/authentication
 * @example
 * ```ts
 * auth.register(vimeo({ clientId: process.env.VIMEO_CLIENT_ID!, clientSecret: process.env.VIMEO_CLIENT_SECRET! }));
 * ```
 */
export function vimeo(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'vimeo';
  return defineOAuth2Provider({
    name,
    displayName: 'Vimeo',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_basic',
    scope: options.scope ?? ['public'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://api.vimeo.com/oauth/authorize',
      tokenEndpoint: 'https://api.vimeo.com/oauth/access_token',
      userinfoEndpoint: 'https://api.vimeo.com/me',
      apiBaseUrl: 'https://api.vimeo.com/',
    }),
    // https://developer.vimeo.com/api/changelog: the API version is chosen with the Accept header.
    apiHeaders: { Accept: 'application/vnd.vimeo.*+json;version=3.4' },
    profile: mapVimeoProfile,
    quirks: ['id-from-uri', 'version-accept-header', 'no-email'],
    docs: {
      registerUrl: 'https://developer.vimeo.com/apps/new',
      notes: `My Apps → Create an app; App callback URLs: <baseUrl>/auth/${name}/callback.`,
      kind: 'social',
      unverified: [
        'Whether Vimeo accepts or ignores PKCE parameters (the kit sends them).',
        'The fixture is trimmed from the documented user object; field set not re-checked against the current reference.',
      ],
    },
  });
}
