/**
 * A pending login's whole life, behind two functions: {@link savePendingLogin}
 * at the login route and {@link takePendingLogin} at the callback.
 *
 * Pending logins are kept in the session, one record per login in flight,
 * keyed by its `state` (OAuth 1.0a: its request `oauth_token`), so two tabs
 * and two providers can be pending at once. Saving takes turns with this
 * session's other requests (a lock per session, shared across instances) and
 * starts from the stored copy, so no tab's login is lost (SECURITY S-14).
 *
 * A second, browser-bound copy covers the one case the session cannot: two
 * tabs of a fresh browser starting a login at the same instant get two new
 * sessions, and the browser keeps only the last session cookie. That copy
 * lives in shared state (Redis with the `redis` option, else this process),
 * bound to the browser by a random value in a cookie of its own
 * (`oauthkit.b.<hash>`, HttpOnly, SameSite=Lax, path = the callback). The
 * callback falls back to it only when the session does not hold the login.
 *
 * Every copy is single-use, and a shared once-marker per key stops two
 * concurrent copies of one callback (other instances included).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { OAuthError } from '../errors.ts';
import type { StartedLogin } from '../protocol/protocol-client.ts';
import { withSessionLock } from '../shared/session-lock.ts';
import type { SessionContext } from './context.ts';
import type { PendingLogin, SessionOAuthData } from './session-data.ts';
import { limitPendingOnlyLifetime, reloadSession, requireSession, saveSession } from './session-ops.ts';

export type { PendingLogin, SessionOAuthData } from './session-data.ts';

/** How long a pending login stays valid (matches the longest code lifetime). */
export const PENDING_TTL_MS = 10 * 60 * 1000;
/** How many logins may be pending at once; the oldest goes first. */
export const MAX_PENDING = 5;
/** How long a used key stays marked (longer than {@link PENDING_TTL_MS}). */
const ONCE_TTL_MS = 15 * 60 * 1000;

const KEY_RULE = /^[A-Za-z0-9._~-]{16,512}$/;
const COOKIE_PREFIX = 'oauthkit.b.';

/** True when `key` is shaped like a state or oauth_token the kit could have made. */
function isPendingKey(key: unknown): key is string {
  return typeof key === 'string' && KEY_RULE.test(key);
}

/** Drop expired records and keep at most `keep`, oldest out. */
export function prunePending(pending: Record<string, PendingLogin> | undefined, now: number, keep = MAX_PENDING): Record<string, PendingLogin> {
  const live = Object.entries(pending ?? {}).filter(([, p]) => p && typeof p.createdAt === 'number' && now - p.createdAt < PENDING_TTL_MS && p.createdAt <= now + 60_000);
  live.sort((a, b) => a[1].createdAt - b[1].createdAt);
  return Object.fromEntries(live.slice(Math.max(0, live.length - keep)));
}

/**
 * Add a pending login to the session data (mutates `data`), evicting expired
 * and, past the cap, the oldest records.
 *
 * @example
 * ```ts
 * import { randomBytes } from 'node:crypto';
 *
 * const state = randomBytes(32).toString('base64url');
 * addPendingLogin(req.session.oauth ??= {}, state, {
 *   provider: 'github', createdAt: Date.now(), returnTo: '/repos',
 *   redirectUri: 'https://app.example.com/auth/github/callback', codeVerifier: randomBytes(32).toString('base64url'),
 * }, Date.now());
 * ```
 */
export function addPendingLogin(data: SessionOAuthData, key: string, login: PendingLogin, now: number): void {
  const pending = prunePending(data.pending, now, MAX_PENDING - 1);
  pending[key] = login;
  data.pending = pending;
}

/**
 * Remove and return the pending login under `key` when it exists, is not
 * expired and belongs to `provider`. The record is removed in every case
 * (used once), so a replay finds nothing.
 */
export function consumePendingLogin(data: SessionOAuthData | undefined, key: unknown, provider: string, now: number): PendingLogin | undefined {
  if (!data?.pending || !isPendingKey(key) || !Object.hasOwn(data.pending, key)) return undefined;
  const login = data.pending[key];
  delete data.pending[key];
  if (!login || login.provider !== provider) return undefined;
  if (typeof login.createdAt !== 'number' || now - login.createdAt >= PENDING_TTL_MS) return undefined;
  return login;
}

// ---- the browser-bound copy ----

