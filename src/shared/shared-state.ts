/**
 * State that must be shared by every instance of the app: the newest token
 * set of a token family (so the newest tokens win over a stale session save),
 * refresh locks, single-use markers for callback states, tombstones of ended
 * sessions, and short-lived values (browser-bound pending logins, client
 * credentials). Backed by Redis (or Redis Cluster: one key, or one hash slot,
 * per command) when the `redis` option is given, else by this process's memory.
 */
import { randomBytes } from 'node:crypto';
import { OAuthError } from '../errors.ts';
import type { RedisLike } from '../types.ts';

/** A lock held while producing a value: a publish is refused once the lock is no longer ours. */
export interface LockFence {
  lock: string;
  owner: string;
}

/** What the kit needs from shared storage. */
export interface SharedState {
  /** True when this state lives in this process only (no `redis` option): its locks and markers are this process's. */
  readonly inProcess?: boolean;
  /** The newest published value of a family (sealed string), with its version; `ended` after {@link endFamily}. */
  getLatest(family: string): Promise<{ version: number; value: string; ended?: boolean } | undefined>;
  /**
   * Publish `value` as `version` unless a newer or equal version is stored, the
   * family was ended, or (with `fence`) the lock is no longer held by its owner.
   * Returns true when stored.
   */
  publishLatest(family: string, version: number, value: string, ttlMs: number, fence?: LockFence): Promise<boolean>;
  /**
   * Forget a family's tokens (logout, unlink, user switch): the published value
   * is replaced by a short-lived tombstone that refuses any later publish.
   */
  endFamily(family: string, ttlMs: number): Promise<void>;
  /** Try to take a lock; returns the owner token, or undefined when someone else holds it. */
  acquireLock(name: string, ttlMs: number): Promise<string | undefined>;
  /** Extend a lock still owned by `token`; false when it was lost. */
  renewLock(name: string, token: string, ttlMs: number): Promise<boolean>;
  /** Release a lock only if `token` still owns it. */
  releaseLock(name: string, token: string): Promise<void>;
  /** True the first time `key` is seen within `ttlMs`, false after. */
  markOnce(key: string, ttlMs: number): Promise<boolean>;
  /** True while a marker set by {@link markOnce} lives. */
  hasMark(key: string): Promise<boolean>;
  /** A cached value (client credentials, a browser-bound pending login). */
  getValue(key: string): Promise<string | undefined>;
  setValue(key: string, value: string, ttlMs: number): Promise<void>;
  /** Read and delete a value atomically (used once). */
  takeValue(key: string): Promise<string | undefined>;
}

const PREFIX = 'oauthkit:';
const ENDED_VERSION = Number.MAX_SAFE_INTEGER;

// A family's value and its refresh lock share a hash slot (`{family}`), so the fenced publish is one
// script on one slot: cluster-safe.
const tokensKey = (family: string) => `${PREFIX}tokens:{${family}}`;
const lockKey = (name: string) => {
  const i = name.indexOf(':');
  return i === -1 ? `${PREFIX}lock:${name}` : `${PREFIX}lock:${name.slice(0, i)}:{${name.slice(i + 1)}}`;
};

