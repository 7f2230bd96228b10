import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Dribbble's `GET /v2/user` to the kit's profile (`login` is the username).
 *
 * @throws TypeError when the user has no `id`.
 * @example
 * ```ts
 * mapDribbbleProfile({ id: 1, name: 'Dan Cederholm', login: 'simplebits', avatar_url: 'https://cdn.dribbble.com/users/1/avatars/normal/dc.jpg' });
 * // { id: '1', username: 'simplebits', name: 'Dan Cederholm', avatarUrl: 'https://cdn.dribbble.com/users/1/avatars/normal/dc.jpg' }
 * ```
 */
export function mapDribbbleProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Dribbble user has no id');
  return compact({ id, username: str(raw.login), name: str(raw.name), email: str(raw.email), avatarUrl: str(raw.avatar_url) });
}

/**
 * Dribbble (API v2) over OAuth 2.0; the client secret goes in the token
 * request body and the profile is `GET https://api.dribbble.com/v2/user`.
 * Tokens do not expire and come without a refresh token.
 *
 * Unverified (also in `docs.unverified`): Whether Dribbble accepts or ignores PKCE parameters (the
 * kit sends them); Whether /v2/user ever includes an email (the v2 user object does not document
 * one; mapped when present).
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `public`; add `upload`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developer.dribbble.com/v2/oauth/
 * @example
 * ```ts
 * auth.register(dribbble({ clientId: process.env.DRIBBBLE_CLIENT_ID!, clientSecret: process.env.DRIBBBLE_CLIENT_SECRET! }));
 * ```
 */
export function dribbble(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'dribbble';
  return defineOAuth2Provider({
    name,
    displayName: 'Dribbble',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['public'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://dribbble.com/oauth/authorize',
      tokenEndpoint: 'https://dribbble.com/oauth/token',
      userinfoEndpoint: 'https://api.dribbble.com/v2/user',
      apiBaseUrl: 'https://api.dribbble.com/v2/',
    }),
    profile: mapDribbbleProfile,
    quirks: ['no-refresh-token', 'client-secret-post'],
    docs: {
      registerUrl: 'https://dribbble.com/account/applications/new',
      notes: `Account → Applications → Register a new application; Callback URL: <baseUrl>/auth/${name}/callback.`,
      kind: 'social',
      unverified: [
        'Whether Dribbble accepts or ignores PKCE parameters (the kit sends them).',
        'Whether /v2/user ever includes an email (the v2 user object does not document one; mapped when present).',
      ],
    },
  });
}
