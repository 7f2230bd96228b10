/**
 * Ending sessions the current request holds no cookie for — a back-channel
 * logout, `auth.endSessions()` — on every instance, through the session
 * index (session-index.ts). Each session is ended the way a logout ends it
 * (session-end.ts): tombstoned first, so no request still in flight on any
 * instance writes it back; its token families ended; then its record
 * destroyed in the express-session store; then unindexed.
 */
import type { Request } from 'express';
import type { SessionContext } from './context.ts';
import { endAccounts } from '../tokens/revocation.ts';
import { markSessionEnded } from './session-end.ts';
import { sessionExpiry, sessionKeys } from './session-index.ts';
import type { SessionOAuthData } from './session-data.ts';

/** The part of an express-session store this module uses. */
export interface SessionStoreLike {
  get(sid: string, cb: (err: unknown, session?: unknown) => void): void;
  destroy(sid: string, cb?: (err?: unknown) => void): void;
}

const stores = new WeakMap<SessionContext, SessionStoreLike>();

/**
 * Remember the app's session store (seen on a request) for `auth.endSessions()`.
 * @example
 * ```ts
 * import type { SessionContext } from './context.ts';
 * declare const ctx: SessionContext;
 * rememberSessionStore(ctx, req); // in auth.router(), on every request (the first one counts)
 * ```
 */
export function rememberSessionStore(ctx: SessionContext, req: Request): void {
  if (stores.has(ctx)) return;
  const store = (req as Request & { sessionStore?: SessionStoreLike }).sessionStore;
  if (store && typeof store.get === 'function' && typeof store.destroy === 'function') stores.set(ctx, store);
}

/** The app's session store, once a request has shown it. */
export function sessionStoreOf(ctx: SessionContext): SessionStoreLike | undefined {
  return stores.get(ctx);
}

/**
 * Index a freshly logged-in session under its accounts and user, and drop
 * the index entries of the id it replaced (regenerated at login).
 * @example
 * ```ts
 * import type { SessionContext } from './context.ts';
 * declare const ctx: SessionContext;
 * const before = { id: req.sessionID, data: req.session.oauth }; // read before the login regenerates the session
 * await indexLoggedInSession(ctx, req, before);
 * ```
 */
export async function indexLoggedInSession(ctx: SessionContext, req: Request, previous?: { id: string; data: SessionOAuthData | undefined }): Promise<void> {
  const session = (req as Request & { session?: { id: string; oauth?: SessionOAuthData; cookie?: { expires?: Date | null | boolean; maxAge?: number | null } } }).session;
  if (!session) return;
  if (previous && previous.id !== session.id) await ctx.sessions.remove(sessionKeys(previous.data), previous.id);
  const keys = sessionKeys(session.oauth);
  if (keys.length > 0) await ctx.sessions.add(keys, session.id, sessionExpiry(session.cookie));
}

/** Drop a session's index entries (at logout). */
export async function unindexSession(ctx: SessionContext, sessionId: string, data: SessionOAuthData | undefined): Promise<void> {
  const keys = sessionKeys(data);
  if (keys.length > 0) await ctx.sessions.remove(keys, sessionId);
}

function storeGet(store: SessionStoreLike, sid: string): Promise<{ oauth?: SessionOAuthData } | undefined> {
  return new Promise((resolve, reject) => store.get(sid, (err, s) => (err ? reject(err) : resolve((s ?? undefined) as { oauth?: SessionOAuthData } | undefined))));
}

function storeDestroy(store: SessionStoreLike, sid: string): Promise<void> {
  return new Promise((resolve, reject) => store.destroy(sid, (err) => (err ? reject(err) : resolve())));
}

/**
 * End every session listed under an index key whose stored data still
 * matches (`belongs`): an index entry that outlived a change of the session
 * (an unlinked account) ends nothing. A listed session already gone from the
 * store is tombstoned anyway, so a request in flight cannot bring it back.
 *
 * @example
 * ```ts
 * import type { SessionContext } from './context.ts';
 * import { sidKey } from './session-index.ts';
 * declare const ctx: SessionContext;
 * await endIndexedSessions(ctx, req.sessionStore, sidKey('corp', 'provider-session-id'), (data) => data.accounts?.corp?.sid === 'provider-session-id', { revoke: false });
 * ```
 * @returns how many stored sessions were ended.
 * @throws whatever the store or shared state throws (the caller maps it).
 */
export async function endIndexedSessions(
  ctx: SessionContext,
  store: SessionStoreLike,
  key: string,
  belongs: (data: SessionOAuthData) => boolean,
  options: { revoke: boolean; except?: string },
): Promise<number> {
  const ids = (await ctx.sessions.list(key)).filter((id) => id !== options.except);
  const ended = await Promise.all(
    ids.map(async (sid) => {
      const stored = await storeGet(store, sid);
      const data = stored?.oauth;
      if (stored && !(data && belongs(data))) return 0;
      await markSessionEnded(ctx, sid);
      if (data?.accounts) await endAccounts(ctx, data.accounts, data.user, options);
      if (stored) await storeDestroy(store, sid);
      await unindexSession(ctx, sid, data);
      if (!stored) await ctx.sessions.remove([key], sid);
      return stored ? 1 : 0;
    }),
  );
  return ended.reduce<number>((a, b) => a + b, 0);
}
