/**
 * One app instance as a production deployment would run it behind a load
 * balancer: express-session on a shared Redis (single node or Cluster, via
 * connect-redis + ioredis), the same session secret and `baseUrl` (the
 * balancer's) on every instance, the ioredis client also given to the kit as
 * its `redis` option, and ioredis settings that turn a Redis outage into
 * fast 503s instead of hanging requests ({@link OUTAGE_SAFE_REDIS}).
 *
 * Used in-process (`startInstance`) and as a child process
 * (`spawnInstance`, entry `instance-main.ts`), so that instances really are
 * separate processes (no shared module state such as in-flight refreshes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import session from 'express-session';
import { RedisStore } from 'connect-redis';
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { createRegistry, oauth2, oidc, type Registry } from '../../../src/index.ts';
import { SESSION_COOKIE, SESSION_SECRET } from '../../helpers/app.ts';

/**
 * ioredis settings for a session store that must fail fast while Redis is
 * down and recover by itself when it is back:
 * - `enableOfflineQueue: false`: while disconnected, commands fail at once
 *   instead of queueing (a queued session GET is a hanging request);
 * - `maxRetriesPerRequest: 1`: a command in flight when the connection drops
 *   is retried once after reconnecting, then fails;
 * - `retryStrategy`: never give up reconnecting, every 200–500 ms;
 * - `connectTimeout` / `commandTimeout`: bound a connect and a command even
 *   when Redis does not answer at all (no RST: a network partition).
 */
export const OUTAGE_SAFE_REDIS = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  retryStrategy: (times: number) => Math.min(200 + times * 50, 500),
  connectTimeout: 1000,
  commandTimeout: 1500,
} satisfies RedisOptions;

/** The same for ioredis `Cluster` (cluster-level offline queue and retry, per-node timeouts). */
export const OUTAGE_SAFE_CLUSTER = {
  enableOfflineQueue: false,
  clusterRetryStrategy: (times: number) => Math.min(200 + times * 50, 500),
  retryDelayOnClusterDown: 300,
  retryDelayOnFailover: 200,
  slotsRefreshTimeout: 1000,
  redisOptions: { maxRetriesPerRequest: 1, connectTimeout: 1000, commandTimeout: 1500 },
} satisfies ClusterOptions;

export type StoreConfig =
  | { kind: 'memory' }
  | { kind: 'redis'; port: number; host?: string }
  | { kind: 'cluster'; nodes: { host: string; port: number }[] };

export type ProviderRef =
  | { kind: 'oauth2'; name: string; url: string; clientId: string; clientSecret: string; tokenUrl?: string; userinfoUrl?: string }
  | { kind: 'oidc'; name: string; issuer: string; clientId: string; clientSecret: string };

/** Everything an instance needs, JSON-serializable (passed to child processes). */
export interface InstanceConfig {
  /** Shown in the `x-instance` header of every answer. */
  id?: string;
  /** The public origin (the balancer's); default the instance's own URL. */
  baseUrl?: string;
  store: StoreConfig;
  /** Session key prefix; instances sharing sessions use the same one. */
  prefix?: string;
  /** Give the Redis client to the kit as `redis` (default true with a Redis store). */
  kitRedis?: boolean;
  registry?: { httpTimeoutMs?: number; refreshSkewSeconds?: number; maxResponseBytes?: number };
  providers?: ProviderRef[];
  /** Record every failed Redis command; served at GET /_redis-errors. */
  recordRedisErrors?: boolean;
  /**
   * GET /_memory → process.memoryUsage() plus `peakRss` (sampled every 5 ms
   * since the start or the last POST /_memory/reset).
   */
  memoryProbe?: boolean;
}

export interface Instance {
  url: string;
  id: string;
  auth: Registry;
  client?: Redis | Cluster;
  /** Failed Redis commands (`recordRedisErrors`). */
  redisErrors: string[];
  close(): Promise<void>;
}

export type Mount = (app: express.Express, auth: Registry) => void;

