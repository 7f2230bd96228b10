import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Naver's `GET /v1/nid/me` (`{ resultcode, message, response: {…} }`) to the kit's profile.
 *
 * @throws TypeError when `response.id` is missing (Naver also answers errors with a resultcode).
 * @example
 * ```ts
 * mapNaverProfile({ resultcode: '00', message: 'success', response: { id: '32742776', nickname: 'OpenAPI', name: '오픈 API', email: 'openapi@naver.com' } });
 * // { id: '32742776', username: 'OpenAPI', name: '오픈 API', email: 'openapi@naver.com' }
 * ```
 */
export function mapNaverProfile(raw: any): MappedProfile {
  const user = raw?.response;
  const id = str(user?.id);
  if (!id) throw new TypeError('Naver profile has no response.id');
  return compact({
    id,
    username: str(user.nickname),
    name: str(user.name) ?? str(user.nickname),
    email: str(user.email),
    avatarUrl: str(user.profile_image),
  });
}

/**
 * Naver Login over OAuth 2.0. Scopes are chosen in the app settings; the
 * client credentials go in the token request body.
 *
 * @param options `clientId`, `clientSecret`, endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developers.naver.com/docs/login/api/api.md
 * @example
 * ```ts
 * auth.register(naver({ clientId: process.env.NAVER_CLIENT_ID!, clientSecret: process.env.NAVER_CLIENT_SECRET! }));
 * ```
 */
export function naver(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'naver';
  return defineOAuth2Provider({
    name,
    displayName: 'Naver',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://nid.naver.com/oauth2.0/authorize',
      tokenEndpoint: 'https://nid.naver.com/oauth2.0/token',
      userinfoEndpoint: 'https://openapi.naver.com/v1/nid/me',
      apiBaseUrl: 'https://openapi.naver.com/',
    }),
    profile: mapNaverProfile,
    quirks: ['scopes-set-on-app', 'response-wrapper'],
    docs: {
      kind: 'social',
      registerUrl: 'https://developers.naver.com/apps/#/register',
      notes: `Register an application using "네이버 로그인" (Naver Login), choose the profile items; Callback URL: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
