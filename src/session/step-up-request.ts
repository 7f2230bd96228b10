/**
 * A guard's step-up request in the session (`oauth.stepUp`, see guard-stepup.ts):
 * written by the guard with its browser redirect, read by the next login of
 * that provider. Pure.
 */
import type { SessionOAuthData, StepUpRequest } from './session-data.ts';

/** How long a guard's request waits for its login to start. */
export const STEP_UP_REQUEST_TTL_MS = 10 * 60_000;

/**
 * The guard's request for this provider's next login, when fresh (read-only; the login's save deletes it).
 *
 * @example
 * ```ts
 * const ask = pendingStepUp(req.session.oauth, 'corp'); // { key, provider: 'corp', maxAge: 0, at } | undefined
 * ```
 */
export function pendingStepUp(data: SessionOAuthData | undefined, provider: string, now = Date.now()): StepUpRequest | undefined {
  const ask = data?.stepUp;
  if (!ask || ask.provider !== provider || typeof ask.at !== 'number' || now - ask.at >= STEP_UP_REQUEST_TTL_MS || now < ask.at - 60_000) return undefined;
  return ask;
}
