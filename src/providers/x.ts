import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider, ProfileFetchContext } from '../types.ts';

const DEFAULT_SCOPE = ['users.read', 'tweet.read', 'offline.access'];

/**
 * Map X's `GET /2/users/me` answer (`{ data: { id, name, username, … } }`)
 * to the kit's profile. `confirmed_email` is only present with the
 * `users.email` scope and the app's email permission.
 *
 * @throws TypeError when `data.id` is missing.
 * @example
 * ```ts
 * mapXProfile({ data: { id: '2244994945', name: 'X Dev', username: 'TwitterDev' } });
 * // { id: '2244994945', username: 'TwitterDev', name: 'X Dev' }
 * ```
 */
export function mapXProfile(raw: any): MappedProfile {
  const user = raw && typeof raw === 'object' && raw.data && typeof raw.data === 'object' ? raw.data : raw;
  const id = str(user?.id);
  if (!id) throw new TypeError('X profile has no data.id');
  const email = str(user.confirmed_email);
  return compact({
    id,
    username: str(user.username),
    name: str(user.name),
    email,
    // X only ever returns a confirmed address in `confirmed_email`.
    emailVerified: email ? true : undefined,
    avatarUrl: str(user.profile_image_url),
  });
}

/** The user-lookup query for the granted scopes. */
function userFields(scope: readonly string[]): string {
  return scope.includes('users.email') ? 'profile_image_url,confirmed_email' : 'profile_image_url';
}

/**
 * X (Twitter) over OAuth 2.0: Authorization Code with mandatory PKCE,
 * HTTP Basic client authentication for confidential clients (a public client
 * — no secret — sends only its `client_id`), refresh tokens with
 * `offline.access`, revocation, and the v2 `users/me` profile. For the
 * OAuth 1.0a login see `twitter()`.
 *
 * @param options `clientId`, optional `clientSecret`, `scope` (default `users.read tweet.read offline.access`; add `users.email` for the email), endpoint overrides.
 * @throws OAuthConfigError when clientId is missing or an endpoint is not https.
 * @see https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token
 * @example
 * ```ts
 * auth.register(x({ clientId: process.env.X_CLIENT_ID!, clientSecret: process.env.X_CLIENT_SECRET! }));
 * ```
 */
export function x(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'x';
  const userinfoOverride = options.userinfoEndpoint;
  return defineOAuth2Provider({
    name,
    displayName: 'X',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: options.clientSecret ? 'client_secret_basic' : 'none',
    scope: options.scope ?? DEFAULT_SCOPE,
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://x.com/i/oauth2/authorize',
      tokenEndpoint: 'https://api.x.com/2/oauth2/token',
      userinfoEndpoint: 'https://api.x.com/2/users/me',
      revocationEndpoint: 'https://api.x.com/2/oauth2/revoke',
      apiBaseUrl: 'https://api.x.com/2/',
    }),
    pkce: true, // mandatory at X
    profile: mapXProfile,
    fetchProfile: async (ctx: ProfileFetchContext) => {
      const fields = userFields(ctx.scope);
      if (!userinfoOverride) return ctx.get(`/users/me?user.fields=${fields}`);
      const url = new URL(userinfoOverride);
      url.searchParams.set('user.fields', fields);
      return ctx.get(url.href);
    },
    quirks: ['pkce-required', 'basic-client-auth', 'confirmed-email-field', 'offline-access-for-refresh'],
    docs: {
      kind: 'social',
      registerUrl: 'https://developer.x.com/en/portal/dashboard',
      notes: `Enable OAuth 2.0 in the app's "User authentication settings" (Web App = confidential client); Callback URI: <baseUrl>/auth/${name}/callback. Email needs the users.email scope and "Request email from users".`,
    },
  });
}
