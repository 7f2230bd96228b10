/**
 * The "stronger client" options — JWT client authentication, pushed
 * authorization requests and DPoP — as one option type and one spread for
 * the presets whose providers support them (oidc, oauth2, Okta, Keycloak,
 * Auth0, Microsoft Entra, ...).
 */
import type { ClientAuthMethod, OAuth2Provider, PrivateKeyInput } from '../types.ts';

/**
 * Options of the presets that allow stronger client authentication, PAR and DPoP.
 *
 * @example
 * ```ts
 * const strong: StrongClientOptions = { clientAuth: 'private_key_jwt', privateKey: pem, privateKeyId: 'key-1', pushedAuthorizationRequests: true, dpop: true };
 * auth.register(okta({ issuer: 'https://dev-123456.okta.com/oauth2/default', clientId, ...strong }));
 * ```
 */
export interface StrongClientOptions {
  /**
   * How the client authenticates at the token endpoint (code, refresh,
   * revocation, client credentials). Default: `client_secret_basic` with a
   * `clientSecret`, `private_key_jwt` with only a `privateKey`, else `none`.
   */
  clientAuth?: ClientAuthMethod;
  /** `private_key_jwt`: a private JWK object, a PKCS#8 PEM string or a `KeyObject`; the alg follows the key. */
  privateKey?: PrivateKeyInput;
  /** `private_key_jwt`: the key's `kid` (default: the JWK's own `kid`, if any). */
  privateKeyId?: string;
  /** RFC 9126: push each authorization request first (default false; on anyway when discovery requires it). */
  pushedAuthorizationRequests?: boolean;
  /** RFC 9449: DPoP-bound tokens (default false). */
  dpop?: boolean;
}

/**
 * The stronger-client fields of a preset's options, to spread into
 * `defineOAuth2Provider` (undefined fields keep the defaults).
 *
 * @example
 * ```ts
 * import { defineOAuth2Provider } from './define.ts';
 *
 * declare const options: OktaOptions; // what the app passed to the preset
 * defineOAuth2Provider({ name: 'okta', displayName: 'Okta', protocol: 'oidc', issuer, scope: ['openid'], clientId: options.clientId, clientSecret: options.clientSecret, ...strongClient(options), profile });
 * ```
 */
export function strongClient(options: StrongClientOptions): Partial<Pick<OAuth2Provider, 'clientAuth' | 'privateKey' | 'privateKeyId' | 'pushedAuthorizationRequests' | 'dpop'>> {
  const out: Record<string, unknown> = {};
  for (const field of ['clientAuth', 'privateKey', 'privateKeyId', 'pushedAuthorizationRequests', 'dpop'] as const) {
    if (options[field] !== undefined) out[field] = options[field];
  }
  return out;
}