// Keyed by the state alone (not the provider), so a state replayed at another provider's callback uses it up too.
function digest(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/** The binding cookie's name for one login, from the digest of its key. */
function bindingCookieName(id: string): string {
  return `${COOKIE_PREFIX}${id.slice(0, 16)}`;
}

function cookieValue(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

function setCookie(res: Response, name: string, value: string, path: string, secure: boolean, maxAgeSeconds: number): void {
  const attrs = [`${name}=${value}`, `Path=${path}`, `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax'];
  if (secure) attrs.push('Secure');
  res.append('Set-Cookie', attrs.join('; '));
}

/** Keep a copy of the pending login in shared state and bind it to this browser. */
async function bindPendingLogin(ctx: SessionContext, res: Response, key: string, login: PendingLogin, callbackPath: string): Promise<void> {
  const binding = randomBytes(32).toString('base64url');
  const id = digest(key);
  await ctx.shared.setValue(`pending:${id}`, ctx.vault.sealShared({ binding, login }, 'pending-login'), PENDING_TTL_MS);
  setCookie(res, bindingCookieName(id), binding, callbackPath, ctx.options.baseUrl.protocol === 'https:', PENDING_TTL_MS / 1000);
}

/**
 * Use up the shared copy of a login (always, so it cannot be replayed) and
 * return it when this browser holds its binding cookie. Clears the cookie.
 */
async function takeBoundLogin(ctx: SessionContext, req: Request, res: Response, provider: string, key: string, callbackPath: string, useIt: boolean): Promise<PendingLogin | undefined> {
  const id = digest(key);
  const name = bindingCookieName(id);
  const cookie = cookieValue(req, name);
  if (cookie !== undefined) setCookie(res, name, '', callbackPath, ctx.options.baseUrl.protocol === 'https:', 0);
  const raw = await ctx.shared.takeValue(`pending:${id}`);
  if (!useIt || !raw || cookie === undefined) return undefined;
  let stored: { binding?: unknown; login?: PendingLogin };
  try {
    stored = ctx.vault.openShared(raw, 'pending-login');
  } catch {
    return undefined;
  }
  if (typeof stored.binding !== 'string' || !stored.login) return undefined;
  const a = Buffer.from(stored.binding);
  const b = Buffer.from(cookie);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
  if (stored.login.provider !== provider || Date.now() - stored.login.createdAt >= PENDING_TTL_MS) return undefined;
  return stored.login;
}

// redirect_uri → its path (the binding cookie's Path); a handful per registry, parsed once each.
const callbackPaths = new Map<string, string>();

/**
 * The path of a redirect_uri, where the binding cookie is sent (parsed once per redirect_uri).
 * @example
 * ```ts
 * callbackPathOf('https://app.example/auth/github/callback'); // '/auth/github/callback'
 * ```
 */
export function callbackPathOf(redirectUri: string): string {
  let path = callbackPaths.get(redirectUri);
  if (path === undefined) {
    path = new URL(redirectUri).pathname;
    if (callbackPaths.size < 256) callbackPaths.set(redirectUri, path);
  }
  return path;
}

// ---- the two halves ----

/**
 * Save a started login before the browser leaves for the provider: in the
 * session (taking turns with this session's other requests, from the stored
 * copy), and — when the session is new — a browser-bound copy too.
 * @throws OAuthError session_unavailable
 */
export async function savePendingLogin(
  ctx: SessionContext,
  req: Request,
  res: Response,
  name: string,
  started: StartedLogin,
  details: { returnTo: string; redirectUri: string; guard?: string },
): Promise<void> {
  const session = requireSession(req, name);
  const login: PendingLogin = { provider: name, createdAt: Date.now(), ...details, ...started.secrets };
  let stored = false;
  if (req.headers.cookie) {
    // Another tab of this session may be saving its own pending login right now: take turns,
    // and start from the stored copy so neither is lost.
    await withSessionLock(ctx.shared, session.id, async () => {
      const fresh = await reloadSession(req, name, ctx.shared.inProcess === true);
      stored = fresh.stored;
      addPendingLogin((fresh.session.oauth ??= {}), started.key, login, Date.now());
      // A guard's step-up request is taken by this login (guard-stepup.ts).
      if (login.guard !== undefined && fresh.session.oauth.stepUp?.key === login.guard) delete fresh.session.oauth.stepUp;
      limitPendingOnlyLifetime(fresh.session);
      await saveSession(req, name);
    });
  } else {
    // No cookie: this session is new, nothing else can be writing it.
    addPendingLogin((session.oauth ??= {}), started.key, login, Date.now());
    limitPendingOnlyLifetime(session);
    await saveSession(req, name);
  }
  // A new session may lose its cookie to another tab's new session started at the same instant.
  if (!stored) await bindPendingLogin(ctx, res, started.key, login, callbackPathOf(details.redirectUri));
}

/**
 * Take the pending login a callback names, once: consumed from the session
 * (saved before any network call, so a replay finds nothing) and from shared
 * state, and marked used across instances.
 *
 * @param key the callback's pending-login key (`ProtocolClient.pendingKey`).
 * @param suspicious the callback repeats a single-use parameter or is too long: everything is used up, nothing returned.
 * @throws OAuthError state_mismatch when there is no usable pending login; session_unavailable
 */
export async function takePendingLogin(
  ctx: SessionContext,
  req: Request,
  res: Response,
  name: string,
  callbackPath: string,
  key: string | null,
  options: { alsoConsume: readonly string[]; suspicious: boolean },
): Promise<PendingLogin & { key: string }> {
  const session = requireSession(req, name);
  const now = Date.now();
  // Taking turns with this session's other requests keeps another tab's pending login from being overwritten.
  const inSession = await withSessionLock(ctx.shared, session.id, async () => {
    const data = (await reloadSession(req, name, ctx.shared.inProcess === true)).session.oauth;
    const found = consumePendingLogin(data, key, name, now);
    if (options.suspicious) for (const k of options.alsoConsume) consumePendingLogin(data, k, name, now);
    if (found || (data?.pending && key)) await saveSession(req, name);
    return found;
  });
  // The shared copy is used up too; it stands in only when this session lost the login.
  const bound = isPendingKey(key) ? await takeBoundLogin(ctx, req, res, name, key, callbackPath, !inSession) : undefined;
  const pending = inSession ?? bound;
  if (!pending || options.suspicious || !key) throw new OAuthError('state_mismatch', { provider: name });
  // The shared marker also stops two concurrent copies of this callback (other instances included).
  const once = await ctx.shared.markOnce(`state:${createHash('sha256').update(`${name}\0${key}`).digest('base64url')}`, ONCE_TTL_MS);
  if (!once) throw new OAuthError('state_mismatch', { provider: name });
  return { ...pending, key };
}