// Compare-and-set on a version kept in the value itself ("<version>|<payload>"); with a fence, only
// while the lock (KEYS[2]) is still held by ARGV[4].
const PUBLISH_SCRIPT = `
if ARGV[4] ~= '' and redis.call('GET', KEYS[2]) ~= ARGV[4] then return -1 end
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
const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

function parseVersioned(raw: string | null | undefined): { version: number; value: string; ended?: boolean } | undefined {
  if (!raw) return undefined;
  const i = raw.indexOf('|');
  const version = Number(raw.slice(0, i));
  if (i < 1 || !Number.isSafeInteger(version)) return undefined;
  return version === ENDED_VERSION ? { version, value: '', ended: true } : { version, value: raw.slice(i + 1) };
}

/** Shared state on Redis / Redis Cluster. */
export function redisSharedState(redis: RedisLike): SharedState {
  return {
    async getLatest(family) {
      return parseVersioned(await redis.get(tokensKey(family)));
    },
    async publishLatest(family, version, value, ttlMs, fence) {
      const lock = fence ? lockKey(fence.lock) : `${PREFIX}lock:refresh:{${family}}`;
      return (await redis.eval(PUBLISH_SCRIPT, 2, tokensKey(family), lock, version, value, Math.ceil(ttlMs), fence?.owner ?? '')) === 1;
    },
    async endFamily(family, ttlMs) {
      await redis.set(tokensKey(family), `${ENDED_VERSION}|`, 'PX', Math.ceil(ttlMs));
    },
    async acquireLock(name, ttlMs) {
      const token = randomBytes(16).toString('base64url');
      const ok = await redis.set(lockKey(name), token, 'PX', Math.ceil(ttlMs), 'NX');
      return ok === 'OK' ? token : undefined;
    },
    async renewLock(name, token, ttlMs) {
      return (await redis.eval(RENEW_SCRIPT, 1, lockKey(name), token, Math.ceil(ttlMs))) === 1;
    },
    async releaseLock(name, token) {
      await redis.eval(RELEASE_SCRIPT, 1, lockKey(name), token);
    },
    async markOnce(key, ttlMs) {
      return (await redis.set(`${PREFIX}once:${key}`, '1', 'PX', Math.ceil(ttlMs), 'NX')) === 'OK';
    },
    async hasMark(key) {
      return (await redis.get(`${PREFIX}once:${key}`)) !== null;
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

/**
 * A map with a size cap and per-entry expiry. When full, expired entries go
 * first; then either the oldest entry is evicted (`evict: true`, for values
 * anyone can make) or the new entry is refused (`set` returns false: locks and
 * markers are never pushed out by somebody else's entries).
 */
export class BoundedMap {
  private readonly entries = new Map<string, { value: string; expires: number }>();
  /** No entry expires before this (a lower bound): a sweep before it would free nothing. */
  private nextExpiry = Infinity;

  constructor(
    private readonly maxEntries: number,
    private readonly evict: boolean,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, now = Date.now()): string | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  /** False when the map is full of live entries and this one may not push any out. */
  set(key: string, value: string, ttlMs: number, now = Date.now()): boolean {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      // Sweep only when something can have expired: a full map of live entries costs no scan per set.
      if (now >= this.nextExpiry) this.sweep(now);
      if (this.entries.size >= this.maxEntries) {
        if (!this.evict) return false;
        this.entries.delete(this.entries.keys().next().value!);
      }
    }
    const expires = now + ttlMs;
    this.entries.set(key, { value, expires });
    if (expires < this.nextExpiry) this.nextExpiry = expires;
    return true;
  }

  private sweep(now: number): void {
    let next = Infinity;
    for (const [k, e] of this.entries) {
      if (e.expires <= now) this.entries.delete(k);
      else if (e.expires < next) next = e.expires;
    }
    this.nextExpiry = next;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

/** Size caps of the in-memory shared state, one per kind of entry. */
export interface MemoryLimits {
  /** Latest tokens of a family (evicted oldest first: a stale save then falls back to the session's copy). */
  tokens: number;
  /** Locks in use (never evicted). */
  locks: number;
  /** Single-use markers and ended-session tombstones (never evicted; a full map refuses, so the login fails closed). */
  marks: number;
  /** Values anyone can make without a login: browser-bound pending logins (evicted oldest first). */
  pending: number;
  /** Other values: client credentials, logout states (evicted oldest first). */
  values: number;
}

const DEFAULT_LIMITS: MemoryLimits = { tokens: 10_000, locks: 10_000, marks: 100_000, pending: 10_000, values: 10_000 };

/** Shared state in this process only (one instance, or tests). Each kind of entry has its own bounded map. */
export function memorySharedState(limits: Partial<MemoryLimits> = {}): SharedState {
  const max = { ...DEFAULT_LIMITS, ...limits };
  const tokens = new BoundedMap(max.tokens, true);
  const locks = new BoundedMap(max.locks, false);
  const marks = new BoundedMap(max.marks, false);
  const pending = new BoundedMap(max.pending, true);
  const values = new BoundedMap(max.values, true);
  const valuesFor = (key: string) => (key.startsWith('pending:') ? pending : values);
  let owners = 0; // lock owner tokens only need to be unique within this process
  return {
    inProcess: true,
    async getLatest(family) {
      return parseVersioned(tokens.get(family));
    },
    async publishLatest(family, version, value, ttlMs, fence) {
      if (fence && locks.get(fence.lock) !== fence.owner) return false;
      const cur = parseVersioned(tokens.get(family));
      if (cur && cur.version >= version) return false;
      return tokens.set(family, `${version}|${value}`, ttlMs);
    },
    async endFamily(family, ttlMs) {
      tokens.set(family, `${ENDED_VERSION}|`, ttlMs);
    },
    async acquireLock(name, ttlMs) {
      if (locks.get(name) !== undefined) return undefined;
      const token = String(++owners);
      return locks.set(name, token, ttlMs) ? token : undefined;
    },
    async renewLock(name, token, ttlMs) {
      return locks.get(name) === token && locks.set(name, token, ttlMs);
    },
    async releaseLock(name, token) {
      if (locks.get(name) === token) locks.delete(name);
    },
    async markOnce(key, ttlMs) {
      if (marks.get(key) !== undefined) return false;
      return marks.set(key, '1', ttlMs);
    },
    async hasMark(key) {
      return marks.get(key) !== undefined;
    },
    async getValue(key) {
      return valuesFor(key).get(key);
    },
    async setValue(key, value, ttlMs) {
      valuesFor(key).set(key, value, ttlMs);
    },
    async takeValue(key) {
      const map = valuesFor(key);
      const v = map.get(key);
      map.delete(key);
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
    if (typeof fn !== 'function') {
      wrapped[name] = fn; // a flag such as `inProcess`
      continue;
    }
    wrapped[name] = (...args: unknown[]) =>
      fn(...args).catch((err: unknown) => {
        throw err instanceof OAuthError ? err : new OAuthError('session_unavailable', { cause: err });
      });
  }
  return wrapped as unknown as SharedState;
}
