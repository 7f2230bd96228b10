/**
 * The kit's small rules, each written once: which URLs may carry secrets
 * (https, or http on loopback), and what a provider name may be. Pure; no
 * imports, so every layer may use them.
 */

/** A provider's registry name: it becomes the `/auth/:provider` route segment. */
export const PROVIDER_NAME_RULE = /^[a-z0-9][a-z0-9_-]{0,39}$/;

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);
const IPV4_LOOPBACK = /^127\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)$/;

/**
 * True for a string that may be a provider's registry name.
 *
 * @example
 * ```ts
 * isProviderName('github'); // true
 * isProviderName('../etc'); // false
 * ```
 */
export function isProviderName(name: unknown): name is string {
  return typeof name === 'string' && PROVIDER_NAME_RULE.test(name);
}

/**
 * True for a loopback host name: localhost, ::1, or an IPv4 literal in
 * 127.0.0.0/8 — not a DNS name that merely starts with "127." (`127.evil.com`).
 *
 * @example
 * ```ts
 * isLoopbackHost('127.0.0.1');   // true
 * isLoopbackHost('127.evil.com'); // false
 * ```
 */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname) || IPV4_LOOPBACK.test(hostname);
}

/**
 * The https-or-loopback rule: true for an `https:` URL, or an `http:` URL on
 * a loopback host (or anywhere with `allowInsecure`, for development).
 *
 * @example
 * ```ts
 * isSecureOrLoopback(new URL('https://app.example.com'));   // true
 * isSecureOrLoopback(new URL('http://127.0.0.1:3000'));      // true
 * isSecureOrLoopback(new URL('http://app.example.com'));     // false
 * ```
 */
export function isSecureOrLoopback(url: URL, allowInsecure = false): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (allowInsecure || isLoopbackHost(url.hostname));
}
