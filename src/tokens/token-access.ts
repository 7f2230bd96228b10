/**
 * Reading a session's tokens, refreshing them when due (once per burst: all
 * concurrent callers share one refresh promise), and signing API calls.
 */
import type { Request } from 'express';
import { OAuthError } from '../errors.ts';
import type { Kit, RegisteredProvider } from '../kit.ts';
import { signedFetch } from '../protocol/oauth1-client.ts';
import { requireSession, saveSession } from '../session/session-ops.ts';
import type { TokenSet } from '../types.ts';

const inflight = new Map<string, Promise<TokenSet>>();

/** True when the access token expires within `skewSeconds` (unknown expiry: never due). */
export function isRefreshDue(tokens: TokenSet, skewSeconds: number, nowSeconds = Date.now() / 1000): boolean {
  return typeof tokens.expiresAt === 'number' && tokens.expiresAt - skewSeconds <= nowSeconds;
}

function accountOf(req: Request, name: string) {
  const data = requireSession(req, name).oauth;
  const account = data?.accounts?.[name];
  if (!account || !account.tokens) throw new OAuthError('login_required', { provider: name });
  return { data: data!, account };
}

/** Forget one provider's account after its grant died; other linked accounts stay. */
function dropAccount(req: Request, name: string): void {
  const data = requireSession(req, name).oauth;
  if (!data?.accounts) return;
  delete data.accounts[name];
  if (Object.keys(data.accounts).length === 0) {
    data.user = undefined;
    (req as Request & { user?: unknown }).user = undefined;
  }
}

async function refreshShared(kit: Kit, entry: RegisteredProvider, req: Request, tokens: TokenSet): Promise<TokenSet> {
  const name = entry.provider.name;
  const key = `${name}\0${tokens.refreshToken ?? tokens.accessToken}`;
  let job = inflight.get(key);
  if (!job) {
    job = entry.adapter!.refreshTokens(tokens);
    inflight.set(key, job);
    job.then(
      () => setTimeout(() => inflight.delete(key), 1000).unref(),
      () => inflight.delete(key),
    );
  }
  try {
    const fresh = await job;
    const { account } = accountOf(req, name);
    account.tokens = fresh;
    await saveSession(req, name);
    return fresh;
  } catch (err) {
    if (err instanceof OAuthError && err.code === 'login_required') {
      dropAccount(req, name);
      await saveSession(req, name).catch(() => {});
    }
    throw err;
  }
}

/**
 * The stored tokens of `name`, refreshed first when they expire within the skew.
 * @throws OAuthError login_required (no account, or the refresh was refused with invalid_grant)
 */
export async function getTokens(kit: Kit, req: Request, name: string, force = false): Promise<TokenSet> {
  const entry = kit.get(name);
  const { account } = accountOf(req, name);
  const tokens = account.tokens as TokenSet;
  if (entry.adapter && (force || isRefreshDue(tokens, kit.options.refreshSkewSeconds))) {
    if (!tokens.refreshToken) {
      if (force) return tokens;
      dropAccount(req, name);
      throw new OAuthError('login_required', { provider: name, message: 'The access token expired and there is no refresh token.' });
    }
    return refreshShared(kit, entry, req, tokens);
  }
  return tokens;
}

function allowedOrigins(entry: RegisteredProvider): Set<string> {
  const p = entry.provider;
  const urls = [p.apiBaseUrl, p.userinfoEndpoint];
  return new Set(urls.filter((u): u is string => !!u).map((u) => new URL(u).origin));
}

/** Resolve a path against the provider's apiBaseUrl; absolute URLs must stay on the API's origins (SECURITY C-50). */
export function resolveApiUrl(entry: RegisteredProvider, pathOrUrl: string | URL): URL {
  const p = entry.provider;
  const raw = String(pathOrUrl);
  let url: URL;
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) url = new URL(raw);
  else {
    const base = p.apiBaseUrl ?? p.userinfoEndpoint;
    if (!base) throw new TypeError(`${p.name}: relative API path given but the provider has no apiBaseUrl.`);
    url = new URL(raw.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`);
  }
  if (!allowedOrigins(entry).has(url.origin)) {
    throw new TypeError(`${p.name}: refusing to send the token to ${url.origin}; only the provider's API origin receives it.`);
  }
  return url;
}

async function send(entry: RegisteredProvider, tokens: TokenSet, url: URL, init: RequestInit): Promise<Response> {
  if (entry.provider.protocol === 'oauth1') {
    return signedFetch(entry.provider, { token: tokens.accessToken, tokenSecret: tokens.tokenSecret ?? '' }, url, init, entry.fetch);
  }
  const headers = new Headers(init.headers);
  return entry.adapter!.fetchApi(tokens, url, { method: init.method, body: init.body as never, headers });
}

/**
 * Call the provider's API as the logged-in user: Bearer (OAuth 2.0) or signed
 * (OAuth 1.0a); refreshed when due; one refresh-and-retry on a 401.
 * @throws OAuthError login_required
 */
export async function fetchAsUser(kit: Kit, req: Request, name: string, pathOrUrl: string | URL, init: RequestInit = {}): Promise<Response> {
  const entry = kit.get(name);
  const url = resolveApiUrl(entry, pathOrUrl);
  const tokens = await getTokens(kit, req, name);
  const res = await send(entry, tokens, url, init);
  if (res.status !== 401 || !entry.adapter || !tokens.refreshToken) return res;
  const fresh = await getTokens(kit, req, name, true);
  return send(entry, fresh, url, init);
}
