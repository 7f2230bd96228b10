import { OAuthConfigError } from '../errors.ts';
import { booleanClaim, compact, defineOAuth2Provider, instanceUrl, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link logto}: the Logto `endpoint`, or a full `issuer`.
 *
 * @example
 * ```ts
 * const options: LogtoOptions = { clientId, clientSecret, endpoint: 'https://abc123.logto.app' };
 * ```
 */
export interface LogtoOptions extends PresetOptions {
  /** Logto endpoint (Cloud tenant `https://<tenant>.logto.app`, a custom domain, or your own instance) → issuer `<endpoint>/oidc`. */
  endpoint?: string;
  /** Full issuer, e.g. `https://abc123.logto.app/oidc`. */
  issuer?: string;
  /**
   * The id_token algorithm of the tenant's signing key: `ES384` (default:
   * Logto generates an EC P-384 key) or `RS256` after rotating to an RSA key.
   */
  idTokenSigningAlg?: 'ES384' | 'RS256';
}

/**
 * Map Logto's OIDC claims (id_token / `oidc/me`) to the kit's profile;
 * Logto's `username` claim is the username, and the name falls back to it.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapLogtoProfile({ sub: 'u9xvu3o5jhk2', username: 'jdoe', name: 'Jane Doe', email: 'jane@example.com', email_verified: true });
 * // { id: 'u9xvu3o5jhk2', username: 'jdoe', name: 'Jane Doe', email: 'jane@example.com', emailVerified: true }
 * ```
 */
export function mapLogtoProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Logto profile has no sub');
  const username = str(raw.username);
  const email = str(raw.email);
  return compact({
    id,
    username,
    name: str(raw.name) ?? username,
    email,
    emailVerified: email ? booleanClaim(raw.email_verified) : undefined,
    avatarUrl: str(raw.picture),
  });
}

/**
 * Logto (Cloud or self-hosted) over OpenID Connect with discovery; the
 * issuer is `<endpoint>/oidc`. `offline_access` gets a refresh token (Logto
 * also needs `prompt=consent` for it, which the preset sends). Logto signs
 * id_tokens with an elliptic-curve key by default (its docs; its CLI makes a
 * P-384 key), so the preset pins `ES384`; a tenant rotated to RSA sets
 * `idTokenSigningAlg: 'RS256'`.
 *
 * Unverified: that `prompt=consent` is still required for a refresh token.
 *
 * @param options `clientId`, `clientSecret`, `endpoint` or `issuer`, `scope` (default `openid profile email offline_access`).
 * @throws OAuthConfigError when clientId is missing, or neither endpoint nor issuer is given.
 * @see https://docs.logto.io/integrate-logto/third-party-applications/
 * @see https://docs.logto.io/developers/signing-keys
 * @example
 * ```ts
 * auth.register(logto({ clientId, clientSecret, endpoint: 'https://abc123.logto.app' }));
 * ```
 */
export function logto(options: LogtoOptions): OAuth2Provider {
  const name = options.name ?? 'logto';
  let issuer = options.issuer;
  if (!issuer) {
    if (!options.endpoint) throw new OAuthConfigError(`${name}: give endpoint (e.g. https://abc123.logto.app) or issuer (e.g. https://abc123.logto.app/oidc).`);
    issuer = `${instanceUrl(name, 'endpoint', options.endpoint, 'https://abc123.logto.app')}/oidc`;
  }
  const origin = issuer.replace(/\/oidc\/?$/, '');
  const alg = options.idTokenSigningAlg ?? 'ES384';
  if (alg !== 'ES384' && alg !== 'RS256') throw new OAuthConfigError(`${name}: idTokenSigningAlg must be ES384 or RS256, got ${JSON.stringify(alg)}.`);
  return defineOAuth2Provider({
    name,
    displayName: 'Logto',
    protocol: 'oidc',
    issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'profile', 'email', 'offline_access'],
    idTokenSigningAlg: alg,
    ...presetEndpoints(options, { authorizationParams: { prompt: 'consent' } }),
    profile: mapLogtoProfile,
    quirks: ['oidc-path-issuer', 'prompt-consent-for-refresh', 'es384-id-token'],
    docs: {
      // Logto Cloud has one console; a self-hosted instance serves its admin console on its own admin endpoint.
      registerUrl: /\.logto\.app$/.test(new URL(origin).hostname) ? 'https://cloud.logto.io/' : 'https://docs.logto.io/logto-oss/get-started-with-oss',
      notes: `Console → Applications → Create application (Traditional web); Redirect URIs: <baseUrl>/auth/${name}/callback.`,
      kind: 'self-hosted',
      unverified: ['prompt=consent still required for a refresh token', 'fixture payload reconstructed from documented field names, not a verbatim documented example'],
    },
  });
}
