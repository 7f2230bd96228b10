import { OAuthConfigError } from '../errors.ts';
import { booleanClaim, claimsName, compact, defineOAuth2Provider, instanceUrl, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link authelia}.
 *
 * @example
 * ```ts
 * const options: AutheliaOptions = { clientId, clientSecret, issuer: 'https://auth.example.com' };
 * ```
 */
export interface AutheliaOptions extends PresetOptions {
  /** Authelia's public URL, which is its issuer, e.g. `https://auth.example.com` (required). */
  issuer: string;
}

/**
 * Map Authelia's OIDC claims (id_token merged with userinfo) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapAutheliaProfile({ sub: '9bbd8ad5-1d3b-4b6e-9d2c-6a8f0c0e2b11', preferred_username: 'john', name: 'John Doe', email: 'john.doe@authelia.com', email_verified: true });
 * // { id: '9bbd8ad5-1d3b-4b6e-9d2c-6a8f0c0e2b11', username: 'john', name: 'John Doe', email: 'john.doe@authelia.com', emailVerified: true }
 * ```
 */
export function mapAutheliaProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Authelia profile has no sub');
  return compact({
    id,
    username: str(raw.preferred_username),
    name: claimsName(raw),
    email: str(raw.email),
    emailVerified: booleanClaim(raw.email_verified),
    avatarUrl: str(raw.picture),
  });
}

/**
 * Authelia (self-hosted) as an OpenID Connect 1.0 provider, with discovery at
 * `<issuer>/.well-known/openid-configuration` and PKCE. Authelia keeps the
 * id_token minimal and serves `profile` / `email` claims at userinfo, which
 * the kit merges over the id_token claims. The client is declared in
 * Authelia's `identity_providers.oidc.clients` configuration.
 *
 * Unverified (also in `docs.unverified`): The default token_endpoint_auth_method of a client when
 * the configuration leaves it out (the preset sends HTTP Basic; set client_secret_basic in the
 * client config); The fixture is assembled from the documented claim list, not a verbatim userinfo
 * example.
 *
 * @param options `clientId`, `clientSecret`, `issuer` (required), `scope` (default `openid profile email`; add `groups`).
 * @throws OAuthConfigError when clientId / clientSecret / issuer is missing or issuer is not an https URL.
 * @see https://www.authelia.com/configuration/identity-providers/openid-connect/clients/
 * @example
 * ```ts
 * auth.register(authelia({ clientId: 'my-app', clientSecret, issuer: 'https://auth.example.com' }));
 * ```
 */
export function authelia(options: AutheliaOptions): OAuth2Provider {
  const name = options.name ?? 'authelia';
  if (!options.issuer) throw new OAuthConfigError(`${name}: issuer is required (Authelia's public URL, e.g. https://auth.example.com).`);
  const issuer = instanceUrl(name, 'issuer', options.issuer, 'https://auth.example.com');
  return defineOAuth2Provider({
    name,
    displayName: 'Authelia',
    protocol: 'oidc',
    issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options),
    profile: mapAutheliaProfile,
    quirks: ['self-hosted-issuer', 'claims-at-userinfo'],
    docs: {
      registerUrl: 'https://www.authelia.com/configuration/identity-providers/openid-connect/clients/',
      notes: `configuration.yml → identity_providers.oidc.clients: client_id, hashed client_secret, token_endpoint_auth_method client_secret_basic; redirect_uris: <baseUrl>/auth/${name}/callback.`,
      kind: 'self-hosted',
      unverified: [
        'The default token_endpoint_auth_method of a client when the configuration leaves it out (the preset sends HTTP Basic; set client_secret_basic in the client config).',
        'The fixture is assembled from the documented claim list, not a verbatim userinfo example.',
      ],
    },
  });
}
