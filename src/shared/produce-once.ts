/**
 * "Produce once across instances": read a shared result; if there is none,
 * take the shared lock and produce it (re-reading first); if another instance
 * holds the lock, wait for its result. Used by the token refresh and the
 * client-credentials cache.
 */
import type { LockFence, SharedState } from './shared-state.ts';

const WAIT_STEP_MS = 50;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How one shared result is read, made and waited for. */
export interface ProduceOnce<T> {
  lock: string;
  /** Lock lifetime, and how long a waiter waits for the holder. */
  ttlMs: number;
  /** The shared result if it is there (and still good). */
  read(): Promise<T | undefined>;
  /**
   * Make it and publish it (called with the lock held, which is renewed while
   * it runs); pass `fence` to the publish so a holder that lost the lock cannot
   * overwrite a newer result.
   */
  produce(fence: LockFence): Promise<T>;
  /** The error when the holder never published within `ttlMs`. */
  timeout(): Error;
}

/** Run a {@link ProduceOnce}: at most one producer at a time across every instance sharing `shared`. */
export async function produceOnce<T>(shared: SharedState, job: ProduceOnce<T>): Promise<T> {
  const deadline = Date.now() + job.ttlMs;
  for (;;) {
    const hit = await job.read();
    if (hit !== undefined) return hit;
    const owner = await shared.acquireLock(job.lock, job.ttlMs);
    if (owner) {
      // Keep the lock while producing takes long (an OIDC refresh may make two bounded calls: the
      // grant, then a JWKS refetch), so no other instance starts a second producer meanwhile.
      const renew = setInterval(() => void shared.renewLock(job.lock, owner, job.ttlMs).catch(() => false), Math.max(50, Math.floor(job.ttlMs / 3)));
      renew.unref();
      try {
        return (await job.read()) ?? (await job.produce({ lock: job.lock, owner }));
      } finally {
        clearInterval(renew);
        await shared.releaseLock(job.lock, owner).catch(() => {});
      }
    }
    if (Date.now() > deadline) throw job.timeout();
    await sleep(WAIT_STEP_MS);
  }
}
