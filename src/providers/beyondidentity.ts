import { OAuthConfigError } from '../errors.ts';
import { compact, defineOAuth2Provider, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link beyondIdentity}: `tenantId` + `realmId` + `applicationId`
 * (with `region`), or the application's full `issuer`.
 *
 * @example
 * ```ts
 * const options: BeyondIdentityOptions = { clientId, clientSecret, tenantId: '00012f', realmId: '8f5b', applicationId: 'a1c3' };
 * ```
 */
export interface BeyondIdentityOptions extends PresetOptions {
  /** `us` (default) or `eu`: the `auth-<region>.beyondidentity.com` host. */
  region?: 'us' | 'eu';
  /** Tenant id (Admin Console → Apps → your app), with `realmId` and `applicationId`. */
  tenantId?: string;
  /** Realm id of the app, with `tenantId` and `applicationId`. */
  realmId?: string;
  /** Application id, with `tenantId` and `realmId`. */
  applicationId?: string;
  /** Full issuer, e.g. `https://auth-us.beyondidentity.com/v1/tenants/<t>/realms/<r>/applications/<a>`. */
  issuer?: string;
  /**
   * The id_token signing algorithm the application was created with
   * (default `RS256`): Beyond Identity's OIDC client settings offer ES256 or RS256.
   */
  idTokenSigningAlg?: 'RS256' | 'ES256';
}

/**
 * Map Beyond Identity's OIDC claims (id_token / userinfo) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapBeyondIdentityProfile({ sub: 'e7a1…', preferred_username: 'jdoe', name: 'Jane Doe', email: 'jane@example.com' });
 * // { id: 'e7a1…', username: 'jdoe', name: 'Jane Doe', email: 'jane@example.com' }
 * ```
 */
export function mapBeyondIdentityProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Beyond Identity profile has no sub');
  return compact({ id, username: str(raw.preferred_username), ...standardClaims(raw) });
}

const ID = /^[A-Za-z0-9-]+$/;

/**
 * Beyond Identity (passwordless passkeys) over OpenID Connect with
 * discovery. Every application is its own issuer:
 * `https://auth-<region>.beyondidentity.com/v1/tenants/<tenant>/realms/<realm>/applications/<app>`
 * (the `/authorize` and `/token` endpoints hang below it).
 *
 * The id_token algorithm is pinned (RS256 unless `idTokenSigningAlg: 'ES256'`):
 * Beyond Identity's OIDC client settings document both (its v0 API's
 * `id_token_signed_response_alg`).
 *
 * Unverified: the exact claims of the userinfo payload (`name`,
 * `preferred_username`, `email` are assumed); default scopes beyond `openid`;
 * which id_token algorithm current (v1) applications default to.
 *
 * @param options `clientId`, `clientSecret`, `tenantId` + `realmId` + `applicationId` (+ `region`) or `issuer`, `scope` (default `openid profile email`).
 * @throws OAuthConfigError when clientId is missing, or the ids / issuer are missing.
 * @see https://developer.beyondidentity.com/docs/add-an-application
 * @example
 * ```ts
 * auth.register(beyondIdentity({ clientId, clientSecret, tenantId: '00012f', realmId: '8f5b', applicationId: 'a1c3' }));
 * ```
 */
export function beyondIdentity(options: BeyondIdentityOptions): OAuth2Provider {
  const name = options.name ?? 'beyondidentity';
  let issuer = options.issuer;
  if (!issuer) {
    const { tenantId, realmId, applicationId } = options;
    if (!tenantId || !realmId || !applicationId) {
      throw new OAuthConfigError(`${name}: give tenantId + realmId + applicationId (Admin Console → Apps → your app) or issuer.`);
    }
    if (![tenantId, realmId, applicationId].every((v) => ID.test(v))) {
      throw new OAuthConfigError(`${name}: tenantId, realmId and applicationId must be ids (letters, digits, dashes).`);
    }
    const region = options.region ?? 'us';
    if (region !== 'us' && region !== 'eu') throw new OAuthConfigError(`${name}: region must be us or eu, got ${JSON.stringify(region)}.`);
    issuer = `https://auth-${region}.beyondidentity.com/v1/tenants/${tenantId}/realms/${realmId}/applications/${applicationId}`;
  }
  const alg = options.idTokenSigningAlg ?? 'RS256';
  if (alg !== 'RS256' && alg !== 'ES256') throw new OAuthConfigError(`${name}: idTokenSigningAlg must be RS256 or ES256, got ${JSON.stringify(alg)}.`);
  return defineOAuth2Provider({
    name,
    displayName: 'Beyond Identity',
    protocol: 'oidc',
    issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'profile', 'email'],
    idTokenSigningAlg: alg,
    ...presetEndpoints(options),
    profile: mapBeyondIdentityProfile,
    quirks: ['application-issuer', 'regional-host'],
    docs: {
      registerUrl: 'https://developer.beyondidentity.com/docs/add-an-application',
      notes: `Admin Console → Apps → Add app (OIDC, Confidential, PKCE S256); Redirect URIs: <baseUrl>/auth/${name}/callback.`,
      kind: 'enterprise',
      unverified: ['userinfo claim names (name, preferred_username, email)', 'scopes other than openid', 'the id_token algorithm current (v1) applications default to (RS256 assumed; ES256 selectable)', 'fixture payload reconstructed from documented field names, not a verbatim documented example'],
    },
  });
}
