import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Box's `GET /2.0/users/me` to the kit's profile (`login` is the email).
 *
 * @throws TypeError when the user has no `id`.
 * @example
 * ```ts
 * mapBoxProfile({ id: '11446498', type: 'user', name: 'Aaron Levie', login: 'ceo@example.com', avatar_url: 'https://www.box.com/api/avatar/large/181216415' });
 * // { id: '11446498', name: 'Aaron Levie', email: 'ceo@example.com', avatarUrl: 'https://www.box.com/api/avatar/large/181216415' }
 * ```
 */
export function mapBoxProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Box profile has no id');
  return compact({ id, name: str(raw.name), email: str(raw.login), avatarUrl: str(raw.avatar_url) });
}

/**
 * Box over OAuth 2.0 (user authentication): client credentials in the token
 * request body, RFC 7009 revocation, scopes set on the app.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default none: the app's scopes), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developer.box.com/guides/authentication/oauth2/
 * @example
 * ```ts
 * auth.register(box({ clientId: process.env.BOX_CLIENT_ID!, clientSecret: process.env.BOX_CLIENT_SECRET! }));
 * ```
 */
export function box(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'box';
  return defineOAuth2Provider({
    name,
    displayName: 'Box',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://account.box.com/api/oauth2/authorize',
      tokenEndpoint: 'https://api.box.com/oauth2/token',
      userinfoEndpoint: 'https://api.box.com/2.0/users/me',
      revocationEndpoint: 'https://api.box.com/oauth2/revoke',
      apiBaseUrl: 'https://api.box.com/2.0/',
    }),
    profile: mapBoxProfile,
    quirks: ['scopes-set-on-app', 'login-is-email'],
    docs: {
      kind: 'developer',
      registerUrl: 'https://app.box.com/developers/console',
      notes: `Create Platform App → User Authentication (OAuth 2.0); Redirect URI: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
