import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider, ProfileFetchContext } from '../types.ts';

/**
 * Map Yandex ID's `GET login.yandex.ru/info?format=json` to the kit's
 * profile; the avatar URL is built from `default_avatar_id`.
 *
 * @throws TypeError when the payload has no `id`.
 * @example
 * ```ts
 * mapYandexProfile({ id: '1000034426', login: 'ivan', display_name: 'Ivan', default_email: 'test@yandex.ru', default_avatar_id: '131652443', is_avatar_empty: false });
 * // { id: '1000034426', username: 'ivan', name: 'Ivan', email: 'test@yandex.ru', avatarUrl: 'https://avatars.yandex.net/get-yapic/131652443/islands-200' }
 * ```
 */
export function mapYandexProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Yandex profile has no id');
  const avatarId = raw.is_avatar_empty === true ? undefined : str(raw.default_avatar_id);
  return compact({
    id,
    username: str(raw.login),
    name: str(raw.display_name) ?? str(raw.real_name),
    email: str(raw.default_email) ?? (Array.isArray(raw.emails) ? str(raw.emails[0]) : undefined),
    avatarUrl: avatarId ? `https://avatars.yandex.net/get-yapic/${encodeURIComponent(avatarId)}/islands-200` : undefined,
  });
}

/**
 * Yandex ID over OAuth 2.0 with PKCE; the profile is `login.yandex.ru/info`,
 * called with the `Authorization: OAuth <token>` scheme Yandex documents.
 * Scopes are the data-access rights chosen for the app (`login:info`,
 * `login:email`, `login:avatar`).
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `login:info login:email login:avatar`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://yandex.com/dev/id/doc/en/codes/code-url
 * @example
 * ```ts
 * auth.register(yandex({ clientId: process.env.YANDEX_CLIENT_ID!, clientSecret: process.env.YANDEX_CLIENT_SECRET! }));
 * ```
 */
export function yandex(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'yandex';
  const userinfo = options.userinfoEndpoint ?? 'https://login.yandex.ru/info?format=json';
  return defineOAuth2Provider({
    name,
    displayName: 'Yandex',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['login:info', 'login:email', 'login:avatar'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://oauth.yandex.com/authorize',
      tokenEndpoint: 'https://oauth.yandex.com/token',
      userinfoEndpoint: userinfo,
      // No revocationEndpoint: Yandex's revoke_token is not RFC 7009 (it takes access_token).
      apiBaseUrl: 'https://login.yandex.ru/',
    }),
    profile: mapYandexProfile,
    // Yandex documents `Authorization: OAuth <token>` (not Bearer) for login.yandex.ru/info.
    fetchProfile: async (ctx: ProfileFetchContext) =>
      ctx.get(userinfo, { headers: { Authorization: `OAuth ${ctx.tokens.accessToken}` } }),
    quirks: ['avatar-url-from-id', 'oauth-authorization-scheme'],
    docs: {
      kind: 'social',
      registerUrl: 'https://oauth.yandex.com/client/new',
      notes: `Create an app for "Web services"; Redirect URI: <baseUrl>/auth/${name}/callback; pick the data access rights you request as scope.`,
    },
  });
}
