import { OAuthConfigError } from '../errors.ts';
import { compact, defineOAuth2Provider, instanceUrl, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';
import { strongClient, type StrongClientOptions } from './strong-client.ts';

/**
 * Options of {@link duende}.
 *
 * @example
 * ```ts
 * const options: DuendeOptions = { clientId, clientSecret, issuer: 'https://identity.example.com' };
 * ```
 */
export interface DuendeOptions extends PresetOptions, StrongClientOptions {
  /** The IdentityServer's issuer (its public base URL, the `authority`), e.g. `https://identity.example.com`. */
  issuer: string;
}

/**
 * Map Duende IdentityServer's OIDC claims (id_token / `connect/userinfo`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapDuendeProfile({ sub: '88421113', name: 'Bob Smith', preferred_username: 'bob', email: 'BobSmith@email.com', email_verified: true });
 * // { id: '88421113', username: 'bob', name: 'Bob Smith', email: 'BobSmith@email.com', emailVerified: true }
 * ```
 */
export function mapDuendeProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Duende IdentityServer profile has no sub');
  return compact({ id, username: str(raw.preferred_username), ...standardClaims(raw) });
}

/**
 * Duende IdentityServer (self-hosted, ASP.NET Core) over OpenID Connect with
 * discovery at `<issuer>/.well-known/openid-configuration`; clients are
 * defined in the server's code or store, with PKCE required by default.
 *
 * Unverified: that the issuer equals the public base URL on your deployment
 * (IdentityServer derives it from the request host unless `IssuerUri` is set).
 *
 * @param options `clientId`, `clientSecret`, `issuer`, `scope` (default `openid profile email`).
 * @throws OAuthConfigError when clientId or issuer is missing, or issuer is not a URL.
 * @see https://docs.duendesoftware.com/identityserver/reference/endpoints/discovery/
 * @example
 * ```ts
 * auth.register(duende({ clientId: 'web', clientSecret, issuer: 'https://identity.example.com' }));
 * ```
 */
export function duende(options: DuendeOptions): OAuth2Provider {
  const name = options.name ?? 'duende';
  if (!options.issuer) throw new OAuthConfigError(`${name}: issuer is required (the IdentityServer URL, e.g. https://identity.example.com).`);
  const issuer = instanceUrl(name, 'issuer', options.issuer, 'https://identity.example.com');
  return defineOAuth2Provider({
    name,
    displayName: 'Duende IdentityServer',
    protocol: 'oidc',
    issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ...strongClient(options),
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options),
    profile: mapDuendeProfile,
    quirks: ['instance-issuer'],
    docs: {
      registerUrl: 'https://docs.duendesoftware.com/identityserver/fundamentals/clients/',
      notes: `Add a client (AllowedGrantTypes = Code, RequirePkce = true, a secret, scopes openid profile email); RedirectUris: <baseUrl>/auth/${name}/callback.`,
      kind: 'self-hosted',
      unverified: ['issuer equals the public base URL when IssuerUri is not configured', 'fixture payload reconstructed from documented field names, not a verbatim documented example'],
    },
  });
}
