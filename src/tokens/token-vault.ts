/**
 * Where a linked account's tokens are kept: in the session (plain, or sealed
 * with `tokenEncryptionKeys`), or in the app's own `tokenStore`. The routes and
 * `req.oauth` read and write tokens only through here.
 */
import { OAuthError } from '../errors.ts';
import type { Profile, TokenSet, TokenStore, TokenStoreKey } from '../types.ts';
import type { SealPurpose, TokenCipher } from './token-cipher.ts';
import type { GrantRecord } from '../protocol/auth-checks.ts';

/** A linked account as kept in `req.session.oauth.accounts[provider]` (with what the guard and logout need: {@link GrantRecord}). */
export interface AccountRecord extends GrantRecord {
  profile: Profile;
  /** Plain tokens, `{ sealed }` when encrypted, absent when a tokenStore keeps them. */
  tokens?: TokenSet | { sealed: string };
  linkedAt?: number;
}

/** Reads and writes tokens for accounts. */
export class TokenVault {
  constructor(
    private readonly cipher: TokenCipher | undefined,
    private readonly tokenStore: TokenStore | undefined,
  ) {}

  /** True when an app tokenStore keeps the tokens (the session holds none). */
  get usesStore(): boolean {
    return this.tokenStore !== undefined;
  }

  /** The key a tokenStore sees. */
  storeKey(provider: string, record: AccountRecord, user: unknown): TokenStoreKey {
    return { provider, accountId: record.profile.id, user };
  }

  /**
   * The account's tokens, or undefined.
   * @throws OAuthError login_required when sealed tokens cannot be opened (key removed).
   */
  async read(provider: string, record: AccountRecord, user: unknown): Promise<TokenSet | undefined> {
    if (this.tokenStore) return (await this.tokenStore.get(this.storeKey(provider, record, user))) ?? undefined;
    const t = record.tokens;
    if (!t) return undefined;
    if ('sealed' in t) {
      if (!this.cipher) throw new OAuthError('login_required', { provider, message: 'Stored tokens are encrypted but no tokenEncryptionKeys are configured.' });
      try {
        return this.cipher.open(t.sealed, 'session-tokens') as TokenSet;
      } catch (err) {
        throw new OAuthError('login_required', { provider, cause: err, message: 'Stored tokens could not be decrypted; please log in again.' });
      }
    }
    return t;
  }

  /** Store tokens for the account (mutates `record`; the caller saves the session). */
  async write(provider: string, record: AccountRecord, user: unknown, tokens: TokenSet): Promise<void> {
    if (this.tokenStore) {
      await this.tokenStore.set(this.storeKey(provider, record, user), tokens);
      delete record.tokens;
      return;
    }
    record.tokens = this.cipher ? { sealed: this.cipher.seal(tokens, 'session-tokens') } : tokens;
  }

  /** Forget the account's tokens in the tokenStore (the session copy goes with the account). */
  async remove(provider: string, record: AccountRecord, user: unknown): Promise<void> {
    if (this.tokenStore) await this.tokenStore.delete(this.storeKey(provider, record, user));
  }

  /** Serialise a value for shared state (sealed when encryption is on). */
  sealShared(value: unknown, purpose: SealPurpose): string {
    return this.cipher ? this.cipher.seal(value, purpose) : JSON.stringify(value);
  }

  /** @throws Error when the value cannot be read. */
  openShared<T = TokenSet>(value: string, purpose: SealPurpose): T {
    return (this.cipher ? this.cipher.open(value, purpose) : JSON.parse(value)) as T;
  }
}
