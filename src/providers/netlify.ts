import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Netlify's `GET /api/v1/user` to the kit's profile.
 *
 * @throws TypeError when the user has no `id`.
 * @example
 * ```ts
 * mapNetlifyProfile({ id: '5c2f8a1b0a3f7e1d2c3b4a59', full_name: 'Jane Doe', email: 'jane@example.com', avatar_url: 'https://avatars.example/jane.png' });
 * // { id: '5c2f8a1b0a3f7e1d2c3b4a59', name: 'Jane Doe', email: 'jane@example.com', avatarUrl: 'https://avatars.example/jane.png' }
 * ```
 */
export function mapNetlifyProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Netlify user has no id');
  return compact({
    id,
    username: str(raw.slug),
    name: str(raw.full_name),
    email: str(raw.email),
    avatarUrl: str(raw.avatar_url),
  });
}

/**
 * Netlify (OAuth applications) over OAuth 2.0: the user approves on
 * `app.netlify.com`, the token is exchanged at `api.netlify.com`, and the
 * profile is `GET /api/v1/user`. Netlify has no scopes: a token acts with the
 * user's full API access.
 *
 * Unverified (see `docs.unverified`): the token endpoint's client
 * authentication (HTTP Basic assumed), PKCE, and the `slug` field.
 *
 * @param options `clientId`, `clientSecret`, endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://open-api.netlify.com/#section/Authentication
 * @example
 * ```ts
 * auth.register(netlify({ clientId: process.env.NETLIFY_CLIENT_ID!, clientSecret: process.env.NETLIFY_CLIENT_SECRET! }));
 * ```
 */
export function netlify(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'netlify';
  return defineOAuth2Provider({
    name,
    displayName: 'Netlify',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://app.netlify.com/authorize',
      tokenEndpoint: 'https://api.netlify.com/oauth/token',
      userinfoEndpoint: 'https://api.netlify.com/api/v1/user',
      apiBaseUrl: 'https://api.netlify.com/api/v1/',
    }),
    profile: mapNetlifyProfile,
    quirks: ['no-scopes', 'split-authorize-and-api-hosts'],
    docs: {
      registerUrl: 'https://app.netlify.com/user/applications',
      notes: `User settings → Applications → OAuth → New OAuth app; Redirect URI: <baseUrl>/auth/${name}/callback.`,
      kind: 'developer',
      unverified: ['token client authentication: HTTP Basic (client_secret_basic) is assumed', 'PKCE support', 'the `slug` field used as username'],
    },
  });
}
