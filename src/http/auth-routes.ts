/**
 * The kit's routes as thin handlers: read the request, call plain functions,
 * answer. Mounted by `auth.router()` (all providers) or `auth.providerRouter()`.
 */
import type { Request, Response } from 'express';
import { OAuthError } from '../errors.ts';
import type { Kit } from '../kit.ts';
import { callbackKey, finishLogin, startLogin } from '../login-flow.ts';
import { addPendingLogin, consumePendingLogin, isPendingKey, prunePending, type PendingLogin } from '../session/pending-logins.ts';
import { bindPendingLogin, takeBoundLogin } from '../session/login-binding.ts';
import { safeReturnTo } from '../session/return-to.ts';
import { withSessionLock } from '../session/session-lock.ts';
import { limitPendingOnlyLifetime, regenerateSession, reloadSession, requireSession, saveSession } from '../session/session-ops.ts';
import { endLogin } from '../session/session-end.ts';
import { endAccounts } from '../tokens/revocation.ts';
import { newTokenFamily } from '../tokens/token-family.ts';
import type { AccountRecord } from '../tokens/token-vault.ts';
import { createHash } from 'node:crypto';
import { escapeHtml, sendLoginRequired, sendRedirect, setNoStore } from './responses.ts';

const MAX_CALLBACK_QUERY = 8 * 1024;
const MAX_CODE_LENGTH = 4 * 1024;
// Callback parameters that may appear once only (RFC 6749 §3.1).
const SINGLE_PARAMS = ['code', 'state', 'iss', 'error', 'oauth_token', 'oauth_verifier', 'denied'];

