import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Heroku's Platform API `GET /account` to the kit's profile. Heroku's
 * `verified` flag means billing verification, not the email, so no
 * emailVerified is claimed.
 *
 * @throws TypeError when the account has no `id`.
 * @example
 * ```ts
 * mapHerokuProfile({ id: '01234567-89ab-cdef-0123-456789abcdef', email: 'username@example.com', name: 'Tina Edmonds' });
 * // { id: '01234567-89ab-cdef-0123-456789abcdef', name: 'Tina Edmonds', email: 'username@example.com' }
 * ```
 */
export function mapHerokuProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Heroku account has no id');
  return compact({ id, name: str(raw.name), email: str(raw.email) });
}

/**
 * Heroku over OAuth 2.0 (`id.heroku.com`); the client secret goes in the
 * token request body and the profile is the Platform API's `GET /account`,
 * which needs the `Accept: application/vnd.heroku+json; version=3` header.
 *
 * Unverified (also in `docs.unverified`): Whether id.heroku.com accepts or ignores PKCE parameters
 * (the kit sends them); Whether HTTP Basic client authentication also works (the preset sends
 * client_secret in the body, as documented).
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `identity`; `read`, `write`, `global` for more), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://devcenter.heroku.com/articles/oauth
 * @example
 * ```ts
 * auth.register(heroku({ clientId: process.env.HEROKU_OAUTH_ID!, clientSecret: process.env.HEROKU_OAUTH_SECRET! }));
 * ```
 */
export function heroku(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'heroku';
  return defineOAuth2Provider({
    name,
    displayName: 'Heroku',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['identity'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://id.heroku.com/oauth/authorize',
      tokenEndpoint: 'https://id.heroku.com/oauth/token',
      userinfoEndpoint: 'https://api.heroku.com/account',
      apiBaseUrl: 'https://api.heroku.com/',
    }),
    // https://devcenter.heroku.com/articles/platform-api-reference#clients: version 3 must be requested explicitly.
    apiHeaders: { Accept: 'application/vnd.heroku+json; version=3' },
    profile: mapHerokuProfile,
    quirks: ['version-accept-header', 'client-secret-post'],
    docs: {
      registerUrl: 'https://dashboard.heroku.com/account/applications',
      notes: `Account settings → Applications → API clients → Register new API client; OAuth callback URL: <baseUrl>/auth/${name}/callback.`,
      kind: 'developer',
      unverified: [
        'Whether id.heroku.com accepts or ignores PKCE parameters (the kit sends them).',
        'Whether HTTP Basic client authentication also works (the preset sends client_secret in the body, as documented).',
      ],
    },
  });
}
