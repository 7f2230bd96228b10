import { booleanClaim, compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link twitch}.
 *
 * @example
 * ```ts
 * const options: TwitchOptions = { clientId, clientSecret };
 * ```
 */
export interface TwitchOptions extends PresetOptions {
  /** Issuer override (local emulators); default `https://id.twitch.tv/oauth2`. */
  issuer?: string;
}

/** Twitch puts only the claims named in the `claims` parameter in the id_token and userinfo. */
const CLAIMS = JSON.stringify({
  id_token: { email: null, email_verified: null, picture: null, preferred_username: null },
  userinfo: { email: null, email_verified: null, picture: null, preferred_username: null },
});

/**
 * Map Twitch OIDC claims (id_token / `oauth2/userinfo`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapTwitchProfile({ sub: '713936733', preferred_username: 'scotwht', email: 'scotwht@justin.tv', email_verified: true });
 * // { id: '713936733', username: 'scotwht', name: 'scotwht', email: 'scotwht@justin.tv', emailVerified: true }
 * ```
 */
export function mapTwitchProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Twitch profile has no sub');
  const login = str(raw.preferred_username);
  return compact({
    id,
    username: login,
    name: login, // Twitch's display name is the login with the user's capitalisation
    email: str(raw.email),
    emailVerified: booleanClaim(raw.email_verified),
    avatarUrl: str(raw.picture),
  });
}

/**
 * Twitch over OpenID Connect (issuer `https://id.twitch.tv/oauth2`). Claims
 * are requested explicitly with the `claims` parameter; the token endpoint
 * takes the secret in the body; Helix API calls need a `Client-Id` header,
 * which is set for `req.oauth.fetch`.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `openid user:read:email`), `issuer`.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://dev.twitch.tv/docs/authentication/getting-tokens-oidc/
 * @example
 * ```ts
 * auth.register(twitch({ clientId: process.env.TWITCH_CLIENT_ID!, clientSecret: process.env.TWITCH_CLIENT_SECRET! }));
 * ```
 */
export function twitch(options: TwitchOptions): OAuth2Provider {
  const name = options.name ?? 'twitch';
  return defineOAuth2Provider({
    name,
    displayName: 'Twitch',
    protocol: 'oidc',
    issuer: options.issuer ?? 'https://id.twitch.tv/oauth2',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['openid', 'user:read:email'],
    // Twitch answers `scope` as a JSON array; RFC 6749 §5.1 says a space-delimited string.
    normalizeTokenResponse: (body) => (Array.isArray(body.scope) ? { ...body, scope: body.scope.join(' ') } : body),
    ...presetEndpoints(options, {
      apiBaseUrl: 'https://api.twitch.tv/helix/',
      authorizationParams: { claims: CLAIMS },
    }),
    apiHeaders: { 'Client-Id': options.clientId },
    profile: mapTwitchProfile,
    quirks: ['claims-parameter', 'client-id-header'],
    docs: {
      kind: 'social',
      registerUrl: 'https://dev.twitch.tv/console/apps',
      notes: `Register Your Application (Confidential); OAuth Redirect URLs: <baseUrl>/auth/${name}/callback. Twitch returns the token response's scope as a JSON array, not a string.`,
    },
  });
}