/** The one value of a query parameter, or undefined when absent or repeated (parameter pollution). */
export function singleQueryValue(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function rawQuery(req: Request): string {
  const url = req.originalUrl ?? req.url;
  const i = url.indexOf('?');
  return i === -1 ? '' : url.slice(i + 1);
}

/** The urlencoded body of a form_post callback (parsed by the app, or read here, capped). */
async function formBody(req: Request): Promise<URLSearchParams> {
  const body = (req as Request & { body?: unknown }).body;
  if (body && typeof body === 'object') {
    return new URLSearchParams(Object.entries(body as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
  if (!/^application\/x-www-form-urlencoded\b/i.test(String(req.headers['content-type'] ?? ''))) return new URLSearchParams();
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > MAX_CALLBACK_QUERY) throw new OAuthError('state_mismatch', { message: 'The callback body is too large.' });
  }
  return new URLSearchParams(text);
}

/** GET {prefix}/:provider/login — new pending login saved before the 302 to the provider. */
export async function loginRoute(kit: Kit, name: string, redirectUri: string, req: Request, res: Response): Promise<void> {
  setNoStore(res);
  const entry = kit.get(name);
  const session = requireSession(req, name);
  if (session.cookie?.secure === true && !req.secure) {
    // express-session would silently drop the Set-Cookie and the callback would fail as "state mismatch" (SECURITY D10, S-4).
    throw new OAuthError('session_unavailable', {
      provider: name,
      message: "The session cookie is Secure but this request is not HTTPS: behind a TLS proxy set app.set('trust proxy', 1).",
    });
  }
  const returnTo = safeReturnTo(singleQueryValue(req, 'returnTo'), kit.options.defaultReturnTo);
  const started = await startLogin(entry, redirectUri);
  const login: PendingLogin = { provider: name, createdAt: Date.now(), returnTo, redirectUri, ...started.secrets };
  let stored = false;
  if (req.headers.cookie) {
    // Another tab of this session may be saving its own pending login right now: take turns,
    // and start from the stored copy so neither is lost.
    await withSessionLock(kit.shared, session.id, async () => {
      const fresh = await reloadSession(req, name);
      stored = fresh.stored;
      addPendingLogin((fresh.session.oauth ??= {}), started.key, login, Date.now());
      limitPendingOnlyLifetime(fresh.session);
      await saveSession(req, name);
    });
  } else {
    // No cookie: this session is new, nothing else can be writing it.
    addPendingLogin((session.oauth ??= {}), started.key, login, Date.now());
    limitPendingOnlyLifetime(session);
    await saveSession(req, name);
  }
  // A new session may lose its cookie to another tab's new session started at the same instant:
  // keep a browser-bound copy of this login for that case (login-binding.ts).
  if (!stored) await bindPendingLogin(kit, res, started.key, login, new URL(redirectUri).pathname);
  sendRedirect(res, 302, started.redirectUrl.href);
}

/** GET (or form_post POST) {prefix}/:provider/callback — the pending login is used up before any network call. */
export async function callbackRoute(kit: Kit, name: string, redirectUri: string, req: Request, res: Response): Promise<void> {
  setNoStore(res);
  const entry = kit.get(name);
  if (req.method === 'HEAD') {
    res.status(204).end(); // a HEAD probe must not use up the login
    return;
  }
  if (req.method === 'POST') {
    if (!('responseMode' in entry.provider && entry.provider.responseMode === 'form_post')) {
      res.setHeader('Allow', 'GET');
      res.status(405).json({ error: 'method_not_allowed' });
      return;
    }
    // form_post (Apple) is a cross-site POST: a SameSite=Lax cookie is not sent on it. Re-enter as a
    // top-level GET (on which Lax cookies are sent) with the same parameters; nothing is used up here.
    const body = await formBody(req);
    sendRedirect(res, 303, `${req.baseUrl}${req.path}?${body.toString()}`);
    return;
  }
  const session = requireSession(req, name);
  const sessionId = session.id;
  const params = new URLSearchParams(rawQuery(req));
  const key = callbackKey(entry, params);
  const repeated = SINGLE_PARAMS.some((p) => params.getAll(p).length > 1);
  const tooLong = rawQuery(req).length > MAX_CALLBACK_QUERY || (params.get('code')?.length ?? 0) > MAX_CODE_LENGTH;
  const now = Date.now();
  // Used once: consumed and saved before any network call, so a replay finds nothing. Taking turns
  // with this session's other requests keeps another tab's pending login from being overwritten.
  const inSession = await withSessionLock(kit.shared, sessionId, async () => {
    const data = (await reloadSession(req, name)).session.oauth;
    const found = consumePendingLogin(data, key, name, now);
    if (repeated) for (const k of params.getAll('state').concat(params.getAll('oauth_token'))) consumePendingLogin(data, k, name, now);
    if (found || (data?.pending && key)) await saveSession(req, name);
    return found;
  });
  // The shared copy is used up too; it stands in only when this session lost the login (login-binding.ts).
  const bound = isPendingKey(key) ? await takeBoundLogin(kit, req, res, name, key, new URL(redirectUri).pathname, !inSession) : undefined;
  const pending = inSession ?? bound;
  if (!pending || repeated || tooLong || !key) throw new OAuthError('state_mismatch', { provider: name });
  // The shared marker also stops two concurrent copies of this callback (other instances included).
  const once = await kit.shared.markOnce(`state:${createHash('sha256').update(`${name}\0${key}`).digest('base64url')}`, 15 * 60 * 1000);
  if (!once) throw new OAuthError('state_mismatch', { provider: name });
  const login = await finishLogin(entry, key, pending, params);

  const loaded = requireSession(req, name).oauth ?? {};
  const previous = loaded.accounts?.[name] as { profile?: { id?: string } } | undefined;
  const switching = previous?.profile?.id !== undefined && previous.profile.id !== login.profile.id;
  const currentUser = switching ? undefined : loaded.user;
  const user = kit.options.onLogin
    ? await kit.options.onLogin({ provider: name, profile: login.profile, raw: login.raw, tokens: login.tokens, currentUser: currentUser as never, req })
    : (currentUser ?? login.profile);
  if (user === undefined || user === null || user === false) throw new OAuthError('access_denied', { provider: name, message: 'The application refused this login.' });
  // Another person now (a first login from an anonymous session, another account, or onLogin chose
  // another user): nothing of the previous one comes along — linked accounts, app session data.
  const userChanged = switching || currentUser === undefined || !sameUser(currentUser, user);

  const record: AccountRecord = { profile: login.profile, linkedAt: Math.floor(now / 1000) };
  await kit.vault.write(name, record, user, newTokenFamily(login.tokens));
  await withSessionLock(kit.shared, sessionId, async () => {
    // New session id; the other tabs' pending logins (as stored now) and linked accounts come along.
    const current = (await reloadSession(req, name)).session.oauth ?? {};
    const kept = { ...current.accounts } as Record<string, AccountRecord>;
    delete kept[name]; // re-linking moves it to the end (order linked)
    if (userChanged && Object.keys(kept).length > 0) await endAccounts(kit, kept, current.user, { revoke: false });
    const accounts = userChanged ? {} : kept;
    accounts[name] = record;
    const keepAppData = !userChanged || kit.options.keepSessionData === true;
    await regenerateSession(req, { user, accounts, pending: prunePending(current.pending, Date.now()) }, name, { keepAppData });
    (req as Request & { user?: unknown }).user = user;
    await saveSession(req, name);
  });
  sendRedirect(res, 302, safeReturnTo(pending.returnTo, kit.options.defaultReturnTo));
}

/** The same app user: the same value, the same `id`, or equal JSON (onLogin may return a fresh object per login). */
export function sameUser(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const ida = (a as { id?: unknown }).id;
  const idb = (b as { id?: unknown }).id;
  if (ida !== undefined || idb !== undefined) return ida !== undefined && idb !== undefined && String(ida) === String(idb);
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/** True when a logout POST comes from another site (SECURITY S-9). */
export function isCrossSite(req: Request, origin: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'cross-site' || site === 'same-site';
  const from = req.headers.origin;
  if (from === undefined) return false; // not a browser
  return from !== origin;
}

/** POST {prefix}/logout — same-origin only; ends the login, new session id, 303. */
export async function logoutRoute(kit: Kit, req: Request, res: Response): Promise<void> {
  setNoStore(res);
  if (isCrossSite(req, kit.options.origin)) throw new OAuthError('cross_site_request');
  await endLogin(kit, req);
  sendRedirect(res, 303, safeReturnTo(singleQueryValue(req, 'returnTo'), '/'));
}

/** GET {prefix}/me — `{ user, providers }` or 401. */
export function meRoute(req: Request, res: Response): void {
  setNoStore(res);
  const data = requireSession(req).oauth;
  if (!data || data.user === undefined) return sendLoginRequired(res);
  res.json({ user: data.user, providers: Object.keys(data.accounts ?? {}) });
}

/** GET {prefix}/login — the built-in provider chooser (escaped HTML). */
export function chooserRoute(kit: Kit, mountPath: string, req: Request, res: Response): void {
  setNoStore(res);
  const returnTo = safeReturnTo(singleQueryValue(req, 'returnTo'), kit.options.defaultReturnTo);
  const items = [...kit.providers.values()]
    .map(({ provider }) => {
      const href = `${kit.loginPath(mountPath, provider.name)}?returnTo=${encodeURIComponent(returnTo)}`;
      return `<li><a href="${escapeHtml(href)}">Log in with ${escapeHtml(provider.displayName)}</a></li>`;
    })
    .join('');
  res.type('html').send(`<!doctype html><html lang="en"><meta charset="utf-8"><title>Log in</title><h1>Log in</h1><ul>${items}</ul></html>`);
}
