/**
 * The tokens of this session's linked accounts, for `req.oauth`: read them,
 * refresh them when due (once per burst: callers in this process share one
 * promise, instances share a lock; see tokens/token-refresh.ts), call the
 * provider's API with them, forget an account whose grant died.
 *
 * Token writes never resurrect a session that was logged out meanwhile
 * (session-end.ts).
 */
import type { Request } from 'express';
import { OAuthError } from '../errors.ts';
import { emitAuditEvent, requestIdOf } from '../logging/audit-events.ts';
import type { RegisteredProvider } from '../protocol/protocol-client.ts';
import type { TokenContext } from '../tokens/context.ts';
import { endAccounts } from '../tokens/revocation.ts';
import { withStableFamily } from '../tokens/token-family.ts';
import { isRefreshDue, loggedOut, refreshFamily, type Account } from '../tokens/token-refresh.ts';
import type { TokenSet } from '../types.ts';
import { guardSessionWrites, isSessionEnded } from './session-end.ts';
import { requireSession, saveSession } from './session-ops.ts';

const inflight = new Map<string, Promise<TokenSet>>();

function accountOf(req: Request, name: string): Account {
  const data = requireSession(req, name).oauth;
  const record = data?.accounts?.[name];
  if (!data || !record) {
    throw new OAuthError('login_required', {
      provider: name,
      message: `No ${name} account is linked to this session: send the user through the ${name} login first (loginRequired({ provider: '${name}' }) on the route does that).`,
    });
  }
  return { record, user: data.user };
}

/**
 * Forget one provider's account (grant died, or unlinked): its tokens in a
 * tokenStore and in shared state go too; other linked accounts stay, the
 * login ends with the last one. The caller saves the session.
 */
async function dropAccount(ctx: TokenContext, req: Request, name: string): Promise<void> {
  const data = requireSession(req, name).oauth;
  const record = data?.accounts?.[name];
  if (!data?.accounts || !record) return;
  guardSessionWrites(ctx, req);
  const user = data.user;
  await endAccounts(ctx, { [name]: record }, user, { revoke: false });
  delete data.accounts[name];
  emitAuditEvent(ctx.options.events, ctx.log, 'unlink', { provider: name, accountId: record.profile?.id, user, requestId: requestIdOf(req) });
  if (Object.keys(data.accounts).length === 0) {
    data.user = undefined;
    req.user = undefined;
  }
}

/** Unlink one provider and save; the login stays while other accounts remain. */
export async function unlinkAccount(ctx: TokenContext, req: Request, name: string): Promise<void> {
  await dropAccount(ctx, req, name);
  await saveSession(req, name);
}

/** Save after a token write-back, unless the session was ended meanwhile (then nothing is written: no resurrection). */
async function saveUnlessEnded(ctx: TokenContext, req: Request, name: string): Promise<void> {
  if (!(await isSessionEnded(ctx, req))) await saveSession(req, name);
}

/**
 * Refresh shared by every caller in this process for the same family and
 * version; the result is written into this request's session — unless the
 * session was logged out meanwhile, which then stays logged out.
 */
async function refreshForRequest(ctx: TokenContext, entry: RegisteredProvider, req: Request, tokens: TokenSet): Promise<TokenSet> {
  const name = entry.provider.name;
  const base = withStableFamily(name, tokens);
  const key = `${base.family}\0${base.version}`;
  let job = inflight.get(key);
  if (!job) {
    const account = accountOf(req, name);
    job = refreshFamily(ctx, entry, base, account);
    inflight.set(key, job);
    const done = () => inflight.delete(key);
    job.then(done, done);
    // One event per refresh this process made (or took from another instance), not one per waiting request.
    const event = { provider: name, accountId: account.record.profile?.id, user: account.user, requestId: requestIdOf(req) };
    job.then(
      () => emitAuditEvent(ctx.options.events, ctx.log, 'refresh', event),
      (err: unknown) => emitAuditEvent(ctx.options.events, ctx.log, 'refreshFailed', { ...event, code: err instanceof OAuthError ? err.code : 'error' }),
    );
  }
  try {
    const fresh = await job;
    // Check before touching the session: a logout while the refresh ran is final.
    if (await isSessionEnded(ctx, req)) throw loggedOut(name);
    const { record, user } = accountOf(req, name);
    if (!ctx.vault.usesStore) await ctx.vault.write(name, record, user, fresh);
    await saveUnlessEnded(ctx, req, name);
    return fresh;
  } catch (err) {
    if (err instanceof OAuthError && err.code === 'login_required' && !(await isSessionEnded(ctx, req).catch(() => true))) {
      await dropAccount(ctx, req, name);
      await saveUnlessEnded(ctx, req, name).catch(() => {});
    }
    throw err;
  }
}

/**
 * The stored tokens of `name`, refreshed first when they expire within the
 * skew (or always with `force`, after a 401).
 * @throws OAuthError login_required (not linked, or the refresh was refused with invalid_grant)
 */
export async function getTokens(ctx: TokenContext, req: Request, name: string, force = false): Promise<TokenSet> {
  const entry = ctx.get(name);
  const { record, user } = accountOf(req, name);
  // From here this request may write the session back: never over a logout that happens meanwhile.
  guardSessionWrites(ctx, req);
  const tokens = await ctx.vault.read(name, record, user);
  if (!tokens) throw new OAuthError('login_required', { provider: name });
  if (!entry.client.refresh || !(force || isRefreshDue(tokens, ctx.options.refreshSkewSeconds))) return tokens;
  if (!tokens.refreshToken) {
    if (force) return tokens;
    await dropAccount(ctx, req, name);
    throw new OAuthError('login_required', { provider: name, message: 'The access token expired and there is no refresh token.' });
  }
  return refreshForRequest(ctx, entry, req, tokens);
}

/**
 * Call the provider's API as the logged-in user (Bearer / DPoP, or signed);
 * refreshed when due; one refresh-and-retry on a 401. Every failure is an
 * OAuthError: a bad path or a failed call is `provider_error`.
 * @throws OAuthError login_required | provider_error
 */
export async function fetchAsUser(ctx: TokenContext, req: Request, name: string, pathOrUrl: string | URL, init: RequestInit = {}): Promise<Response> {
  const { client } = ctx.get(name);
  const url = client.apiUrl(pathOrUrl);
  const tokens = await getTokens(ctx, req, name);
  const res = await client.callApi(tokens, url, init);
  if (res.status === 401 && client.unauthorizedEndsGrant) {
    // The grant is gone for good (OAuth 1.0a: the user revoked the app). Forget this account only.
    await res.body?.cancel().catch(() => {});
    await dropAccount(ctx, req, name);
    await saveUnlessEnded(ctx, req, name).catch(() => {});
    throw new OAuthError('login_required', { provider: name, message: 'The provider no longer accepts this login; please log in again.' });
  }
  if (res.status !== 401 || !client.refresh || !tokens.refreshToken) return res;
  const fresh = await getTokens(ctx, req, name, true);
  if (fresh.accessToken === tokens.accessToken) return res;
  return client.callApi(fresh, url, init);
}
