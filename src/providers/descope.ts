import { OAuthConfigError } from '../errors.ts';
import { booleanClaim, compact, defineOAuth2Provider, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link descope}: the `projectId`, or a full `issuer`.
 *
 * @example
 * ```ts
 * const options: DescopeOptions = { clientId: 'P2abc…', clientSecret: process.env.DESCOPE_ACCESS_KEY! };
 * ```
 */
export interface DescopeOptions extends PresetOptions {
  /** Project ID (Project → Project ID), e.g. `P2abcDEF…` → issuer `https://api.descope.com/P2abcDEF…`; default: `clientId`, which Descope sets to the project id. */
  projectId?: string;
  /** Full issuer (a custom domain, or a federated app's issuer). */
  issuer?: string;
}

/**
 * Map Descope's OIDC claims to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapDescopeProfile({ sub: 'U2abc', name: 'Jane Doe', email: 'jane@example.com', email_verified: true, picture: 'https://example.com/jane.png' });
 * // { id: 'U2abc', name: 'Jane Doe', email: 'jane@example.com', emailVerified: true, avatarUrl: 'https://example.com/jane.png' }
 * ```
 */
export function mapDescopeProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Descope profile has no sub');
  return compact({
    id,
    username: str(raw.preferred_username),
    ...standardClaims(raw),
    emailVerified: str(raw.email) ? booleanClaim(raw.email_verified) : undefined,
  });
}

/**
 * Descope over OpenID Connect with discovery; the project is the issuer,
 * `https://api.descope.com/<projectId>`. Descope documents the client id as
 * the project id and the client secret as a Descope access key, with the
 * endpoints under `https://api.descope.com/oauth2/v1/` and the keys at
 * `https://api.descope.com/<projectId>/.well-known/jwks.json`.
 *
 * Unverified: the exact `issuer` string of the discovery document (taken as
 * `https://api.descope.com/<projectId>`); issuer form for federated (inbound)
 * apps; client auth method (Basic assumed).
 *
 * @param options `clientId` (the project id), `clientSecret` (an access key), `projectId` (default clientId) or `issuer`, `scope` (default `openid profile email`).
 * @throws OAuthConfigError when clientId is missing, or the project id is not one.
 * @see https://docs.descope.com/getting-started/oidc-endpoints
 * @example
 * ```ts
 * auth.register(descope({ clientId: process.env.DESCOPE_PROJECT_ID!, clientSecret: process.env.DESCOPE_ACCESS_KEY! }));
 * ```
 */
export function descope(options: DescopeOptions): OAuth2Provider {
  const name = options.name ?? 'descope';
  const projectId = options.projectId ?? options.clientId;
  if (!options.issuer && projectId && !/^[A-Za-z0-9]+$/.test(projectId)) {
    throw new OAuthConfigError(`${name}: projectId (default: clientId) must be a Descope project id such as P2abc…, got ${JSON.stringify(projectId)}.`);
  }
  return defineOAuth2Provider({
    name,
    displayName: 'Descope',
    protocol: 'oidc',
    issuer: options.issuer ?? (projectId ? `https://api.descope.com/${projectId}` : undefined),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options),
    profile: mapDescopeProfile,
    quirks: ['project-issuer'],
    docs: {
      registerUrl: 'https://app.descope.com/',
      notes: `Console → Authentication Methods → SSO / Identity Provider (OIDC); allowed redirect: <baseUrl>/auth/${name}/callback; Manage → Access Keys for the secret.`,
      kind: 'enterprise',
      unverified: ['issuer string of the discovery document', 'issuer of federated apps', 'client_secret_basic accepted', 'fixture payload reconstructed from documented field names, not a verbatim documented example'],
    },
  });
}
