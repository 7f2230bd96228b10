/**
 * State that must be shared by every instance of the app: the newest token
 * set of a token family (so the newest tokens win over a stale session save),
 * refresh locks, and single-use markers for callback states. Backed by Redis
 * (or Redis Cluster: one key per command) when the `redis` option is given,
 * else by this process's memory.
 */
import { randomBytes } from 'node:crypto';
import { OAuthError } from '../errors.ts';
import type { RedisLike } from '../types.ts';

/** What the kit needs from shared storage. */
export interface SharedState {
  /** The newest published value of a family (sealed string), with its version. */
  getLatest(family: string): Promise<{ version: number; value: string } | undefined>;
  /** Publish `value` as `version` unless a newer or equal version is stored. Returns true when stored. */
  publishLatest(family: string, version: number, value: string, ttlMs: number): Promise<boolean>;
  /** Try to take a lock; returns the owner token, or undefined when someone else holds it. */
  acquireLock(name: string, ttlMs: number): Promise<string | undefined>;
  /** Release a lock only if `token` still owns it. */
  releaseLock(name: string, token: string): Promise<void>;
  /** True the first time `key` is seen within `ttlMs`, false after. */
  markOnce(key: string, ttlMs: number): Promise<boolean>;
  /** A cached value (client credentials). */
  getValue(key: string): Promise<string | undefined>;
  setValue(key: string, value: string, ttlMs: number): Promise<void>;
  /** Read and delete a value atomically (used once). */
  takeValue(key: string): Promise<string | undefined>;
}

const PREFIX = 'oauthkit:';

// Compare-and-set on a version kept in the value itself ("<version>|<payload>"), one key: cluster-safe.
const PUBLISH_SCRIPT = `
local cur = redis.call('GET', KEYS[1])
if cur then
  local v = tonumber(string.match(cur, '^(%d+)|'))
  if v and v >= tonumber(ARGV[1]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[2], 'PX', ARGV[3])
return 1`;
const TAKE_SCRIPT = `
local v = redis.call('GET', KEYS[1])
if v then redis.call('DEL', KEYS[1]) end
return v`;
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

function parseVersioned(raw: string | null | undefined): { version: number; value: string } | undefined {
  if (!raw) return undefined;
  const i = raw.indexOf('|');
  const version = Number(raw.slice(0, i));
  if (i < 1 || !Number.isSafeInteger(version)) return undefined;
  return { version, value: raw.slice(i + 1) };
}

/** Shared state on Redis / Redis Cluster. */
export function redisSharedState(redis: RedisLike): SharedState {
  return {
    async getLatest(family) {
      return parseVersioned(await redis.get(`${PREFIX}tokens:${family}`));
    },
    async publishLatest(family, version, value, ttlMs) {
      return (await redis.eval(PUBLISH_SCRIPT, 1, `${PREFIX}tokens:${family}`, version, value, Math.ceil(ttlMs))) === 1;
    },
    async acquireLock(name, ttlMs) {
      const token = randomBytes(16).toString('base64url');
      const ok = await redis.set(`${PREFIX}lock:${name}`, token, 'PX', Math.ceil(ttlMs), 'NX');
      return ok === 'OK' ? token : undefined;
    },
    async releaseLock(name, token) {
      await redis.eval(RELEASE_SCRIPT, 1, `${PREFIX}lock:${name}`, token);
    },
    async markOnce(key, ttlMs) {
      return (await redis.set(`${PREFIX}once:${key}`, '1', 'PX', Math.ceil(ttlMs), 'NX')) === 'OK';
    },
    async getValue(key) {
      return (await redis.get(`${PREFIX}value:${key}`)) ?? undefined;
    },
    async setValue(key, value, ttlMs) {
      await redis.set(`${PREFIX}value:${key}`, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
    },
    async takeValue(key) {
      const v = await redis.eval(TAKE_SCRIPT, 1, `${PREFIX}value:${key}`);
      return typeof v === 'string' ? v : undefined;
    },
  };
}

/** Shared state in this process only (one instance, or tests). Bounded in size. */
export function memorySharedState(maxEntries = 10_000): SharedState {
  const store = new Map<string, { value: string; expires: number }>();
  let owners = 0; // lock owner tokens only need to be unique within this process
  const get = (key: string) => {
    const e = store.get(key);
    if (!e) return undefined;
    if (e.expires <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return e.value;
  };
  const set = (key: string, value: string, ttlMs: number) => {
    store.delete(key);
    store.set(key, { value, expires: Date.now() + ttlMs });
    if (store.size > maxEntries) store.delete(store.keys().next().value!);
  };
  return {
    async getLatest(family) {
      return parseVersioned(get(`tokens:${family}`));
    },
    async publishLatest(family, version, value, ttlMs) {
      const cur = parseVersioned(get(`tokens:${family}`));
      if (cur && cur.version >= version) return false;
      set(`tokens:${family}`, `${version}|${value}`, ttlMs);
      return true;
    },
    async acquireLock(name, ttlMs) {
      if (get(`lock:${name}`)) return undefined;
      const token = String(++owners);
      set(`lock:${name}`, token, ttlMs);
      return token;
    },
    async releaseLock(name, token) {
      if (get(`lock:${name}`) === token) store.delete(`lock:${name}`);
    },
    async markOnce(key, ttlMs) {
      if (get(`once:${key}`)) return false;
      set(`once:${key}`, '1', ttlMs);
      return true;
    },
    async getValue(key) {
      return get(`value:${key}`);
    },
    async setValue(key, value, ttlMs) {
      set(`value:${key}`, value, ttlMs);
    },
    async takeValue(key) {
      const v = get(`value:${key}`);
      store.delete(`value:${key}`);
      return v;
    },
  };
}

/**
 * The same shared state, with every failure of the store (Redis down, a
 * timeout of ioredis) turned into `OAuthError('session_unavailable')` (503),
 * so an outage is a clean error page, never a 500 or a half-made login.
 */
export function withStoreErrors(shared: SharedState): SharedState {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(shared) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    wrapped[name] = (...args: unknown[]) =>
      fn(...args).catch((err: unknown) => {
        throw err instanceof OAuthError ? err : new OAuthError('session_unavailable', { cause: err });
      });
  }
  return wrapped as unknown as SharedState;
}
