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
import type { Kit } from '../kit.ts';
import { endAccounts } from '../tokens/revocation.ts';
import type { AccountRecord } from '../tokens/token-vault.ts';
import { regenerateSession, requireSession, saveRegeneratedSession, sessionStillStored, type KitSession } from './session-ops.ts';

/** Longer than any request that can be in flight at a logout (provider calls are bounded by `httpTimeoutMs`). */
function tombstoneTtlMs(kit: Kit): number {
  return Math.max(10 * 60_000, kit.options.httpTimeoutMs * 4 + 60_000);
}

// The session id is a bearer secret: shared state only sees its hash.
function tombstoneKey(sessionId: string): string {
  return `ended:${createHash('sha256').update(sessionId).digest('base64url')}`;
}

/** Mark a session as ended (call before its store record is deleted). */
export async function markSessionEnded(kit: Kit, sessionId: string): Promise<void> {
  await kit.shared.markOnce(tombstoneKey(sessionId), tombstoneTtlMs(kit));
}

/**
 * True when this request's session was ended by a logout (here or on another
 * instance), or its record is gone from the store.
 */
export async function isSessionEnded(kit: Kit, req: Request): Promise<boolean> {
  const session = requireSession(req);
  if (await kit.shared.hasMark(tombstoneKey(session.id))) return true;
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
export function guardSessionWrites(kit: Kit, req: Request): void {
  const session = requireSession(req) as KitSession & { save: (cb?: SaveCallback) => KitSession };
  if (guarded.has(session)) return;
  guarded.add(session);
  const store = (req as Request & { sessionStore?: { destroy(sid: string, cb: SaveCallback): void } }).sessionStore;
  const originalSave = session.save;
  const key = tombstoneKey(session.id);
  const id = session.id;
  Object.defineProperty(session, 'save', {
    configurable: true,
    enumerable: false,
    writable: true,
    value(this: KitSession, cb?: SaveCallback) {
      const done: SaveCallback = cb ?? (() => {});
      kit.shared.hasMark(key).then(
        (ended) => {
          if (ended) return done(); // logged out: nothing to write, and nothing to report
          originalSave.call(this, (err?: unknown) => {
            if (err) return done(err);
            kit.shared.hasMark(key).then(
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

/**
 * End the login on this request: the session is tombstoned (so nothing in
 * flight writes it back), its accounts' token families ended and tokens
 * revoked (best effort, bounded, in the background), and it gets a new,
 * empty id.
 */
export async function endLogin(kit: Kit, req: Request): Promise<void> {
  const session = requireSession(req);
  await markSessionEnded(kit, session.id);
  const accounts = session.oauth?.accounts as Record<string, AccountRecord> | undefined;
  if (accounts) await endAccounts(kit, accounts, session.oauth?.user, { revoke: true });
  await regenerateSession(req, undefined, undefined, { keepAppData: false });
  (req as Request & { user?: unknown }).user = undefined;
  await saveRegeneratedSession(req);
}
