/**
 * Serialise the read-modify-write of one session's pending logins, so two tabs
 * starting a login at the same moment both keep theirs (SECURITY S-14):
 * a promise chain per session in this process, plus a short shared lock
 * (Redis, when the `redis` option is given) across instances.
 */
import type { SharedState } from './shared-state.ts';

const chains = new Map<string, Promise<unknown>>();
const LOCK_TTL_MS = 5_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withSharedLock<T>(shared: SharedState, name: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_TTL_MS;
  let owner: string | undefined;
  while (!(owner = await shared.acquireLock(name, LOCK_TTL_MS))) {
    if (Date.now() > deadline) return fn(); // the holder died: go on rather than fail the login
    await sleep(10);
  }
  try {
    return await fn();
  } finally {
    await shared.releaseLock(name, owner).catch(() => {});
  }
}

/**
 * Run `fn` while no other request of this session runs its own `fn`. When the
 * shared state lives in this process (no `redis` option) the per-session
 * promise chain is the whole lock: a shared lock in this same process would
 * only repeat it.
 */
export function withSessionLock<T>(shared: SharedState, sessionId: string, fn: () => Promise<T>): Promise<T> {
  const thisProcessOnly = shared.inProcess === true;
  const previous = chains.get(sessionId);
  const run = previous
    ? previous.catch(() => {}).then(() => (thisProcessOnly ? fn() : withSharedLock(shared, `session:${sessionId}`, fn)))
    : thisProcessOnly
      ? fn()
      : withSharedLock(shared, `session:${sessionId}`, fn);
  chains.set(sessionId, run);
  const cleanup = () => {
    if (chains.get(sessionId) === run) chains.delete(sessionId);
  };
  run.then(cleanup, cleanup);
  return run;
}
