import { booleanClaim, compact, defineOAuth2Provider, instanceUrl, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link wikimedia}.
 *
 * @example
 * ```ts
 * const options: WikimediaOptions = { clientId, clientSecret, userAgent: 'MyTool/1.0 (https://example.org/mytool; ops@example.org)' };
 * ```
 */
export interface WikimediaOptions extends PresetOptions {
  /**
   * The wiki's script path, where `rest.php` lives (default `https://meta.wikimedia.org/w`,
   * Wikimedia's central OAuth wiki; another MediaWiki with Extension:OAuth works the same way).
   */
  wikiUrl?: string;
  /** User-Agent sent on API calls; Wikimedia asks for `<client>/<version> (<contact>)`. */
  userAgent?: string;
}

/**
 * Map MediaWiki's `GET rest.php/oauth2/resource/profile` to the kit's
 * profile. `email` is only present when the consumer was approved for the
 * email grant; `confirmed_email` says whether the wiki confirmed it.
 *
 * @throws TypeError when the profile has no `sub`.
 * @example
 * ```ts
 * mapWikimediaProfile({ sub: 12345678, username: 'Example User', realname: '', email: 'user@example.org', confirmed_email: true });
 * // { id: '12345678', username: 'Example User', email: 'user@example.org', emailVerified: true }
 * ```
 */
export function mapWikimediaProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('MediaWiki profile has no sub');
  const email = str(raw.email);
  return compact({
    id,
    username: str(raw.username),
    name: str(raw.realname),
    email,
    emailVerified: email ? booleanClaim(raw.confirmed_email) : undefined,
  });
}

/**
 * Wikimedia (Meta-Wiki's central accounts, or any MediaWiki with
 * Extension:OAuth) over OAuth 2.0 at `<wikiUrl>/rest.php/oauth2/…`. Grants
 * (what a token may do) are chosen when the consumer is proposed, so no scope
 * is sent by default; "User identity verification only" consumers are enough
 * for login. API calls carry a descriptive User-Agent, which Wikimedia requires.
 *
 * Unverified (also in `docs.unverified`): token client authentication: HTTP Basic
 * (client_secret_basic) is assumed; league/oauth2-server also takes the secret in the body.
 *
 * @param options `clientId` (consumer key), `clientSecret`, `wikiUrl`, `userAgent`, `scope`, endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing or wikiUrl is not a URL.
 * @see https://www.mediawiki.org/wiki/OAuth/For_Developers
 * @example
 * ```ts
 * auth.register(wikimedia({ clientId: process.env.WIKIMEDIA_CLIENT_ID!, clientSecret: process.env.WIKIMEDIA_CLIENT_SECRET!, userAgent: 'MyTool/1.0 (ops@example.org)' }));
 * ```
 */
export function wikimedia(options: WikimediaOptions): OAuth2Provider {
  const name = options.name ?? 'wikimedia';
  const wiki = options.wikiUrl ? instanceUrl(name, 'wikiUrl', options.wikiUrl, 'https://meta.wikimedia.org/w') : 'https://meta.wikimedia.org/w';
  const oauth = `${wiki}/rest.php/oauth2`;
  return defineOAuth2Provider({
    name,
    displayName: 'Wikimedia',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: `${oauth}/authorize`,
      tokenEndpoint: `${oauth}/access_token`,
      userinfoEndpoint: `${oauth}/resource/profile`,
      apiBaseUrl: `${wiki}/`,
    }),
    // https://foundation.wikimedia.org/wiki/Policy:Wikimedia_Foundation_User-Agent_Policy
    apiHeaders: { 'User-Agent': options.userAgent ?? 'express-oauth-kit (+https://www.npmjs.com/package/express-oauth-kit)' },
    profile: mapWikimediaProfile,
    quirks: ['grants-set-on-consumer', 'user-agent-required', 'email-grant-optional'],
    docs: {
      registerUrl: `${wiki.replace(/\/w$/, '')}/wiki/Special:OAuthConsumerRegistration/propose/oauth2`,
      notes: `Special:OAuthConsumerRegistration → Propose an OAuth 2.0 client (confidential, "User identity verification only", tick email if needed); OAuth "callback" URL: <baseUrl>/auth/${name}/callback. Consumers must be approved by a wiki admin (own-use ones are approved at once).`,
      kind: 'social',
      unverified: ['token client authentication: HTTP Basic (client_secret_basic) is assumed; league/oauth2-server also takes the secret in the body'],
    },
  });
}
