/**
 * What the token code needs of the registry: a narrow view the kit
 * implements (so `tokens/` never imports the registry above it).
 */
import type { RegisteredProvider } from '../protocol/protocol-client.ts';
import type { KitLog } from '../logging/kit-log.ts';
import type { SharedState } from '../shared/shared-state.ts';
import type { AuditEvents } from '../types.ts';
import type { TokenVault } from './token-vault.ts';

/** The registry as the token code sees it. */
export interface TokenContext {
  readonly options: {
    /** Timeout of every provider call. */
    readonly httpTimeoutMs: number;
    /** Refresh tokens that expire within this many seconds. */
    readonly refreshSkewSeconds: number;
    /** The app's audit event handlers. */
    readonly events?: AuditEvents;
  };
  /** The kit's log. */
  readonly log: KitLog;
  /** Cross-instance state: Redis when `redis` is given, else this process. */
  readonly shared: SharedState;
  readonly vault: TokenVault;
  /** @throws OAuthError unknown_provider (404) */
  get(name: string): RegisteredProvider;
  /** The registered provider, or undefined. */
  find(name: string): RegisteredProvider | undefined;
}
