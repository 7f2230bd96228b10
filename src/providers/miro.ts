import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Miro's token context (`GET /v1/oauth-token`: `{ user, team, organization, scopes }`)
 * to the kit's profile. Miro gives no email here.
 *
 * @throws TypeError when the payload has no `user.id`.
 * @example
 * ```ts
 * mapMiroProfile({ type: 'oAuthToken', user: { type: 'user', name: 'John Smith', id: '3074457345618265000' }, team: { type: 'team', name: 'Acme', id: '3074457345618265001' } });
 * // { id: '3074457345618265000', name: 'John Smith' }
 * ```
 */
export function mapMiroProfile(raw: any): MappedProfile {
  const id = str(raw?.user?.id);
  if (!id) throw new TypeError('Miro token context has no user.id');
  return compact({ id, name: str(raw.user.name) });
}

/**
 * Miro over OAuth 2.0: installing the app on a team is the consent step, the
 * scopes are set on the app (none are sent by default), the client secret
 * goes in the token request body, and the profile is the token context
 * `GET https://api.miro.com/v1/oauth-token` (user and team, no email).
 *
 * Unverified (also in `docs.unverified`): Whether Miro accepts or ignores PKCE parameters (the kit
 * sends them); Whether HTTP Basic client authentication also works (the docs place client_id /
 * client_secret as parameters).
 *
 * @param options `clientId`, `clientSecret`, `scope` (default none: the app's configured scopes), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developers.miro.com/docs/getting-started-with-oauth
 * @example
 * ```ts
 * auth.register(miro({ clientId: process.env.MIRO_CLIENT_ID!, clientSecret: process.env.MIRO_CLIENT_SECRET! }));
 * ```
 */
export function miro(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'miro';
  return defineOAuth2Provider({
    name,
    displayName: 'Miro',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://miro.com/oauth/authorize',
      tokenEndpoint: 'https://api.miro.com/v1/oauth/token',
      userinfoEndpoint: 'https://api.miro.com/v1/oauth-token',
      apiBaseUrl: 'https://api.miro.com/v2/',
    }),
    profile: mapMiroProfile,
    quirks: ['scopes-set-on-app', 'token-context-profile', 'no-email'],
    docs: {
      registerUrl: 'https://miro.com/app/settings/user-profile/apps',
      notes: `Your apps → Create new app; Redirect URI for OAuth2.0: <baseUrl>/auth/${name}/callback; choose the permissions (scopes) there.`,
      kind: 'developer',
      unverified: [
        'Whether Miro accepts or ignores PKCE parameters (the kit sends them).',
        'Whether HTTP Basic client authentication also works (the docs place client_id / client_secret as parameters).',
      ],
    },
  });
}
