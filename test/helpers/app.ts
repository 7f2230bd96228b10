/**
 * A test app exactly as a user would build it: express (5, or 4 with
 * EXPRESS_MAJOR=4), express-session (memory or real Redis), the kit's router,
 * a guarded page and API route, and the kit's error handler.
 */
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express5 from 'express';
import express4 from 'express4';
import session from 'express-session';
import { RedisStore } from 'connect-redis';
import { Redis } from 'ioredis';
import { createRegistry, loginRequired, type Registry } from '../../src/index.ts';
import type { RegistryOptions } from '../../src/types.ts';

export const SESSION_COOKIE = 'sid';
export const SESSION_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

export interface TestApp {
  url: string;
  auth: Registry;
  redis?: Redis;
  prefix: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  store?: 'memory' | 'redis';
  registry?: Omit<RegistryOptions, 'baseUrl'>;
  expressMajor?: 4 | 5;
  /** Redis key prefix of the session store (instances sharing sessions use the same one). */
  prefix?: string;
  /** Pass the Redis client to the registry as its `redis` option (cross-instance locks). */
  kitRedis?: boolean;
  mount?: (app: express5.Express, auth: Registry) => void;
  /** The app's body parser before the kit's router (default `urlencoded`). */
  bodyParser?: 'urlencoded' | 'json' | 'none';
}

/** Which Express major the integration tests run on (EXPRESS_MAJOR=4 for Express 4). */
export const EXPRESS_MAJOR: 4 | 5 = process.env.EXPRESS_MAJOR === '4' ? 4 : 5;

export async function startApp(options: TestAppOptions = {}): Promise<TestApp> {
  const major = options.expressMajor ?? EXPRESS_MAJOR;
  const express = (major === 4 ? express4 : express5) as unknown as typeof express5;
  const app = express();
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let redis: Redis | undefined;
  const prefix = options.prefix ?? `test:${process.pid}:${Math.random().toString(36).slice(2)}:`;
  if (options.store === 'redis') {
    redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: false, maxRetriesPerRequest: 1 });
  }
  app.use(
    session({
      name: SESSION_COOKIE,
      secret: SESSION_SECRET,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: false, maxAge: 3600_000 },
      store: redis ? new RedisStore({ client: redis, prefix }) : undefined,
    }),
  );
  const parser = options.bodyParser ?? 'urlencoded';
  if (parser === 'urlencoded') app.use(express.urlencoded({ extended: false }));
  if (parser === 'json') app.use(express.json());
  const auth = createRegistry({ baseUrl: url, ...(options.kitRedis && redis ? { redis } : {}), ...options.registry });
  app.use(auth.router());
  app.get('/protected', loginRequired(), (req, res) => {
    res.json({ user: req.user, providers: req.oauth.accounts() });
  });
  app.get('/api/data', auth.loginRequired(), (_req, res) => {
    res.json({ ok: true });
  });
  options.mount?.(app, auth);
  app.get('/', (_req, res) => {
    res.type('text').send('home');
  });
  app.use(auth.errorHandler());
  return {
    url,
    auth,
    redis,
    prefix,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (redis) {
        if (!options.prefix) {
          const keys = await redis.keys(`${prefix}*`);
          if (keys.length) await redis.del(...keys);
        }
        redis.disconnect();
      }
    },
  };
}

/** Session id (unsigned) from the `sid` cookie value. */
export function sessionIdFromCookie(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const decoded = decodeURIComponent(value);
  const m = /^s:([^.]+)\./.exec(decoded);
  return m?.[1];
}
