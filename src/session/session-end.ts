/**
 * A logout is final (DESIGN "Session hygiene"): once a session is ended, no
 * request still in flight — a token refresh, an API call, a slow handler that
 * read the session before the logout — may write it back to the store.
 *
 * Ending a session leaves a short-lived tombstone in shared state (Redis with
 * the `redis` option, else this process) *before* the store record is
 * deleted. A request that reads or refreshes tokens guards its session's
 * `save()`: the save is skipped when the tombstone is there, and a save that
 * raced the logout is checked again afterwards and deleted — so whichever of
 * the two writes lands last, the session stays gone.
 */
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { TokenContext } from '../tokens/context.ts';
import type { KitSession } from './session-data.ts';
import { requireSession, sessionStillStored, storeOf } from './session-ops.ts';

/** Longer than any request that can be in flight at a logout (provider calls are bounded by `httpTimeoutMs`). */
function tombstoneTtlMs(ctx: TokenContext): number {
  return Math.max(10 * 60_000, ctx.options.httpTimeoutMs * 4 + 60_000);
}

// The session id is a bearer secret: shared state only sees its hash.
function tombstoneKey(sessionId: string): string {
  return `ended:${createHash('sha256').update(sessionId).digest('base64url')}`;
}

/** Mark a session as ended (call before its store record is deleted). */
export async function markSessionEnded(ctx: TokenContext, sessionId: string): Promise<void> {
  await ctx.shared.markOnce(tombstoneKey(sessionId), tombstoneTtlMs(ctx));
}

/**
 * True when this request's session was ended by a logout (here or on another
 * instance), or its record is gone from the store.
 */
export async function isSessionEnded(ctx: TokenContext, req: Request): Promise<boolean> {
  const session = requireSession(req);
  if (await ctx.shared.hasMark(tombstoneKey(session.id))) return true;
  return !(await sessionStillStored(req));
}

type SaveCallback = (err?: unknown) => void;
const guarded = new WeakSet<object>();

/**
 * Make this request's session unable to resurrect after a logout: its
 * `save()` (the kit's own and express-session's at the end of the response)
 * first checks the tombstone, and checks again after writing, deleting the
 * record when a logout landed in between. Installed once per session object;
 * costs nothing on requests that never touch tokens.
 */
export function guardSessionWrites(ctx: TokenContext, req: Request): void {
  const session = requireSession(req);
  if (guarded.has(session)) return;
  guarded.add(session);
  const originalSave = session.save;
  const id = session.id;
  // Installed on every logged-in request (auth.router()), used only when the session is written:
  // the tombstone key (a SHA-256) and the store are looked up then, not per request.
  Object.defineProperty(session, 'save', {
    configurable: true,
    enumerable: false,
    writable: true,
    value(this: KitSession, cb?: SaveCallback) {
      const done: SaveCallback = cb ?? (() => {});
      const key = tombstoneKey(id);
      const store = storeOf(req);
      ctx.shared.hasMark(key).then(
        (ended) => {
          if (ended) return done(); // logged out: nothing to write, and nothing to report
          originalSave.call(this, (err?: unknown) => {
            if (err) return done(err);
            ctx.shared.hasMark(key).then(
              (endedNow) => (endedNow && store ? store.destroy(id, () => done()) : done()),
              () => done(),
            );
          });
        },
        (err) => done(err),
      );
      return this;
    },
  });
}
