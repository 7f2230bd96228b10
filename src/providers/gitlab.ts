import { OAuthConfigError } from '../errors.ts';
import { compact, defineOAuth2Provider, str, type PresetOptions } from './define.ts';
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
    emailVerified: typeof raw.email_verified === 'boolean' ? raw.email_verified : undefined,
    avatarUrl: str(raw.picture),
  });
}

/** The instance origin (plus relative-URL-root path), without a trailing slash. */
function instanceUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OAuthConfigError(`gitlab: baseUrl must be an absolute URL such as https://gitlab.example.com, got ${JSON.stringify(value)}.`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
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
  const base = options.baseUrl ? instanceUrl(options.baseUrl) : 'https://gitlab.com';
  return defineOAuth2Provider({
    name,
    displayName: 'GitLab',
    protocol: 'oidc',
    issuer: base,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'profile', 'email'],
    authorizationEndpoint: options.authorizationEndpoint,
    tokenEndpoint: options.tokenEndpoint,
    userinfoEndpoint: options.userinfoEndpoint,
    revocationEndpoint: options.revocationEndpoint,
    apiBaseUrl: options.apiBaseUrl ?? `${base}/api/v4/`,
    allowInsecureRequests: options.allowInsecureRequests,
    authorizationParams: options.authorizationParams,
    profile: mapGitlabProfile,
    quirks: options.baseUrl ? ['self-managed-issuer'] : [],
    docs: {
      registerUrl: `${base}/-/user_settings/applications`,
      notes: `User settings → Applications (or a group / instance application), confidential, scopes openid profile email; Redirect URI: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
