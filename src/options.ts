/**
 * `createRegistry` options: checked once, defaults applied. Every setup
 * mistake is an {@link OAuthConfigError} thrown at startup.
 */
import { OAuthConfigError } from './errors.ts';
import { baseUrlSchemeProblem } from './http/setup-checks.ts';
import { AUDIT_EVENT_NAMES } from './logging/audit-events.ts';
import { isKitLogger } from './logging/kit-log.ts';
import { isSecureOrLoopback } from './rules.ts';
import { safeReturnTo } from './session/return-to.ts';
import type { RegistryOptions } from './types.ts';

/** Resolved options with defaults applied. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the app's user type is the registry's business
export interface KitOptions extends Omit<RegistryOptions<any>, 'baseUrl'> {
  baseUrl: URL;
  /** Origin of baseUrl, for same-origin checks. */
  origin: string;
  /** Path part of baseUrl without trailing slash ('' at the root). */
  basePath: string;
  routePrefix: string;
  defaultReturnTo: string;
  httpTimeoutMs: number;
  maxResponseBytes: number;
  refreshSkewSeconds: number;
}

/**
 * Check `createRegistry` options and apply defaults.
 * @throws OAuthConfigError for a missing or non-https baseUrl (http only on loopback), a bad routePrefix, defaultReturnTo, number, redis or tokenStore.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function resolveOptions(options: RegistryOptions<any>): KitOptions {
  if (!options || typeof options.baseUrl !== 'string' || options.baseUrl === '') {
    throw new OAuthConfigError('createRegistry: baseUrl is required, e.g. createRegistry({ baseUrl: "https://app.example.com" }).', 'invalid_base_url');
  }
  const noScheme = baseUrlSchemeProblem(options.baseUrl);
  if (noScheme) throw new OAuthConfigError(noScheme.message, 'invalid_base_url');
  let baseUrl: URL;
  try {
    baseUrl = new URL(options.baseUrl);
  } catch {
    throw new OAuthConfigError(`createRegistry: baseUrl must be an absolute URL such as "https://app.example.com", got ${JSON.stringify(options.baseUrl)}.`, 'invalid_base_url');
  }
  if (baseUrl.protocol !== 'https:' && baseUrl.protocol !== 'http:') {
    throw new OAuthConfigError(`createRegistry: baseUrl must be an http(s) URL such as "https://app.example.com", got the scheme ${JSON.stringify(baseUrl.protocol)}.`, 'invalid_base_url');
  }
  if (!isSecureOrLoopback(baseUrl)) {
    throw new OAuthConfigError(`createRegistry: baseUrl must use https (http only on localhost / 127.0.0.1), got ${baseUrl.origin}.`, 'invalid_base_url');
  }
  if (baseUrl.search || baseUrl.hash || baseUrl.username || baseUrl.password) {
    throw new OAuthConfigError('createRegistry: baseUrl must be an origin with an optional path, without query, fragment or credentials.', 'invalid_base_url');
  }
  if (options.logger !== undefined && !isKitLogger(options.logger)) {
    throw new OAuthConfigError('createRegistry: logger must have debug, info, warn and error methods taking an object first (pino, or console).');
  }
  const events: Record<string, unknown> | undefined = options.events as Record<string, unknown> | undefined;
  if (events !== undefined) {
    if (typeof events !== 'object' || events === null) throw new OAuthConfigError('createRegistry: events must be an object of functions, e.g. { login: (e) => ... }.');
    for (const [key, value] of Object.entries(events)) {
      if (!(AUDIT_EVENT_NAMES as readonly string[]).includes(key)) {
        throw new OAuthConfigError(`createRegistry: events.${key} is not an event; the events are ${AUDIT_EVENT_NAMES.join(', ')}.`);
      }
      if (value !== undefined && typeof value !== 'function') throw new OAuthConfigError(`createRegistry: events.${key} must be a function.`);
    }
  }
  const routePrefix = (options.routePrefix ?? '/auth').replace(/\/+$/, '');
  if (!/^\/[A-Za-z0-9/_-]*$/.test(routePrefix)) {
    throw new OAuthConfigError(`createRegistry: routePrefix must be a path such as "/auth", got ${JSON.stringify(options.routePrefix)}.`);
  }
  const defaultReturnTo = options.defaultReturnTo ?? '/';
  if (safeReturnTo(defaultReturnTo, '') !== defaultReturnTo) {
    throw new OAuthConfigError(`createRegistry: defaultReturnTo must be a same-origin path such as "/", got ${JSON.stringify(defaultReturnTo)}.`);
  }
  const positive = (name: string, value: number | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value <= 0) throw new OAuthConfigError(`createRegistry: ${name} must be a positive number.`);
    return value;
  };
  const redis = options.redis;
  if (redis !== undefined && (typeof redis.set !== 'function' || typeof redis.eval !== 'function')) {
    throw new OAuthConfigError('createRegistry: redis must be an ioredis Redis or Cluster client.');
  }
  const store: Partial<Record<string, unknown>> | undefined = options.tokenStore as unknown as Partial<Record<string, unknown>> | undefined;
  if (store !== undefined && !['get', 'set', 'delete'].every((m) => typeof store[m] === 'function')) {
    throw new OAuthConfigError('createRegistry: tokenStore must have get(key), set(key, tokens) and delete(key) methods.');
  }
  return {
    ...options,
    baseUrl,
    origin: baseUrl.origin,
    basePath: baseUrl.pathname.replace(/\/+$/, ''),
    routePrefix,
    defaultReturnTo,
    httpTimeoutMs: positive('httpTimeoutMs', options.httpTimeoutMs, 10_000),
    maxResponseBytes: positive('maxResponseBytes', options.maxResponseBytes, 1024 * 1024),
    refreshSkewSeconds: options.refreshSkewSeconds ?? 60,
  };
}
