import { compact, defineOAuth2Provider, domainIssuer, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';
import { strongClient, type StrongClientOptions } from './strong-client.ts';

/**
 * Options of {@link okta}: `domain` (the default custom authorization
 * server) or a full `issuer` (another authorization server, or the org one).
 *
 * @example
 * ```ts
 * const options: OktaOptions = { clientId, clientSecret, domain: 'dev-123456.okta.com' };
 * ```
 */
export interface OktaOptions extends PresetOptions, StrongClientOptions {
  /** Okta domain, e.g. `dev-123456.okta.com` → issuer `https://dev-123456.okta.com/oauth2/default`. */
  domain?: string;
  /** Full issuer, e.g. `https://example.okta.com/oauth2/aus1234` or the org server `https://example.okta.com`. */
  issuer?: string;
}

/**
 * Map Okta's OIDC claims (id_token / `/v1/userinfo`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapOktaProfile({ sub: '00uid4BxXw6I6TV4m0g3', preferred_username: 'john.doe@example.com', name: 'John Doe', email: 'john.doe@example.com', email_verified: true });
 * // { id: '00uid4BxXw6I6TV4m0g3', username: 'john.doe@example.com', name: 'John Doe', email: 'john.doe@example.com', emailVerified: true }
 * ```
 */
export function mapOktaProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Okta profile has no sub');
  return compact({ id, username: str(raw.preferred_username), ...standardClaims(raw) });
}

/**
 * Okta (Workforce / Customer Identity) over OpenID Connect with discovery.
 * `domain` selects the `default` custom authorization server; pass `issuer`
 * for another one.
 *
 * @param options `clientId`, `clientSecret`, `domain` or `issuer`, `scope` (default `openid profile email`).
 * @throws OAuthConfigError when clientId / clientSecret is missing, or neither domain nor issuer is given.
 * @see https://developer.okta.com/docs/guides/sign-into-web-app-redirect/node-express/main/
 * @example
 * ```ts
 * auth.register(okta({ clientId, clientSecret, domain: 'dev-123456.okta.com' }));
 * ```
 */
export function okta(options: OktaOptions): OAuth2Provider {
  const name = options.name ?? 'okta';
  return defineOAuth2Provider({
    name,
    displayName: 'Okta',
    protocol: 'oidc',
    issuer: domainIssuer(name, options, { example: 'dev-123456.okta.com', path: '/oauth2/default' }),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ...strongClient(options),
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options),
    profile: mapOktaProfile,
    quirks: ['tenant-domain'],
    docs: {
      kind: 'enterprise',
      registerUrl: 'https://developer.okta.com/signup/',
      notes: `Admin Console → Applications → Create App Integration (OIDC, Web Application); Sign-in redirect URI: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
