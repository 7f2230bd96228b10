/**
 * How a login ends, both ways: {@link completeLogin} (the callback's second
 * half: the profile mapped, `onLogin`, the account record and tokens stored,
 * a new session id) and {@link endLogin} (logout, from the route or
 * `req.oauth.logout()`).
 */
import type { Request } from 'express';
import { OAuthError } from '../errors.ts';
import { emitAuditEvent, requestIdOf } from '../logging/audit-events.ts';
import type { FinishedLogin } from '../protocol/protocol-client.ts';
import { withSessionLock } from '../shared/session-lock.ts';
import { endAccounts } from '../tokens/revocation.ts';
import { newTokenFamily } from '../tokens/token-family.ts';
import type { AccountRecord } from '../tokens/token-vault.ts';
import type { MappedProfile, Profile, Provider } from '../types.ts';
import type { SessionContext } from './context.ts';
import { prunePending } from './pending-login.ts';
import { markSessionEnded } from './session-end.ts';
import { regenerateSession, reloadSession, requireSession, saveRegeneratedSession } from './session-ops.ts';
import type { SessionOAuthData } from './session-data.ts';
import { indexLoggedInSession } from './remote-session-end.ts';
import { sessionKeys } from './session-index.ts';

/**
 * Map the raw payload with the provider's pure mapper; never make a user from
 * an empty id; provider-supplied fields are truncated (SECURITY S-19).
 * @throws OAuthError profile_fetch_failed
 */
function mapProfile(name: string, mapper: Provider['profile'], raw: unknown): Profile {
  let mapped: MappedProfile | undefined;
  try {
    mapped = mapper(raw);
  } catch (err) {
    throw new OAuthError('profile_fetch_failed', { provider: name, cause: err });
  }
  if (!mapped || typeof mapped.id !== 'string' || mapped.id.length === 0) {
    throw new OAuthError('profile_fetch_failed', { provider: name, message: 'The provider profile has no account id.' });
  }
  const profile: Profile = { provider: name, id: mapped.id.slice(0, 256) };
  for (const field of ['username', 'name', 'email', 'avatarUrl'] as const) {
    const value = mapped[field];
    if (typeof value === 'string' && value.length > 0) profile[field] = value.slice(0, field === 'avatarUrl' ? 2048 : 320);
  }
  if (typeof mapped.emailVerified === 'boolean') profile.emailVerified = mapped.emailVerified;
  return profile;
}

/** The same app user: the same value, the same `id`, or equal JSON (onLogin may return a fresh object per login). */
function sameUser(a: unknown, b: unknown): boolean {
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

/**
 * Log the finished login in: the profile mapped, `onLogin` asked (with the
 * current user for linking, unless this is another account at the same
 * provider), tokens stored under a new token family, and the session
 * regenerated with the user and its accounts. Another person than before
 * brings nothing of the previous one along (linked accounts, app data).
 * @throws OAuthError access_denied (onLogin refused) | profile_fetch_failed | session_unavailable
 */
export async function completeLogin(ctx: SessionContext, req: Request, name: string, login: FinishedLogin, mapper: Provider['profile'], options: { guard?: string } = {}): Promise<void> {
  const profile = mapProfile(name, mapper, login.raw);
  const sessionId = requireSession(req, name).id;
  const loaded = requireSession(req, name).oauth ?? {};
  const previous = loaded.accounts?.[name];
  const switching = previous?.profile?.id !== undefined && previous.profile.id !== profile.id;
  const currentUser = switching ? undefined : loaded.user;
  const onLogin = ctx.options.onLogin;
  const user = onLogin ? await onLogin({ provider: name, profile, raw: login.raw, tokens: login.tokens, currentUser, req }) : (currentUser ?? profile);
  if (user === undefined || user === null || user === false) throw new OAuthError('access_denied', { provider: name, message: 'The application refused this login.' });
  // Another person now (a first login from an anonymous session, another account, or onLogin chose another user).
  const userChanged = switching || currentUser === undefined || !sameUser(currentUser, user);

  const record: AccountRecord = { profile, linkedAt: Math.floor(Date.now() / 1000), ...login.grant };
  let replaced: SessionOAuthData | undefined;
  await ctx.vault.write(name, record, user, newTokenFamily(login.tokens));
  await withSessionLock(ctx.shared, sessionId, async () => {
    // New session id; the other tabs' pending logins (as stored now) and linked accounts come along.
    const current = (await reloadSession(req, name)).session.oauth ?? {};
    replaced = current;
    const kept: Record<string, AccountRecord> = { ...current.accounts };
    delete kept[name]; // re-linking moves it to the end (order linked)
    if (userChanged && Object.keys(kept).length > 0) await endAccounts(ctx, kept, current.user, { revoke: false });
    const accounts = userChanged ? {} : kept;
    accounts[name] = record;
    const keepAppData = !userChanged || ctx.options.keepSessionData === true;
    const carried: SessionOAuthData = { user, accounts, pending: prunePending(current.pending, Date.now()) };
    // A guard's step-up that came back: the guard judges it once instead of redirecting again (guard-stepup.ts).
    if (options.guard !== undefined) carried.stepUpDone = { key: options.guard, at: Date.now() };
    await regenerateSession(req, carried, name, { keepAppData });
    req.user = user as Express.User;
    await saveRegeneratedSession(req, name);
  });
  // Back-channel logout and endSessions() find this session by its provider session, subject, account and user.
  await indexLoggedInSession(ctx, req, { id: sessionId, data: replaced });
  emitAuditEvent(ctx.options.events, ctx.log, userChanged ? 'login' : 'link', { provider: name, accountId: profile.id, user, requestId: requestIdOf(req) });
}

/**
 * End the login on this request: the session is tombstoned (so nothing in
 * flight writes it back), its accounts' token families ended and tokens
 * revoked (best effort, bounded, in the background), and it gets a new,
 * empty id.
 * @throws OAuthError session_unavailable
 */
export async function endLogin(ctx: SessionContext, req: Request): Promise<void> {
  const session = requireSession(req);
  await markSessionEnded(ctx, session.id);
  const accounts = session.oauth?.accounts;
  const user = session.oauth?.user;
  if (accounts) await endAccounts(ctx, accounts, user, { revoke: true });
  const indexed = sessionKeys(session.oauth);
  if (indexed.length > 0) await ctx.sessions.remove(indexed, session.id); // back-channel / endSessions index (session-index.ts)
  await regenerateSession(req, undefined, undefined, { keepAppData: false });
  req.user = undefined;
  await saveRegeneratedSession(req);
  const requestId = requestIdOf(req);
  for (const [provider, record] of Object.entries(accounts ?? {})) {
    emitAuditEvent(ctx.options.events, ctx.log, 'logout', { provider, accountId: record.profile?.id, user, requestId });
  }
}
