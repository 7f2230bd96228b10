import { booleanClaim, compact, defineOAuth2Provider, instanceUrl, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link gitlab}.
 *
 * @example
 * ```ts
 * const options: GitlabOptions = { clientId, clientSecret, baseUrl: 'https://gitlab.example.com' };
 * ```
 */
export interface GitlabOptions extends PresetOptions {
  /** Self-managed GitLab origin, e.g. `https://gitlab.example.com` (default `https://gitlab.com`). */
  baseUrl?: string;
}

/**
 * Map GitLab's OpenID Connect claims (id_token / `/oauth/userinfo`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapGitlabProfile({ sub: '1', nickname: 'jane', name: 'Jane Doe', email: 'jane@example.com', email_verified: true });
 * // { id: '1', username: 'jane', name: 'Jane Doe', email: 'jane@example.com', emailVerified: true }
 * ```
 */
export function mapGitlabProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('GitLab profile has no sub');
  return compact({
    id,
    username: str(raw.nickname) ?? str(raw.preferred_username),
    name: str(raw.name),
    email: str(raw.email),
    emailVerified: booleanClaim(raw.email_verified),
    avatarUrl: str(raw.picture),
  });
}

/**
 * GitLab (gitlab.com or self-managed) over OpenID Connect: GitLab is its own
 * issuer (`https://gitlab.com`, or the instance URL), with discovery, PKCE
 * and the REST API v4 as the base for `req.oauth.fetch`.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `openid profile email`; add `read_user` / `api` for the REST API), `baseUrl`.
 * @throws OAuthConfigError when clientId / clientSecret is missing or baseUrl is not a URL.
 * @see https://docs.gitlab.com/integration/openid_connect_provider/
 * @example
 * ```ts
 * auth.register(gitlab({ clientId, clientSecret }));
 * auth.register(gitlab({ name: 'corp-gitlab', clientId, clientSecret, baseUrl: 'https://gitlab.example.com' }));
 * ```
 */
export function gitlab(options: GitlabOptions): OAuth2Provider {
  const name = options.name ?? 'gitlab';
  const base = options.baseUrl ? instanceUrl('gitlab', 'baseUrl', options.baseUrl, 'https://gitlab.example.com') : 'https://gitlab.com';
  return defineOAuth2Provider({
    name,
    displayName: 'GitLab',
    protocol: 'oidc',
    issuer: base,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options, {
      apiBaseUrl: `${base}/api/v4/`,
    }),
    profile: mapGitlabProfile,
    quirks: options.baseUrl ? ['self-managed-issuer'] : [],
    docs: {
      kind: 'developer',
      registerUrl: `${base}/-/user_settings/applications`,
      notes: `User settings → Applications (or a group / instance application), confidential, scopes openid profile email; Redirect URI: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
