/**
 * Reading a session's tokens, refreshing them when due, and signing API calls.
 *
 * Refresh happens once per burst: callers in this process share one promise,
 * instances share a Redis lock (`SET NX PX` with an owner token). The newest
 * tokens always win: each refresh publishes its result, versioned, to shared
 * state, and a request holding an older copy (a stale session save) takes the
 * published one instead of refreshing again with a used refresh token.
 */
import type { Request } from 'express';
import { OAuthError } from '../errors.ts';
import type { Kit, RegisteredProvider } from '../kit.ts';
import { resolveApiUrl } from '../protocol/api-url.ts';
import { signedFetch } from '../protocol/oauth1-client.ts';
import { guardSessionWrites, isSessionEnded } from '../session/session-end.ts';
import { requireSession, saveSession } from '../session/session-ops.ts';
import type { TokenSet } from '../types.ts';
import { produceOnce } from './produce-once.ts';
import { endAccounts, revokeLateTokens } from './revocation.ts';
import { latestTtlMs, refreshLockTtlMs, withStableFamily } from './token-family.ts';
import type { AccountRecord } from './token-vault.ts';

const inflight = new Map<string, Promise<TokenSet>>();

/** True when the access token expires within `skewSeconds` (unknown expiry: never due). */
export function isRefreshDue(tokens: TokenSet, skewSeconds: number, nowSeconds = Date.now() / 1000): boolean {
  return typeof tokens.expiresAt === 'number' && tokens.expiresAt - skewSeconds <= nowSeconds;
}

function accountOf(req: Request, name: string): { record: AccountRecord; user: unknown } {
  const data = requireSession(req, name).oauth;
  const record = data?.accounts?.[name] as AccountRecord | undefined;
  if (!record) throw new OAuthError('login_required', { provider: name });
  return { record, user: data!.user };
}

/**
 * Forget one provider's account (grant died, or unlinked): its tokens in a
 * tokenStore and in shared state go too; other linked accounts stay, the
 * login ends with the last one. The caller saves the session.
 */
export async function dropAccount(kit: Kit, req: Request, name: string): Promise<void> {
  const data = requireSession(req, name).oauth;
  const record = data?.accounts?.[name] as AccountRecord | undefined;
  if (!data?.accounts || !record) return;
  guardSessionWrites(kit, req);
  await endAccounts(kit, { [name]: record }, data.user, { revoke: false });
  delete data.accounts[name];
  if (Object.keys(data.accounts).length === 0) {
    data.user = undefined;
    (req as Request & { user?: unknown }).user = undefined;
  }
}

/** Save after a token write-back, unless the session was ended meanwhile (then nothing is written: no resurrection). */
async function saveUnlessEnded(kit: Kit, req: Request, name: string): Promise<void> {
  if (!(await isSessionEnded(kit, req))) await saveSession(req, name);
}

const loggedOut = (name: string) => new OAuthError('login_required', { provider: name, message: 'This session was logged out.' });

/** The account's published tokens newer than `version`, or undefined; throws when the family was ended (logout). */
async function readLatest(kit: Kit, name: string, family: string, version: number, account: { record: AccountRecord; user: unknown }): Promise<TokenSet | undefined> {
  const latest = await kit.shared.getLatest(family);
  if (!latest) return undefined;
  if (latest.ended) throw loggedOut(name);
  if (latest.version <= version) return undefined;
  try {
    const value = kit.vault.openShared<TokenSet | { storeManaged: true }>(latest.value, 'latest-tokens');
    // With a tokenStore the store holds the tokens; shared state only says which version is newest.
    const tokens = 'storeManaged' in value ? await kit.vault.read(name, account.record, account.user) : value;
    return tokens ? { ...tokens, version: latest.version, family } : undefined;
  } catch (err) {
    if (err instanceof OAuthError) throw err;
    return undefined;
  }
}

