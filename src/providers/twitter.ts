import { OAuthConfigError } from '../errors.ts';
import { checkName, compact, defineOAuth1Provider, str } from './define.ts';
import type { MappedProfile, OAuth1Provider } from '../types.ts';

/** Options of {@link twitter}. */
export interface TwitterOptions {
  /** The app's API key (OAuth 1.0a consumer key) from the X developer portal. */
  consumerKey: string;
  /** The app's API key secret (OAuth 1.0a consumer secret). */
  consumerSecret: string;
  /** Registry name (default `twitter`), to register the preset twice. */
  name?: string;
  /** Ask the user to sign in again even when X has a session (`force_login=true`). */
  forceLogin?: boolean;
  /** Send users to `oauth/authorize` (always asks) instead of `oauth/authenticate` ("Sign in with X"). */
  useAuthorize?: boolean;
  /** `x_auth_access_type` on the request token: ask for less than the app's permission. */
  accessType?: 'read' | 'write';
  /** Add `include_email=true` to the profile call (default true; needs the app's email permission). */
  includeEmail?: boolean;
  /** The request-token call (default `https://api.x.com/oauth/request_token`). */
  requestTokenEndpoint?: string;
  /** The page users are sent to (default `oauth/authenticate`; see `useAuthorize`). */
  authorizationEndpoint?: string;
  /** The access-token call (default `https://api.x.com/oauth/access_token`). */
  accessTokenEndpoint?: string;
  /** Profile call; `include_email` / `skip_status` are added unless it already has them. */
  userinfoEndpoint?: string;
  /** Base URL of relative `req.oauth.fetch('twitter', path)` calls (default `https://api.x.com/1.1/`). */
  apiBaseUrl?: string;
  /** Allow `http:` endpoints off loopback (never in production). */
  allowInsecureRequests?: boolean;
}

const API = 'https://api.x.com';

/**
 * Map an X/Twitter v1.1 user object (`account/verify_credentials.json`) to
 * the kit's profile. `id_str` is used because numeric ids exceed 2^53.
 *
 * @throws TypeError when the payload has neither `id_str` nor `id`.
 * @example
 * ```ts
 * mapTwitterProfile({ id: 38895958, id_str: '38895958', screen_name: 'theSeanCook', name: 'Sean Cook' });
 * // { id: '38895958', username: 'theSeanCook', name: 'Sean Cook' }
 * ```
 */
export function mapTwitterProfile(raw: any): MappedProfile {
  const id = str(raw?.id_str) ?? (typeof raw?.id === 'number' || typeof raw?.id === 'string' ? str(raw.id) : undefined);
  if (!id) throw new TypeError('profile has no id_str or id');
  return compact({
    id,
    username: str(raw.screen_name),
    name: str(raw.name),
    // X returns an email only when the app has the email permission and the address is verified (else null).
    email: str(raw.email),
    avatarUrl: str(raw.profile_image_url_https),
  });
}

/** The profile URL with `include_email` / `skip_status` unless the caller already set them. */
function profileUrl(override: string | undefined, includeEmail: boolean): string {
  const raw = override ?? `${API}/1.1/account/verify_credentials.json`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw; // defineOAuth1Provider reports the bad URL with the field name
  }
  if (includeEmail && !url.searchParams.has('include_email')) url.searchParams.set('include_email', 'true');
  if (!url.searchParams.has('skip_status')) url.searchParams.set('skip_status', 'true');
  return url.href;
}

/**
 * "Sign in with X" (Twitter) over OAuth 1.0a: request token, the
 * `oauth/authenticate` page, access token, then `verify_credentials` with
 * `include_email=true`. Callback URLs must be allow-listed in the app's
 * settings; a user who cancels comes back with `denied=<token>`.
 *
 * @throws OAuthConfigError when consumerKey / consumerSecret is missing, an
 *   endpoint override is not a URL or is http off loopback, or accessType is not read/write.
 * @example
 * ```ts
 * auth.register(twitter({
 *   consumerKey: process.env.TWITTER_CONSUMER_KEY!,
 *   consumerSecret: process.env.TWITTER_CONSUMER_SECRET!,
 * }));
 * // login at /auth/twitter/login; register <baseUrl>/auth/twitter/callback at X
 * ```
 * @see https://docs.x.com/fundamentals/authentication/oauth-1-0a/obtaining-user-access-tokens
 */
export function twitter(options: TwitterOptions): OAuth1Provider {
  if (options === null || typeof options !== 'object') {
    throw new OAuthConfigError('twitter: options { consumerKey, consumerSecret } are required.');
  }
  const name = checkName(options.name ?? 'twitter');
  if (options.accessType !== undefined && options.accessType !== 'read' && options.accessType !== 'write') {
    throw new OAuthConfigError(`${name}: accessType must be 'read' or 'write'.`);
  }
  const includeEmail = options.includeEmail ?? true;
  return defineOAuth1Provider({
    name,
    displayName: 'Twitter',
    consumerKey: options.consumerKey,
    consumerSecret: options.consumerSecret,
    requestTokenEndpoint: options.requestTokenEndpoint ?? `${API}/oauth/request_token`,
    authorizationEndpoint: options.authorizationEndpoint ?? `${API}/oauth/${options.useAuthorize ? 'authorize' : 'authenticate'}`,
    accessTokenEndpoint: options.accessTokenEndpoint ?? `${API}/oauth/access_token`,
    userinfoEndpoint: profileUrl(options.userinfoEndpoint, includeEmail),
    apiBaseUrl: options.apiBaseUrl ?? `${API}/1.1/`,
    allowInsecureRequests: options.allowInsecureRequests,
    authorizationParams: options.forceLogin ? Object.freeze({ force_login: 'true' }) : undefined,
    requestTokenParams: options.accessType ? Object.freeze({ x_auth_access_type: options.accessType }) : undefined,
    profile: mapTwitterProfile,
    quirks: ['oauth1-three-legged', 'include_email', 'denied-on-cancel'],
    docs: Object.freeze({
      kind: 'social' as const,
      registerUrl: 'https://developer.x.com/en/portal/dashboard',
      notes:
        'OAuth 1.0a: use the API Key and Secret as consumerKey / consumerSecret, turn on user authentication with ' +
        '"Sign in with X", and allow-list <baseUrl>/auth/twitter/callback as a callback URL. For email, enable ' +
        '"Request email addresses from users" and fill in the privacy-policy and terms URLs; email is absent when unverified.',
    }),
  });
}
