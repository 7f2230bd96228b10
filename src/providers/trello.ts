import { OAuthConfigError } from '../errors.ts';
import { checkName, compact, defineOAuth1Provider, str } from './define.ts';
import type { MappedProfile, OAuth1Provider } from '../types.ts';

/**
 * Trello token permissions (`scope` on the authorize page).
 *
 * @example
 * ```ts
 * const scope: TrelloScope[] = ['read', 'account']; // `account` lets the kit read the member's email
 * auth.register(trello({ consumerKey, consumerSecret, appName: 'My App', scope }));
 * ```
 */
export type TrelloScope = 'read' | 'write' | 'account';
/**
 * Trello token lifetimes (`expiration` on the authorize page).
 *
 * @example
 * ```ts
 * const expiration: TrelloExpiration = '30days';
 * auth.register(trello({ consumerKey, consumerSecret, appName: 'My App', expiration }));
 * ```
 */
export type TrelloExpiration = '1hour' | '1day' | '30days' | 'never';

const SCOPES: readonly string[] = ['read', 'write', 'account'];
const EXPIRATIONS: readonly string[] = ['1hour', '1day', '30days', 'never'];

/**
 * Options of {@link trello}.
 *
 * @example
 * ```ts
 * const options: TrelloOptions = { consumerKey: process.env.TRELLO_API_KEY!, consumerSecret: process.env.TRELLO_SECRET!, appName: 'My App', scope: ['read', 'account'] };
 * ```
 */
export interface TrelloOptions {
  /** The Power-Up's API key. */
  consumerKey: string;
  /** The Power-Up's secret (OAuth secret). */
  consumerSecret: string;
  /** Registry name (default `trello`), to register the preset twice. */
  name?: string;
  /** Application name shown on Trello's "allow access" page (`name`); Trello shows "An unknown application" without it. */
  appName?: string;
  /** Token permissions (default `['read']`; add `account` for the member's email). */
  scope?: readonly TrelloScope[];
  /** Token lifetime (default `30days`, Trello's default). */
  expiration?: TrelloExpiration;
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

/**
 * Map Trello's `GET /1/members/me` to the kit's profile; the avatar is
 * `avatarUrl` with a size suffix (`/170.png`), the email needs the `account` scope.
 *
 * @throws TypeError when the member has no `id`.
 * @example
 * ```ts
 * mapTrelloProfile({ id: '5abbe4b7ddc1b351ef961414', username: 'bentleycook', fullName: 'Bentley Cook', avatarUrl: 'https://trello-members.s3.amazonaws.com/5abbe4b7ddc1b351ef961414/fc8faaaee46666a4eb8b626c08933e16' });
 * // { id: '5abbe4b7ddc1b351ef961414', username: 'bentleycook', name: 'Bentley Cook',
 * //   avatarUrl: 'https://trello-members.s3.amazonaws.com/5abbe4b7ddc1b351ef961414/fc8faaaee46666a4eb8b626c08933e16/170.png' }
 * ```
 */
export function mapTrelloProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Trello member has no id');
  const avatar = str(raw.avatarUrl);
  return compact({
    id,
    username: str(raw.username),
    name: str(raw.fullName),
    email: str(raw.email),
    avatarUrl: avatar ? `${avatar.replace(/\/+$/, '')}/170.png` : undefined,
  });
}

/**
 * Trello over OAuth 1.0a (HMAC-SHA1): request token, the
 * `OAuthAuthorizeToken` page (with `name`, `scope`, `expiration`), access
 * token, then a signed `GET https://api.trello.com/1/members/me`. The API key
 * and secret belong to a Power-Up; the callback's origin must be an allowed
 * origin of that key.
 *
 * Unverified (also in `docs.unverified`): That the request-token answer carries
 * oauth_callback_confirmed=true (the kit requires it); That api.trello.com accepts OAuth
 * 1.0a-signed Authorization headers for members/me (the docs show key/token query parameters);
 * That email is returned only with the account scope.
 *
 * @throws OAuthConfigError when consumerKey / consumerSecret is missing, a
 *   scope or expiration is not one of Trello's values, or an endpoint override is not https.
 * @see https://developer.atlassian.com/cloud/trello/guides/rest-api/authorization/#using-basic-oauth
 * @example
 * ```ts
 * auth.register(trello({ consumerKey: process.env.TRELLO_API_KEY!, consumerSecret: process.env.TRELLO_SECRET!, appName: 'My App' }));
 * // register <baseUrl> as an allowed origin of the API key; the callback is <baseUrl>/auth/trello/callback
 * ```
 */
export function trello(options: TrelloOptions): OAuth1Provider {
  if (options === null || typeof options !== 'object') {
    throw new OAuthConfigError('trello: options { consumerKey, consumerSecret } are required.');
  }
  const name = checkName(options.name ?? 'trello');
  const scope = options.scope ?? ['read'];
  if (!Array.isArray(scope) || scope.length === 0 || !scope.every((s) => SCOPES.includes(s))) {
    throw new OAuthConfigError(`${name}: scope must be a non-empty list of ${SCOPES.join(', ')}.`);
  }
  const expiration = options.expiration ?? '30days';
  if (!EXPIRATIONS.includes(expiration)) {
    throw new OAuthConfigError(`${name}: expiration must be one of ${EXPIRATIONS.join(', ')}.`);
  }
  const authorizationParams: Record<string, string> = { scope: scope.join(','), expiration };
  if (options.appName) authorizationParams.name = options.appName;
  return defineOAuth1Provider({
    name,
    displayName: 'Trello',
    consumerKey: options.consumerKey,
    consumerSecret: options.consumerSecret,
    scope,
    scopeSeparator: ',',
    requestTokenEndpoint: options.requestTokenEndpoint ?? 'https://trello.com/1/OAuthGetRequestToken',
    authorizationEndpoint: options.authorizationEndpoint ?? 'https://trello.com/1/OAuthAuthorizeToken',
    accessTokenEndpoint: options.accessTokenEndpoint ?? 'https://trello.com/1/OAuthGetAccessToken',
    userinfoEndpoint: options.userinfoEndpoint ?? 'https://api.trello.com/1/members/me',
    apiBaseUrl: options.apiBaseUrl ?? 'https://api.trello.com/1/',
    allowInsecureRequests: options.allowInsecureRequests,
    authorizationParams: Object.freeze(authorizationParams),
    profile: mapTrelloProfile,
    quirks: ['oauth1-three-legged', 'authorize-page-parameters', 'avatar-size-suffix'],
    docs: Object.freeze({
      registerUrl: 'https://trello.com/power-ups/admin',
      notes:
        `Power-Ups admin → your Power-Up → API key: use the API key and secret as consumerKey / consumerSecret and add <baseUrl> as an allowed origin; ` +
        `the callback is <baseUrl>/auth/${name}/callback. Add the account scope for the member's email.`,
      kind: 'developer' as const,
      unverified: Object.freeze([
        'That the request-token answer carries oauth_callback_confirmed=true (the kit requires it).',
        'That api.trello.com accepts OAuth 1.0a-signed Authorization headers for members/me (the docs show key/token query parameters).',
        'That email is returned only with the account scope.',
      ]),
    }),
  });
}
