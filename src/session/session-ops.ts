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

/** Save the session now (before any redirect). */
export function saveSession(req: Request, provider?: string): Promise<void> {
  const session = requireSession(req, provider);
  return promisify((cb) => session.save(cb), provider);
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

/**
 * Reload the session from the store when it is stored already, so a change
 * made just now by a concurrent request (another tab's pending login) is not
 * overwritten by this request's save. A session not yet in the store is kept;
 * `stored` says which it was.
 */
export function reloadSession(req: Request, provider?: string): Promise<{ session: KitSession; stored: boolean }> {
  const session = requireSession(req, provider);
  const store = storeOf(req);
  if (!store) return Promise.resolve({ session, stored: false });
  return new Promise((resolve, reject) => {
    store.get(session.id, (err, stored) => {
      if (err) return reject(new OAuthError('session_unavailable', { provider, cause: err }));
      if (!stored) return resolve({ session, stored: false });
      session.reload((reloadErr) =>
        reloadErr ? reject(new OAuthError('session_unavailable', { provider, cause: reloadErr })) : resolve({ session: requireSession(req, provider), stored: true }),
      );
    });
  });
}
