import { OAuthConfigError } from '../errors.ts';
import { compact, defineOAuth2Provider, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';
import { strongClient, type StrongClientOptions } from './strong-client.ts';

/**
 * Options of {@link keycloak}: the realm's `issuer`, or `baseUrl` + `realm`.
 *
 * @example
 * ```ts
 * const options: KeycloakOptions = { clientId, clientSecret, baseUrl: 'https://sso.example.com', realm: 'staff' };
 * ```
 */
export interface KeycloakOptions extends PresetOptions, StrongClientOptions {
  /** The realm issuer, e.g. `https://sso.example.com/realms/staff`. */
  issuer?: string;
  /** Keycloak's public URL (with `/auth` for versions before 17 that still use it). */
  baseUrl?: string;
  /** Realm name. */
  realm?: string;
}

/**
 * Map Keycloak's OIDC claims (id_token / userinfo) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapKeycloakProfile({ sub: 'f:3c7b:jdoe', preferred_username: 'jdoe', name: 'John Doe', email: 'jdoe@example.com', email_verified: false });
 * // { id: 'f:3c7b:jdoe', username: 'jdoe', name: 'John Doe', email: 'jdoe@example.com', emailVerified: false }
 * ```
 */
export function mapKeycloakProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Keycloak profile has no sub');
  return compact({ id, username: str(raw.preferred_username), ...standardClaims(raw) });
}

/**
 * Keycloak over OpenID Connect with discovery. The issuer is
 * `<baseUrl>/realms/<realm>`; it must be the URL the browser and the
 * server both see (a Docker-internal host name breaks `iss` checks).
 *
 * @param options `clientId`, `clientSecret`, `issuer` or `baseUrl` + `realm`, `scope` (default `openid profile email`).
 * @throws OAuthConfigError when clientId / clientSecret is missing, or neither issuer nor baseUrl + realm is given.
 * @see https://www.keycloak.org/docs/latest/server_admin/#_oidc_clients
 * @example
 * ```ts
 * auth.register(keycloak({ clientId, clientSecret, baseUrl: 'https://sso.example.com', realm: 'staff' }));
 * ```
 */
export function keycloak(options: KeycloakOptions): OAuth2Provider {
  const name = options.name ?? 'keycloak';
  let issuer = options.issuer;
  if (!issuer) {
    if (!options.baseUrl || !options.realm) {
      throw new OAuthConfigError(`${name}: give issuer (e.g. https://sso.example.com/realms/staff) or baseUrl + realm.`);
    }
    issuer = `${options.baseUrl.replace(/\/+$/, '')}/realms/${encodeURIComponent(options.realm)}`;
  }
  return defineOAuth2Provider({
    name,
    displayName: 'Keycloak',
    protocol: 'oidc',
    issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ...strongClient(options),
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options),
    profile: mapKeycloakProfile,
    quirks: ['realm-issuer'],
    docs: {
      kind: 'self-hosted',
      registerUrl: `${issuer.replace(/\/realms\/[^/]+$/, '')}/admin/`,
      notes: `Realm → Clients → Create client (OpenID Connect, Client authentication on); Valid redirect URIs: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
