import { booleanClaim, compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link salesforce}.
 *
 * @example
 * ```ts
 * const options: SalesforceOptions = { clientId, clientSecret, issuer: 'https://test.salesforce.com' };
 * ```
 */
export interface SalesforceOptions extends PresetOptions {
  /** `https://login.salesforce.com` (default), `https://test.salesforce.com` for sandboxes, or a My Domain URL. */
  issuer?: string;
}

/**
 * Map Salesforce's OIDC userinfo (`sub` is the identity URL; `user_id` the
 * 18-character user id) to the kit's profile.
 *
 * @throws TypeError when the claims have neither `user_id` nor `sub`.
 * @example
 * ```ts
 * mapSalesforceProfile({ sub: 'https://login.salesforce.com/id/00Dx0000001T0zk/005x0000001S2b9', user_id: '005x0000001S2b9', preferred_username: 'admin@mycompany.com', name: 'Admin User' });
 * // { id: '005x0000001S2b9', username: 'admin@mycompany.com', name: 'Admin User' }
 * ```
 */
export function mapSalesforceProfile(raw: any): MappedProfile {
  const id = str(raw?.user_id) ?? str(raw?.sub);
  if (!id) throw new TypeError('Salesforce profile has no user_id or sub');
  return compact({
    id,
    username: str(raw.preferred_username),
    name: str(raw.name),
    email: str(raw.email),
    emailVerified: booleanClaim(raw.email_verified),
    avatarUrl: str(raw.picture) ?? str(raw.photos?.picture),
  });
}

/**
 * Salesforce over OpenID Connect with discovery (connected app or external
 * client app). Sandboxes use `issuer: 'https://test.salesforce.com'`.
 *
 * @param options `clientId` (consumer key), `clientSecret`, `scope` (default `openid profile email`; add `refresh_token` / `api`), `issuer`.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_openid.htm
 * @example
 * ```ts
 * auth.register(salesforce({ clientId, clientSecret }));
 * ```
 */
export function salesforce(options: SalesforceOptions): OAuth2Provider {
  const name = options.name ?? 'salesforce';
  return defineOAuth2Provider({
    name,
    displayName: 'Salesforce',
    protocol: 'oidc',
    issuer: options.issuer ?? 'https://login.salesforce.com',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options),
    profile: mapSalesforceProfile,
    quirks: ['sandbox-issuer', 'identity-url-sub'],
    docs: {
      kind: 'enterprise',
      registerUrl: 'https://login.salesforce.com/lightning/setup/ManageExternalClientApplication/home',
      notes: `Setup → External Client App Manager (or App Manager → New Connected App), enable OAuth with scopes openid profile email; Callback URL: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
