/**
 * Whether a token endpoint's successful JSON answer can be used at all, before
 * any token from it is sent anywhere. Pure.
 */

const HEADER_SAFE_TOKEN = /^[\x21-\x7e]{1,8192}$/;

/**
 * Why a successful token-endpoint JSON body cannot be used, or undefined when
 * it can: the access (and refresh) token must be header-safe visible ASCII —
 * it is sent in an Authorization header, and a control character there is
 * refused by node:http —, `expires_in` a non-negative number (numeric strings
 * are read as numbers, as oauth4webapi does), the other members strings.
 */
export function checkTokenResponse(body: Record<string, unknown>): string | undefined {
  if (typeof body.access_token !== 'string' || !HEADER_SAFE_TOKEN.test(body.access_token)) return 'access_token';
  if (body.refresh_token !== undefined && (typeof body.refresh_token !== 'string' || !HEADER_SAFE_TOKEN.test(body.refresh_token))) return 'refresh_token';
  if (body.token_type !== undefined && typeof body.token_type !== 'string') return 'token_type';
  if (body.expires_in !== undefined) {
    const n = typeof body.expires_in === 'number' ? body.expires_in : typeof body.expires_in === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(body.expires_in) ? Number(body.expires_in) : NaN;
    if (!Number.isFinite(n) || n < 0) return 'expires_in';
  }
  for (const member of ['id_token', 'scope'] as const) if (body[member] !== undefined && typeof body[member] !== 'string') return member;
  return undefined;
}
