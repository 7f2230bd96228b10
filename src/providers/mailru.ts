import { compact, defineOAuth2Provider, joinName, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider, TokenSet } from '../types.ts';

const USERINFO = 'https://oauth.mail.ru/userinfo';

/**
 * Map Mail.ru's `GET https://oauth.mail.ru/userinfo` answer to the kit's profile.
 *
 * @throws TypeError when the payload has no `id` (Mail.ru answers errors with `error` / `error_description`).
 * @example
 * ```ts
 * mapMailruProfile({ id: '1234567890', nickname: 'ivan.ivanov', first_name: 'Иван', last_name: 'Иванов', email: 'ivan.ivanov@mail.ru', image: 'https://filin.mail.ru/pic?d=x' });
 * // { id: '1234567890', username: 'ivan.ivanov', name: 'Иван Иванов', email: 'ivan.ivanov@mail.ru', avatarUrl: 'https://filin.mail.ru/pic?d=x' }
 * ```
 */
export function mapMailruProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Mail.ru profile has no id');
  return compact({
    id,
    username: str(raw.nickname),
    name: str(raw.name) ?? joinName(raw.first_name, raw.last_name),
    // The address of the Mail.ru mailbox itself; Mail.ru sends no verified flag, so none is claimed.
    email: str(raw.email),
    avatarUrl: str(raw.image),
  });
}

/**
 * Mail.ru (OAuth Mail, `oauth.mail.ru`) over OAuth 2.0 with PKCE. The
 * userinfo call takes the token as an `access_token` query parameter, which
 * the preset adds to that one URL (and nowhere else).
 *
 * Unverified (see `docs.unverified`): whether the token endpoint takes HTTP
 * Basic client authentication (the preset's default) and whether userinfo
 * also accepts a Bearer header.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `userinfo`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing or an endpoint is not https.
 * @see https://id.vk.com/about/business/go/docs/ru/vkid/latest/oauth/oauth-mail/index
 * @example
 * ```ts
 * auth.register(mailru({ clientId: process.env.MAILRU_CLIENT_ID!, clientSecret: process.env.MAILRU_CLIENT_SECRET! }));
 * ```
 */
export function mailru(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'mailru';
  const endpoints = presetEndpoints(options, {
    authorizationEndpoint: 'https://oauth.mail.ru/login',
    tokenEndpoint: 'https://oauth.mail.ru/token',
    userinfoEndpoint: USERINFO,
  });
  const userinfo = endpoints.userinfoEndpoint ?? USERINFO;
  return defineOAuth2Provider({
    name,
    displayName: 'Mail.ru',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['userinfo'],
    ...endpoints,
    // Mail.ru documents userinfo as `GET /userinfo?access_token=<token>`.
    decorateApiRequest: (url: URL, tokens: TokenSet) => addTokenToUserinfo(url, tokens, userinfo),
    profile: mapMailruProfile,
    quirks: ['access-token-query-parameter'],
    docs: {
      registerUrl: 'https://oauth.mail.ru/app/',
      notes: `Create an application at oauth.mail.ru; Redirect URI (exactly, including a trailing slash if you add one): <baseUrl>/auth/${name}/callback.`,
      kind: 'social',
      unverified: [
        'token endpoint client authentication: HTTP Basic (client_secret_basic) is assumed',
        'whether userinfo also accepts an Authorization: Bearer header (the preset sends both)',
        'no email_verified flag is documented',
        'scope: `userinfo` is the classic scope; a newer page of the docs lists `openid profile` instead',
      ],
    },
  });
}

/** `access_token=<token>` on the userinfo URL only (same origin and path), never on other API calls. */
function addTokenToUserinfo(url: URL, tokens: TokenSet, userinfo: string): URL {
  let target: URL;
  try {
    target = new URL(userinfo);
  } catch {
    return url;
  }
  if (url.origin !== target.origin || url.pathname !== target.pathname) return url;
  const out = new URL(url.href);
  out.searchParams.set('access_token', tokens.accessToken);
  return out;
}
