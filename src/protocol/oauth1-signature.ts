/**
 * RFC 5849 (OAuth 1.0a) HMAC-SHA1 request signing on node:crypto: pure
 * functions, checked against the RFC and X/Twitter vectors (SECURITY.md §2,
 * V-2 … V-8). PLAINTEXT and RSA-SHA1 are deliberately not offered.
 *
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.4
 */
import { createHmac, randomBytes } from 'node:crypto';

/** Name/value pairs; order and duplicates are kept (RFC 5849 §3.4.1.3.1). */
export type ParamPairs = ReadonlyArray<readonly [string, string]>;

/** Options of {@link buildAuthorizationHeader}. */
export interface AuthorizationHeaderOptions {
  /** HTTP method of the request (upper-cased for signing). */
  method: string;
  /** The full request URL; its query parameters are signed. */
  url: string | URL;
  consumerKey: string;
  consumerSecret: string;
  /** Request token or access token; omitted on the request-token call. */
  token?: string;
  /** Secret of `token`; empty on the request-token call (the key then ends in `&`). */
  tokenSecret?: string;
  /** Further protocol parameters for the header, e.g. `oauth_callback`, `oauth_verifier` (each name must start with `oauth_`). */
  extraOAuthParams?: Readonly<Record<string, string>>;
  /** Decoded `application/x-www-form-urlencoded` body pairs (signed). Never pass a JSON body here. */
  bodyParams?: ParamPairs;
  /** Fixed nonce (tests only); default {@link generateNonce}. */
  nonce?: string;
  /** Fixed timestamp in epoch seconds (tests only); default now. */
  timestamp?: number | string;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Parameters the signer sets itself; a caller may not pass them again (each appears once, C-59). */
const RESERVED = new Set([
  'oauth_consumer_key',
  'oauth_token',
  'oauth_signature_method',
  'oauth_signature',
  'oauth_timestamp',
  'oauth_nonce',
  'oauth_version',
]);

/**
 * Percent-encode a string as RFC 5849 §3.6 requires: UTF-8, then every octet
 * outside `ALPHA DIGIT - . _ ~` becomes `%XX` with uppercase hex. Unlike
 * `encodeURIComponent`, it encodes `! * ' ( )` (V-7).
 *
 * @param value Any well-formed string.
 * @returns The encoded string (ASCII only).
 * @throws TypeError when `value` holds a lone UTF-16 surrogate (it has no UTF-8 form).
 * @example
 * ```ts
 * percentEncode('An encoded string!'); // 'An%20encoded%20string%21'
 * percentEncode('☃');                   // '%E2%98%83'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.6
 */
export function percentEncode(value: string): string {
  if (typeof value !== 'string') throw new TypeError('percentEncode expects a string');
  if (LONE_SURROGATE.test(value)) throw new TypeError('percentEncode: the string holds a lone UTF-16 surrogate');
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The base string URI of RFC 5849 §3.4.1.2: lowercase scheme and host, the
 * port only when it is not the scheme's default, the path as sent, and no
 * query or fragment.
 *
 * @param url An absolute `http:` or `https:` URL.
 * @throws TypeError for a relative URL or another scheme.
 * @example
 * ```ts
 * baseStringUri('https://API.Example.com:443/a?b=1'); // 'https://api.example.com/a'
 * baseStringUri('http://example.com:8080/r%20v/X');   // 'http://example.com:8080/r%20v/X'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.2
 */
export function baseStringUri(url: string | URL): string {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new TypeError(`OAuth 1.0a signs only http and https URLs, got ${u.protocol}`);
  }
  // The WHATWG parser already lowercases scheme and host and drops a default
  // port; `pathname` is exactly the path fetch() puts on the request line.
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/**
 * Normalize request parameters (RFC 5849 §3.4.1.3.2): encode every name and
 * value, sort by encoded name, then encoded value (byte order), and join as
 * `name=value` pairs with `&`. Duplicates and empty values are kept;
 * `oauth_signature` is left out.
 *
 * @param pairs Decoded name/value pairs (query, form body and protocol parameters).
 * @throws TypeError when a name or value holds a lone surrogate.
 * @example
 * ```ts
 * normalizeParameters([['b', '1'], ['a', '2'], ['a', '10']]); // 'a=10&a=2&b=1'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.3.2
 */
export function normalizeParameters(pairs: ParamPairs): string {
  const encoded = pairs
    .filter(([name]) => name !== 'oauth_signature')
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const);
  // Encoded strings are ASCII, so comparing UTF-16 code units compares bytes.
  encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return encoded.map(([name, value]) => `${name}=${value}`).join('&');
}

/** The query of `url` as decoded pairs (form rules: `+` is a space), in order. */
function queryPairs(url: URL): [string, string][] {
  return [...new URLSearchParams(url.search)];
}

/**
 * The signature base string (RFC 5849 §3.4.1): `METHOD&enc(base URI)&enc(normalized parameters)`.
 * The query parameters of `url` are added to `params` here, so pass only the
 * protocol (`oauth_*`) and form-body parameters.
 *
 * @param method HTTP method (upper-cased here).
 * @param url The full request URL, query included.
 * @param params Protocol and `application/x-www-form-urlencoded` body parameters, decoded.
 * @example
 * ```ts
 * signatureBaseString('GET', 'http://photos.example.net/photos?size=original', [['oauth_nonce', 'chapoH']]);
 * // 'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&oauth_nonce%3DchapoH%26size%3Doriginal'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1
 */
export function signatureBaseString(method: string, url: string | URL, params: ParamPairs): string {
  const u = new URL(url);
  const all = [...queryPairs(u), ...params];
  return `${percentEncode(method.toUpperCase())}&${percentEncode(baseStringUri(u))}&${percentEncode(normalizeParameters(all))}`;
}

/**
 * The HMAC-SHA1 key (RFC 5849 §3.4.2): both secrets encoded and joined by
 * `&`, which stays even when the token secret is empty.
 *
 * @example
 * ```ts
 * signingKey('cs&1', 'ts=2'); // 'cs%261&ts%3D2'
 * signingKey('kd94hf93k423kf44'); // 'kd94hf93k423kf44&'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.4.2
 */
export function signingKey(consumerSecret: string, tokenSecret = ''): string {
  return `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
}

/**
 * Sign a base string with HMAC-SHA1 and return the base64 digest (the
 * `oauth_signature` value before percent-encoding).
 *
 * @example
 * ```ts
 * const params = [
 *   ['oauth_consumer_key', 'dpf43f3p2l4k3l03'], ['oauth_signature_method', 'HMAC-SHA1'], ['oauth_timestamp', '137131200'],
 *   ['oauth_nonce', 'wIjqoS'], ['oauth_callback', 'http://printer.example.com/ready'],
 * ] as const;
 * const base = signatureBaseString('POST', 'https://photos.example.net/initiate', params);
 * hmacSha1Signature(base, 'kd94hf93k423kf44'); // '74KNZJeDHnMBp0EMJ9ZHt/XKycU=' for RFC 5849 §1.2
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.4.2
 */
export function hmacSha1Signature(baseString: string, consumerSecret: string, tokenSecret = ''): string {
  return createHmac('sha1', signingKey(consumerSecret, tokenSecret)).update(baseString, 'utf8').digest('base64');
}

/**
 * A fresh `oauth_nonce`: 32 ASCII alphanumerics drawn without bias from the
 * CSPRNG (about 190 bits). X requires an ASCII-only nonce.
 *
 * @example
 * ```ts
 * generateNonce(); // e.g. 'q3ZkT0aV8nW1xYb2C4dE5fG6hJ7kL9mN'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.3
 */
export function generateNonce(): string {
  let out = '';
  while (out.length < 32) {
    for (const byte of randomBytes(32)) {
      // 248 = 4 × 62: rejecting the top 8 values keeps every character equally likely.
      if (byte < 248 && out.length < 32) out += NONCE_ALPHABET[byte % 62];
    }
  }
  return out;
}

function checkTimestamp(timestamp: number | string | undefined): string {
  if (timestamp === undefined) return String(Math.floor(Date.now() / 1000));
  const text = String(timestamp);
  if (!/^[0-9]{1,15}$/.test(text)) throw new TypeError('oauth_timestamp must be a non-negative integer number of seconds');
  return text;
}

/**
 * Sign a request and build its `Authorization` header (RFC 5849 §3.5.1):
 * `OAuth name="value", …` with the protocol parameters sorted by name and
 * every value percent-encoded. The query of `url` and `bodyParams` are
 * signed; JSON (or any non-form) bodies are not. `oauth_version="1.0"` is
 * included, the nonce is fresh and the timestamp is the current second unless
 * given.
 *
 * @throws TypeError when a protocol parameter would appear twice, an extra
 *   parameter is not named `oauth_*`, the timestamp is not an integer, or a
 *   value holds a lone surrogate.
 * @example
 * ```ts
 * const authorization = buildAuthorizationHeader({
 *   method: 'POST',
 *   url: 'https://api.x.com/oauth/request_token',
 *   consumerKey, consumerSecret,
 *   extraOAuthParams: { oauth_callback: 'https://app.example.com/auth/twitter/callback' },
 * });
 * await fetch('https://api.x.com/oauth/request_token', { method: 'POST', headers: { authorization } });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.5.1
 */
export function buildAuthorizationHeader(options: AuthorizationHeaderOptions): string {
  const oauth: Record<string, string> = {
    oauth_consumer_key: options.consumerKey,
    oauth_nonce: options.nonce ?? generateNonce(),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: checkTimestamp(options.timestamp),
    oauth_version: '1.0',
  };
  if (options.token !== undefined && options.token !== '') oauth.oauth_token = options.token;
  for (const [name, value] of Object.entries(options.extraOAuthParams ?? {})) {
    if (!name.startsWith('oauth_')) throw new TypeError(`extraOAuthParams: ${JSON.stringify(name)} is not a protocol parameter (oauth_*)`);
    if (RESERVED.has(name)) throw new TypeError(`extraOAuthParams: ${name} is set by the signer`);
    oauth[name] = value;
  }
  const url = new URL(options.url);
  const body = options.bodyParams ?? [];
  for (const [name] of [...queryPairs(url), ...body]) {
    if (Object.hasOwn(oauth, name)) throw new TypeError(`${name} appears both in the request and in the Authorization header`);
  }
  const oauthPairs = Object.entries(oauth);
  const base = signatureBaseString(options.method, url, [...oauthPairs, ...body]);
  oauthPairs.push(['oauth_signature', hmacSha1Signature(base, options.consumerSecret, options.tokenSecret ?? '')]);
  oauthPairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `OAuth ${oauthPairs.map(([name, value]) => `${percentEncode(name)}="${percentEncode(value)}"`).join(', ')}`;
}
