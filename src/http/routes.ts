/**
 * The kit's routes as thin handlers: read the request, call plain functions,
 * answer. Mounted by `auth.router()` (all providers) or `auth.providerRouter()`.
 */
import type { Request, Response } from 'express';
import { OAuthError } from '../errors.ts';
import { completeLogin, endLogin } from '../session/login-completion.ts';
import { callbackPathOf, savePendingLogin, takePendingLogin } from '../session/pending-login.ts';
import { safeReturnTo } from '../session/return-to.ts';
import { requireSession } from '../session/session-ops.ts';
import type { HttpContext } from './context.ts';
import { escapeHtml, sendLoginRequired, sendRedirect, setNoStore } from './responses.ts';
import { secureCookieHint } from './setup-checks.ts';
import { federatedLogoutLocation, federatedLogoutTarget, wantsFederatedLogout } from './logout-routes.ts';
import { pendingStepUp } from '../session/step-up-request.ts';
import { pickLoginParams } from '../protocol/login-params.ts';

const MAX_CALLBACK_QUERY = 8 * 1024;
const MAX_CODE_LENGTH = 4 * 1024;
// Callback parameters that may appear once only (RFC 6749 §3.1).
const SINGLE_PARAMS = ['code', 'state', 'iss', 'error', 'oauth_token', 'oauth_verifier', 'denied'];

/** The one value of a query parameter, or undefined when absent or repeated (parameter pollution). */
function singleQueryValue(req: Request, name: string): string | undefined {
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
  const body: unknown = req.body;
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
export async function loginRoute(ctx: HttpContext, name: string, redirectUri: string, req: Request, res: Response): Promise<void> {
  setNoStore(res);
  const { provider, client } = ctx.get(name);
  const session = requireSession(req, name);
  if (session.cookie?.secure === true && !req.secure) {
    // express-session would silently drop the Set-Cookie and the callback would fail as "state mismatch" (SECURITY D10, S-4).
    const forwarded = req.headers['x-forwarded-proto'];
    throw new OAuthError('session_unavailable', {
      provider: name,
      message: secureCookieHint({ baseUrl: ctx.options.baseUrl, forwardedProto: typeof forwarded === 'string' ? forwarded : undefined, trustProxy: req.app?.get?.('trust proxy') }),
    });
  }
  const returnTo = safeReturnTo(singleQueryValue(req, 'returnTo'), ctx.options.defaultReturnTo);
  // Per-login parameters (allow-listed, value-checked) plus what a guard asked for this provider (guard-stepup.ts).
  const ask = pendingStepUp(session.oauth, name);
  const q = (n: string) => singleQueryValue(req, n);
  const params = pickLoginParams(provider, { prompt: q('prompt'), login_hint: q('login_hint'), max_age: q('max_age'), acr_values: q('acr_values'), ui_locales: q('ui_locales'), scope: q('scope') }, ask);
  const started = await client.startLogin(redirectUri, params);
  await savePendingLogin(ctx, req, res, name, started, { returnTo, redirectUri, ...(ask ? { guard: ask.key } : {}) });
  sendRedirect(res, 302, started.redirectUrl.href);
}

/** GET (or form_post POST) {prefix}/:provider/callback — the pending login is used up before any network call. */
export async function callbackRoute(ctx: HttpContext, name: string, redirectUri: string, req: Request, res: Response): Promise<void> {
  setNoStore(res);
  const { provider, client } = ctx.get(name);
  if (req.method === 'HEAD') {
    res.status(204).end(); // a HEAD probe must not use up the login
    return;
  }
  if (req.method === 'POST') {
    if (!('responseMode' in provider && provider.responseMode === 'form_post')) {
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
  const query = rawQuery(req);
  const params = new URLSearchParams(query);
  const repeated = SINGLE_PARAMS.some((p) => params.getAll(p).length > 1);
  const tooLong = query.length > MAX_CALLBACK_QUERY || (params.get('code')?.length ?? 0) > MAX_CODE_LENGTH;
  const pending = await takePendingLogin(ctx, req, res, name, callbackPathOf(redirectUri), client.pendingKey(params), {
    alsoConsume: repeated ? params.getAll('state').concat(params.getAll('oauth_token')) : [],
    suspicious: repeated || tooLong,
  });
  const login = await client.finishLogin(pending.key, pending, params);
  await completeLogin(ctx, req, name, login, provider.profile, { guard: pending.guard });
  sendRedirect(res, 302, safeReturnTo(pending.returnTo, ctx.options.defaultReturnTo));
}

/** True when a logout POST comes from another site (SECURITY S-9). */
function isCrossSite(req: Request, origin: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'cross-site' || site === 'same-site';
  const from = req.headers.origin;
  if (from === undefined) return false; // not a browser
  return from !== origin;
}

/** POST {prefix}/logout — same-origin only; ends the login, new session id, 303. */
export async function logoutRoute(ctx: HttpContext, req: Request, res: Response): Promise<void> {
  setNoStore(res);
  if (isCrossSite(req, ctx.options.origin)) throw new OAuthError('cross_site_request');
  // RP-initiated logout (logout-routes.ts): the id_token is read before the local logout forgets it.
  const federated = wantsFederatedLogout(ctx, req) ? await federatedLogoutTarget(ctx, req) : undefined;
  await endLogin(ctx, req);
  const returnTo = safeReturnTo(singleQueryValue(req, 'returnTo'), '/');
  // Back from the provider: the returnTo asked here, else defaultReturnTo (the plain logout's '/' is its own rule).
  const afterProvider = safeReturnTo(singleQueryValue(req, 'returnTo'), ctx.options.defaultReturnTo);
  const atProvider = federated ? await federatedLogoutLocation(ctx, req.baseUrl, federated, afterProvider) : undefined;
  sendRedirect(res, 303, atProvider ?? returnTo);
}

/** GET {prefix}/me — `{ user, providers }` or 401. */
export function meRoute(req: Request, res: Response): void {
  setNoStore(res);
  const data = requireSession(req).oauth;
  if (!data || data.user === undefined) return sendLoginRequired(res);
  res.json({ user: data.user, providers: Object.keys(data.accounts ?? {}) });
}

/** GET {prefix}/login — the built-in provider chooser (escaped HTML). */
export function chooserRoute(ctx: HttpContext, mountPath: string, req: Request, res: Response): void {
  setNoStore(res);
  const returnTo = safeReturnTo(singleQueryValue(req, 'returnTo'), ctx.options.defaultReturnTo);
  const items = [...ctx.providers.values()]
    .map(({ provider }) => {
      const href = `${ctx.loginPath(mountPath, provider.name)}?returnTo=${encodeURIComponent(returnTo)}`;
      return `<li><a href="${escapeHtml(href)}">Log in with ${escapeHtml(provider.displayName)}</a></li>`;
    })
    .join('');
  res.type('html').send(`<!doctype html><html lang="en"><meta charset="utf-8"><title>Log in</title><h1>Log in</h1><ul>${items}</ul></html>`);
}
