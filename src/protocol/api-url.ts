/**
 * Where a provider API call may go. A path is joined under the provider's
 * `apiBaseUrl`; an absolute URL must stay on the origin of the `apiBaseUrl` or
 * of the userinfo endpoint, so the user's token is never sent anywhere else
 * (SECURITY C-44, C-50). Pure.
 */
import { isSecureOrLoopback } from '../rules.ts';
import type { Provider } from '../types.ts';

const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * Resolve `target` for a call to `provider`'s API.
 *
 * @throws TypeError for a relative path without an API base, a URL off the provider's API origins, or plain http off loopback.
 * @example
 * ```ts
 * resolveApiUrl(github({ clientId, clientSecret }), '/user/repos'); // https://api.github.com/user/repos
 * resolveApiUrl(twitter({ consumerKey, consumerSecret }), 'statuses/home_timeline.json'); // https://api.x.com/1.1/statuses/home_timeline.json
 * ```
 */
export function resolveApiUrl(provider: Provider, target: string | URL): URL {
  const bases = [provider.apiBaseUrl, provider.userinfoEndpoint].filter((u): u is string => typeof u === 'string');
  let url: URL;
  if (target instanceof URL || ABSOLUTE.test(target)) {
    url = new URL(target);
  } else {
    if (!provider.apiBaseUrl) throw new TypeError(`${provider.name}: a relative API path needs the provider's apiBaseUrl.`);
    const base = new URL(provider.apiBaseUrl);
    url = new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}/${target.replace(/^\/+/, '')}`);
  }
  if (!bases.some((b) => new URL(b).origin === url.origin)) {
    throw new TypeError(`${provider.name}: refusing to send the token to ${url.origin}; only the provider's API origin receives it.`);
  }
  if (!isSecureOrLoopback(url, provider.allowInsecureRequests === true)) {
    throw new TypeError(`${provider.name}: API calls go only to https URLs (http only on loopback), got ${url.protocol}//${url.host}.`);
  }
  return url;
}
