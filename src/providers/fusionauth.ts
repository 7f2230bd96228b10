import { OAuthConfigError } from '../errors.ts';
import { compact, defineOAuth2Provider, instanceUrl, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link fusionauth}.
 *
 * @example
 * ```ts
 * const options: FusionauthOptions = { clientId, clientSecret, issuer: 'https://auth.example.com', tenantId: '7a1b…' };
 * ```
 */
export interface FusionauthOptions extends PresetOptions {
  /** The tenant's issuer, which must be the instance URL (Tenants → your tenant → Issuer), e.g. `https://auth.example.com`. */
  issuer: string;
  /** Tenant id, when the instance has more than one tenant: selects the tenant's discovery document and login theme. */
  tenantId?: string;
}

/**
 * Map FusionAuth's OIDC claims (id_token / `oauth2/userinfo`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapFusionauthProfile({ sub: '00000000-0000-0001-0000-000000000000', preferred_username: 'richard', email: 'richard@example.com', email_verified: true });
 * // { id: '00000000-0000-0001-0000-000000000000', username: 'richard', email: 'richard@example.com', emailVerified: true }
 * ```
 */
export function mapFusionauthProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('FusionAuth profile has no sub');
  return compact({ id, username: str(raw.preferred_username), ...standardClaims(raw) });
}

/**
 * FusionAuth (self-hosted or FusionAuth Cloud) over OpenID Connect with
 * discovery. The issuer is configured per tenant and defaults to `acme.com`,
 * which is not a URL: set it to the instance URL first. With several tenants,
 * `tenantId` picks the tenant's discovery document
 * (`/.well-known/openid-configuration/<tenantId>`) and is sent as the
 * `tenantId` authorize parameter.
 *
 * The kit pins RS256 id_tokens: set the application's (or tenant's) id token
 * signing key to an RSA key.
 *
 * Unverified: the per-tenant discovery path form; PKCE default policy per
 * application; which key a fresh tenant signs id tokens with (RS256 pinned).
 *
 * @param options `clientId`, `clientSecret`, `issuer`, `tenantId`, `scope` (default `openid profile email offline_access`).
 * @throws OAuthConfigError when clientId or issuer is missing, or tenantId is not an id.
 * @see https://fusionauth.io/docs/lifecycle/authenticate-users/oauth/endpoints
 * @example
 * ```ts
 * auth.register(fusionauth({ clientId, clientSecret, issuer: 'https://auth.example.com' }));
 * ```
 */
export function fusionauth(options: FusionauthOptions): OAuth2Provider {
  const name = options.name ?? 'fusionauth';
  if (!options.issuer) throw new OAuthConfigError(`${name}: issuer is required (the FusionAuth URL set as the tenant's issuer, e.g. https://auth.example.com).`);
  const base = instanceUrl(name, 'issuer', options.issuer, 'https://auth.example.com');
  const tenantId = options.tenantId;
  if (tenantId !== undefined && !/^[0-9a-f-]{36}$/i.test(tenantId)) {
    throw new OAuthConfigError(`${name}: tenantId must be a FusionAuth tenant id (a UUID), got ${JSON.stringify(tenantId)}.`);
  }
  return defineOAuth2Provider({
    name,
    displayName: 'FusionAuth',
    protocol: 'oidc',
    // openid-client fetches a URL containing /.well-known/ as is and takes the issuer from it.
    issuer: tenantId ? `${base}/.well-known/openid-configuration/${tenantId}` : base,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'profile', 'email', 'offline_access'],
    ...presetEndpoints(options, { authorizationParams: tenantId ? { tenantId } : undefined }),
    profile: mapFusionauthProfile,
    quirks: ['tenant-issuer', 'tenant-id-parameter'],
    docs: {
      registerUrl: `${base}/admin/application/`,
      notes: `Applications → Add → OAuth: Authorized redirect URLs <baseUrl>/auth/${name}/callback, Authorization Code and Refresh Token grants; Tenants → Issuer = ${base}.`,
      kind: 'self-hosted',
      unverified: ['per-tenant discovery path /.well-known/openid-configuration/<tenantId>', 'PKCE policy defaults', 'the id token signing key of a fresh tenant (RS256 pinned: use an RSA key)', 'fixture payload reconstructed from documented field names, not a verbatim documented example'],
    },
  });
}
