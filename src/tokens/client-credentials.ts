/**
 * Client credentials (machine-to-machine) tokens: cached per provider and
 * scope, fetched once for concurrent callers, refreshed when due, and shared
 * by every instance through Redis when the `redis` option is given.
 */
import { createHash } from 'node:crypto';
import { OAuthError } from '../errors.ts';
import { produceOnce } from '../shared/produce-once.ts';
import type { TokenSet } from '../types.ts';
import type { TokenContext } from './context.ts';
import { isRefreshDue } from './token-refresh.ts';

const inflight = new Map<string, Promise<TokenSet>>();

async function cached(ctx: TokenContext, key: string): Promise<TokenSet | undefined> {
  const raw = await ctx.shared.getValue(key);
  if (!raw) return undefined;
  try {
    const tokens = ctx.vault.openShared<TokenSet>(raw, 'client-credentials');
    return isRefreshDue(tokens, ctx.options.refreshSkewSeconds) ? undefined : tokens;
  } catch {
    return undefined;
  }
}

function fetchShared(ctx: TokenContext, name: string, grant: (scope: readonly string[]) => Promise<TokenSet>, scope: readonly string[], key: string): Promise<TokenSet> {
  return produceOnce(ctx.shared, {
    lock: `cc:${key}`,
    ttlMs: ctx.options.httpTimeoutMs + 5000,
    read: () => cached(ctx, key),
    produce: async () => {
      const tokens = await grant(scope);
      const ttlMs = tokens.expiresAt ? (tokens.expiresAt - ctx.options.refreshSkewSeconds) * 1000 - Date.now() : 3600_000;
      if (ttlMs > 0) await ctx.shared.setValue(key, ctx.vault.sealShared(tokens, 'client-credentials'), ttlMs);
      return tokens;
    },
    timeout: () => new OAuthError('token_exchange_failed', { provider: name, message: 'Timed out waiting for a client credentials grant in progress.' }),
  });
}

/** @throws OAuthError token_exchange_failed, unknown_provider */
export async function clientCredentialsToken(ctx: TokenContext, name: string, scope: readonly string[]): Promise<TokenSet> {
  const { client } = ctx.get(name);
  const grant = client.clientCredentials?.bind(client);
  if (!grant) throw new OAuthError('token_exchange_failed', { provider: name, message: 'Client credentials need an OAuth 2.0 provider.' });
  const key = `${name}:${createHash('sha256').update(scope.join(' ')).digest('base64url').slice(0, 16)}`;
  let job = inflight.get(key);
  if (!job) {
    job = fetchShared(ctx, name, grant, scope, key);
    inflight.set(key, job);
    const done = () => inflight.delete(key);
    job.then(done, done);
  }
  return job;
}
