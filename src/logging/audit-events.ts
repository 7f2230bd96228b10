/**
 * Audit events: the app's own callbacks for what happened to a login, each
 * with the provider, the provider account id, the app user and the request id
 * — never a token. A handler that throws or rejects is logged and otherwise
 * ignored: an audit sink never breaks a login.
 */
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { AuditEvents, AuditFailureEvent } from '../types.ts';
import type { KitLog } from './kit-log.ts';

/** The name of an audit event. */
export type AuditEventName = keyof AuditEvents;

const REQUEST_ID_RULE = /^[A-Za-z0-9._:-]{1,128}$/;
const madeIds = new WeakMap<object, string>();

/**
 * The request's id: `req.id` when a logger middleware set one, else the
 * `X-Request-Id` header when it is a plain token, else a random UUID made once
 * per request.
 *
 * @example
 * ```ts
 * requestIdOf(req); // '7f9c…' or the X-Request-Id your proxy set
 * ```
 */
export function requestIdOf(req: Request | undefined): string {
  if (!req) return randomUUID();
  const own = (req as Request & { id?: unknown }).id;
  if ((typeof own === 'string' && REQUEST_ID_RULE.test(own)) || (typeof own === 'number' && Number.isFinite(own))) return String(own);
  const header = req.headers?.['x-request-id'];
  if (typeof header === 'string' && REQUEST_ID_RULE.test(header)) return header;
  let id = madeIds.get(req);
  if (!id) {
    id = randomUUID();
    madeIds.set(req, id);
  }
  return id;
}

/**
 * Call the app's handler for `name`, if any, without letting it fail the
 * request: a throw or a rejection is logged (`audit.handler_failed`).
 *
 * @example
 * ```ts
 * import { createKitLog } from './kit-log.ts';
 *
 * const log = createKitLog(console);
 * const events: AuditEvents = { login: (e) => console.info('login', e.provider, e.accountId, e.requestId) };
 * const user = { id: 7, name: 'Ada' }; // what onLogin returned
 * emitAuditEvent(events, log, 'login', { provider: 'github', accountId: '1', user, requestId: requestIdOf(req) });
 * ```
 */
export function emitAuditEvent<N extends AuditEventName>(
  events: AuditEvents | undefined,
  log: KitLog,
  name: N,
  event: Parameters<NonNullable<AuditEvents[N]>>[0],
): void {
  const handler = events?.[name] as ((e: typeof event) => void | Promise<void>) | undefined;
  log.write('debug', { event: `audit.${name}`, provider: event.provider, accountId: event.accountId, requestId: event.requestId, code: (event as Partial<AuditFailureEvent>).code }, `audit event ${name}`);
  if (!handler) return;
  const failed = (): void =>
    log.write('error', { event: 'audit.handler_failed', provider: event.provider, requestId: event.requestId, code: name }, `the events.${name} handler threw; the request went on`);
  try {
    const out = handler(Object.freeze({ ...event }));
    if (out && typeof (out as Promise<void>).catch === 'function') (out as Promise<void>).catch(failed);
  } catch {
    failed();
  }
}

/** Names `createRegistry()` accepts under `events`. */
export const AUDIT_EVENT_NAMES: readonly AuditEventName[] = Object.freeze(['login', 'loginFailed', 'logout', 'link', 'unlink', 'refresh', 'refreshFailed']);
