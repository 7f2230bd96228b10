/**
 * Which sessions belong to whom: an index from (provider, `sid`), (provider,
 * `sub`), (provider, account id) and (app user id) to the ids of the sessions
 * logged in that way, so a back-channel logout or `auth.endSessions()` can
 * end sessions it did not receive a cookie for. Kept in Redis when the
 * `redis` option is given (one sorted set per key, scored by the session's
 * expiry, so entries leave with the session; one key per command:
 * cluster-safe), else in this process's memory. Both are bounded: at most
 * {@link MAX_SESSIONS_PER_KEY} sessions per key (oldest out), and in memory at
 * most {@link MAX_MEMORY_KEYS} keys (oldest out). Index keys are hashed (no
 * user id or subject in Redis key names); members are session ids.
 */
import { createHash } from 'node:crypto';
import type { RedisLike } from '../types.ts';
import type { GrantRecord } from '../protocol/auth-checks.ts';

/** Sessions kept per index key (a user's browsers and devices); past it the oldest entry goes. */
export const MAX_SESSIONS_PER_KEY = 500;
/** Keys kept by the in-memory index. */
export const MAX_MEMORY_KEYS = 100_000;
/** Index lifetime of a session whose cookie has no expiry (connect-redis' default TTL). */
export const DEFAULT_SESSION_TTL_MS = 24 * 3600_000;

/** The index's storage. */
export interface SessionIndex {
  /** Add `sessionId` under each key until `expiresAt` (epoch ms). */
  add(keys: readonly string[], sessionId: string, expiresAt: number): Promise<void>;
  /** Remove `sessionId` from each key. */
  remove(keys: readonly string[], sessionId: string): Promise<void>;
  /** The live session ids under `key`. */
  list(key: string): Promise<string[]>;
}

/** What the index needs of a linked account (a session's `accounts[provider]`). */
export type IndexedAccount = GrantRecord & { profile?: { id?: unknown } };

const digest = (parts: string[]) => createHash('sha256').update(JSON.stringify(parts)).digest('base64url');

/** Index key of a provider session id (`sid` of the id_token). */
export const sidKey = (provider: string, sid: string) => `sid:${digest([provider, sid])}`;
/** Index key of a provider subject (`sub` of the id_token). */
export const subKey = (provider: string, sub: string) => `sub:${digest([provider, sub])}`;
/** Index key of a provider account id (`profile.id`). */
export const accountKey = (provider: string, accountId: string) => `acct:${digest([provider, accountId])}`;
/** Index key of an app user (the `id` of what `onLogin` returned). */
export const userKey = (userId: string) => `user:${digest([userId])}`;

/**
 * The stable id of an app user: its `id` member when a string or number.
 * @example
 * ```ts
 * appUserId({ id: 42, name: 'Ada' }); // '42'
 * ```
 */
export function appUserId(user: unknown): string | undefined {
  const id = user && typeof user === 'object' ? (user as { id?: unknown }).id : undefined;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? String(id) : undefined;
}

/**
 * Every index key of a logged-in session's data.
 *
 * @example
 * ```ts
 * sessionKeys({ user: { id: 7 }, accounts: { corp: { profile: { id: 'alice' }, sub: 'alice', sid: 's1' } } });
 * // [acct:…, sub:…, sid:…, user:…]
 * ```
 */
export function sessionKeys(data: { user?: unknown; accounts?: Record<string, unknown> } | undefined): string[] {
  const keys: string[] = [];
  for (const [provider, raw] of Object.entries(data?.accounts ?? {})) {
    const account = raw as IndexedAccount | undefined;
    const id = account?.profile?.id;
    if (typeof id === 'string') keys.push(accountKey(provider, id));
    if (typeof account?.sub === 'string') keys.push(subKey(provider, account.sub));
    if (typeof account?.sid === 'string') keys.push(sidKey(provider, account.sid));
  }
  const userId = appUserId(data?.user);
  if (userId !== undefined) keys.push(userKey(userId));
  return [...new Set(keys)];
}

