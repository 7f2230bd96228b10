import { OAuthConfigError } from '../errors.ts';
import { compact, defineOAuth2Provider, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';
import { strongClient, type StrongClientOptions } from './strong-client.ts';

/**
 * PingOne's regional top-level domains (`auth.pingone.<region>`).
 *
 * @example
 * ```ts
 * const region: PingOneRegion = 'eu'; // the environment lives at auth.pingone.eu
 * auth.register(pingone({ clientId, clientSecret, environmentId: '342b5660-0c32-4936-a5a4-ce21fae57b0a', region }));
 * ```
 */
export type PingOneRegion = 'com' | 'eu' | 'asia' | 'ca' | 'com.au' | 'sg';

const REGIONS: readonly string[] = ['com', 'eu', 'asia', 'ca', 'com.au', 'sg'];

/**
 * Options of {@link pingone}: the environment id and its region, or a full issuer (custom domain).
 *
 * @example
 * ```ts
 * const options: PingOneOptions = { clientId, clientSecret, environmentId: '342b5660-0c32-4936-a5a4-ce21fae57b0a', region: 'eu' };
 * ```
 */
export interface PingOneOptions extends PresetOptions, StrongClientOptions {
  /** The environment's id (Environment → Properties). */
  environmentId?: string;
  /** The environment's region, as the `auth.pingone.<region>` domain ends (default `com`, North America). */
  region?: PingOneRegion;
  /** Full issuer, e.g. `https://auth.example.com/<envId>/as` for a custom domain; wins over environmentId. */
  issuer?: string;
}

/**
 * Map PingOne's OIDC claims (id_token / `/as/userinfo`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapPingoneProfile({ sub: '5dd2b1c3-98c2-4ce0-9bd1-27bc72ad0f9a', preferred_username: 'jdoe', given_name: 'Jane', family_name: 'Doe', email: 'jane@example.com' });
 * // { id: '5dd2b1c3-98c2-4ce0-9bd1-27bc72ad0f9a', username: 'jdoe', name: 'Jane Doe', email: 'jane@example.com' }
 * ```
 */
export function mapPingoneProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('PingOne profile has no sub');
  return compact({ id, username: str(raw.preferred_username), ...standardClaims(raw) });
}

/** `https://auth.pingone.<region>/<envId>/as`, or the given issuer. */
function pingoneIssuer(name: string, options: PingOneOptions): string {
  if (options.issuer) return options.issuer;
  const env = options.environmentId;
  if (!env) throw new OAuthConfigError(`${name}: give environmentId (and region) or issuer (e.g. https://auth.pingone.com/<envId>/as).`);
  if (!/^[0-9a-z-]+$/i.test(env)) throw new OAuthConfigError(`${name}: environmentId must be the environment's id (a UUID), got ${JSON.stringify(env)}.`);
  const region = options.region ?? 'com';
  if (!REGIONS.includes(region)) throw new OAuthConfigError(`${name}: region must be one of ${REGIONS.join(', ')}, got ${JSON.stringify(region)}.`);
  return `https://auth.pingone.${region}/${env}/as`;
}

/**
 * PingOne (Ping Identity) over OpenID Connect with discovery: the issuer is
 * `https://auth.pingone.<region>/<environmentId>/as`.
 *
 * Unverified (see `docs.unverified`): the region domains other than `.com` and
 * `.eu` (`.asia`, `.ca`, `.com.au`, `.sg`).
 *
 * @param options `clientId`, `clientSecret`, `environmentId` + `region`, or `issuer`; `scope` (default `openid profile email`).
 * @throws OAuthConfigError when clientId / clientSecret is missing, neither environmentId nor issuer is given, or the region is unknown.
 * @see https://developer.pingidentity.com/pingone-api/auth/openid-connect-oauth-2/discovery-openid-configuration.html
 * @example
 * ```ts
 * auth.register(pingone({ clientId, clientSecret, environmentId: process.env.PINGONE_ENV_ID!, region: 'eu' }));
 * ```
 */
export function pingone(options: PingOneOptions): OAuth2Provider {
  const name = options.name ?? 'pingone';
  const issuer = pingoneIssuer(name, options);
  return defineOAuth2Provider({
    name,
    displayName: 'PingOne',
    protocol: 'oidc',
    issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ...strongClient(options),
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options),
    profile: mapPingoneProfile,
    quirks: ['environment-issuer', 'regional-domains'],
    docs: {
      registerUrl: 'https://console.pingone.com/',
      notes: `Applications → Applications → + (OIDC Web App); Resource Access: openid, profile, email; Redirect URIs: <baseUrl>/auth/${name}/callback. The issuer is under Configuration → URLs.`,
      kind: 'enterprise',
      unverified: ['region domains auth.pingone.asia / .ca / .com.au / .sg (only .com is shown in the discovery reference)'],
    },
  });
}
