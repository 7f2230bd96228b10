/**
 * The kit's own log: every line goes to the `debug` package under
 * `express-oauth-kit:<area>` (so `DEBUG=express-oauth-kit:*` shows it, as in
 * the rest of the Express ecosystem) and, from `info` up, to the app's
 * `logger` (pino, or anything with `debug` / `info` / `warn` / `error` that
 * takes an object first, such as `console`).
 *
 * What is logged is built from an allow-list of fields with plain values: a
 * token, a code, a secret or a provider's response body cannot reach a log
 * line through here, whatever a caller passes.
 */
import createDebug from 'debug';
import { sanitizeCause, type OAuthErrorCause } from '../errors.ts';
import type { KitLogger } from '../types.ts';

export type { KitLogger };

/** The fields a kit log line may carry; anything else is dropped. */
export interface KitLogFields {
  /** What happened, e.g. `login.failed`, `setup.same_site`. */
  event: string;
  provider?: string;
  /** An `OAuthError` / `OAuthConfigError` code. */
  code?: string;
  status?: number;
  /** Sanitised again on the way out: `{ error?, error_description?, status?, code? }` only. */
  cause?: OAuthErrorCause | unknown;
  /** The request's id (`req.id`, `X-Request-Id`, or one the kit made). */
  requestId?: string;
  /** The provider account id (`profile.id`). */
  accountId?: string;
  /** What to do about it. */
  hint?: string;
  /** The request path, without its query (a callback's query holds the code). */
  path?: string;
  method?: string;
}

/** Levels, lowest first. */
export type KitLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The kit's log, made by {@link createKitLog}. */
export interface KitLog {
  /** Log one line at `level`; `message` is a fixed text of the kit. */
  write(level: KitLogLevel, fields: KitLogFields, message: string): void;
  /** Like `write`, once per `key` for the life of the registry (setup warnings). */
  once(key: string, level: KitLogLevel, fields: KitLogFields, message: string): void;
}

const TEXT_FIELDS = ['event', 'provider', 'code', 'requestId', 'accountId', 'hint', 'method'] as const;
const MAX_TEXT = 300;

function cleanText(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value.length === 0) return undefined;
  return value.replace(/[\x00-\x1f\x7f-\x9f]/g, ' ').slice(0, MAX_TEXT);
}

/**
 * The allow-listed, plain-valued copy of `fields` that is actually logged.
 *
 * @example
 * ```ts
 * safeLogFields({ event: 'login.failed', cause: { error: 'invalid_grant', access_token: 'x' } });
 * // { event: 'login.failed', cause: { error: 'invalid_grant' } }
 * ```
 */
export function safeLogFields(fields: KitLogFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of TEXT_FIELDS) {
    const value = cleanText(fields[key]);
    if (value !== undefined) out[key] = value;
  }
  if (typeof fields.status === 'number' && Number.isInteger(fields.status)) out.status = fields.status;
  // A path only: the query of a callback carries the authorization code.
  const path = cleanText(fields.path)?.split(/[?#]/)[0];
  if (path) out.path = path;
  const cause = fields.cause === undefined ? undefined : sanitizeCause(fields.cause);
  if (cause) out.cause = { ...cause };
  return out;
}

const debuggers = new Map<string, createDebug.Debugger>();

function debuggerFor(event: string): createDebug.Debugger {
  const area = /^[a-z_]+/.exec(event)?.[0] ?? 'kit';
  let d = debuggers.get(area);
  if (!d) {
    d = createDebug(`express-oauth-kit:${area}`);
    debuggers.set(area, d);
  }
  return d;
}

/**
 * Make the kit's log over the app's `logger` (optional): `debug` lines only go
 * to `DEBUG=express-oauth-kit:*`; `info` and up go there and to the logger.
 *
 * @example
 * ```ts
 * const log = createKitLog(console); // or the app's pino logger: createKitLog(pino())
 * log.write('warn', { event: 'login.failed', provider: 'github', code: 'token_exchange_failed' }, 'login failed');
 * ```
 */
export function createKitLog(logger?: KitLogger): KitLog {
  const said = new Set<string>();
  const write = (level: KitLogLevel, fields: KitLogFields, message: string): void => {
    // Nothing is built for a line nobody reads (debug lines are on every login's path).
    const d = debuggerFor(typeof fields.event === 'string' ? fields.event : 'kit');
    const toLogger = level !== 'debug' && logger !== undefined;
    if (!d.enabled && !toLogger) return;
    const safe = safeLogFields(fields);
    if (d.enabled) d('%s %o', message, safe);
    if (!toLogger) return;
    try {
      logger[level](safe, message);
    } catch {
      // A logger that throws must not turn a login into a 500.
    }
  };
  return {
    write,
    once(key, level, fields, message) {
      if (said.has(key)) return;
      said.add(key);
      write(level, fields, message);
    },
  };
}

/**
 * Check a `logger` option at `createRegistry()`: it must have the four level methods.
 *
 * @example
 * ```ts
 * isKitLogger(console); // true
 * ```
 */
export function isKitLogger(value: unknown): value is KitLogger {
  if (!value || (typeof value !== 'object' && typeof value !== 'function')) return false;
  const v = value as Record<string, unknown>;
  return ['debug', 'info', 'warn', 'error'].every((level) => typeof v[level] === 'function');
}
