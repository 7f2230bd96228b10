/**
 * Sign out everywhere (`auth.endSessions()`): every session of one provider
 * account or one app user, found through the session index, ended on every
 * instance (remote-session-end.ts).
 */
import { OAuthError } from '../errors.ts';
import type { SessionContext } from './context.ts';
import type { SessionOAuthData } from './session-data.ts';
import { endIndexedSessions, sessionStoreOf, type SessionStoreLike } from './remote-session-end.ts';
import { accountKey, appUserId, userKey } from './session-index.ts';

/** What every {@link EndSessionsTarget} may add. */
interface EndSessionsExtras {
  /** A session id to keep (e.g. `req.sessionID`: "log out my other devices"). */
  except?: string;
  /** The express-session store (default: the one seen on requests through `auth.router()`). */
  store?: SessionStoreLike;
}

/**
 * Whose sessions `auth.endSessions()` ends: one provider account, or one app user (by its stable `id`).
 * @example
 * ```ts
 * const target: EndSessionsTarget = { provider: 'corp', accountId: 'alice', except: req.sessionID };
 * await auth.endSessions(target);
 * ```
 */
export type EndSessionsTarget = ({ provider: string; accountId: string } | { user: unknown }) & EndSessionsExtras;

/**
 * End every session of the target; returns how many were ended.
 * @throws OAuthError unknown_provider | session_unavailable
 * @example
 * ```ts
 * import type { SessionContext } from './context.ts';
 * declare const ctx: SessionContext;
 * await endSessionsOf(ctx, { provider: 'corp', accountId: 'alice' }); // 2
 * ```
 */
export async function endSessionsOf(ctx: SessionContext, target: EndSessionsTarget): Promise<number> {
  const store = target.store ?? sessionStoreOf(ctx);
  if (!store) throw new OAuthError('session_unavailable', { message: 'endSessions needs the session store: let one request pass through auth.router() first, or pass { store }.' });
  let key: string;
  let belongs: (data: SessionOAuthData) => boolean;
  if ('provider' in target) {
    ctx.get(target.provider);
    const accountId = String(target.accountId);
    key = accountKey(target.provider, accountId);
    belongs = (data) => (data.accounts?.[target.provider]?.profile as { id?: unknown } | undefined)?.id === accountId;
  } else {
    const id = appUserId(target.user) ?? (typeof target.user === 'string' || typeof target.user === 'number' ? String(target.user) : undefined);
    if (id === undefined) throw new TypeError('endSessions({ user }) needs a user with a stable id (a string or number, or an object with one as `id`).');
    key = userKey(id);
    belongs = (data) => appUserId(data.user) === id;
  }
  try {
    return await endIndexedSessions(ctx, store, key, belongs, { revoke: true, except: target.except });
  } catch (err) {
    throw err instanceof OAuthError ? err : new OAuthError('session_unavailable', { cause: err });
  }
}
