import { booleanClaim, compact, defineOAuth2Provider, instanceUrl, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider, ProfileFetchContext } from '../types.ts';

/**
 * Options of {@link github}.
 *
 * @example
 * ```ts
 * const options: GithubOptions = { clientId, clientSecret, enterpriseUrl: 'https://ghe.example.com' };
 * ```
 */
export interface GithubOptions extends PresetOptions {
  /** GitHub Enterprise Server origin, e.g. `https://ghe.example.com` (default: github.com). */
  enterpriseUrl?: string;
}

/** One entry of `GET /user/emails`. */
interface GithubEmail {
  email?: unknown;
  primary?: unknown;
  verified?: unknown;
}

const DEFAULT_SCOPE = ['read:user', 'user:email'];

/**
 * Map GitHub's `GET /user` payload (plus the `email_verified` flag the
 * {@link github} profile hook adds) to the kit's profile.
 *
 * @throws TypeError when the payload has no `id`.
 * @example
 * ```ts
 * mapGithubProfile({ id: 1, login: 'octocat', name: 'The Octocat', email: null, avatar_url: 'https://github.com/images/error/octocat_happy.gif' });
 * // { id: '1', username: 'octocat', name: 'The Octocat', avatarUrl: 'https://github.com/images/error/octocat_happy.gif' }
 * ```
 */
export function mapGithubProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('GitHub profile has no id');
  return compact({
    id,
    username: str(raw.login),
    name: str(raw.name),
    email: str(raw.email),
    emailVerified: booleanClaim(raw.email_verified),
    avatarUrl: str(raw.avatar_url),
  });
}

/** The primary, verified address of a `GET /user/emails` answer, if any. */
function primaryVerifiedEmail(emails: unknown): string | undefined {
  if (!Array.isArray(emails)) return undefined;
  const hit = (emails as GithubEmail[]).find((e) => e && e.primary === true && e.verified === true);
  return hit ? str(hit.email) : undefined;
}

/**
 * GitHub (OAuth app or GitHub App user login) over OAuth 2.0 with PKCE.
 * GitHub has no OpenID Connect for sign-in, so the profile is `GET /user`;
 * when that email is private (null) and the scope allows it, the primary
 * verified address is read from `GET /user/emails`. GitHub Enterprise Server
 * is one option away.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `read:user`, `user:email`), `enterpriseUrl`, endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing or an endpoint is not https.
 * @see https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
 * @example
 * ```ts
 * auth.register(github({ clientId: process.env.GITHUB_CLIENT_ID!, clientSecret: process.env.GITHUB_CLIENT_SECRET! }));
 * auth.register(github({ name: 'ghe', clientId, clientSecret, enterpriseUrl: 'https://ghe.example.com' }));
 * ```
 */
export function github(options: GithubOptions): OAuth2Provider {
  const name = options.name ?? 'github';
  const web = options.enterpriseUrl ? instanceUrl('github', 'enterpriseUrl', options.enterpriseUrl, 'https://ghe.example.com') : 'https://github.com';
  const api = options.enterpriseUrl ? `${web}/api/v3/` : 'https://api.github.com/';
  const userinfoOverride = options.userinfoEndpoint;
  return defineOAuth2Provider({
    name,
    displayName: options.enterpriseUrl ? 'GitHub Enterprise' : 'GitHub',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? DEFAULT_SCOPE,
    ...presetEndpoints(options, {
      authorizationEndpoint: `${web}/login/oauth/authorize`,
      tokenEndpoint: `${web}/login/oauth/access_token`,
      userinfoEndpoint: `${api}user`,
      apiBaseUrl: api,
    }),
    // The RFC 9207 `iss` GitHub sends on callbacks (not in GitHub's docs; `https://github.com` is wrong).
    issuer: `${web}/login/oauth`,
    clientAuth: 'client_secret_post',
    pkce: true, // S256 only, supported since 2025-07-14 (GitHub changelog)
    apiHeaders: {
      'User-Agent': 'express-oauth-kit', // GitHub refuses API calls without a User-Agent
      Accept: 'application/vnd.github+json',
      'X-GitHub-Api-Version': '2022-11-28',
    },
    profile: mapGithubProfile,
    fetchProfile: async (ctx: ProfileFetchContext) => {
      const user = (await ctx.get(userinfoOverride ?? '/user')) as Record<string, unknown>;
      if (!user || typeof user !== 'object') return user;
      // A private email is null on /user; /user/emails needs `user:email` (or `user`, which includes it).
      if (user.email != null || !(ctx.scope.includes('user:email') || ctx.scope.includes('user'))) return user;
      const email = primaryVerifiedEmail(await ctx.tryGet('/user/emails'));
      return email ? { ...user, email, email_verified: true } : user;
    },
    quirks: ['user-emails-fallback', 'http-200-token-errors', 'user-agent-required', 'rfc9207-iss', 'enterprise-server'],
    docs: {
      kind: 'developer',
      registerUrl: options.enterpriseUrl ? `${web}/settings/developers` : 'https://github.com/settings/developers',
      notes: `OAuth Apps → New OAuth App; Authorization callback URL: <baseUrl>/auth/${name}/callback. Scopes are fixed per login, not per app.`,
    },
  });
}
