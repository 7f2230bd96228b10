import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Todoist's `GET /api/v1/user` to the kit's profile.
 *
 * @throws TypeError when the user has no `id`.
 * @example
 * ```ts
 * mapTodoistProfile({ id: '2671355', full_name: 'Jane Doe', email: 'jane@example.com', avatar_big: 'https://dcff1xvirvpfp.cloudfront.net/x_big.jpg' });
 * // { id: '2671355', name: 'Jane Doe', email: 'jane@example.com', avatarUrl: 'https://dcff1xvirvpfp.cloudfront.net/x_big.jpg' }
 * ```
 */
export function mapTodoistProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Todoist user has no id');
  return compact({
    id,
    name: str(raw.full_name),
    email: str(raw.email),
    avatarUrl: str(raw.avatar_big) ?? str(raw.avatar_medium) ?? str(raw.avatar_small),
  });
}

/**
 * Todoist over OAuth 2.0: scopes are joined with commas, the client
 * credentials go in the token request body, and the profile is the unified
 * API v1 `GET /api/v1/user`.
 *
 * Unverified (see `docs.unverified`): PKCE, and the v1 user endpoint path
 * (older integrations read the user from the Sync API).
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `data:read`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developer.todoist.com/guides/#oauth
 * @example
 * ```ts
 * auth.register(todoist({ clientId: process.env.TODOIST_CLIENT_ID!, clientSecret: process.env.TODOIST_CLIENT_SECRET! }));
 * ```
 */
export function todoist(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'todoist';
  return defineOAuth2Provider({
    name,
    displayName: 'Todoist',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['data:read'],
    scopeSeparator: ',',
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://todoist.com/oauth/authorize',
      tokenEndpoint: 'https://todoist.com/oauth/access_token',
      userinfoEndpoint: 'https://api.todoist.com/api/v1/user',
      apiBaseUrl: 'https://api.todoist.com/api/v1/',
    }),
    profile: mapTodoistProfile,
    quirks: ['comma-separated-scope', 'client-secret-post'],
    docs: {
      registerUrl: 'https://developer.todoist.com/appconsole.html',
      notes: `App Management Console → Create a new app; OAuth redirect URL: <baseUrl>/auth/${name}/callback.`,
      kind: 'developer',
      unverified: ['PKCE support', 'profile path GET /api/v1/user of the unified API v1'],
    },
  });
}
