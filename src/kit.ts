/**
 * The registry's internal state, shared by routes, guard and request handle:
 * the resolved options, the registered providers with their protocol
 * clients, shared state and the token vault. It is the one object that
 * implements the narrow views the lower layers declare (`HttpContext` ⊃
 * `SessionContext` ⊃ `TokenContext`). Not exported from the package.
 */
import { OAuthConfigError } from './errors.ts';
import type { HttpContext } from './http/context.ts';
import { resolveOptions, type KitOptions } from './options.ts';
import { createProtocolClient } from './protocol/create-client.ts';
import type { RegisteredProvider } from './protocol/protocol-client.ts';
import { memorySharedState, redisSharedState, withStoreErrors, type SharedState } from './shared/shared-state.ts';
import { createTokenCipher } from './tokens/token-cipher.ts';
import { TokenVault } from './tokens/token-vault.ts';
import { RequestChecks } from './http/request-checks.ts';
import { CONSOLE_WARNINGS, unknownProvider } from './http/responses.ts';
import { productionHttpProblem } from './http/setup-checks.ts';
import { createKitLog, type KitLog } from './logging/kit-log.ts';
import type { Provider, RegistryOptions } from './types.ts';
import { memorySessionIndex, redisSessionIndex, type SessionIndex } from './session/session-index.ts';

/** The registry's shared state. */
export class Kit implements HttpContext {
  readonly options: KitOptions;
  readonly providers = new Map<string, RegisteredProvider>();
  /** Cross-instance state: Redis when `redis` is given, else this process. */
  readonly shared: SharedState;
  readonly vault: TokenVault;
  /** Which sessions belong to which provider session, subject, account and app user (back-channel logout, endSessions). */
  readonly sessions: SessionIndex;
  /** The kit's log: `DEBUG=express-oauth-kit:*`, and the `logger` option (warnings and errors to `console` without one). */
  readonly log: KitLog;
  /** The setup checks made on the first requests through the router. */
  readonly checks: RequestChecks;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the app's user type is the registry's business, not the kit's
  constructor(options: RegistryOptions<any>) {
    this.options = resolveOptions(options);
    this.log = createKitLog(this.options.logger ?? CONSOLE_WARNINGS);
    const report = (problem: { code: string; message: string }) =>
      this.log.once(problem.code, 'warn', { event: `setup.${problem.code}`, code: problem.code, hint: problem.message }, `express-oauth-kit setup: ${problem.message}`);
    const production = productionHttpProblem(this.options.baseUrl, process.env.NODE_ENV);
    if (production) report(production);
    this.checks = new RequestChecks({ basePath: this.options.basePath, routePrefix: this.options.routePrefix, providerCount: () => this.providers.size }, report);
    const redis = this.options.redis;
    this.shared = redis ? withStoreErrors(redisSharedState(redis)) : memorySharedState();
    this.sessions = redis ? (withStoreErrors(redisSessionIndex(redis) as never) as unknown as SessionIndex) : memorySessionIndex();
    const cipher = this.options.tokenEncryptionKeys ? createTokenCipher(this.options.tokenEncryptionKeys) : undefined;
    this.vault = new TokenVault(cipher, this.options.tokenStore);
  }

  /** @throws OAuthConfigError for a value that is not a provider, a duplicate name, or a client that cannot be built. */
  add(provider: Provider): void {
    if (!provider || typeof provider !== 'object' || typeof provider.name !== 'string' || !provider.protocol) {
      throw new OAuthConfigError('register() takes a provider object made by a preset, e.g. auth.register(github({ clientId, clientSecret })).', 'invalid_option');
    }
    if (provider.name === 'logout') {
      throw new OAuthConfigError('A provider cannot be named "logout": /auth/logout/callback is the return route of a logout at the provider; pass another name: "...".');
    }
    if (this.providers.has(provider.name)) {
      throw new OAuthConfigError(`A provider named "${provider.name}" is already registered; pass name: "..." to register a second one.`, 'duplicate_provider');
    }
    const client = createProtocolClient(provider, { timeoutMs: this.options.httpTimeoutMs, maxBytes: this.options.maxResponseBytes });
    this.providers.set(provider.name, { provider, client });
  }

  /** @throws OAuthError unknown_provider (404) */
  get(name: string): RegisteredProvider {
    const entry = this.providers.get(name);
    if (!entry) throw unknownProvider(name, [...this.providers.keys()]);
    return entry;
  }

  find(name: string): RegisteredProvider | undefined {
    return this.providers.get(name);
  }

  redirectUri(mountPath: string, name: string): string {
    return `${this.options.origin}${this.options.basePath}${mountPath}${this.options.routePrefix}/${name}/callback`;
  }

  loginPath(mountPath: string, name: string): string {
    return `${this.options.basePath}${mountPath}${this.options.routePrefix}/${name}/login`;
  }

  chooserPath(mountPath: string): string {
    return `${this.options.basePath}${mountPath}${this.options.routePrefix}/login`;
  }
}
