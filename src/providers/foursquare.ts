import { compact, defineOAuth2Provider, joinName, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider, TokenSet } from '../types.ts';

/**
 * Options of {@link foursquare}.
 *
 * @example
 * ```ts
 * const options: FoursquareOptions = { clientId, clientSecret, apiVersion: '20231010' };
 * ```
 */
export interface FoursquareOptions extends PresetOptions {
  /** The `v=YYYYMMDD` version date sent on every v2 API call (default `20231010`). */
  apiVersion?: string;
}

/**
 * Map Foursquare's `GET /v2/users/self` (`{ response: { user } }`) to the
 * kit's profile; the photo is `prefix` + size + `suffix`.
 *
 * @throws TypeError when there is no `response.user.id`.
 * @example
 * ```ts
 * mapFoursquareProfile({ response: { user: { id: '1234567', firstName: 'Jimmy', lastName: 'Foursquare', contact: { email: 'jimmy@example.com' }, photo: { prefix: 'https://fastly.4sqi.net/img/user/', suffix: '/blank_boy.png' } } } });
 * // { id: '1234567', name: 'Jimmy Foursquare', email: 'jimmy@example.com', avatarUrl: 'https://fastly.4sqi.net/img/user/original/blank_boy.png' }
 * ```
 */
export function mapFoursquareProfile(raw: any): MappedProfile {
  const user = raw?.response?.user;
  const id = str(user?.id);
  if (!id) throw new TypeError('Foursquare profile has no response.user.id');
  const prefix = str(user.photo?.prefix);
  const suffix = str(user.photo?.suffix);
  return compact({
    id,
    name: joinName(user.firstName, user.lastName),
    email: str(user.contact?.email),
    avatarUrl: prefix && suffix ? `${prefix}original${suffix}` : undefined,
  });
}

/**
 * Foursquare (v2 user API) over OAuth 2.0. The v2 API wants the token as the
 * `oauth_token` query parameter plus a `v=YYYYMMDD` version on every call,
 * both added by the preset's request hook; the token answer has no
 * `token_type`, which the preset fills in as `bearer`.
 *
 * Legacy projects only: Foursquare's OAuth page is marked "Legacy Foursquare
 * v2 API Only" — projects created after 2021-11-18 get the v3 / Places API
 * (service keys, managed users) instead, where this user login does not apply
 * (checked 2026-12-08, https://docs.foursquare.com/developer/docs/using-oauth-authentication).
 *
 * Unverified: PKCE acceptance; client auth method (body credentials assumed).
 *
 * @param options `clientId`, `clientSecret`, `apiVersion`, endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://docs.foursquare.com/developer/reference/personalization-apis-authentication
 * @example
 * ```ts
 * auth.register(foursquare({ clientId: process.env.FOURSQUARE_CLIENT_ID!, clientSecret: process.env.FOURSQUARE_CLIENT_SECRET! }));
 * ```
 */
export function foursquare(options: FoursquareOptions): OAuth2Provider {
  const name = options.name ?? 'foursquare';
  const version = options.apiVersion ?? '20231010';
  return defineOAuth2Provider({
    name,
    displayName: 'Foursquare',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://foursquare.com/oauth2/authenticate',
      tokenEndpoint: 'https://foursquare.com/oauth2/access_token',
      userinfoEndpoint: 'https://api.foursquare.com/v2/users/self',
      apiBaseUrl: 'https://api.foursquare.com/v2/',
    }),
    // Foursquare's token answer is `{ access_token }` only; RFC 6749 §5.1 requires token_type.
    normalizeTokenResponse: (body) => (body.token_type === undefined ? { ...body, token_type: 'bearer' } : body),
    decorateApiRequest: (url: URL, tokens: TokenSet) => {
      const out = new URL(url);
      if (!out.searchParams.has('v')) out.searchParams.set('v', version);
      out.searchParams.set('oauth_token', tokens.accessToken);
      return out;
    },
    profile: mapFoursquareProfile,
    quirks: ['legacy-v2-projects-only', 'oauth-token-query-parameter', 'api-version-parameter', 'missing-token-type', 'response-wrapper'],
    docs: {
      registerUrl: 'https://foursquare.com/developers/apps',
      notes: `Legacy v2 projects only (created before 2021-11-18); Redirect URI: <baseUrl>/auth/${name}/callback.`,
      kind: 'social',
      unverified: ['PKCE acceptance', 'client_secret_post', 'fixture payload reconstructed from documented field names, not a verbatim documented example'],
    },
  });
}
