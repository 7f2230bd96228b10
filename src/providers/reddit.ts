import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link reddit}.
 *
 * @example
 * ```ts
 * const options: RedditOptions = { clientId, clientSecret, userAgent: 'web:com.example.app:v1.0 (by /u/example)', permanent: true };
 * ```
 */
export interface RedditOptions extends PresetOptions {
  /** Reddit's required descriptive User-Agent, `<platform>:<app id>:<version> (by /u/<username>)`. */
  userAgent?: string;
  /** Ask for a refresh token (`duration=permanent`; default `temporary`, one hour). */
  permanent?: boolean;
}

/** Reddit HTML-escapes `&` in image URLs it returns as JSON. */
function unescapeAmp(value: string | undefined): string | undefined {
  return value?.replaceAll('&amp;', '&');
}

/**
 * Map Reddit's `GET /api/v1/me` to the kit's profile (Reddit shares no email).
 *
 * @throws TypeError when the account has no `id`.
 * @example
 * ```ts
 * mapRedditProfile({ id: '1w72', name: 'spez', icon_img: 'https://styles.redditmedia.com/t5_3k30p/styles/profileIcon_snoo.png?width=256&amp;height=256' });
 * // { id: '1w72', username: 'spez', name: 'spez', avatarUrl: 'https://styles.redditmedia.com/t5_3k30p/styles/profileIcon_snoo.png?width=256&height=256' }
 * ```
 */
export function mapRedditProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Reddit profile has no id');
  return compact({
    id,
    username: str(raw.name),
    name: str(raw.subreddit?.title) ?? str(raw.name),
    avatarUrl: unescapeAmp(str(raw.snoovatar_img) ?? str(raw.icon_img)),
  });
}

/**
 * Reddit over OAuth 2.0: HTTP Basic client authentication, API calls on
 * `oauth.reddit.com`, and a descriptive User-Agent on every call (Reddit
 * throttles generic ones). PKCE is off: Reddit's OAuth documentation does
 * not define it.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `identity`), `userAgent`, `permanent`.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://github.com/reddit-archive/reddit/wiki/OAuth2
 * @example
 * ```ts
 * auth.register(reddit({ clientId, clientSecret, userAgent: 'web:com.example.app:v1.0 (by /u/example)' }));
 * ```
 */
export function reddit(options: RedditOptions): OAuth2Provider {
  const name = options.name ?? 'reddit';
  return defineOAuth2Provider({
    name,
    displayName: 'Reddit',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_basic',
    scope: options.scope ?? ['identity'],
    pkce: false,
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://www.reddit.com/api/v1/authorize',
      tokenEndpoint: 'https://www.reddit.com/api/v1/access_token',
      userinfoEndpoint: 'https://oauth.reddit.com/api/v1/me',
      revocationEndpoint: 'https://www.reddit.com/api/v1/revoke_token',
      apiBaseUrl: 'https://oauth.reddit.com/',
      authorizationParams: { duration: options.permanent ? 'permanent' : 'temporary' },
    }),
    apiHeaders: { 'User-Agent': options.userAgent ?? `web:${options.clientId}:v1 (express-oauth-kit)` },
    profile: mapRedditProfile,
    quirks: ['user-agent-required', 'duration-parameter', 'html-escaped-urls'],
    docs: {
      kind: 'social',
      registerUrl: 'https://www.reddit.com/prefs/apps',
      notes: `Create a "web app"; redirect uri: <baseUrl>/auth/${name}/callback (one per app).`,
    },
  });
}
