/**
 * `createRegistry` options: checked once, defaults applied. Every setup
 * mistake is an {@link OAuthConfigError} thrown at startup.
 */
import { OAuthConfigError } from './errors.ts';
import { isSecureOrLoopback } from './rules.ts';
import { safeReturnTo } from './session/return-to.ts';
import type { RegistryOptions } from './types.ts';

/** Resolved options with defaults applied. */
export interface KitOptions extends Omit<RegistryOptions, 'baseUrl'> {
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
export function resolveOptions(options: RegistryOptions): KitOptions {
  if (!options || typeof options.baseUrl !== 'string') {
    throw new OAuthConfigError('createRegistry: baseUrl is required, e.g. createRegistry({ baseUrl: "https://app.example.com" }).');
  }
  let baseUrl: URL;
  try {
    baseUrl = new URL(options.baseUrl);
  } catch {
    throw new OAuthConfigError(`createRegistry: baseUrl must be an absolute URL such as "https://app.example.com", got ${JSON.stringify(options.baseUrl)}.`);
  }
  if (!isSecureOrLoopback(baseUrl)) {
    throw new OAuthConfigError(`createRegistry: baseUrl must use https (http only on localhost / 127.0.0.1), got ${baseUrl.origin}.`);
  }
  if (baseUrl.search || baseUrl.hash || baseUrl.username || baseUrl.password) {
    throw new OAuthConfigError('createRegistry: baseUrl must be an origin with an optional path, without query, fragment or credentials.');
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
