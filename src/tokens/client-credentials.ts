/**
 * Client credentials (machine-to-machine) tokens: cached per provider and
 * scope, fetched once for concurrent callers, refreshed when due.
 */
import { OAuthError } from '../errors.ts';
import type { Kit } from '../kit.ts';
import type { TokenSet } from '../types.ts';
import { isRefreshDue } from './token-access.ts';

const cache = new WeakMap<Kit, Map<string, { tokens?: TokenSet; job?: Promise<TokenSet> }>>();

/** @throws OAuthError token_exchange_failed, unknown_provider */
export async function clientCredentialsToken(kit: Kit, name: string, scope: readonly string[]): Promise<TokenSet> {
  const entry = kit.get(name);
  if (!entry.adapter) throw new OAuthError('token_exchange_failed', { provider: name, message: 'Client credentials need an OAuth 2.0 provider.' });
  let perKit = cache.get(kit);
  if (!perKit) cache.set(kit, (perKit = new Map()));
  const key = `${name}\0${scope.join(' ')}`;
  let slot = perKit.get(key);
  if (!slot) perKit.set(key, (slot = {}));
  if (slot.tokens && !isRefreshDue(slot.tokens, kit.options.refreshSkewSeconds)) return slot.tokens;
  if (!slot.job) {
    const s = slot;
    s.job = entry.adapter.clientCredentials(scope).then(
      (tokens) => {
        s.tokens = tokens;
        s.job = undefined;
        return tokens;
      },
      (err) => {
        s.job = undefined;
        throw err;
      },
    );
  }
  return slot.job!;
}
