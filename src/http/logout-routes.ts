/**
 * The logout routes OpenID Connect adds (DESIGN "Logout at the provider",
 * "Back-channel logout"), as thin handlers over plain functions:
 * RP-initiated logout after the local one, its return route, and the
 * back-channel logout endpoint the provider calls.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { OAuthError } from '../errors.ts';
import type { HttpContext } from './context.ts';
import { LogoutTokenError, type LogoutClaims } from '../protocol/logout-token.ts';
import type { SessionOAuthData } from '../session/session-data.ts';
import { endIndexedSessions, sessionStoreOf, type SessionStoreLike } from '../session/remote-session-end.ts';
import { sidKey, subKey } from '../session/session-index.ts';
import { safeReturnTo } from '../session/return-to.ts';
import { requireSession } from '../session/session-ops.ts';
import { sendRedirect, setNoStore } from './responses.ts';

/** How long a logout at the provider may take before its return is no longer recognised. */
export const LOGOUT_STATE_TTL_MS = 10 * 60_000;
/** How long a Logout Token's `jti` is remembered (longer than the 5 minutes a token is accepted, plus skew). */
export const LOGOUT_JTI_TTL_MS = 10 * 60_000;
const MAX_FORM_BYTES = 16 * 1024;

const hash = (...parts: string[]) => createHash('sha256').update(JSON.stringify(parts)).digest('base64url');

/**
 * True when this logout should also end the session at the provider (`?federated=1` or `federatedLogout: true`).
 * @example
 * ```ts
 * import type { HttpContext } from './context.ts';
 * declare const ctx: HttpContext;
 * const target = wantsFederatedLogout(ctx, req) ? await federatedLogoutTarget(ctx, req) : undefined;
 * ```
 */
export function wantsFederatedLogout(ctx: HttpContext, req: Request): boolean {
  if (ctx.options.federatedLogout === true) return true;
  const value = (req.query as Record<string, unknown>).federated;
  return value === '1' || value === 'true';
}

/** The OIDC account to log out at its provider, with its id_token: the most recently linked one. Read before the local logout. */
export async function federatedLogoutTarget(ctx: HttpContext, req: Request): Promise<{ provider: string; idToken?: string } | undefined> {
  const data = requireSession(req).oauth;
  const names = Object.keys(data?.accounts ?? {}).reverse();
  for (const name of names) {
    // Only a protocol with RP-initiated logout (OpenID Connect) has an end_session_endpoint.
    if (!ctx.find(name)?.client.endSessionUrl) continue;
    const tokens = await ctx.vault.read(name, data!.accounts![name]!, data!.user).catch(() => undefined);
    return { provider: name, idToken: tokens?.idToken };
  }
  return undefined;
}

/** `<baseUrl><routePrefix>/logout/callback`: register it as a `post_logout_redirect_uri`. */
export function postLogoutRedirectUri(ctx: HttpContext, mountPath: string): string {
  return `${ctx.options.origin}${ctx.options.basePath}${mountPath}${ctx.options.routePrefix}/logout/callback`;
}

/**
 * Where to send the browser after the local logout: the provider's
 * end_session_endpoint (a random `state` remembers `returnTo`), or undefined
 * when the provider has none or cannot be reached — a logout never fails
 * because the provider is down.
 */
export async function federatedLogoutLocation(ctx: HttpContext, mountPath: string, target: { provider: string; idToken?: string }, returnTo: string): Promise<string | undefined> {
  const client = ctx.find(target.provider)?.client;
  if (!client?.endSessionUrl) return undefined;
  const state = randomBytes(32).toString('base64url');
  let url: URL | undefined;
  try {
    url = await client.endSessionUrl({ idTokenHint: target.idToken, postLogoutRedirectUri: postLogoutRedirectUri(ctx, mountPath), state });
  } catch {
    return undefined;
  }
  if (!url) return undefined;
  await ctx.shared.setValue(`logout:${hash(state)}`, returnTo, LOGOUT_STATE_TTL_MS);
  return url.href;
}

