/**
 * The safe `returnTo` rule (SECURITY.md §4): only a same-origin path survives;
 * everything else falls back to the default. Pure.
 */

const MAX_LENGTH = 2048;
// Outside printable ASCII %x21-7E, or a backslash.
const UNSAFE_CHARS = /[^\x21-\x7e]|\\/;
// Encoded control characters, encoded backslash.
const UNSAFE_ENCODED = /%(0[0-9a-f]|1[0-9a-f]|7f|5c)/i;
const PLACEHOLDER_ORIGIN = 'http://return-to.invalid';
// A path the full check below returns unchanged: one leading slash, then letters, digits, `-`, `_`,
// `~` and single slashes only (no dot, percent sign, query, backslash or empty segment).
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_~-]+)*\/?$/;

function decodeFully(value: string): string | undefined {
  let current = value;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return current;
    current = next;
  }
  return undefined; // more than four layers of encoding: refuse
}

function isSafePath(value: string): boolean {
  if (value.length === 0 || value.length > MAX_LENGTH) return false;
  if (UNSAFE_CHARS.test(value) || UNSAFE_ENCODED.test(value)) return false;
  if (value[0] !== '/' || value[1] === '/' || value[1] === '\\') return false;
  return true;
}

// After decoding: still one leading slash, no backslash or control character,
// and an ASCII first segment (no full-width slash an NFKC proxy could fold to `/`).
function isSafeDecoded(decoded: string): boolean {
  if (decoded[0] !== '/' || decoded[1] === '/' || decoded[1] === '\\') return false;
  if (/[\x00-\x1f\x7f\\]/.test(decoded)) return false;
  const firstSegment = decoded.slice(1).split(/[/?#]/, 1)[0] ?? '';
  return !/[^\x21-\x7e]/.test(firstSegment);
}

/**
 * Return the normalised same-origin path for `value`, or `fallback`.
 *
 * Accepts only a single string that starts with exactly one `/`, holds printable
 * ASCII only, no backslash, no encoded control character or backslash, no
 * encoded `/` in the first segment, and — after percent-decoding and resolving
 * `.`/`..` — is still a path on our origin that does not begin with `//`.
 * The result is rebuilt from the parsed URL, never the raw input.
 *
 * @example
 * ```ts
 * safeReturnTo('/repos?page=2', '/');   // '/repos?page=2'
 * safeReturnTo('//evil.com', '/');      // '/'
 * safeReturnTo('/..//evil.com', '/');   // '/'
 * ```
 */
export function safeReturnTo(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  if (value.length <= MAX_LENGTH && value.length > 0 && PLAIN_PATH.test(value)) return value;
  if (!isSafePath(value)) return fallback;
  const firstSegment = value.slice(1).split(/[/?#]/, 1)[0] ?? '';
  if (/%2f/i.test(firstSegment)) return fallback;
  const decoded = decodeFully(value);
  if (decoded === undefined || !isSafeDecoded(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
    // The decoded form must also stay a path on our origin (double-decoding apps).
    const decodedUrl = new URL(decoded, PLACEHOLDER_ORIGIN);
    if (decodedUrl.origin !== PLACEHOLDER_ORIGIN || decodedUrl.pathname.startsWith('//')) return fallback;
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  if (url.pathname.startsWith('//') || url.pathname.startsWith('/\\')) return fallback;
  const result = url.pathname + url.search + url.hash;
  return isSafePath(result) ? result : fallback;
}
