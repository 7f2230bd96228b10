/**
 * The registry's internal state, shared by routes, guard and request handle.
 * Not exported from the package.
 */
import { OAuthConfigError, OAuthError } from './errors.ts';
import { createBoundedFetch, type FetchLike, type FetchLimits } from './protocol/bounded-fetch.ts';
import { OpenIdAdapter } from './protocol/openid-adapter.ts';
import { isLoopbackHost } from './providers/define.ts';
import { safeReturnTo } from './session/return-to.ts';
import { memorySharedState, redisSharedState, withStoreErrors, type SharedState } from './tokens/shared-state.ts';
import { createTokenCipher } from './tokens/token-cipher.ts';
import { TokenVault } from './tokens/token-vault.ts';
import type { Provider, RegistryOptions } from './types.ts';
import { memorySessionIndex, redisSessionIndex, type SessionIndex } from './session/session-index.ts';

/** A provider plus what the kit built for it. */
export interface RegisteredProvider {
  provider: Provider;
  /** OAuth 2.0 / OIDC only. */
  adapter?: OpenIdAdapter;
  fetch: FetchLike;
}

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

function resolveOptions(options: RegistryOptions): KitOptions {
  if (!options || typeof options.baseUrl !== 'string') {
    throw new OAuthConfigError('createRegistry: baseUrl is required, e.g. createRegistry({ baseUrl: "https://app.example.com" }).');
  }
  let baseUrl: URL;
  try {
    baseUrl = new URL(options.baseUrl);
  } catch {
    throw new OAuthConfigError(`createRegistry: baseUrl must be an absolute URL such as "https://app.example.com", got ${JSON.stringify(options.baseUrl)}.`);
  }
  if (baseUrl.protocol !== 'https:' && !(baseUrl.protocol === 'http:' && isLoopbackHost(baseUrl.hostname))) {
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

/** The registry's shared state. */
export class Kit {
  readonly options: KitOptions;
  readonly providers = new Map<string, RegisteredProvider>();
  /** Cross-instance state: Redis when `redis` is given, else this process. */
  readonly shared: SharedState;
  readonly vault: TokenVault;
  /** Which sessions belong to which provider session, subject, account and app user (back-channel logout, endSessions). */
  readonly sessions: SessionIndex;
  readonly limits: FetchLimits;

  constructor(options: RegistryOptions) {
    this.options = resolveOptions(options);
    this.limits = { timeoutMs: this.options.httpTimeoutMs, maxBytes: this.options.maxResponseBytes };
    const redis = this.options.redis;
    if (redis !== undefined && (typeof redis.set !== 'function' || typeof redis.eval !== 'function')) {
      throw new OAuthConfigError('createRegistry: redis must be an ioredis Redis or Cluster client.');
    }
    this.shared = redis ? withStoreErrors(redisSharedState(redis)) : memorySharedState();
    this.sessions = redis ? (withStoreErrors(redisSessionIndex(redis) as never) as unknown as SessionIndex) : memorySessionIndex();
    const cipher = this.options.tokenEncryptionKeys ? createTokenCipher(this.options.tokenEncryptionKeys) : undefined;
    const store = this.options.tokenStore;
    if (store !== undefined && !['get', 'set', 'delete'].every((m) => typeof (store as unknown as Record<string, unknown>)[m] === 'function')) {
      throw new OAuthConfigError('createRegistry: tokenStore must have get(key), set(key, tokens) and delete(key) methods.');
    }
    this.vault = new TokenVault(cipher, store);
  }

  add(provider: Provider): void {
    if (!provider || typeof provider !== 'object' || typeof provider.name !== 'string' || !provider.protocol) {
      throw new OAuthConfigError('register() takes a provider object made by a preset, e.g. auth.register(github({ clientId, clientSecret })).');
    }
    if (provider.name === 'logout') {
      throw new OAuthConfigError('A provider cannot be named "logout": /auth/logout/callback is the return route of a logout at the provider; pass another name: "...".');
    }
    if (this.providers.has(provider.name)) {
      throw new OAuthConfigError(`A provider named "${provider.name}" is already registered; pass name: "..." to register a second one.`);
    }
    const fetch = createBoundedFetch(this.limits);
    this.providers.set(provider.name, {
      provider,
      fetch,
      adapter: provider.protocol === 'oauth1' ? undefined : new OpenIdAdapter(provider, this.limits),
    });
  }

  /** @throws OAuthError unknown_provider (404) */
  get(name: string): RegisteredProvider {
    const entry = this.providers.get(name);
    if (!entry) throw new OAuthError('unknown_provider', { provider: /^[a-z0-9][a-z0-9_-]{0,39}$/.test(name) ? name : undefined });
    return entry;
  }

  /** The callback URL registered at the provider, built from configuration only (never Host headers). */
  redirectUri(mountPath: string, name: string): string {
    return `${this.options.origin}${this.options.basePath}${mountPath}${this.options.routePrefix}/${name}/callback`;
  }

  /** Path (within the app) of a provider's login route. */
  loginPath(mountPath: string, name: string): string {
    return `${this.options.basePath}${mountPath}${this.options.routePrefix}/${name}/login`;
  }

  /** Path of the built-in chooser page. */
  chooserPath(mountPath: string): string {
    return `${this.options.basePath}${mountPath}${this.options.routePrefix}/login`;
  }
}
