/**
 * Client credentials (machine-to-machine) tokens: cached per provider and
 * scope, fetched once for concurrent callers, refreshed when due, and shared
 * by every instance through Redis when the `redis` option is given.
 */
import { createHash } from 'node:crypto';
import { OAuthError } from '../errors.ts';
import type { Kit } from '../kit.ts';
import type { TokenSet } from '../types.ts';
import { produceOnce } from './produce-once.ts';
import { isRefreshDue } from './token-access.ts';

const inflight = new Map<string, Promise<TokenSet>>();

async function cached(kit: Kit, key: string): Promise<TokenSet | undefined> {
  const raw = await kit.shared.getValue(key);
  if (!raw) return undefined;
  try {
    const tokens = kit.vault.openShared<TokenSet>(raw, 'client-credentials');
    return isRefreshDue(tokens, kit.options.refreshSkewSeconds) ? undefined : tokens;
  } catch {
    return undefined;
  }
}

function fetchShared(kit: Kit, name: string, scope: readonly string[], key: string): Promise<TokenSet> {
  const adapter = kit.get(name).adapter!;
  return produceOnce(kit.shared, {
    lock: `cc:${key}`,
    ttlMs: kit.options.httpTimeoutMs + 5000,
    read: () => cached(kit, key),
    produce: async () => {
      const tokens = await adapter.clientCredentials(scope);
      const ttlMs = tokens.expiresAt ? (tokens.expiresAt - kit.options.refreshSkewSeconds) * 1000 - Date.now() : 3600_000;
      if (ttlMs > 0) await kit.shared.setValue(key, kit.vault.sealShared(tokens, 'client-credentials'), ttlMs);
      return tokens;
    },
    timeout: () => new OAuthError('token_exchange_failed', { provider: name, message: 'Timed out waiting for a client credentials grant in progress.' }),
  });
}

/** @throws OAuthError token_exchange_failed, unknown_provider */
export async function clientCredentialsToken(kit: Kit, name: string, scope: readonly string[]): Promise<TokenSet> {
  const entry = kit.get(name);
  if (!entry.adapter) throw new OAuthError('token_exchange_failed', { provider: name, message: 'Client credentials need an OAuth 2.0 provider.' });
  const key = `${name}:${createHash('sha256').update(scope.join(' ')).digest('base64url').slice(0, 16)}`;
  let job = inflight.get(key);
  if (!job) {
    job = fetchShared(kit, name, scope, key);
    inflight.set(key, job);
    const done = () => inflight.delete(key);
    job.then(done, done);
  }
  return job;
}
