import { compact, defineOAuth2Provider, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link xero}.
 *
 * @example
 * ```ts
 * const options: XeroOptions = { clientId, clientSecret, scope: ['openid', 'profile', 'email', 'offline_access', 'accounting.transactions'] };
 * ```
 */
export interface XeroOptions extends PresetOptions {
  /** Issuer to discover (default `https://identity.xero.com`); for tests against a local server. */
  issuer?: string;
}

/**
 * Map Xero's OIDC claims (id_token / `/connect/userinfo`) to the kit's
 * profile. `sub` is the id; Xero also sends `xero_userid` (kept in the raw
 * payload) and no `email_verified`.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapXeroProfile({ sub: 'a3a4dbafh3495a808ed7a7b964388f53', preferred_username: 'john.smith@gmail.com', email: 'john.smith@gmail.com', given_name: 'John', family_name: 'Smith' });
 * // { id: 'a3a4dbafh3495a808ed7a7b964388f53', username: 'john.smith@gmail.com', name: 'John Smith', email: 'john.smith@gmail.com' }
 * ```
 */
export function mapXeroProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Xero profile has no sub');
  return compact({ id, username: str(raw.preferred_username), ...standardClaims(raw) });
}

/**
 * "Sign in with Xero" over OpenID Connect with discovery
 * (`https://identity.xero.com`), PKCE and HTTP Basic client authentication.
 * Add `offline_access` for a refresh token and API scopes for the Accounting API.
 *
 * Unverified (also in `docs.unverified`): Whether `sub` and `xero_userid` can differ for one user
 * across apps (the preset uses `sub`).
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `openid profile email`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developer.xero.com/documentation/guides/oauth2/sign-in/
 * @example
 * ```ts
 * auth.register(xero({ clientId: process.env.XERO_CLIENT_ID!, clientSecret: process.env.XERO_CLIENT_SECRET! }));
 * ```
 */
export function xero(options: XeroOptions): OAuth2Provider {
  const name = options.name ?? 'xero';
  return defineOAuth2Provider({
    name,
    displayName: 'Xero',
    protocol: 'oidc',
    issuer: options.issuer ?? 'https://identity.xero.com',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options, { apiBaseUrl: 'https://api.xero.com/' }),
    profile: mapXeroProfile,
    quirks: ['no-email-verified-claim'],
    docs: {
      registerUrl: 'https://developer.xero.com/app/manage',
      notes: `My Apps → New app (Web app); Redirect URI: <baseUrl>/auth/${name}/callback.`,
      kind: 'developer',
      unverified: ['Whether `sub` and `xero_userid` can differ for one user across apps (the preset uses `sub`).'],
    },
  });
}
