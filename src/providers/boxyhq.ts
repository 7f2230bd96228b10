import { compact, defineOAuth2Provider, instanceUrl, joinName, presetEndpoints, requireOption, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link boxyhq}.
 *
 * @example
 * ```ts
 * const options: BoxyhqOptions = { clientId: 'dummy', clientSecret: 'dummy', baseUrl: 'https://jackson.example.com', tenant: 'example.com', product: 'my-app' };
 * ```
 */
export interface BoxyhqOptions extends PresetOptions {
  /** The SAML Jackson instance URL, e.g. `https://jackson.example.com`. */
  baseUrl: string;
  /** Tenant of the SSO connection, sent as the `tenant` authorize parameter (with `clientId: 'dummy'`). */
  tenant?: string;
  /** Product of the SSO connection, sent as the `product` authorize parameter. */
  product?: string;
}

/**
 * Map SAML Jackson's `/api/oauth/userinfo` (`{ id, email, firstName, lastName, requested }`)
 * to the kit's profile. The email comes from the customer's SAML IdP; Jackson does not say
 * whether it is verified.
 *
 * @throws TypeError when the payload has no `id`.
 * @example
 * ```ts
 * mapBoxyhqProfile({ id: 'NjQ1…', email: 'jackson@example.com', firstName: 'SAML', lastName: 'Jackson' });
 * // { id: 'NjQ1…', name: 'SAML Jackson', email: 'jackson@example.com' }
 * ```
 */
export function mapBoxyhqProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('BoxyHQ SAML profile has no id');
  return compact({ id, name: joinName(raw.firstName, raw.lastName), email: str(raw.email) });
}

/**
 * BoxyHQ SAML Jackson (Ory Polis): enterprise SAML SSO served as OAuth 2.0
 * from your own Jackson instance (`/api/oauth/authorize`, `/api/oauth/token`,
 * `/api/oauth/userinfo`). The client is either the SSO connection's
 * `clientID` / `clientSecret`, or `dummy` / `dummy` plus `tenant` and
 * `product`, which select the connection.
 *
 * Unverified: whether Jackson's token endpoint also takes HTTP Basic (the
 * preset sends the secret in the body); PKCE support on every Jackson version.
 *
 * @param options `clientId`, `clientSecret`, `baseUrl`, `tenant`, `product`, `scope` (default none).
 * @throws OAuthConfigError when clientId / clientSecret / baseUrl is missing.
 * @see https://boxyhq.com/docs/jackson/saml-flow
 * @example
 * ```ts
 * auth.register(boxyhq({ clientId: 'dummy', clientSecret: 'dummy', baseUrl: 'https://jackson.example.com', tenant: 'example.com', product: 'my-app' }));
 * ```
 */
export function boxyhq(options: BoxyhqOptions): OAuth2Provider {
  const name = options.name ?? 'boxyhq';
  const base = instanceUrl(name, 'baseUrl', requireOption(name, 'baseUrl', options.baseUrl), 'https://jackson.example.com');
  const fixed: Record<string, string> = {};
  if (options.tenant) fixed.tenant = options.tenant;
  if (options.product) fixed.product = options.product;
  return defineOAuth2Provider({
    name,
    displayName: 'SAML SSO',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: `${base}/api/oauth/authorize`,
      tokenEndpoint: `${base}/api/oauth/token`,
      userinfoEndpoint: `${base}/api/oauth/userinfo`,
      authorizationParams: Object.keys(fixed).length ? fixed : undefined,
    }),
    profile: mapBoxyhqProfile,
    quirks: ['saml-as-oauth2', 'tenant-product-params', 'client-secret-post'],
    docs: {
      registerUrl: `${base}/admin/sso-connection`,
      notes: `Jackson admin → SSO Connections → New (tenant, product, the customer's SAML metadata); Allowed redirect URLs: <baseUrl>/auth/${name}/callback.`,
      kind: 'self-hosted',
      unverified: ['client_secret_basic at the token endpoint', 'PKCE support on all Jackson versions', 'fixture payload reconstructed from documented field names, not a verbatim documented example'],
    },
  });
}
