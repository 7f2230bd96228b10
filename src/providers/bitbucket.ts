import { booleanClaim, compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider, ProfileFetchContext } from '../types.ts';

/** One entry of `GET /2.0/user/emails` (`values`). */
interface BitbucketEmail {
  email?: unknown;
  is_primary?: unknown;
  is_confirmed?: unknown;
}

/**
 * Map Bitbucket Cloud's `GET /2.0/user` (plus the `email` / `email_verified`
 * the {@link bitbucket} profile hook adds from `/2.0/user/emails`) to the
 * kit's profile. The id is the Atlassian `account_id` (the `uuid` when absent).
 *
 * @throws TypeError when the user has neither `account_id` nor `uuid`.
 * @example
 * ```ts
 * mapBitbucketProfile({ account_id: '557058:c0b72ad0', uuid: '{d301aafa-d676-4ee0-88be-962be7417567}', nickname: 'evzijst', display_name: 'Erik van Zijst' });
 * // { id: '557058:c0b72ad0', username: 'evzijst', name: 'Erik van Zijst' }
 * ```
 */
export function mapBitbucketProfile(raw: any): MappedProfile {
  const id = str(raw?.account_id) ?? str(raw?.uuid);
  if (!id) throw new TypeError('Bitbucket profile has no account_id or uuid');
  return compact({
    id,
    username: str(raw.nickname) ?? str(raw.username),
    name: str(raw.display_name),
    email: str(raw.email),
    emailVerified: booleanClaim(raw.email_verified),
    avatarUrl: str(raw.links?.avatar?.href),
  });
}

/**
 * Bitbucket Cloud over OAuth 2.0. The user object has no email, so with the
 * `email` scope the primary address is read from `GET /2.0/user/emails`.
 *
 * @param options `clientId` (consumer key), `clientSecret`, `scope` (default `account email`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developer.atlassian.com/cloud/bitbucket/oauth-2/
 * @example
 * ```ts
 * auth.register(bitbucket({ clientId: process.env.BITBUCKET_KEY!, clientSecret: process.env.BITBUCKET_SECRET! }));
 * ```
 */
export function bitbucket(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'bitbucket';
  const userinfoOverride = options.userinfoEndpoint;
  return defineOAuth2Provider({
    name,
    displayName: 'Bitbucket',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['account', 'email'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://bitbucket.org/site/oauth2/authorize',
      tokenEndpoint: 'https://bitbucket.org/site/oauth2/access_token',
      userinfoEndpoint: 'https://api.bitbucket.org/2.0/user',
      apiBaseUrl: 'https://api.bitbucket.org/2.0/',
    }),
    profile: mapBitbucketProfile,
    fetchProfile: async (ctx: ProfileFetchContext) => {
      const user = (await ctx.get(userinfoOverride ?? '/user')) as Record<string, unknown>;
      if (!user || typeof user !== 'object' || !ctx.scope.includes('email')) return user;
      const page = (await ctx.tryGet('/user/emails')) as { values?: unknown } | undefined;
      const values = Array.isArray(page?.values) ? (page.values as BitbucketEmail[]) : [];
      const primary = values.find((e) => e && e.is_primary === true);
      const email = primary ? str(primary.email) : undefined;
      return email ? { ...user, email, email_verified: primary!.is_confirmed === true } : user;
    },
    quirks: ['user-emails-fallback'],
    docs: {
      kind: 'developer',
      registerUrl: 'https://bitbucket.org/account/workspaces/',
      notes: `Workspace settings → OAuth consumers → Add consumer (permissions Account: Email, Read); Callback URL: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