/** Refresh `base` under the family's lock, or wait for the holder's result. */
async function refreshFamily(kit: Kit, entry: RegisteredProvider, base: TokenSet, account: { record: AccountRecord; user: unknown }): Promise<TokenSet> {
  const name = entry.provider.name;
  const family = base.family!;
  const version = base.version ?? 1;
  const read = () => readLatest(kit, name, family, version, account);
  return produceOnce(kit.shared, {
    lock: `refresh:${family}`,
    ttlMs: refreshLockTtlMs(kit.options.httpTimeoutMs),
    read,
    produce: async (fence) => {
      let fresh: TokenSet;
      try {
        fresh = await entry.adapter!.refreshTokens(base);
      } catch (err) {
        // invalid_grant because another holder (a lock that expired under it) already rotated: take its result.
        if (err instanceof OAuthError && err.code === 'login_required') {
          const newer = await read();
          if (newer) return newer;
        }
        throw err;
      }
      const published: TokenSet = { ...fresh, family, version: version + 1 };
      if (kit.vault.usesStore) await kit.vault.write(name, account.record, account.user, published);
      const value = kit.vault.sealShared(kit.vault.usesStore ? { storeManaged: true } : published, 'latest-tokens');
      if (await kit.shared.publishLatest(family, version + 1, value, latestTtlMs(published, kit.options.refreshSkewSeconds), fence)) return published;
      // Not published: the family was ended (logout) or a newer holder won. Never hand out, or keep, tokens of an ended login.
      const newer = await read().catch(async (err: unknown) => {
        if (kit.vault.usesStore) await kit.vault.remove(name, account.record, account.user).catch(() => {});
        revokeLateTokens(kit, name, published);
        throw err;
      });
      return newer ?? published;
    },
    timeout: () => new OAuthError('token_exchange_failed', { provider: name, message: 'Timed out waiting for a token refresh in progress.' }),
  });
}

/**
 * Refresh shared by every caller in this process for the same family and
 * version; the result is written into this request's session — unless the
 * session was logged out meanwhile, which then stays logged out.
 */
async function refreshForRequest(kit: Kit, entry: RegisteredProvider, req: Request, tokens: TokenSet): Promise<TokenSet> {
  const name = entry.provider.name;
  const base = withStableFamily(name, tokens);
  const key = `${base.family}\0${base.version}`;
  let job = inflight.get(key);
  if (!job) {
    job = refreshFamily(kit, entry, base, accountOf(req, name));
    inflight.set(key, job);
    const done = () => inflight.delete(key);
    job.then(done, done);
  }
  try {
    const fresh = await job;
    // Check before touching the session: a logout while the refresh ran is final.
    if (await isSessionEnded(kit, req)) throw loggedOut(name);
    const { record, user } = accountOf(req, name);
    if (!kit.vault.usesStore) await kit.vault.write(name, record, user, fresh);
    await saveUnlessEnded(kit, req, name);
    return fresh;
  } catch (err) {
    if (err instanceof OAuthError && err.code === 'login_required' && !(await isSessionEnded(kit, req).catch(() => true))) {
      await dropAccount(kit, req, name);
      await saveUnlessEnded(kit, req, name).catch(() => {});
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
  // From here this request may write the session back: never over a logout that happens meanwhile.
  guardSessionWrites(kit, req);
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
  try {
    if (entry.provider.protocol === 'oauth1') {
      return await signedFetch(entry.provider, { token: tokens.accessToken, tokenSecret: tokens.tokenSecret ?? '' }, url, init, entry.fetch);
    }
    const headers = new Headers(init.headers);
    return await entry.adapter!.fetchApi(tokens, url, { method: init.method, body: init.body as never, headers });
  } catch (err) {
    // A timeout, a refused connection or a request node:http will not send (a control character in a header).
    if (err instanceof OAuthError) throw err;
    throw new OAuthError('provider_error', { provider: entry.provider.name, cause: err, message: 'The call to the provider API failed or timed out.' });
  }
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
    await saveUnlessEnded(kit, req, name).catch(() => {});
    throw new OAuthError('login_required', { provider: name, message: 'The provider no longer accepts this login; please log in again.' });
  }
  if (res.status !== 401 || !entry.adapter || !tokens.refreshToken) return res;
  const fresh = await getTokens(kit, req, name, true);
  if (fresh.accessToken === tokens.accessToken) return res;
  return send(entry, fresh, url, init);
}
