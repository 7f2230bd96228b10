import { booleanClaim, compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Kakao's `GET /v2/user/me` to the kit's profile (the numeric `id` as a
 * string; profile and email inside `kakao_account`).
 *
 * @throws TypeError when the user has no `id`.
 * @example
 * ```ts
 * mapKakaoProfile({ id: 123456789, kakao_account: { profile: { nickname: '홍길동' }, email: 'sample@sample.com', is_email_valid: true, is_email_verified: true } });
 * // { id: '123456789', name: '홍길동', email: 'sample@sample.com', emailVerified: true }
 * ```
 */
export function mapKakaoProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Kakao profile has no id');
  const account = raw.kakao_account ?? {};
  const profile = account.profile ?? {};
  // An address Kakao marks invalid (is_email_valid: false) is not one to use.
  const email = account.is_email_valid === false ? undefined : str(account.email);
  return compact({
    id,
    name: str(profile.nickname) ?? str(raw.properties?.nickname) ?? str(account.name),
    email,
    emailVerified: email ? booleanClaim(account.is_email_verified) : undefined,
    avatarUrl: profile.is_default_image === true ? undefined : (str(profile.profile_image_url) ?? str(raw.properties?.profile_image)),
  });
}

/**
 * Kakao Login over OAuth 2.0 with PKCE. The client secret is optional in
 * Kakao (only when enabled in the app); with one it goes in the body. Scopes
 * are the consent items configured for the app.
 *
 * @param options `clientId` (REST API key), optional `clientSecret`, `scope` (default `profile_nickname profile_image`; add `account_email`), endpoint overrides.
 * @throws OAuthConfigError when clientId is missing.
 * @see https://developers.kakao.com/docs/latest/en/kakaologin/rest-api
 * @example
 * ```ts
 * auth.register(kakao({ clientId: process.env.KAKAO_REST_API_KEY!, clientSecret: process.env.KAKAO_CLIENT_SECRET }));
 * ```
 */
export function kakao(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'kakao';
  return defineOAuth2Provider({
    name,
    displayName: 'Kakao',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: options.clientSecret ? 'client_secret_post' : 'none',
    scope: options.scope ?? ['profile_nickname', 'profile_image'],
    scopeSeparator: ',',
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://kauth.kakao.com/oauth/authorize',
      tokenEndpoint: 'https://kauth.kakao.com/oauth/token',
      userinfoEndpoint: 'https://kapi.kakao.com/v2/user/me',
      apiBaseUrl: 'https://kapi.kakao.com/',
    }),
    profile: mapKakaoProfile,
    quirks: ['optional-client-secret', 'comma-separated-scope', 'nested-account-profile'],
    docs: {
      kind: 'social',
      registerUrl: 'https://developers.kakao.com/console/app',
      notes: `Enable Kakao Login and set consent items; Redirect URI: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