/**
 * When a session's index entries expire: its cookie's expiry, else {@link DEFAULT_SESSION_TTL_MS} from now.
 * @example
 * ```ts
 * sessionExpiry(req.session.cookie); // epoch ms
 * ```
 */
export function sessionExpiry(cookie: { expires?: Date | null | boolean; maxAge?: number | null } | undefined, now = Date.now()): number {
  const expires = cookie?.expires;
  if (expires instanceof Date && Number.isFinite(expires.getTime())) return expires.getTime();
  if (typeof cookie?.maxAge === 'number' && cookie.maxAge > 0) return now + cookie.maxAge;
  return now + DEFAULT_SESSION_TTL_MS;
}

const PREFIX = 'oauthkit:sessions:';
const ADD_SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
local n = redis.call('ZCARD', KEYS[1])
local cap = tonumber(ARGV[4])
if n > cap then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, n - cap - 1) end
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIREAT', KEYS[1], last[2])
return 1`;
const REMOVE_SCRIPT = `
redis.call('ZREM', KEYS[1], ARGV[1])
if redis.call('ZCARD', KEYS[1]) == 0 then redis.call('DEL', KEYS[1]) end
return 1`;
const LIST_SCRIPT = `return redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf')`;

/**
 * The index on Redis / Redis Cluster.
 * @example
 * ```ts
 * const index = redisSessionIndex(redis);
 * await index.add([accountKey('corp', 'alice')], req.sessionID, Date.now() + 3600_000);
 * ```
 */
export function redisSessionIndex(redis: RedisLike): SessionIndex {
  return {
    async add(keys, sessionId, expiresAt) {
      const now = Date.now();
      await Promise.all(keys.map((k) => redis.eval(ADD_SCRIPT, 1, PREFIX + k, sessionId, Math.ceil(expiresAt), now, MAX_SESSIONS_PER_KEY)));
    },
    async remove(keys, sessionId) {
      await Promise.all(keys.map((k) => redis.eval(REMOVE_SCRIPT, 1, PREFIX + k, sessionId)));
    },
    async list(key) {
      const ids = await redis.eval(LIST_SCRIPT, 1, PREFIX + key, Date.now());
      return Array.isArray(ids) ? ids.filter((v): v is string => typeof v === 'string') : [];
    },
  };
}

/**
 * The index in this process's memory (one instance, or tests).
 * @example
 * ```ts
 * const index = memorySessionIndex();
 * await index.list(userKey('42')); // []
 * ```
 */
export function memorySessionIndex(maxKeys = MAX_MEMORY_KEYS, maxPerKey = MAX_SESSIONS_PER_KEY): SessionIndex {
  const entries = new Map<string, Map<string, number>>();
  const live = (key: string, now: number): Map<string, number> | undefined => {
    const members = entries.get(key);
    if (!members) return undefined;
    for (const [id, expires] of members) if (expires <= now) members.delete(id);
    if (members.size === 0) entries.delete(key);
    return members.size ? members : undefined;
  };
  return {
    async add(keys, sessionId, expiresAt) {
      const now = Date.now();
      for (const key of keys) {
        let members = live(key, now);
        if (!members) {
          if (entries.size >= maxKeys) entries.delete(entries.keys().next().value!);
          entries.set(key, (members = new Map()));
        }
        members.delete(sessionId);
        members.set(sessionId, expiresAt);
        while (members.size > maxPerKey) members.delete(members.keys().next().value!);
      }
    },
    async remove(keys, sessionId) {
      for (const key of keys) {
        const members = entries.get(key);
        members?.delete(sessionId);
        if (members?.size === 0) entries.delete(key);
      }
    },
    async list(key) {
      return [...(live(key, Date.now())?.keys() ?? [])];
    },
  };
}
