import { OAuthConfigError } from '../errors.ts';
import { compact, defineOAuth2Provider, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

const ISSUERS = {
  production: 'https://api.vipps.no/access-management-1.0/access/',
  test: 'https://apitest.vipps.no/access-management-1.0/access/',
} as const;

/**
 * Options of {@link vipps}.
 *
 * @example
 * ```ts
 * const options: VippsOptions = { clientId, clientSecret, environment: 'test' };
 * ```
 */
export interface VippsOptions extends PresetOptions {
  /** `production` (default, `api.vipps.no`) or `test` (`apitest.vipps.no`, test sales units and the test app). */
  environment?: 'production' | 'test';
  /** Issuer override (local emulators); wins over `environment`. */
  issuer?: string;
}

/**
 * Map Vipps MobilePay Login claims (id_token / userinfo) to the kit's profile.
 * The phone number, address, birthdate and NIN are left in the raw payload.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapVippsProfile({ sub: 'c06c4afe-d9e1-4c5d-939a-177d752a0944', name: 'Ada Lovelace', email: 'ada@example.com', email_verified: true, phone_number: '4712345678' });
 * // { id: 'c06c4afe-d9e1-4c5d-939a-177d752a0944', name: 'Ada Lovelace', email: 'ada@example.com', emailVerified: true }
 * ```
 */
export function mapVippsProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Vipps profile has no sub');
  return compact({ id, ...standardClaims(raw) });
}

/**
 * Vipps MobilePay Login over OpenID Connect with discovery; the issuer ends in
 * a slash. Use `environment: 'test'` with a test sales unit's keys. Scopes
 * are the user data the sales unit may ask for (`name`, `email`,
 * `phoneNumber`, `address`, `birthDate`, …); the user consents in the app.
 *
 * Unverified (see `docs.unverified`): PKCE support and the default token
 * client authentication (`client_secret_basic`; the sales unit can be set to
 * `client_secret_post`).
 *
 * @param options `clientId`, `clientSecret` (the sales unit's keys), `environment`, `scope` (default `openid name email`), `issuer`.
 * @throws OAuthConfigError when clientId / clientSecret is missing or environment is unknown.
 * @see https://developer.vippsmobilepay.com/docs/APIs/login-api/api-guide/
 * @example
 * ```ts
 * auth.register(vipps({ clientId: process.env.VIPPS_CLIENT_ID!, clientSecret: process.env.VIPPS_CLIENT_SECRET! }));
 * ```
 */
export function vipps(options: VippsOptions): OAuth2Provider {
  const name = options.name ?? 'vipps';
  const environment = options.environment ?? 'production';
  if (!(environment in ISSUERS)) throw new OAuthConfigError(`${name}: environment must be 'production' or 'test', got ${JSON.stringify(environment)}.`);
  return defineOAuth2Provider({
    name,
    displayName: 'Vipps MobilePay',
    protocol: 'oidc',
    issuer: options.issuer ?? ISSUERS[environment],
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'name', 'email'],
    ...presetEndpoints(options),
    profile: mapVippsProfile,
    quirks: ['test-environment-issuer', 'issuer-trailing-slash', 'consent-scopes'],
    docs: {
      registerUrl: 'https://portal.vippsmobilepay.com/',
      notes: `Business portal → the sales unit → Login → Set up login; Redirect URIs: <baseUrl>/auth/${name}/callback. Test keys only work with environment: 'test'.`,
      kind: 'social',
      unverified: ['PKCE support', 'token client authentication default client_secret_basic (configurable per sales unit)'],
    },
  });
}
