/**
 * Shared pieces of the benchmark servers: listen on 127.0.0.1:0, print
 * `{"port":…}` on stdout, express-session exactly as test/helpers/app.ts sets
 * it up (memory store or connect-redis), and a Redis client that counts the
 * commands it sends (read at GET /__bench/redis-commands, served before the
 * session middleware so that reading it costs no Redis command).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import session from 'express-session';
import { RedisStore } from 'connect-redis';
import { Redis } from 'ioredis';
import { exitWithParent } from '../lib/proc.ts';
import { readServerConfig, SESSION_COOKIE, SESSION_SECRET, type ServerConfig, type ServerHello } from '../lib/config.ts';

export interface CountingRedis {
  redis: Redis;
  counts: Record<string, number>;
}

/** An ioredis client whose every command is counted by name. */
export function countingRedis(): CountingRedis {
  const redis = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
  const counts: Record<string, number> = {};
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = ((command: { name: string }, stream?: unknown) => {
    counts[command.name] = (counts[command.name] ?? 0) + 1;
    return (send as (c: unknown, s?: unknown) => unknown)(command, stream);
  }) as typeof redis.sendCommand;
  return { redis, counts };
}

/** A connect-redis store over a counting client when the config asks for Redis. */
export function redisStoreFor(config: ServerConfig): { store?: RedisStore; counter?: CountingRedis } {
  if (config.store !== 'redis') return {};
  const counter = countingRedis();
  return { store: new RedisStore({ client: counter.redis, prefix: config.redisPrefix }), counter };
}

/** express-session with the options of test/helpers/app.ts. */
export function sessionMiddleware(store: session.Store | undefined): express.RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret: SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: false, maxAge: 3600_000 },
    store,
  });
}

/** Bench-only routes mounted first (no session): Redis command counts, CPU time used. */
export function benchRoutes(app: express.Express, counter: CountingRedis | undefined): void {
  app.get('/__bench/redis-commands', (_req, res) => {
    const stream = counter?.redis.stream as { localPort?: number } | undefined;
    res.json(counter ? { counts: { ...counter.counts }, localPort: stream?.localPort ?? null } : null);
  });
  // CPU time this process has used (µs): work per request, whatever else the machine runs.
  app.get('/__bench/cpu', (_req, res) => {
    const { user, system } = process.cpuUsage();
    res.json({ cpuMicros: user + system });
  });
}

/**
 * Listen on 127.0.0.1:0, build the app once the URL is known, print the
 * hello line. SIGTERM / SIGINT exit cleanly (so `--cpu-prof` writes its file).
 */
export async function serve(build: (url: string) => Promise<express.Express> | express.Express, cleanup?: () => Promise<void> | void): Promise<void> {
  if (readServerConfig().asyncLocalStorage) new AsyncLocalStorage<boolean>().run(true, () => {});
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const app = await build(url);
  server.on('request', app);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.closeAllConnections();
    server.close();
    Promise.resolve(cleanup?.())
      .catch(() => {})
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  exitWithParent(stop);
  const hello: ServerHello = { port, pid: process.pid };
  process.stdout.write(`${JSON.stringify(hello)}\n`);
}

/** The answer every guarded route gives, so that only the guard differs. */
export function protectedAnswer(res: express.Response, id: unknown): void {
  res.json({ user: id });
}
