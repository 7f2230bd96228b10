import { compact, defineOAuth2Provider, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link yahooJapan}.
 *
 * @example
 * ```ts
 * const options: YahooJapanOptions = { clientId, clientSecret, scope: ['openid', 'profile', 'email', 'address'] };
 * ```
 */
export interface YahooJapanOptions extends PresetOptions {
  /** Issuer to discover (default `https://auth.login.yahoo.co.jp/yconnect/v2`); for tests against a local server. */
  issuer?: string;
}

/**
 * Map Yahoo! JAPAN ID's YConnect v2 claims (id_token / UserInfo API) to the
 * kit's profile; `nickname` is the username.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapYahooJapanProfile({ sub: 'FQM2ZPMTHF6G4TVQMF3XDFX7UA', nickname: 'ヤフウ', name: '矢風太郎', email: 'yconnect@example.com', email_verified: true });
 * // { id: 'FQM2ZPMTHF6G4TVQMF3XDFX7UA', username: 'ヤフウ', name: '矢風太郎', email: 'yconnect@example.com', emailVerified: true }
 * ```
 */
export function mapYahooJapanProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Yahoo! JAPAN profile has no sub');
  return compact({ id, username: str(raw.nickname), ...standardClaims(raw) });
}

/**
 * Yahoo! JAPAN ID (YConnect v2) over OpenID Connect with discovery
 * (`https://auth.login.yahoo.co.jp/yconnect/v2`), PKCE (`code_verifier` at the
 * token endpoint) and HTTP Basic client authentication, which YConnect
 * requires of server-side applications. Not the same service as Yahoo (`yahoo`).
 *
 * Unverified (also in `docs.unverified`): The exact registration URL
 * (e.developer.yahoo.co.jp/register) was not confirmed from the current docs.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `openid profile email`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developer.yahoo.co.jp/yconnect/v2/authorization_code/token.html
 * @example
 * ```ts
 * auth.register(yahooJapan({ clientId: process.env.YJ_CLIENT_ID!, clientSecret: process.env.YJ_CLIENT_SECRET! }));
 * ```
 */
export function yahooJapan(options: YahooJapanOptions): OAuth2Provider {
  const name = options.name ?? 'yahoojapan';
  return defineOAuth2Provider({
    name,
    displayName: 'Yahoo! JAPAN',
    protocol: 'oidc',
    issuer: options.issuer ?? 'https://auth.login.yahoo.co.jp/yconnect/v2',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options),
    profile: mapYahooJapanProfile,
    quirks: ['basic-client-auth-required'],
    docs: {
      registerUrl: 'https://e.developer.yahoo.co.jp/register',
      notes: `アプリケーションの管理 → 新しいアプリケーションを開発 (サーバーサイド); コールバックURL: <baseUrl>/auth/${name}/callback.`,
      kind: 'social',
      unverified: ['The exact registration URL (e.developer.yahoo.co.jp/register) was not confirmed from the current docs.'],
    },
  });
}
