import { compact, defineOAuth2Provider, domainIssuer, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link workos}: the AuthKit `domain` (e.g. `your-app.authkit.app`
 * or your custom authentication domain) or a full `issuer`.
 *
 * @example
 * ```ts
 * const options: WorkosOptions = { clientId, clientSecret, domain: 'your-app.authkit.app' };
 * ```
 */
export interface WorkosOptions extends PresetOptions {
  /** AuthKit domain, e.g. `your-app.authkit.app` → issuer `https://your-app.authkit.app`. */
  domain?: string;
  /** Full issuer instead of `domain`. */
  issuer?: string;
}

/**
 * Map WorkOS AuthKit's OIDC claims (id_token / `/oauth2/userinfo`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapWorkosProfile({ sub: 'user_01E4ZCR3C56J083X43JQXF3JK5', email: 'marcelina.davis@example.com', email_verified: true, given_name: 'Marcelina', family_name: 'Davis' });
 * // { id: 'user_01E4ZCR3C56J083X43JQXF3JK5', name: 'Marcelina Davis', email: 'marcelina.davis@example.com', emailVerified: true }
 * ```
 */
export function mapWorkosProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('WorkOS profile has no sub');
  return compact({ id, username: str(raw.preferred_username), ...standardClaims(raw) });
}

/**
 * WorkOS AuthKit as an OpenID Provider (a WorkOS Connect OAuth application)
 * with discovery at `https://<authkit domain>/.well-known/openid-configuration`,
 * PKCE, and the client secret in the token request body (`client_secret_post`,
 * as the Connect token endpoint documents). The authorize endpoint requires
 * a `nonce`, which the kit sends on every OIDC login.
 *
 * The User Management `authenticate` API (code → `{ user, access_token }`
 * signed with your API key) is a different, non-OAuth token exchange; use the
 * WorkOS SDK for that one.
 *
 * Unverified (also in `docs.unverified`): Whether the discovered issuer carries a trailing slash
 * (the preset uses https://<domain> without one); Whether the Connect token endpoint accepts PKCE
 * (code_verifier) from confidential clients; The exact userinfo claim set; the fixture is
 * assembled from the documented scope → claim list, not a verbatim example; The dashboard path for
 * creating a Connect OAuth application.
 *
 * @param options `clientId`, `clientSecret`, `domain` or `issuer`, `scope` (default `openid profile email`; add `offline_access` for a refresh token).
 * @throws OAuthConfigError when clientId / clientSecret is missing, or neither domain nor issuer is given.
 * @see https://workos.com/docs/reference/workos-connect
 * @example
 * ```ts
 * auth.register(workos({ clientId, clientSecret, domain: 'your-app.authkit.app' }));
 * ```
 */
export function workos(options: WorkosOptions): OAuth2Provider {
  const name = options.name ?? 'workos';
  return defineOAuth2Provider({
    name,
    displayName: 'WorkOS',
    protocol: 'oidc',
    issuer: domainIssuer(name, options, { example: 'your-app.authkit.app', path: '' }),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options),
    profile: mapWorkosProfile,
    quirks: ['authkit-domain', 'client-secret-post', 'nonce-required'],
    docs: {
      registerUrl: 'https://dashboard.workos.com/',
      notes: `Dashboard → Applications → Create application (OAuth, first-party), then add the redirect URI <baseUrl>/auth/${name}/callback.`,
      kind: 'enterprise',
      unverified: [
        'Whether the discovered issuer carries a trailing slash (the preset uses https://<domain> without one).',
        'Whether the Connect token endpoint accepts PKCE (code_verifier) from confidential clients.',
        'The exact userinfo claim set; the fixture is assembled from the documented scope → claim list, not a verbatim example.',
        'The dashboard path for creating a Connect OAuth application.',
      ],
    },
  });
}
