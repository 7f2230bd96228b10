/**
 * Reading a session's tokens, refreshing them when due, and signing API calls.
 *
 * Refresh happens once per burst: callers in this process share one promise,
 * instances share a Redis lock (`SET NX PX` with an owner token). The newest
 * tokens always win: each refresh publishes its result, versioned, to shared
 * state, and a request holding an older copy (a stale session save) takes the
 * published one instead of refreshing again with a used refresh token.
 */
import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { OAuthError } from '../errors.ts';
import type { Kit, RegisteredProvider } from '../kit.ts';
import { resolveApiUrl } from '../protocol/api-url.ts';
import { signedFetch } from '../protocol/oauth1-client.ts';
import { requireSession, saveSession, sessionStillStored } from '../session/session-ops.ts';
import type { TokenSet } from '../types.ts';
import { produceOnce } from './produce-once.ts';
import type { AccountRecord } from './token-vault.ts';

const inflight = new Map<string, Promise<TokenSet>>();
const LOCK_TTL_MS_EXTRA = 5_000;
const LATEST_TTL_MS = 30 * 24 * 3600 * 1000;

/** True when the access token expires within `skewSeconds` (unknown expiry: never due). */
export function isRefreshDue(tokens: TokenSet, skewSeconds: number, nowSeconds = Date.now() / 1000): boolean {
  return typeof tokens.expiresAt === 'number' && tokens.expiresAt - skewSeconds <= nowSeconds;
}

/** A new token family for a fresh login. */
export function newTokenFamily(tokens: TokenSet): TokenSet {
  return { ...tokens, family: randomBytes(16).toString('base64url'), version: 1 };
}

function accountOf(req: Request, name: string): { record: AccountRecord; user: unknown } {
  const data = requireSession(req, name).oauth;
  const record = data?.accounts?.[name] as AccountRecord | undefined;
  if (!record) throw new OAuthError('login_required', { provider: name });
  return { record, user: data!.user };
}

/** Forget one provider's account (grant died, or unlinked); other linked accounts stay, the login ends with the last one. */
export async function dropAccount(kit: Kit, req: Request, name: string): Promise<void> {
  const data = requireSession(req, name).oauth;
  const record = data?.accounts?.[name] as AccountRecord | undefined;
  if (!data?.accounts || !record) return;
  await kit.vault.remove(name, record, data.user).catch(() => {});
  delete data.accounts[name];
  if (Object.keys(data.accounts).length === 0) {
    data.user = undefined;
    (req as Request & { user?: unknown }).user = undefined;
  }
}

async function readLatest(kit: Kit, family: string): Promise<TokenSet | undefined> {
  const latest = await kit.shared.getLatest(family);
  if (!latest) return undefined;
  try {
    return { ...kit.vault.openShared<TokenSet>(latest.value), version: latest.version, family };
  } catch {
    return undefined;
  }
}

/** Refresh `base` under the family's lock, or wait for the holder's result. */
async function refreshFamily(kit: Kit, entry: RegisteredProvider, base: TokenSet): Promise<TokenSet> {
  const family = base.family!;
  const version = base.version ?? 1;
  return produceOnce(kit.shared, {
    lock: `refresh:${family}`,
    ttlMs: kit.options.httpTimeoutMs + LOCK_TTL_MS_EXTRA,
    read: async () => {
      const latest = await readLatest(kit, family);
      return latest !== undefined && (latest.version ?? 0) > version ? latest : undefined;
    },
    produce: async () => {
      const fresh = await entry.adapter!.refreshTokens(base);
      const published: TokenSet = { ...fresh, family, version: version + 1 };
      await kit.shared.publishLatest(family, version + 1, kit.vault.sealShared(published), LATEST_TTL_MS);
      return published;
    },
    timeout: () => new OAuthError('token_exchange_failed', { provider: entry.provider.name, message: 'Timed out waiting for a token refresh in progress.' }),
  });
}

/**
 * Refresh shared by every caller in this process for the same family and
 * version; the result is written into this request's session.
 */
async function refreshForRequest(kit: Kit, entry: RegisteredProvider, req: Request, tokens: TokenSet): Promise<TokenSet> {
  const name = entry.provider.name;
  // Sessions from before token families existed: give them one now.
  const base = tokens.family ? tokens : { ...tokens, family: randomBytes(16).toString('base64url'), version: tokens.version ?? 1 };
  const key = `${base.family}\0${base.version}`;
  let job = inflight.get(key);
  if (!job) {
    job = refreshFamily(kit, entry, base);
    inflight.set(key, job);
    const done = () => inflight.delete(key);
    job.then(done, done);
  }
  try {
    const fresh = await job;
    const { record, user } = accountOf(req, name);
    await kit.vault.write(name, record, user, fresh);
    if (await sessionStillStored(req)) await saveSession(req, name);
    return fresh;
  } catch (err) {
    if (err instanceof OAuthError && err.code === 'login_required') {
      await dropAccount(kit, req, name);
      if (await sessionStillStored(req)) await saveSession(req, name).catch(() => {});
    }
    throw err;
  }
}

/**
 * The stored tokens of `name`, refreshed first when they expire within the
 * skew (or always with `force`, after a 401).
 * @throws OAuthError login_required (not linked, or the refresh was refused with invalid_grant)
 */
export async function getTokens(kit: Kit, req: Request, name: string, force = false): Promise<TokenSet> {
  const entry = kit.get(name);
  const { record, user } = accountOf(req, name);
  const tokens = await kit.vault.read(name, record, user);
  if (!tokens) throw new OAuthError('login_required', { provider: name });
  if (!entry.adapter || !(force || isRefreshDue(tokens, kit.options.refreshSkewSeconds))) return tokens;
  if (!tokens.refreshToken) {
    if (force) return tokens;
    await dropAccount(kit, req, name);
    throw new OAuthError('login_required', { provider: name, message: 'The access token expired and there is no refresh token.' });
  }
  return refreshForRequest(kit, entry, req, tokens);
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
  const url = resolveApiUrl(entry.provider, pathOrUrl);
  const tokens = await getTokens(kit, req, name);
  const res = await send(entry, tokens, url, init);
  if (res.status === 401 && entry.provider.protocol === 'oauth1') {
    // OAuth 1.0a tokens do not expire or refresh: a 401 means the user revoked the app. Forget this
    // account only; other linked accounts stay.
    await res.body?.cancel().catch(() => {});
    await dropAccount(kit, req, name);
    if (await sessionStillStored(req)) await saveSession(req, name).catch(() => {});
    throw new OAuthError('login_required', { provider: name, message: 'The provider no longer accepts this login; please log in again.' });
  }
  if (res.status !== 401 || !entry.adapter || !tokens.refreshToken) return res;
  const fresh = await getTokens(kit, req, name, true);
  if (fresh.accessToken === tokens.accessToken) return res;
  return send(entry, fresh, url, init);
}
