import { OAuthConfigError } from '../errors.ts';
import { checkName, defineOAuth1Provider } from './define.ts';
import type { MappedProfile, OAuth1Provider } from '../types.ts';

/** Options of {@link oauth1}. */
export interface OAuth1Options {
  /** Registry name and route segment (`[a-z0-9_-]+`). */
  name: string;
  /** Button text; default `name`. */
  displayName?: string;
  consumerKey: string;
  consumerSecret: string;
  /** Temporary-credentials endpoint (RFC 5849 §2.1). */
  requestTokenEndpoint: string;
  /** Where the user is sent to approve (RFC 5849 §2.2). */
  authorizationEndpoint: string;
  /** Token-credentials endpoint (RFC 5849 §2.3). */
  accessTokenEndpoint: string;
  /** The signed profile call; its query parameters are signed too. */
  userinfoEndpoint: string;
  /** Base for relative `req.oauth.fetch()` paths. */
  apiBaseUrl?: string;
  /** Pure mapper from the profile payload to `{ id, username?, name?, email?, avatarUrl? }`. */
  profile: (raw: any) => MappedProfile;
  /** Extra fixed parameters of the authorize redirect (e.g. `force_login=true`). */
  authorizationParams?: Record<string, string>;
  /** Extra parameters of the request-token call, sent in its signed query (e.g. `x_auth_access_type=read`). */
  requestTokenParams?: Record<string, string>;
  /** Headers sent on every API call. */
  apiHeaders?: Record<string, string>;
  /** Allow `http:` endpoints off loopback (never in production). */
  allowInsecureRequests?: boolean;
}

/**
 * A generic OAuth 1.0a (RFC 5849, HMAC-SHA1) provider with explicit endpoints.
 *
 * @throws OAuthConfigError when the name is invalid, consumerKey / consumerSecret, an
 *   endpoint or `profile` is missing, or an endpoint is http off loopback.
 * @example
 * ```ts
 * auth.register(oauth1({
 *   name: 'tumblr', consumerKey, consumerSecret,
 *   requestTokenEndpoint: 'https://www.tumblr.com/oauth/request_token',
 *   authorizationEndpoint: 'https://www.tumblr.com/oauth/authorize',
 *   accessTokenEndpoint: 'https://www.tumblr.com/oauth/access_token',
 *   userinfoEndpoint: 'https://api.tumblr.com/v2/user/info',
 *   profile: (raw) => ({ id: raw.response.user.name, username: raw.response.user.name }),
 * }));
 * ```
 */
export function oauth1(options: OAuth1Options): OAuth1Provider {
  const name = checkName(options?.name);
  if (typeof options.profile !== 'function') {
    throw new OAuthConfigError(`${name}: profile is required (a function mapping the profile payload to { id, ... }).`);
  }
  return defineOAuth1Provider({
    name,
    displayName: options.displayName ?? name,
    consumerKey: options.consumerKey,
    consumerSecret: options.consumerSecret,
    requestTokenEndpoint: options.requestTokenEndpoint,
    authorizationEndpoint: options.authorizationEndpoint,
    accessTokenEndpoint: options.accessTokenEndpoint,
    userinfoEndpoint: options.userinfoEndpoint,
    apiBaseUrl: options.apiBaseUrl,
    apiHeaders: options.apiHeaders,
    allowInsecureRequests: options.allowInsecureRequests,
    profile: options.profile,
    authorizationParams: options.authorizationParams ? Object.freeze({ ...options.authorizationParams }) : undefined,
    requestTokenParams: options.requestTokenParams ? Object.freeze({ ...options.requestTokenParams }) : undefined,
    quirks: [],
  });
}
