/**
 * What the token code needs of the registry: a narrow view the kit
 * implements (so `tokens/` never imports the registry above it).
 */
import type { RegisteredProvider } from '../protocol/protocol-client.ts';
import type { SharedState } from '../shared/shared-state.ts';
import type { TokenVault } from './token-vault.ts';

/** The registry as the token code sees it. */
export interface TokenContext {
  readonly options: {
    /** Timeout of every provider call. */
    readonly httpTimeoutMs: number;
    /** Refresh tokens that expire within this many seconds. */
    readonly refreshSkewSeconds: number;
  };
  /** Cross-instance state: Redis when `redis` is given, else this process. */
  readonly shared: SharedState;
  readonly vault: TokenVault;
  /** @throws OAuthError unknown_provider (404) */
  get(name: string): RegisteredProvider;
  /** The registered provider, or undefined. */
  find(name: string): RegisteredProvider | undefined;
}
