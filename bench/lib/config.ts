/**
 * What bench/run.ts hands each server process (JSON in BENCH_CONFIG), and
 * what the emulator process prints on start.
 */

/** One emulated authorization server as the servers need it. */
export interface EmulatedServer {
  url: string;
  clientId: string;
  clientSecret: string;
}

/** Printed (one JSON line) by bench/servers/emulators.ts. */
export interface EmulatorInfo {
  /** GitHub OAuth-app emulator (test/emulators/github.ts). */
  github: EmulatedServer;
  /** Generic OAuth 2.0 server with refresh tokens (test/emulators/oauth2.ts). */
  oauth2: EmulatedServer;
  /** Mock OpenID provider (test/emulators/oidc-mop.ts), for express-openid-connect. */
  mop: EmulatedServer & { issuer: string };
  /** Control endpoint: GET /stats → {@link EmulatorStats}. */
  control: string;
}

export interface EmulatorStats {
  github: { authorization_code: number };
  oauth2: { authorization_code: number; refresh_token: number };
}

/** BENCH_CONFIG of a server process. */
export interface ServerConfig {
  store: 'memory' | 'redis';
  /** connect-redis key prefix (unique per process). */
  redisPrefix: string;
  emulators: EmulatorInfo;
  /** kit only: also register the generic OAuth 2.0 provider (refresh scenario). */
  withGeneric?: boolean;
  /** kit only: registry option refreshSkewSeconds. */
  refreshSkewSeconds?: number;
  /** Enable an AsyncLocalStorage at start (as one OAuth login does in the kit's server): turns on Node 20's async hooks. */
  asyncLocalStorage?: boolean;
  /** bare only: the kit's layout without the kit: a no-op `app.use` middleware and a no-op route-level handler before the answer. */
  noopLayers?: boolean;
  /**
   * kit only: give the registry the server's (counting) ioredis client as its `redis` option, as
   * the README's production setup does: single-use markers, session locks and browser-bound pending
   * logins in Redis, shared by every instance. Set for every kit server on the Redis store.
   */
  kitRedisOption?: boolean;
  /** kit only: register an `oidc()` provider named `mop` against the mock OpenID provider (RS256 id_token, RFC 9207 `iss`). */
  withOidc?: boolean;
  /** kit only, informational: the security properties switched off by bench/lib/switch-off.mjs (BENCH_SWITCH_OFF) in this process. */
  switchedOff?: string[];
  /** kit only: add POST /__bench/login, which writes the session a GitHub login writes (no network, no AsyncLocalStorage). */
  setupRoute?: boolean;
}

/** First stdout line of a server process. */
export interface ServerHello {
  port: number;
  pid: number;
}

export const SESSION_COOKIE = 'sid';
export const SESSION_SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
/** GitHub scopes every login asks for (the kit's github() default). */
export const GITHUB_SCOPE = ['read:user', 'user:email'];

export function readServerConfig(): ServerConfig {
  const raw = process.env.BENCH_CONFIG;
  if (!raw) throw new Error('BENCH_CONFIG is not set: start this server through bench/run.ts');
  return JSON.parse(raw) as ServerConfig;
}
