import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

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
 * LINE Login v2.1 as OAuth 2.0 with PKCE; the profile is `api.line.me/v2/profile`.
 * LINE signs web-login id_tokens with HS256 and the channel secret, and the kit
 * verifies asymmetric signatures only (SECURITY.md D3), so this preset does not
 * ask for `openid`: the profile has no email (LINE puts it in the id_token only).
 *
 * @param options `clientId` (channel ID), `clientSecret` (channel secret), `scope` (default `profile`), `botPrompt`.
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
    protocol: 'oauth2',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['profile'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://access.line.me/oauth2/v2.1/authorize',
      tokenEndpoint: 'https://api.line.me/oauth2/v2.1/token',
      userinfoEndpoint: 'https://api.line.me/v2/profile',
      revocationEndpoint: 'https://api.line.me/oauth2/v2.1/revoke',
      apiBaseUrl: 'https://api.line.me/',
      authorizationParams: options.botPrompt ? { bot_prompt: options.botPrompt } : undefined,
    }),
    profile: mapLineProfile,
    quirks: ['no-openid-hs256-id-token', 'email-in-id-token-only'],
    docs: {
      kind: 'social',
      registerUrl: 'https://developers.line.biz/console/',
      notes: `Create a LINE Login channel (Web app); Callback URL: <baseUrl>/auth/${name}/callback. No email: LINE returns it only in an HS256 id_token.`,
    },
  });
}
