import { OAuthConfigError } from '../errors.ts';
import { booleanClaim, compact, defineOAuth2Provider, instanceUrl, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link gitea}.
 *
 * @example
 * ```ts
 * const options: GiteaOptions = { clientId, clientSecret, baseUrl: 'https://gitea.example.com' };
 * ```
 */
export interface GiteaOptions extends PresetOptions {
  /** The instance's ROOT_URL, e.g. `https://gitea.example.com` or `https://gitea.com` (required). */
  baseUrl: string;
}

/**
 * Map Gitea's OIDC claims (id_token merged with `/login/oauth/userinfo`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapGiteaProfile({ sub: '1', name: 'Jane Doe', preferred_username: 'jane', email: 'jane@example.com', email_verified: true, picture: 'https://gitea.example.com/avatars/1' });
 * // { id: '1', username: 'jane', name: 'Jane Doe', email: 'jane@example.com', emailVerified: true, avatarUrl: 'https://gitea.example.com/avatars/1' }
 * ```
 */
export function mapGiteaProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Gitea profile has no sub');
  return compact({
    id,
    username: str(raw.preferred_username) ?? str(raw.nickname),
    name: str(raw.name),
    email: str(raw.email),
    emailVerified: booleanClaim(raw.email_verified),
    avatarUrl: str(raw.picture),
  });
}

/**
 * Gitea (gitea.com or self-hosted) over OpenID Connect with discovery and
 * PKCE. The issuer is the instance's ROOT_URL **with** its trailing slash
 * (Gitea's discovery document prints `AppUrl`, which ends in `/`); the REST
 * API `/api/v1/` is the base for `req.oauth.fetch`.
 *
 * Unverified (also in `docs.unverified`): Whether /login/oauth/userinfo sends email_verified (the
 * id_token does); the fixture is assembled from the documented claim names.
 *
 * @param options `clientId`, `clientSecret`, `baseUrl` (required), `scope` (default `openid profile email`).
 * @throws OAuthConfigError when clientId / clientSecret / baseUrl is missing or baseUrl is not a URL.
 * @see https://docs.gitea.com/development/oauth2-provider
 * @example
 * ```ts
 * auth.register(gitea({ clientId, clientSecret, baseUrl: 'https://gitea.example.com' }));
 * ```
 */
export function gitea(options: GiteaOptions): OAuth2Provider {
  const name = options.name ?? 'gitea';
  if (!options.baseUrl) throw new OAuthConfigError(`${name}: baseUrl is required (the instance URL, e.g. https://gitea.example.com or https://gitea.com).`);
  const base = instanceUrl(name, 'baseUrl', options.baseUrl, 'https://gitea.example.com');
  return defineOAuth2Provider({
    name,
    displayName: 'Gitea',
    protocol: 'oidc',
    // https://github.com/go-gitea/gitea/blob/main/templates/user/auth/oidc_wellknown.tmpl: "issuer": "{{AppUrl}}" (trailing slash)
    issuer: `${base}/`,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options, { apiBaseUrl: `${base}/api/v1/` }),
    profile: mapGiteaProfile,
    quirks: ['instance-url', 'issuer-trailing-slash'],
    docs: {
      registerUrl: `${base}/user/settings/applications`,
      notes: `Settings → Applications → Create a new OAuth2 Application (confidential); Redirect URIs: <baseUrl>/auth/${name}/callback.`,
      kind: 'self-hosted',
      unverified: ['Whether /login/oauth/userinfo sends email_verified (the id_token does); the fixture is assembled from the documented claim names.'],
    },
  });
}