/** A Redis or Cluster client with the outage-safe settings, connected (ready) before it is returned. */
export async function connectRedis(store: Exclude<StoreConfig, { kind: 'memory' }>, timeoutMs = 10_000): Promise<Redis | Cluster> {
  const client =
    store.kind === 'cluster'
      ? new Cluster(store.nodes, OUTAGE_SAFE_CLUSTER)
      : new Redis({ host: store.host ?? '127.0.0.1', port: store.port, ...OUTAGE_SAFE_REDIS });
  // Without a listener ioredis prints every connection error; the 503s say it already.
  client.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis not ready within ${timeoutMs} ms`)), timeoutMs);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return client;
}

/** Wrap the client so every failed command is recorded (e.g. a CROSSSLOT error). */
function recordFailures(client: Redis | Cluster, into: string[]): void {
  type Send = (command: { name: string; promise: Promise<unknown> }, ...rest: unknown[]) => unknown;
  const target = client as unknown as { sendCommand: Send };
  const original = target.sendCommand.bind(client) as Send;
  target.sendCommand = (command, ...rest) => {
    command.promise.catch((err: Error) => into.push(`${command.name}: ${err.message}`));
    return original(command, ...rest);
  };
}

export async function startInstance(config: InstanceConfig, mount?: Mount): Promise<Instance> {
  const id = config.id ?? String(process.pid);
  const app = express();
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redisErrors: string[] = [];
  let lateErrors = 0;
  const client = config.store.kind === 'memory' ? undefined : await connectRedis(config.store);
  if (client && config.recordRedisErrors) recordFailures(client, redisErrors);

  app.use((_req, res, next) => {
    res.setHeader('x-instance', id);
    next();
  });
  app.use(
    session({
      name: SESSION_COOKIE,
      secret: SESSION_SECRET,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: false, maxAge: 3600_000 },
      store: client ? new RedisStore({ client, prefix: config.prefix ?? 'sess:' }) : undefined,
    }),
  );
  app.use(express.urlencoded({ extended: false }));
  const auth = createRegistry({
    baseUrl: config.baseUrl ?? url,
    ...(client && config.kitRedis !== false ? { redis: client } : {}),
    ...config.registry,
  });
  for (const p of config.providers ?? []) {
    if (p.kind === 'oidc') {
      auth.register(oidc({ name: p.name, issuer: p.issuer, clientId: p.clientId, clientSecret: p.clientSecret }));
    } else {
      auth.register(
        oauth2({
          name: p.name,
          clientId: p.clientId,
          clientSecret: p.clientSecret,
          authorizationEndpoint: `${p.url}/authorize`,
          tokenEndpoint: `${p.tokenUrl ?? p.url}/token`,
          userinfoEndpoint: `${p.userinfoUrl ?? p.url}/userinfo`,
          revocationEndpoint: `${p.url}/revoke`,
          apiBaseUrl: `${p.url}/`,
        }),
      );
    }
  }
  app.use(auth.router());
  app.get('/protected', auth.loginRequired(), (req, res) => {
    res.json({ user: req.user, providers: req.oauth.accounts(), instance: id });
  });
  app.get('/call/:name', async (req, res, next) => {
    try {
      const r = await req.oauth.fetch(String(req.params.name), '/api/echo');
      res.status(r.status).json({ status: r.status, body: await r.json().catch(() => null), instance: id });
    } catch (err) {
      next(err);
    }
  });
  app.get('/tokens/:name', async (req, res, next) => {
    try {
      const t = await req.oauth.tokens(String(req.params.name));
      res.json({ version: t.version, expiresAt: t.expiresAt, instance: id });
    } catch (err) {
      next(err);
    }
  });
  app.get('/cc/:name', async (req, res, next) => {
    try {
      const t = await auth.clientCredentials(String(req.params.name), { scope: ['read'] });
      res.json({ token: t.accessToken.slice(-4), instance: id });
    } catch (err) {
      next(err);
    }
  });
  if (config.memoryProbe) {
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
    sampler.unref();
    server.on('close', () => clearInterval(sampler));
    app.get('/_memory', (_req, res) => {
      const now = process.memoryUsage();
      res.json({ ...now, peakRss: Math.max(peakRss, now.rss) });
    });
    app.post('/_memory/reset', (_req, res) => {
      peakRss = process.memoryUsage().rss;
      res.json({ rss: peakRss });
    });
  }
  app.get('/_redis-errors', (_req, res) => {
    res.json({ errors: redisErrors, lateErrors });
  });
  mount?.(app, auth);
  app.get('/', (_req, res) => {
    res.type('text').send('home');
  });
  app.use(auth.errorHandler());
  app.use(((err, req, res, _next) => {
    // express-session touches the session (EXPIRE) after the answer went out and passes a
    // failure to next(): while Redis is down that is expected and there is nothing left to answer.
    if (res.headersSent) {
      lateErrors += 1;
      return;
    }
    process.stderr.write(`[instance ${id}] unhandled error on ${req.method} ${req.url}: ${(err as Error)?.stack ?? err}\n`);
    res.status(500).json({ error: 'internal' });
  }) as express.ErrorRequestHandler);

  return {
    url,
    id,
    auth,
    client,
    redisErrors,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      client?.disconnect();
    },
  };
}

/** Entry of a child-process instance: INSTANCE_CONFIG (JSON) → prints `{"url","pid"}`, runs until SIGTERM. */
export async function runInstanceMain(mount?: Mount): Promise<void> {
  const config = JSON.parse(process.env.INSTANCE_CONFIG ?? '{}') as InstanceConfig;
  const instance = await startInstance(config, mount);
  process.stdout.write(`${JSON.stringify({ url: instance.url, pid: process.pid, id: instance.id })}\n`);
  process.on('SIGTERM', () => void instance.close().finally(() => process.exit(0)));
}

export interface ChildInstance {
  url: string;
  pid: number;
  child: ChildProcess;
  /** True while the process runs. */
  alive(): boolean;
  /** SIGTERM, then SIGKILL after 3 s. */
  stop(): Promise<void>;
}

const DEFAULT_ENTRY = new URL('./instance-main.ts', import.meta.url).pathname;

/** Run an instance as a child process (`node --import tsx <entry>`), resolved once it listens. */
export async function spawnInstance(config: InstanceConfig, options: { entry?: string; timeoutMs?: number } = {}): Promise<ChildInstance> {
  const child = spawn(process.execPath, ['--import', 'tsx', options.entry ?? DEFAULT_ENTRY], {
    env: { ...process.env, INSTANCE_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started: { url: string; pid: number } = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('instance did not start in time')), options.timeoutMs ?? 30_000);
    child.stdout!.on('data', (d) => {
      buf += d;
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`instance exited early (${code ?? signal})`));
    });
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    ...started,
    child,
    alive,
    async stop() {
      process.off('exit', killOnExit);
      if (!alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
