import { OAuthConfigError } from '../errors.ts';
import { compact, defineOAuth2Provider, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/** Zoho data centres and their accounts server (the OIDC issuer). */
const ZOHO_REGIONS = {
  us: 'https://accounts.zoho.com',
  eu: 'https://accounts.zoho.eu',
  in: 'https://accounts.zoho.in',
  au: 'https://accounts.zoho.com.au',
  jp: 'https://accounts.zoho.jp',
  ca: 'https://accounts.zohocloud.ca',
  sa: 'https://accounts.zoho.sa',
  uk: 'https://accounts.zoho.uk',
  cn: 'https://accounts.zoho.com.cn',
} as const;

/** A Zoho data-centre key (`us` = zoho.com). */
export type ZohoRegion = keyof typeof ZOHO_REGIONS;

/**
 * Options of {@link zoho}.
 *
 * @example
 * ```ts
 * const options: ZohoOptions = { clientId, clientSecret, region: 'eu' };
 * ```
 */
export interface ZohoOptions extends PresetOptions {
  /** Data centre where the client is registered (default `us`): `us`, `eu`, `in`, `au`, `jp`, `ca`, `sa`, `uk`, `cn`. */
  region?: ZohoRegion;
  /** Full issuer instead of `region` (a local test server). */
  issuer?: string;
}

/**
 * Map Zoho's OIDC claims (id_token / userinfo) to the kit's profile; `sub` is the ZUID.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapZohoProfile({ sub: '675925609', email: 'patricia.b@zylker.com', email_verified: true, name: 'Patricia Boyle' });
 * // { id: '675925609', name: 'Patricia Boyle', email: 'patricia.b@zylker.com', emailVerified: true }
 * ```
 */
export function mapZohoProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Zoho profile has no sub');
  return compact({ id, username: str(raw.preferred_username) ?? str(raw.nickname), ...standardClaims(raw) });
}

/**
 * "Sign in using Zoho" over OpenID Connect with discovery on the data
 * centre's accounts server (`region`), the client secret in the token request
 * body, and comma-separated scopes (Zoho's scope grammar). A user whose
 * account lives in another data centre comes back with `accounts-server` on
 * the callback; this preset talks to one data centre, so register one
 * provider per region you serve (`name: 'zoho-eu'`, `region: 'eu'`).
 *
 * Unverified (also in `docs.unverified`): PKCE: not described in the prose docs; the discovery
 * document is reported to list code_challenge_methods_supported [plain, S256]; Whether
 * space-separated scopes also work (the preset joins with commas, as Zoho documents); The issuer
 * value in each data centre’s discovery document (assumed to be the accounts server URL); The
 * data-centre host list for ca / sa / uk / cn and their api-console hosts; The exact claim set
 * beyond sub / email / email_verified; the fixture is assembled from the documented id_token.
 *
 * @param options `clientId`, `clientSecret`, `region` (default `us`) or `issuer`, `scope` (default `openid,email,profile`).
 * @throws OAuthConfigError when clientId / clientSecret is missing or region is unknown.
 * @see https://www.zoho.com/accounts/protocol/oauth/sign-in-using-zoho.html
 * @example
 * ```ts
 * auth.register(zoho({ clientId, clientSecret, region: 'eu' }));
 * ```
 */
export function zoho(options: ZohoOptions): OAuth2Provider {
  const name = options.name ?? 'zoho';
  const region = options.region ?? 'us';
  if (!Object.hasOwn(ZOHO_REGIONS, region)) {
    throw new OAuthConfigError(`${name}: region must be one of ${Object.keys(ZOHO_REGIONS).join(', ')}, got ${JSON.stringify(region)}.`);
  }
  const accounts = ZOHO_REGIONS[region];
  return defineOAuth2Provider({
    name,
    displayName: 'Zoho',
    protocol: 'oidc',
    issuer: options.issuer ?? accounts,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['openid', 'email', 'profile'],
    scopeSeparator: ',',
    ...presetEndpoints(options),
    profile: mapZohoProfile,
    quirks: ['data-center-region', 'comma-separated-scope', 'client-secret-post'],
    docs: {
      registerUrl: `${accounts.replace('accounts.', 'api-console.')}/`,
      notes: `API Console → Add Client → Server-based Applications; Authorized Redirect URIs: <baseUrl>/auth/${name}/callback.`,
      kind: 'developer',
      unverified: [
        'PKCE: not described in the prose docs; the discovery document is reported to list code_challenge_methods_supported [plain, S256].',
        'Whether space-separated scopes also work (the preset joins with commas, as Zoho documents).',
        'The issuer value in each data centre’s discovery document (assumed to be the accounts server URL).',
        'The data-centre host list for ca / sa / uk / cn and their api-console hosts.',
        'The exact claim set beyond sub / email / email_verified; the fixture is assembled from the documented id_token.',
      ],
    },
  });
}
