import { OAuthConfigError } from '../errors.ts';
import { compact, defineOAuth2Provider, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link asgardeo}: the `organization` (tenant) name, or a full `issuer`.
 *
 * @example
 * ```ts
 * const options: AsgardeoOptions = { clientId, clientSecret, organization: 'acme' };
 * ```
 */
export interface AsgardeoOptions extends PresetOptions {
  /** Organization (root tenant) name, e.g. `acme` → issuer `https://api.asgardeo.io/t/acme/oauth2/token`. */
  organization?: string;
  /** Full issuer, e.g. `https://api.asgardeo.io/t/acme/oauth2/token` (or a local emulator). */
  issuer?: string;
}

/**
 * Map Asgardeo's OIDC claims (id_token / `oauth2/userinfo`) to the kit's profile.
 * `username` is `preferred_username`, else Asgardeo's `username` claim.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapAsgardeoProfile({ sub: '7a1b...', username: 'alex', given_name: 'Alex', family_name: 'Doe', email: 'alex@example.com' });
 * // { id: '7a1b...', username: 'alex', name: 'Alex Doe', email: 'alex@example.com' }
 * ```
 */
export function mapAsgardeoProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Asgardeo profile has no sub');
  return compact({ id, username: str(raw.preferred_username) ?? str(raw.username), ...standardClaims(raw) });
}

/**
 * WSO2 Asgardeo over OpenID Connect with discovery. Each organization is its
 * own issuer, `https://api.asgardeo.io/t/<organization>/oauth2/token` (the
 * token endpoint URL doubles as the issuer identifier).
 *
 * Unverified (not confirmed from Asgardeo's documentation): the exact claim
 * set of the userinfo payload used as the fixture; that the token endpoint
 * takes HTTP Basic client auth for web apps (Asgardeo's curl examples use
 * `--user client:secret`, so it is assumed).
 *
 * @param options `clientId`, `clientSecret`, `organization` or `issuer`, `scope` (default `openid profile email`).
 * @throws OAuthConfigError when clientId is missing, or neither organization nor issuer is given.
 * @see https://wso2.com/asgardeo/docs/guides/authentication/oidc/discover-oidc-configs/
 * @example
 * ```ts
 * auth.register(asgardeo({ clientId, clientSecret, organization: 'acme' }));
 * ```
 */
export function asgardeo(options: AsgardeoOptions): OAuth2Provider {
  const name = options.name ?? 'asgardeo';
  if (!options.issuer && !options.organization) {
    throw new OAuthConfigError(`${name}: give organization (e.g. acme) or issuer (e.g. https://api.asgardeo.io/t/acme/oauth2/token).`);
  }
  if (options.organization !== undefined && !/^[a-z0-9][a-z0-9._-]*$/i.test(options.organization)) {
    throw new OAuthConfigError(`${name}: organization must be an Asgardeo organization name such as acme, got ${JSON.stringify(options.organization)}.`);
  }
  const issuer = options.issuer ?? `https://api.asgardeo.io/t/${options.organization}/oauth2/token`;
  return defineOAuth2Provider({
    name,
    displayName: 'Asgardeo',
    protocol: 'oidc',
    issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options),
    profile: mapAsgardeoProfile,
    quirks: ['organization-issuer', 'token-endpoint-issuer'],
    docs: {
      registerUrl: 'https://console.asgardeo.io/',
      notes: `Console → Applications → New Application → Traditional Web Application (OpenID Connect); Authorized redirect URLs: <baseUrl>/auth/${name}/callback; share the email and profile attributes under User Attributes.`,
      kind: 'enterprise',
      unverified: [
        'userinfo claim set used for the fixture (modelled on OIDC standard claims plus Asgardeo username)',
        'client_secret_basic accepted by the token endpoint for web applications',
      ],
    },
  });
}