/** GET {prefix}/logout/callback — back from the provider's logout: 303 to the saved returnTo (once), else defaultReturnTo. */
export async function logoutCallbackRoute(ctx: HttpContext, req: Request, res: Response): Promise<void> {
  setNoStore(res);
  const state = (req.query as Record<string, unknown>).state;
  let saved: string | undefined;
  if (req.method === 'GET' && typeof state === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(state)) {
    saved = await ctx.shared.takeValue(`logout:${hash(state)}`).catch(() => undefined);
  }
  sendRedirect(res, 303, safeReturnTo(saved, ctx.options.defaultReturnTo));
}

/** The urlencoded body (parsed by the app, or read here, capped). */
async function readForm(req: Request): Promise<URLSearchParams> {
  const body = (req as Request & { body?: unknown }).body;
  // Parsed by the app's body parser (body-parser marks what it parsed: Express 4's json() leaves `{}` on other types).
  const parsed = (req as Request & { _body?: boolean })._body === true || (body !== undefined && req.readableEnded);
  if (parsed && body && typeof body === 'object' && !Buffer.isBuffer(body)) {
    return new URLSearchParams(Object.entries(body as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
  if (!/^application\/x-www-form-urlencoded\b/i.test(String(req.headers['content-type'] ?? ''))) throw new LogoutTokenError('content_type');
  if (req.readableEnded) return new URLSearchParams();
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > MAX_FORM_BYTES) throw new LogoutTokenError('body_too_large');
  }
  return new URLSearchParams(text);
}

/**
 * True when this stored session is the one the Logout Token names at this provider.
 * @example
 * ```ts
 * namedByLogoutToken({ accounts: { corp: { profile: { provider: 'corp', id: 'u1' }, sid: 's1', sub: 'u1' } } }, 'corp', { sid: 's1' }); // true
 * ```
 */
export function namedByLogoutToken(data: SessionOAuthData, provider: string, claims: Pick<LogoutClaims, 'sub' | 'sid'>): boolean {
  const account = data.accounts?.[provider] as { sid?: string; sub?: string; profile?: { id?: string } } | undefined;
  if (!account) return false;
  const sub = account.sub ?? account.profile?.id;
  if (claims.sid !== undefined) return account.sid === claims.sid && (claims.sub === undefined || sub === claims.sub);
  return sub === claims.sub;
}

function invalidRequest(res: Response): void {
  res.status(400).json({ error: 'invalid_request' });
}

/**
 * POST {prefix}/:provider/backchannel-logout — OIDC Back-Channel Logout 1.0:
 * a valid Logout Token ends every session of that `sid` (else `sub`) at this
 * provider, on every instance; 200. Anything invalid: 400 `invalid_request`,
 * nothing ended. OIDC providers only (others 404).
 */
export async function backchannelLogoutRoute(ctx: HttpContext, name: string, req: Request, res: Response): Promise<void> {
  setNoStore(res);
  const { client } = ctx.get(name);
  // Only a protocol with Back-Channel Logout (OpenID Connect) validates Logout Tokens; others have no such route.
  if (!client.validateLogoutToken) throw new OAuthError('unknown_provider', { provider: name });
  let claims: LogoutClaims;
  try {
    const form = await readForm(req);
    const tokens = form.getAll('logout_token');
    if (tokens.length !== 1) throw new LogoutTokenError('logout_token');
    claims = await client.validateLogoutToken(tokens[0]);
  } catch (err) {
    if (err instanceof LogoutTokenError) return invalidRequest(res);
    throw err;
  }
  // Single use across instances (Redis with the `redis` option): a replayed token ends nothing.
  if (!(await ctx.shared.markOnce(`logout-jti:${hash(name, claims.iss, claims.jti)}`, LOGOUT_JTI_TTL_MS))) return invalidRequest(res);
  const store = (req as Request & { sessionStore?: SessionStoreLike }).sessionStore ?? sessionStoreOf(ctx);
  if (!store) throw new OAuthError('session_unavailable', { provider: name });
  const key = claims.sid !== undefined ? sidKey(name, claims.sid) : subKey(name, claims.sub!);
  try {
    await endIndexedSessions(ctx, store, key, (data) => namedByLogoutToken(data, name, claims), { revoke: false });
  } catch (err) {
    throw err instanceof OAuthError ? err : new OAuthError('session_unavailable', { provider: name, cause: err });
  }
  res.status(200).end();
}
