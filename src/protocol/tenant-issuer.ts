/**
 * Multi-tenant issuers (Microsoft Entra ID's `common` / `organizations` /
 * `consumers`): the discovery document names the template
 * `https://login.microsoftonline.com/{tenantid}/v2.0`, and each id_token's
 * `iss` is that template with the token's own `tid`. A provider opts in with
 * `acceptIssuer`, which also restricts which tenants are let in. Pure.
 */

const PLACEHOLDER = '{tenantid}';

/** The discovery document URL of an issuer (OIDC Discovery §4). */
export function wellKnownUrl(issuer: string): URL {
  return new URL(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
}

/**
 * Check a discovered issuer against the configured one and return the
 * template when it is one: a `{tenantid}` template must have the configured
 * issuer as an instance (`…/common/v2.0` for `…/{tenantid}/v2.0`); a plain
 * issuer must equal it.
 *
 * @returns the template, or undefined for a plain issuer.
 * @throws Error when the discovered issuer does not fit the configured one.
 * @example
 * ```ts
 * tenantTemplate('https://login.microsoftonline.com/common/v2.0', 'https://login.microsoftonline.com/{tenantid}/v2.0');
 * // 'https://login.microsoftonline.com/{tenantid}/v2.0'
 * ```
 */
export function tenantTemplate(configured: string, discovered: string): string | undefined {
  if (discovered.includes(PLACEHOLDER)) {
    if (!templatePattern(discovered).test(configured)) throw new TypeError('discovered issuer template does not fit the configured issuer');
    return discovered;
  }
  if (new URL(discovered).href !== new URL(configured).href) throw new TypeError('discovered issuer does not match the configured issuer');
  return undefined;
}

function templatePattern(template: string): RegExp {
  const [before = '', after = ''] = template.split(PLACEHOLDER);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(before)}[A-Za-z0-9][A-Za-z0-9._-]{0,63}${escape(after)}$`);
}

/** The unverified payload of a JWT (only to choose which issuer to verify it against). */
export function unverifiedClaims(jwt: unknown): Record<string, unknown> | undefined {
  if (typeof jwt !== 'string') return undefined;
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The tenant issuer an id_token may be verified against: its `iss` when that
 * is exactly the template with the token's own `tid`, and `accept` approves
 * it (the tenant restriction); else undefined (the token is then checked
 * against the template and fails).
 *
 * @example
 * ```ts
 * tenantIssuer('https://login.microsoftonline.com/{tenantid}/v2.0', () => true, { iss: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0', tid: '72f988bf-86f1-41af-91ab-2d7cd011db47' });
 * ```
 */
export function tenantIssuer(template: string, accept: (iss: string, claims: Record<string, unknown>) => boolean, claims: Record<string, unknown> | undefined): string | undefined {
  const iss = claims?.iss;
  const tid = claims?.tid;
  if (typeof iss !== 'string' || typeof tid !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(tid)) return undefined;
  if (iss !== template.replace(PLACEHOLDER, tid)) return undefined;
  return accept(iss, claims!) ? iss : undefined;
}

/** True when `iss` is an instance of the template (an RFC 9207 callback `iss` of a multi-tenant server). */
export function fitsTemplate(template: string, iss: string): boolean {
  return templatePattern(template).test(iss);
}
