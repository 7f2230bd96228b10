import { compact, defineOAuth2Provider, instanceUrl, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';
import { strongClient, type StrongClientOptions } from './strong-client.ts';

/**
 * Options of {@link microsoft}.
 *
 * @example
 * ```ts
 * const options: MicrosoftOptions = { clientId, clientSecret, tenant: 'organizations' };
 * ```
 */
export interface MicrosoftOptions extends PresetOptions, StrongClientOptions {
  /**
   * `common` (default: work, school and personal accounts), `organizations`,
   * `consumers`, or one tenant's id or domain.
   */
  tenant?: string;
  /** Issuer override (a single tenant elsewhere); default `<authority>/<tenant>/v2.0`. Turns the multi-tenant issuer rule off. */
  issuer?: string;
  /**
   * The login host (default `https://login.microsoftonline.com`): a national
   * cloud's (`https://login.microsoftonline.us`, `https://login.partner.microsoftonline.cn`)
   * or a local emulator's. Unlike `issuer`, it keeps the multi-tenant
   * `{tenantid}` rule, with this host in place of the global one.
   */
  authority?: string;
}

const AUTHORITY = 'https://login.microsoftonline.com';
/** The tenant id of personal Microsoft accounts (documented by Microsoft). */
const MICROSOFT_CONSUMERS_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';
const MULTI_TENANT = new Set(['common', 'organizations', 'consumers']);

/**
 * Map Microsoft Entra ID v2.0 id_token / userinfo claims to the kit's profile.
 * `sub` is per application; `email` is not verified by Entra unless the
 * optional `xms_edov` claim says so.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapMicrosoftProfile({ sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ', name: 'Abe Lincoln', preferred_username: 'AbeLi@microsoft.com' });
 * // { id: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ', username: 'AbeLi@microsoft.com', name: 'Abe Lincoln' }
 * ```
 */
export function mapMicrosoftProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Microsoft profile has no sub');
  return compact({
    id,
    username: str(raw.preferred_username),
    name: str(raw.name),
    email: str(raw.email),
    emailVerified: raw.xms_edov === true || raw.xms_edov === 'true' || raw.xms_edov === 1 ? true : undefined,
    avatarUrl: str(raw.picture),
  });
}

/**
 * The `{tenantid}` issuer rule for the multi-tenant endpoints: the id_token
 * `iss` must be exactly `https://login.microsoftonline.com/<tid>/v2.0` for
 * the token's own `tid`; `consumers` accepts only the personal-account
 * tenant and `organizations` everything else.
 *
 * @example
 * ```ts
 * const accept = microsoftIssuerRule('common');
 * accept('https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0', { tid: '72f988bf-86f1-41af-91ab-2d7cd011db47' }); // true
 * ```
 */
export function microsoftIssuerRule(tenant: string, authority: string = AUTHORITY): (iss: string, claims: Record<string, unknown>) => boolean {
  return (iss, claims) => {
    const tid = claims?.tid;
    if (typeof tid !== 'string' || !/^[0-9a-f-]{36}$/i.test(tid)) return false;
    if (tenant === 'consumers' && tid !== MICROSOFT_CONSUMERS_TENANT_ID) return false;
    if (tenant === 'organizations' && tid === MICROSOFT_CONSUMERS_TENANT_ID) return false;
    return iss === `${authority}/${tid}/v2.0`;
  };
}

/**
 * Microsoft Entra ID (Azure AD, personal Microsoft accounts) over OpenID
 * Connect v2.0. For the multi-tenant `common` / `organizations` /
 * `consumers` endpoints the discovery document's issuer is the template
 * `…/{tenantid}/v2.0`, so `acceptIssuer` checks each id_token's `iss`
 * against its own `tid` and lets in only the tenants the endpoint stands for
 * (`organizations`: no personal accounts; `consumers`: only them).
 *
 * @param options `clientId`, `clientSecret`, `tenant` (default `common`), `scope` (default `openid profile email`), `issuer`, `authority`.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc
 * @example
 * ```ts
 * auth.register(microsoft({ clientId, clientSecret, tenant: 'organizations' }));
 * ```
 */
export function microsoft(options: MicrosoftOptions): OAuth2Provider {
  const name = options.name ?? 'microsoft';
  const tenant = options.tenant ?? 'common';
  const multiTenant = MULTI_TENANT.has(tenant) && !options.issuer;
  const authority = options.authority ? instanceUrl(name, 'authority', options.authority, AUTHORITY) : AUTHORITY;
  return defineOAuth2Provider({
    name,
    displayName: 'Microsoft',
    protocol: 'oidc',
    issuer: options.issuer ?? `${authority}/${encodeURIComponent(tenant)}/v2.0`,
    acceptIssuer: multiTenant ? microsoftIssuerRule(tenant, authority) : undefined,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ...strongClient(options),
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options, {
      apiBaseUrl: 'https://graph.microsoft.com/v1.0/',
    }),
    profile: mapMicrosoftProfile,
    quirks: multiTenant ? ['tenant-issuer-template', 'unverified-email-claim'] : ['unverified-email-claim'],
    docs: {
      kind: 'enterprise',
      registerUrl: 'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
      notes: `App registrations → New registration, platform "Web"; Redirect URI: <baseUrl>/auth/${name}/callback. Supported account types must match the tenant option (${tenant}).`,
    },
  });
}
