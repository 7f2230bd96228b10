/**
 * express-session, promisified and guarded: a missing session middleware or a
 * failing store becomes `OAuthError('session_unavailable')` (503).
 */
import type { Request } from 'express';
import type { Store } from 'express-session';
import { OAuthError } from '../errors.ts';
import { sessionOf, type KitSession, type SessionOAuthData } from './session-data.ts';

/** The session store express-session put on the request, or undefined when it is not mounted. */
export function storeOf(req: Request): Store | undefined {
  const store: Store | undefined = req.sessionStore;
  return store;
}

const MISSING_SESSION =
  'express-oauth-kit needs express-session: mount app.use(session({ secret, resave: false, saveUninitialized: false, store })) before auth.router().';

/** The request's session, or throw `session_unavailable` with a message that says what to fix. */
export function requireSession(req: Request, provider?: string): KitSession {
  const session = sessionOf(req);
  if (!session || typeof session.save !== 'function') {
    // express-session mounted but its store is disconnected: it passes requests on without a session.
    const storeDown = storeOf(req) !== undefined;
    throw new OAuthError('session_unavailable', { provider, message: storeDown ? undefined : MISSING_SESSION });
  }
  return session;
}

function promisify(run: (cb: (err?: unknown) => void) => void, provider?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    run((err) => (err ? reject(new OAuthError('session_unavailable', { provider, cause: err })) : resolve()));
  });
}

// What this process last sent to the store of each session's kit data (`session.oauth` as JSON), by
// session id, in the order the writes were issued (the store applies them in that order). Bounded:
// the oldest entry goes first; a session without an entry is simply read from the store again.
const lastKitWrite = new Map<string, string>();
const MAX_KIT_WRITES = 10_000;

function kitDataJson(session: KitSession): string {
  return JSON.stringify(session.oauth ?? null);
}

function noteKitWrite(id: string, json: string): void {
  lastKitWrite.delete(id);
  if (lastKitWrite.size >= MAX_KIT_WRITES) lastKitWrite.delete(lastKitWrite.keys().next().value!);
  lastKitWrite.set(id, json);
}

/** Save the session now (before any redirect). */
export function saveSession(req: Request, provider?: string): Promise<void> {
  const session = requireSession(req, provider);
  const id = session.id;
  const json = kitDataJson(session);
  noteKitWrite(id, json);
  return promisify((cb) => session.save(cb), provider).catch((err: unknown) => {
    if (lastKitWrite.get(id) === json) lastKitWrite.delete(id); // the store may hold something else
    throw err;
  });
}

/**
 * Save a session made by {@link regenerateSession} now. express-session did
 * not load that session object itself, so at the end of the request it would
 * write the same record a second time: that one write is skipped when the
 * session (its cookie aside, as express-session's own hash) has not changed
 * since. Any change made after this save is still written at the end.
 */
export async function saveRegeneratedSession(req: Request, provider?: string): Promise<void> {
  await saveSession(req, provider);
  const session = requireSession(req, provider);
  const saved = contentJson(session);
  const save = session.save;
  Object.defineProperty(session, 'save', {
    configurable: true,
    enumerable: false,
    writable: true,
    value(this: KitSession, cb?: (err?: unknown) => void) {
      delete (this as { save?: unknown }).save; // once: back to express-session's own
      if (contentJson(this) !== saved) return save.call(this, cb);
      if (cb) process.nextTick(cb);
      return this;
    },
  });
}

/** The session as express-session hashes it: JSON without the cookie. */
function contentJson(session: KitSession): string {
  return JSON.stringify(session, function (this: unknown, key, value) {
    return this === session && key === 'cookie' ? undefined : value;
  });
}

/**
 * Give the session a new id (old record deleted from the store), carrying over
 * only the kit data in `carry`. At login the app's own keys are carried over
 * too (so regenerating does not surprise the app); at logout nothing is.
 */
export async function regenerateSession(
  req: Request,
  carry: SessionOAuthData | undefined,
  provider?: string,
  options: { keepAppData?: boolean } = {},
): Promise<KitSession> {
  const old = requireSession(req, provider);
  const appData: Record<string, unknown> = {};
  if (options.keepAppData !== false) {
    for (const [k, v] of Object.entries(old)) {
      if (k !== 'cookie' && k !== 'oauth' && typeof v !== 'function') appData[k] = v;
    }
  }
  lastKitWrite.delete(old.id);
  await promisify((cb) => old.regenerate(cb), provider);
  const fresh = requireSession(req, provider);
  Object.assign(fresh, appData);
  if (carry) fresh.oauth = carry;
  return fresh;
}

/** How long a session that holds nothing but pending logins may live in the store. */
const PENDING_ONLY_MAX_AGE_MS = 15 * 60 * 1000;

/**
 * A session that holds only pending logins (no user, no data of the app's)
 * lives at most 15 minutes in the store: a bot that opens login links cannot
 * fill the store for the cookie's whole lifetime. The login's callback
 * regenerates the session, which then gets the app's normal cookie lifetime.
 */
export function limitPendingOnlyLifetime(session: KitSession): void {
  if (session.oauth?.user !== undefined) return;
  for (const [k, v] of Object.entries(session)) if (k !== 'cookie' && k !== 'oauth' && typeof v !== 'function') return;
  const cookie = session.cookie;
  if (!cookie) return;
  const current = typeof cookie.maxAge === 'number' ? cookie.maxAge : Infinity;
  if (current > PENDING_ONLY_MAX_AGE_MS) cookie.maxAge = PENDING_ONLY_MAX_AGE_MS;
}

/**
 * True when the session's record is still in the store. A request that
 * refreshed tokens after a concurrent logout must not write the session back
 * (connect-redis would resurrect it: SECURITY S-12, tj/connect-redis#328).
 */
export function sessionStillStored(req: Request): Promise<boolean> {
  const store = storeOf(req);
  const id = sessionOf(req)?.id;
  if (!store || !id) return Promise.resolve(true);
  return new Promise((resolve) => store.get(id, (err, s) => resolve(!err && !!s)));
}

/** express-session's error when `Session#reload` finds no record in the store (express-session/session/session.js). */
const NOT_IN_STORE = 'failed to load session';

/**
 * Reload the session from the store when it is stored already, so a change
 * made just now by a concurrent request (another tab's pending login) is not
 * overwritten by this request's save. A session not yet in the store is kept;
 * `stored` says which it was. One store read: `Session#reload`, whose "no
 * record" answer means not stored (the session object is then left as it was).
 *
 * With `thisProcessOnly` (the kit's writes all go through this process: no
 * `redis` option, so its session locks are this process's too) and the kit
 * data this request loaded equal to what this process last wrote for the
 * session, the store holds what the request has: no read is needed.
 */
export function reloadSession(req: Request, provider?: string, thisProcessOnly = false): Promise<{ session: KitSession; stored: boolean }> {
  const session = requireSession(req, provider);
  if (!storeOf(req)) return Promise.resolve({ session, stored: false });
  if (thisProcessOnly) {
    const last = lastKitWrite.get(session.id);
    if (last !== undefined && last === kitDataJson(session)) return Promise.resolve({ session, stored: true });
  }
  return new Promise((resolve, reject) => {
    session.reload((err: unknown) => {
      if (!err) return resolve({ session: requireSession(req, provider), stored: true });
      if (err instanceof Error && err.message === NOT_IN_STORE && requireSession(req, provider) === session) return resolve({ session, stored: false });
      reject(new OAuthError('session_unavailable', { provider, cause: err }));
    });
  });
}
