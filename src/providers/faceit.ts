import { booleanClaim, compact, defineOAuth2Provider, joinName, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map FACEIT's `GET /auth/v1/resources/userinfo` (`guid`, `nickname`,
 * `email`, `picture`, …) to the kit's profile; `guid` (or `sub`) is the id.
 *
 * @throws TypeError when the payload has neither `guid` nor `sub`.
 * @example
 * ```ts
 * mapFaceitProfile({ guid: '5ea07280-2399-4c7e-88ab-f2f7db0c449f', nickname: 'faceit_player', email: 'player@example.com', picture: 'https://assets.faceit-cdn.net/avatars/5ea0.jpg' });
 * // { id: '5ea07280-2399-4c7e-88ab-f2f7db0c449f', username: 'faceit_player', name: 'faceit_player', email: 'player@example.com', avatarUrl: 'https://assets.faceit-cdn.net/avatars/5ea0.jpg' }
 * ```
 */
export function mapFaceitProfile(raw: any): MappedProfile {
  const id = str(raw?.guid) ?? str(raw?.sub);
  if (!id) throw new TypeError('FACEIT profile has no guid');
  const nickname = str(raw.nickname);
  const email = str(raw.email);
  return compact({
    id,
    username: nickname,
    name: str(raw.name) ?? joinName(raw.given_name, raw.family_name) ?? nickname,
    email,
    emailVerified: email ? booleanClaim(raw.email_verified) : undefined,
    avatarUrl: str(raw.picture),
  });
}

/**
 * FACEIT Connect over OAuth 2.0: authorize at `accounts.faceit.com`, token at
 * `api.faceit.com/auth/v1/oauth/token` with HTTP Basic client auth, profile
 * from `/auth/v1/resources/userinfo` (scopes `openid email profile`).
 *
 * FACEIT documents the "Authorization Code Flow with PKCE" and HTTP Basic
 * (`base64(client_id:client_secret)`) at the token endpoint; the userinfo
 * call takes the access token as Bearer.
 *
 * Unverified (FACEIT's Connect guide is a PDF not checked here): the
 * userinfo field names beyond `guid`, `nickname`, `email`, `picture`;
 * whether its OpenID metadata is usable for discovery (so the preset stays
 * plain OAuth 2.0 and does not validate an id_token).
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `openid email profile`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://docs.faceit.com/getting-started/authentication/oauth2
 * @example
 * ```ts
 * auth.register(faceit({ clientId: process.env.FACEIT_CLIENT_ID!, clientSecret: process.env.FACEIT_CLIENT_SECRET! }));
 * ```
 */
export function faceit(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'faceit';
  return defineOAuth2Provider({
    name,
    displayName: 'FACEIT',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_basic',
    scope: options.scope ?? ['openid', 'email', 'profile'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://accounts.faceit.com',
      tokenEndpoint: 'https://api.faceit.com/auth/v1/oauth/token',
      userinfoEndpoint: 'https://api.faceit.com/auth/v1/resources/userinfo',
      apiBaseUrl: 'https://open.faceit.com/data/v4/',
    }),
    profile: mapFaceitProfile,
    quirks: ['guid-id', 'basic-client-auth'],
    docs: {
      registerUrl: 'https://developers.faceit.com/apps',
      notes: `Developer Portal → App Studio → your app → Client-Side (FACEIT Connect); Redirect URL: <baseUrl>/auth/${name}/callback.`,
      kind: 'social',
      unverified: ['userinfo field names beyond guid, nickname, email, picture', 'OIDC discovery usability', 'fixture payload reconstructed from those field names'],
    },
  });
}
