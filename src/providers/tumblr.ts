import { OAuthConfigError } from '../errors.ts';
import { checkName, compact, defineOAuth1Provider, str } from './define.ts';
import type { MappedProfile, OAuth1Provider } from '../types.ts';

/**
 * Options of {@link tumblr} (OAuth 1.0a: consumer key and secret of a registered app).
 *
 * @example
 * ```ts
 * const options: TumblrOptions = { consumerKey, consumerSecret };
 * ```
 */
export interface TumblrOptions {
  /** The app's OAuth Consumer Key. */
  consumerKey: string;
  /** The app's Secret Key. */
  consumerSecret: string;
  /** Registry name (default `tumblr`), to register the preset twice. */
  name?: string;
  /** The request-token call (replaces the preset's; local emulators). */
  requestTokenEndpoint?: string;
  /** The page users are sent to (replaces the preset's). */
  authorizationEndpoint?: string;
  /** The access-token call (replaces the preset's). */
  accessTokenEndpoint?: string;
  /** The profile call (replaces the preset's). */
  userinfoEndpoint?: string;
  /** Base URL of relative `req.oauth.fetch(name, path)` calls (replaces the preset's). */
  apiBaseUrl?: string;
  /** Allow `http:` endpoints off loopback (never in production). */
  allowInsecureRequests?: boolean;
}

const WWW = 'https://www.tumblr.com';
const API = 'https://api.tumblr.com/v2/';

/**
 * Map Tumblr's `GET /v2/user/info` (`{ meta, response: { user } }`) to the
 * kit's profile. Tumblr has no user id: the id is the user's name (the name
 * of the primary blog), the display name is the primary blog's title.
 * Tumblr gives no email address.
 *
 * @throws TypeError when `response.user.name` is missing.
 * @example
 * ```ts
 * mapTumblrProfile({ meta: { status: 200, msg: 'OK' }, response: { user: { name: 'derekg', blogs: [{ name: 'derekg', title: 'Derek Gottfrid', primary: true }] } } });
 * // { id: 'derekg', username: 'derekg', name: 'Derek Gottfrid' }
 * ```
 */
export function mapTumblrProfile(raw: any): MappedProfile {
  const user = raw?.response?.user;
  const id = str(user?.name);
  if (!id) throw new TypeError('Tumblr profile has no response.user.name');
  const blogs: any[] = Array.isArray(user.blogs) ? user.blogs : [];
  const primary = blogs.find((b) => b?.primary === true);
  const avatars: any[] = Array.isArray(primary?.avatar) ? primary.avatar : [];
  return compact({
    id,
    username: id,
    name: str(primary?.title),
    avatarUrl: str(avatars[0]?.url),
  });
}

/**
 * Tumblr over OAuth 1.0a (HMAC-SHA1): request token, the
 * `www.tumblr.com/oauth/authorize` page, access token, then the signed
 * `GET api.tumblr.com/v2/user/info`. Tumblr's OAuth 2.0 API is newer; this
 * preset speaks the 1.0a flow that every registered app has.
 *
 * Unverified (see `docs.unverified`): that the user name is stable enough to
 * be an id (it changes when the user renames the primary blog), and the
 * `avatar` list on blog objects.
 *
 * @throws OAuthConfigError when consumerKey / consumerSecret is missing, the
 *   name is invalid, or an endpoint override is not a URL or is http off loopback.
 * @see https://www.tumblr.com/docs/en/api/v2
 * @example
 * ```ts
 * auth.register(tumblr({ consumerKey: process.env.TUMBLR_CONSUMER_KEY!, consumerSecret: process.env.TUMBLR_CONSUMER_SECRET! }));
 * // register <baseUrl>/auth/tumblr/callback as the app's default callback URL
 * ```
 */
export function tumblr(options: TumblrOptions): OAuth1Provider {
  if (options === null || typeof options !== 'object') {
    throw new OAuthConfigError('tumblr: options { consumerKey, consumerSecret } are required.');
  }
  const name = checkName(options.name ?? 'tumblr');
  return defineOAuth1Provider({
    name,
    displayName: 'Tumblr',
    consumerKey: options.consumerKey,
    consumerSecret: options.consumerSecret,
    requestTokenEndpoint: options.requestTokenEndpoint ?? `${WWW}/oauth/request_token`,
    authorizationEndpoint: options.authorizationEndpoint ?? `${WWW}/oauth/authorize`,
    accessTokenEndpoint: options.accessTokenEndpoint ?? `${WWW}/oauth/access_token`,
    userinfoEndpoint: options.userinfoEndpoint ?? `${API}user/info`,
    apiBaseUrl: options.apiBaseUrl ?? API,
    allowInsecureRequests: options.allowInsecureRequests,
    profile: mapTumblrProfile,
    quirks: ['oauth1-three-legged', 'name-as-id', 'response-wrapper'],
    docs: Object.freeze({
      registerUrl: 'https://www.tumblr.com/oauth/apps',
      notes: `Register an application; use its OAuth Consumer Key / Secret Key as consumerKey / consumerSecret, and <baseUrl>/auth/${name}/callback as the Default callback URL.`,
      kind: 'social' as const,
      unverified: Object.freeze([
        'the user name as a stable id (it follows renames of the primary blog)',
        'the avatar list on blog objects (first entry = largest)',
      ]),
    }),
  });
}
