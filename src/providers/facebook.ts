import { createHmac } from 'node:crypto';
import { OAuthConfigError } from '../errors.ts';
import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider, ProfileFetchContext, TokenSet } from '../types.ts';

/**
 * Options of {@link facebook}.
 *
 * @example
 * ```ts
 * const options: FacebookOptions = { clientId: appId, clientSecret: appSecret, version: 'v21.0' };
 * ```
 */
export interface FacebookOptions extends PresetOptions {
  /** Graph API version used in every URL (default `v21.0`). */
  version?: string;
}

/**
 * Map the Graph API's `/me?fields=id,name,email,picture` answer to the kit's profile.
 *
 * @throws TypeError when the payload has no `id`.
 * @example
 * ```ts
 * mapFacebookProfile({ id: '10102276385190571', name: 'Sam Example', picture: { data: { url: 'https://platform-lookaside.fbsbx.com/x.jpg' } } });
 * // { id: '10102276385190571', name: 'Sam Example', avatarUrl: 'https://platform-lookaside.fbsbx.com/x.jpg' }
 * ```
 */
export function mapFacebookProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Facebook profile has no id');
  const picture = raw.picture?.data;
  return compact({
    id,
    name: str(raw.name),
    email: str(raw.email),
    // The silhouette is Facebook's placeholder, not the user's picture.
    avatarUrl: picture && picture.is_silhouette !== true ? str(picture.url) : undefined,
  });
}

/**
 * `appsecret_proof` for a user access token: HMAC-SHA256 of the token keyed
 * with the app secret, hex-encoded.
 *
 * @see https://developers.facebook.com/docs/graph-api/securing-requests#appsecret_proof
 * @example
 * ```ts
 * facebookAppSecretProof('EAAB…', process.env.FACEBOOK_APP_SECRET!); // '3f1b…' (64 hex chars)
 * ```
 */
export function facebookAppSecretProof(accessToken: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}

/**
 * Facebook Login over OAuth 2.0 against a versioned Graph API. Every Graph
 * call carries `appsecret_proof` (apps can require it; it proves the call
 * comes from the app's server).
 *
 * @param options `clientId` (app id), `clientSecret` (app secret), `scope` (default `email public_profile`), `version`.
 * @throws OAuthConfigError when clientId / clientSecret is missing or version is not like `v21.0`.
 * @see https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow
 * @example
 * ```ts
 * auth.register(facebook({ clientId: process.env.FACEBOOK_APP_ID!, clientSecret: process.env.FACEBOOK_APP_SECRET! }));
 * ```
 */
export function facebook(options: FacebookOptions): OAuth2Provider {
  const name = options.name ?? 'facebook';
  const version = options.version ?? 'v21.0';
  if (!/^v\d+\.\d+$/.test(version)) {
    throw new OAuthConfigError(`${name}: version must look like "v21.0", got ${JSON.stringify(version)}.`);
  }
  const graph = `https://graph.facebook.com/${version}/`;
  const apiBaseUrl = options.apiBaseUrl ?? graph;
  const userinfo = options.userinfoEndpoint ?? `${graph}me?fields=id,name,email,picture`;
  const secret = options.clientSecret;
  const graphOrigins = new Set([originOf(apiBaseUrl), originOf(userinfo)]);
  const decorateApiRequest = (url: URL, tokens: TokenSet): URL => {
    // Only Graph API calls get the proof; it is useless (and a leak of a derived value) elsewhere.
    if (!secret || !tokens.accessToken || !graphOrigins.has(url.origin)) return url;
    const out = new URL(url.href);
    out.searchParams.set('appsecret_proof', facebookAppSecretProof(tokens.accessToken, secret));
    return out;
  };
  return defineOAuth2Provider({
    name,
    displayName: 'Facebook',
    clientId: options.clientId,
    clientSecret: secret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['email', 'public_profile'],
    ...presetEndpoints(options, {
      authorizationEndpoint: `https://www.facebook.com/${version}/dialog/oauth`,
      tokenEndpoint: `${graph}oauth/access_token`,
      userinfoEndpoint: userinfo,
      apiBaseUrl,
    }),
    profile: mapFacebookProfile,
    decorateApiRequest,
    // The profile call needs the proof too, whether or not the kit decorates it.
    fetchProfile: async (ctx: ProfileFetchContext) => ctx.get(decorateApiRequest(new URL(userinfo), ctx.tokens).href),
    quirks: ['appsecret-proof', 'versioned-graph-api'],
    docs: {
      kind: 'social',
      registerUrl: 'https://developers.facebook.com/apps/',
      notes: `Add the "Facebook Login" product; Valid OAuth Redirect URIs: <baseUrl>/auth/${name}/callback. Email may be missing for accounts registered by phone.`,
    },
  });
}

function originOf(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return value; // defineOAuth2Provider reports the bad URL with its field name
  }
}
