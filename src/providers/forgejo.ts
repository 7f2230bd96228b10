import { OAuthConfigError } from '../errors.ts';
import { booleanClaim, compact, defineOAuth2Provider, instanceUrl, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link forgejo}.
 *
 * @example
 * ```ts
 * const options: ForgejoOptions = { clientId, clientSecret, baseUrl: 'https://codeberg.org' };
 * ```
 */
export interface ForgejoOptions extends PresetOptions {
  /** The instance's ROOT_URL, e.g. `https://codeberg.org` or `https://forgejo.example.com` (required). */
  baseUrl: string;
}

/**
 * Map Forgejo's OIDC claims (id_token merged with `/login/oauth/userinfo`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapForgejoProfile({ sub: '42', name: 'Jane Doe', preferred_username: 'jane', email: 'jane@example.org', email_verified: true });
 * // { id: '42', username: 'jane', name: 'Jane Doe', email: 'jane@example.org', emailVerified: true }
 * ```
 */
export function mapForgejoProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Forgejo profile has no sub');
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
 * Forgejo (Codeberg or self-hosted) over OpenID Connect with discovery and
 * PKCE. Forgejo is a Gitea fork and keeps its OAuth2 provider: the issuer is
 * the ROOT_URL with its trailing slash, the REST API `/api/v1/` is the base
 * for `req.oauth.fetch`. Codeberg: `baseUrl: 'https://codeberg.org'`.
 *
 * Unverified (also in `docs.unverified`): The trailing-slash issuer is inherited from Gitea's
 * template; not re-checked in Forgejo's own source; Whether /login/oauth/userinfo sends
 * email_verified (the id_token does); the fixture is assembled from the documented claim names.
 *
 * @param options `clientId`, `clientSecret`, `baseUrl` (required), `scope` (default `openid profile email`).
 * @throws OAuthConfigError when clientId / clientSecret / baseUrl is missing or baseUrl is not a URL.
 * @see https://forgejo.org/docs/latest/user/oauth2-provider/
 * @example
 * ```ts
 * auth.register(forgejo({ name: 'codeberg', clientId, clientSecret, baseUrl: 'https://codeberg.org' }));
 * ```
 */
export function forgejo(options: ForgejoOptions): OAuth2Provider {
  const name = options.name ?? 'forgejo';
  if (!options.baseUrl) throw new OAuthConfigError(`${name}: baseUrl is required (the instance URL, e.g. https://codeberg.org).`);
  const base = instanceUrl(name, 'baseUrl', options.baseUrl, 'https://codeberg.org');
  return defineOAuth2Provider({
    name,
    displayName: base === 'https://codeberg.org' ? 'Codeberg' : 'Forgejo',
    protocol: 'oidc',
    // Inherited from Gitea's discovery template: "issuer" is AppUrl, which ends in "/".
    issuer: `${base}/`,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options, { apiBaseUrl: `${base}/api/v1/` }),
    profile: mapForgejoProfile,
    quirks: ['instance-url', 'issuer-trailing-slash'],
    docs: {
      registerUrl: `${base}/user/settings/applications`,
      notes: `Settings → Applications → Create a new OAuth2 application (confidential); Redirect URIs: <baseUrl>/auth/${name}/callback.`,
      kind: 'self-hosted',
      unverified: [
        "The trailing-slash issuer is inherited from Gitea's template; not re-checked in Forgejo's own source.",
        'Whether /login/oauth/userinfo sends email_verified (the id_token does); the fixture is assembled from the documented claim names.',
      ],
    },
  });
}
