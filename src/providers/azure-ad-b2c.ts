import { OAuthConfigError } from '../errors.ts';
import { compact, defineOAuth2Provider, joinName, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link azureAdB2c}: `tenant` + `policy` (the user flow), or a full `issuer`.
 *
 * @example
 * ```ts
 * const options: AzureAdB2cOptions = { clientId, clientSecret, tenant: 'contoso', policy: 'B2C_1_signupsignin' };
 * ```
 */
export interface AzureAdB2cOptions extends PresetOptions {
  /** Tenant name, e.g. `contoso` (for `contoso.onmicrosoft.com` / `contoso.b2clogin.com`). */
  tenant?: string;
  /** User flow or custom policy, e.g. `B2C_1_signupsignin`. */
  policy?: string;
  /** Full issuer to discover, e.g. `https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signupsignin/v2.0/`. */
  issuer?: string;
}

/**
 * Map Azure AD B2C id_token claims to the kit's profile. B2C user flows put
 * addresses in the `emails` array (not `email`); the first one is used.
 *
 * @throws TypeError when the claims have no `sub` (or `oid`).
 * @example
 * ```ts
 * mapAzureAdB2cProfile({ sub: '7c2f…', oid: '7c2f…', name: 'Jane Doe', emails: ['jane@example.com'] });
 * // { id: '7c2f…', name: 'Jane Doe', email: 'jane@example.com' }
 * ```
 */
export function mapAzureAdB2cProfile(raw: any): MappedProfile {
  const id = str(raw?.sub) ?? str(raw?.oid);
  if (!id) throw new TypeError('Azure AD B2C profile has no sub');
  const emails = Array.isArray(raw.emails) ? raw.emails : [];
  return compact({
    id,
    name: str(raw.name) ?? joinName(raw.given_name, raw.family_name),
    email: str(emails[0]) ?? str(raw.email),
  });
}

/**
 * Azure AD B2C over OpenID Connect with discovery, one issuer per tenant and
 * user flow: `https://<tenant>.b2clogin.com/<tenant>.onmicrosoft.com/<policy>/v2.0/`.
 * The discovered `issuer` names the tenant id instead
 * (`https://<tenant>.b2clogin.com/<tenant-guid>/v2.0/`); openid-client accepts
 * that mismatch on `*.b2clogin.com` hosts and then checks id_tokens against
 * the discovered value. User flows have no userinfo endpoint, so the profile
 * is the id_token claims; turn on the "Email Addresses" and "Display Name"
 * application claims in the user flow.
 *
 * Unverified: custom domains (not `*.b2clogin.com`) — pass the discovered
 * issuer or expect a discovery issuer mismatch; Azure AD B2C is closed to new
 * customers since 2025-05-01 (Microsoft's notice), existing tenants keep working.
 *
 * @param options `clientId`, `clientSecret`, `tenant` + `policy` or `issuer`, `scope` (default `openid offline_access`).
 * @throws OAuthConfigError when clientId is missing, or neither tenant + policy nor issuer is given.
 * @see https://learn.microsoft.com/azure/active-directory-b2c/openid-connect
 * @example
 * ```ts
 * auth.register(azureAdB2c({ clientId, clientSecret, tenant: 'contoso', policy: 'B2C_1_signupsignin' }));
 * ```
 */
export function azureAdB2c(options: AzureAdB2cOptions): OAuth2Provider {
  const name = options.name ?? 'azure-ad-b2c';
  let issuer = options.issuer;
  if (!issuer) {
    if (!options.tenant || !options.policy) {
      throw new OAuthConfigError(`${name}: give tenant + policy (e.g. contoso + B2C_1_signupsignin) or issuer.`);
    }
    if (!/^[a-z0-9-]+$/i.test(options.tenant)) {
      throw new OAuthConfigError(`${name}: tenant must be the tenant name such as contoso, got ${JSON.stringify(options.tenant)}.`);
    }
    issuer = `https://${options.tenant}.b2clogin.com/${options.tenant}.onmicrosoft.com/${encodeURIComponent(options.policy)}/v2.0/`;
  }
  return defineOAuth2Provider({
    name,
    displayName: 'Azure AD B2C',
    protocol: 'oidc',
    issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'offline_access'],
    ...presetEndpoints(options),
    profile: mapAzureAdB2cProfile,
    quirks: ['policy-issuer', 'emails-array-claim', 'discovered-issuer-differs'],
    docs: {
      registerUrl: 'https://portal.azure.com/#view/Microsoft_AAD_B2CAdmin/TenantManagementMenuBlade/~/registeredApps',
      notes: `App registrations → New registration (Web); Redirect URI: <baseUrl>/auth/${name}/callback; create a client secret; in the user flow return the Email Addresses and Display Name claims.`,
      kind: 'enterprise',
      unverified: ['custom-domain issuers (outside *.b2clogin.com) and their discovery issuer check', 'fixture payload reconstructed from documented field names, not a verbatim documented example'],
    },
  });
}
