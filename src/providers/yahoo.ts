import { compact, defineOAuth2Provider, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link yahoo}.
 *
 * @example
 * ```ts
 * const options: YahooOptions = { clientId, clientSecret };
 * ```
 */
export interface YahooOptions extends PresetOptions {
  /** Issuer override (local emulators); default `https://api.login.yahoo.com`. */
  issuer?: string;
}

/**
 * Map Yahoo's OIDC claims (id_token / `openid/v1/userinfo`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapYahooProfile({ sub: 'FSVIDUW3D7FSVIDUW3D72F2F', nickname: 'Jasmine', name: 'Jasmine Smith', email: 'jasmine@yahoo.com', email_verified: true });
 * // { id: 'FSVIDUW3D7FSVIDUW3D72F2F', username: 'Jasmine', name: 'Jasmine Smith', email: 'jasmine@yahoo.com', emailVerified: true }
 * ```
 */
export function mapYahooProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Yahoo profile has no sub');
  return compact({ id, username: str(raw.nickname), ...standardClaims(raw) });
}

/**
 * Yahoo over OpenID Connect with discovery (issuer `https://api.login.yahoo.com`).
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `openid email profile`), `issuer`.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developer.yahoo.com/oauth2/guide/openid_connect/
 * @example
 * ```ts
 * auth.register(yahoo({ clientId: process.env.YAHOO_CLIENT_ID!, clientSecret: process.env.YAHOO_CLIENT_SECRET! }));
 * ```
 */
export function yahoo(options: YahooOptions): OAuth2Provider {
  const name = options.name ?? 'yahoo';
  return defineOAuth2Provider({
    name,
    displayName: 'Yahoo',
    protocol: 'oidc',
    issuer: options.issuer ?? 'https://api.login.yahoo.com',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'email', 'profile'],
    ...presetEndpoints(options),
    profile: mapYahooProfile,
    quirks: [],
    docs: {
      kind: 'social',
      registerUrl: 'https://developer.yahoo.com/apps/create/',
      notes: `Create an App (Web Application) with OpenID Connect Permissions email and profile; Redirect URI(s): <baseUrl>/auth/${name}/callback.`,
    },
  });
}
