import { compact, defineOAuth2Provider, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider, ProfileFetchContext } from '../types.ts';

/**
 * Options of {@link line}.
 *
 * @example
 * ```ts
 * const options: LineOptions = { clientId: channelId, clientSecret: channelSecret, botPrompt: 'normal' };
 * ```
 */
export interface LineOptions extends PresetOptions {
  /** Offer to add the channel's LINE Official Account as a friend (`bot_prompt`). */
  botPrompt?: 'normal' | 'aggressive';
  /** Issuer override (local emulators); default `https://access.line.me`. */
  issuer?: string;
}

/**
 * Map LINE Login id_token claims to the kit's profile (the email is only in
 * the id_token, not in userinfo).
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapLineProfile({ sub: 'U1234567890abcdef1234567890abcdef', name: 'Taro Line', picture: 'https://sample_line.me/aBcdefg123456', email: 'taro.line@example.com' });
 * // { id: 'U1234567890abcdef1234567890abcdef', name: 'Taro Line', email: 'taro.line@example.com', avatarUrl: 'https://sample_line.me/aBcdefg123456' }
 * ```
 */
export function mapLineProfile(raw: any): MappedProfile {
  const id = str(raw?.sub) ?? str(raw?.userId);
  if (!id) throw new TypeError('LINE profile has no sub');
  return compact({
    id,
    name: str(raw.name) ?? str(raw.displayName),
    email: str(raw.email),
    avatarUrl: str(raw.picture) ?? str(raw.pictureUrl),
  });
}

/**
 * LINE Login v2.1 over OpenID Connect (issuer `https://access.line.me`).
 * For web logins LINE signs the id_token with HS256 and the channel secret
 * (its discovery document lists ES256, used by the SDKs); the email is in the
 * id_token only, so the id_token claims are the profile.
 *
 * @param options `clientId` (channel ID), `clientSecret` (channel secret), `scope` (default `openid profile email`), `botPrompt`, `issuer`.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developers.line.biz/en/docs/line-login/integrate-line-login/
 * @example
 * ```ts
 * auth.register(line({ clientId: process.env.LINE_CHANNEL_ID!, clientSecret: process.env.LINE_CHANNEL_SECRET! }));
 * ```
 */
export function line(options: LineOptions): OAuth2Provider {
  const name = options.name ?? 'line';
  return defineOAuth2Provider({
    name,
    displayName: 'LINE',
    protocol: 'oidc',
    issuer: options.issuer ?? 'https://access.line.me',
    idTokenSigningAlg: 'HS256',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['openid', 'profile', 'email'],
    authorizationEndpoint: options.authorizationEndpoint,
    tokenEndpoint: options.tokenEndpoint,
    userinfoEndpoint: options.userinfoEndpoint,
    revocationEndpoint: options.revocationEndpoint,
    apiBaseUrl: options.apiBaseUrl ?? 'https://api.line.me/',
    allowInsecureRequests: options.allowInsecureRequests,
    authorizationParams: options.botPrompt ? { bot_prompt: options.botPrompt, ...options.authorizationParams } : options.authorizationParams,
    profile: mapLineProfile,
    fetchProfile: async (ctx: ProfileFetchContext) => (options.userinfoEndpoint ? ctx.get(options.userinfoEndpoint) : (ctx.claims ?? {})),
    quirks: ['hs256-id-token', 'email-in-id-token-only'],
    docs: {
      registerUrl: 'https://developers.line.biz/console/',
      notes: `Create a LINE Login channel (Web app), apply for email permission; Callback URL: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
