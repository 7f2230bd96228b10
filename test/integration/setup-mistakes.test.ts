/**
 * A new user's setup mistakes, each caught at createRegistry() or on the first
 * request through the kit's router, with a message that says what to do —
 * over real HTTP with real Express (5, or 4 with EXPRESS_MAJOR=4) and
 * express-session.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express5 from 'express';
import express4 from 'express4';
import session, { type SessionOptions } from 'express-session';
import { createRegistry, loginRequired, oauth2, OAuthConfigError, type KitLogger, type Registry } from '../../src/index.ts';
import { startFakeProvider } from '../../src/testing/index.ts';

const express = (process.env.EXPRESS_MAJOR === '4' ? express4 : express5) as typeof express5;

/** A provider that needs no server (never called here). */
const githubLike = oauth2({
  name: 'x',
  clientId: 'c',
  clientSecret: 's',
  authorizationEndpoint: 'https://idp.example.com/authorize',
  tokenEndpoint: 'https://idp.example.com/token',
  userinfoEndpoint: 'https://idp.example.com/userinfo',
});
const startFakeProviderless = (name: string) => ({ ...githubLike, name });

function recorder(): KitLogger & { warnings: { code?: unknown; hint?: unknown; message?: string }[]; errors: Record<string, unknown>[] } {
  const warnings: { code?: unknown; hint?: unknown; message?: string }[] = [];
  const errors: Record<string, unknown>[] = [];
  return {
    warnings,
    errors,
    debug() {},
    info() {},
    warn: (fields, message) => void warnings.push({ ...(fields as Record<string, unknown>), message }),
    error: (fields) => void errors.push(fields as Record<string, unknown>),
  };
}

interface Started {
  url: string;
  close(): void;
}

/** An app on a free port; `build` gets the app and its URL before the kit is added. */
async function start(build: (app: express5.Express, url: string) => void): Promise<Started> {
  const server = http.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const app = express();
  build(app, url);
  server.on('request', app);
  return { url, close: () => (server.closeAllConnections(), server.close()) };
}

const sessionOptions = (extra: Partial<SessionOptions> = {}): SessionOptions => ({
  secret: 'setup-mistakes-secret-0123456789abcdef',
  resave: false,
  saveUninitialized: false,
  ...extra,
});

function configErrorOf(fn: () => unknown): OAuthConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof OAuthConfigError) return err;
    throw err;
  }
  throw new Error('no error');
}

test('a baseUrl without a scheme says which URL to write; every createRegistry mistake has a code', () => {
  const noScheme = configErrorOf(() => createRegistry({ baseUrl: 'localhost:3000' }));
  assert.equal(noScheme.code, 'invalid_base_url');
  assert.match(noScheme.message, /baseUrl needs a scheme: use "http:\/\/localhost:3000"/);
  assert.doesNotMatch(noScheme.message, /got null/);
  assert.match(configErrorOf(() => createRegistry({ baseUrl: 'app.example.com' })).message, /use "https:\/\/app\.example\.com"/);
  assert.equal(configErrorOf(() => createRegistry({ baseUrl: 'http://app.example.com' })).code, 'invalid_base_url');
  assert.equal(configErrorOf(() => createRegistry({ baseUrl: '' })).code, 'invalid_base_url');
  const auth = createRegistry({ baseUrl: 'https://app.example.com' });
  auth.register(startFakeProviderless('one'));
  assert.equal(configErrorOf(() => auth.register(startFakeProviderless('one'))).code, 'duplicate_provider');
  assert.equal(configErrorOf(() => createRegistry({ baseUrl: 'https://app.example.com', logger: {} as KitLogger })).code, 'invalid_option');
  assert.match(configErrorOf(() => createRegistry({ baseUrl: 'https://app.example.com', events: { signup: () => {} } as never })).message, /events\.signup is not an event/);
});

test('production with an http baseUrl is a warning at start-up', () => {
  const logger = recorder();
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    createRegistry({ baseUrl: 'http://localhost:3000', logger });
  } finally {
    process.env.NODE_ENV = before;
  }
  assert.deepEqual(logger.warnings.map((w) => w.code), ['production_http']);
  assert.match(String(logger.warnings[0]!.hint), /public https origin/);
});

test('first request: sameSite strict, trust proxy true, no providers, saveUninitialized / resave — each warned once with the fix', async () => {
  const logger = recorder();
  let auth: Registry<unknown> | undefined;
  const app = await start((a, url) => {
    a.set('trust proxy', true);
    a.use(session(sessionOptions({ resave: true, saveUninitialized: true, cookie: { sameSite: 'strict' } })));
    auth = createRegistry({ baseUrl: url, logger });
    a.use(auth.router());
    a.get('/', (_req, res) => res.send('home'));
  });
  try {
    const first = await fetch(app.url);
    const cookie = first.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    await fetch(app.url, { headers: { cookie } });
    await fetch(app.url, { headers: { cookie } });
    await new Promise((r) => setImmediate(r));
    const codes = logger.warnings.map((w) => w.code);
    assert.deepEqual([...codes].sort(), ['no_providers', 'resave', 'same_site_strict', 'save_uninitialized', 'trust_proxy_true']);
    assert.equal(new Set(codes).size, codes.length, 'each once');
    const hint = (code: string) => String(logger.warnings.find((w) => w.code === code)!.hint);
    assert.match(hint('same_site_strict'), /sameSite: 'lax'/);
    assert.match(hint('trust_proxy_true'), /app\.set\('trust proxy', 1\)/);
    assert.match(hint('no_providers'), /auth\.register\(github/);
    assert.match(hint('resave'), /resave: false/);
    assert.match(hint('save_uninitialized'), /saveUninitialized: false/);
  } finally {
    app.close();
  }
});

test('a baseUrl path that doubles the mount path is warned with the fix', async () => {
  const logger = recorder();
  const app = await start((a, url) => {
    a.use(session(sessionOptions()));
    const auth = createRegistry({ baseUrl: `${url}/app`, logger });
    auth.register(githubLike);
    a.use('/app', auth.router());
    a.get('/app/home', (_req, res) => res.send('home'));
  });
  try {
    await fetch(`${app.url}/app/home`);
    assert.deepEqual(logger.warnings.map((w) => w.code), ['base_url_mount']);
    assert.match(String(logger.warnings[0]!.hint), /\/app\/app\/auth\/<provider>\/callback/);
  } finally {
    app.close();
  }
});

test('a Secure cookie on plain http: the hint fits the case (development, or a proxy the app does not trust)', async () => {
  const fake = await startFakeProvider();
  let message = '';
  const app = await start((a, url) => {
    a.use(session(sessionOptions({ cookie: { secure: true } })));
    const auth = createRegistry({ baseUrl: url, logger: recorder() });
    auth.register(fake.provider());
    a.use(auth.router());
    a.use((err: Error, _req: express5.Request, res: express5.Response, _next: express5.NextFunction) => {
      message = err.message;
      res.status(503).end();
    });
  });
  try {
    assert.equal((await fetch(`${app.url}/auth/fake/login`, { redirect: 'manual' })).status, 503);
    assert.match(message, /plain http \(development\)/);
    assert.match(message, /secure: process\.env\.NODE_ENV === 'production'/);
    assert.equal((await fetch(`${app.url}/auth/fake/login`, { redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } })).status, 503);
    assert.match(message, /does not trust it: set app\.set\('trust proxy', 1\)/);
  } finally {
    app.close();
    await fake.close();
  }
});

test('loginRequired() without auth.router() is a setup error naming the fix; auth.loginRequired() keeps working', async () => {
  const logger = recorder();
  const app = await start((a, url) => {
    a.use(session(sessionOptions()));
    const auth = createRegistry({ baseUrl: url, logger });
    auth.register(githubLike);
    a.get('/unbound', loginRequired(), (_req, res) => res.send('secret'));
    a.get('/bound', auth.loginRequired(), (_req, res) => res.send('secret'));
    a.use(auth.errorHandler());
    a.use((err: Error, _req: express5.Request, res: express5.Response, _next: express5.NextFunction) => {
      res.status(500).json({ name: err.name, code: (err as OAuthConfigError).code, message: err.message });
    });
  });
  try {
    const unbound = await fetch(`${app.url}/unbound`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    assert.equal(unbound.status, 500);
    const body = await unbound.json();
    assert.equal(body.name, 'OAuthConfigError');
    assert.equal(body.code, 'invalid_setup');
    assert.match(body.message, /add app\.use\(auth\.router\(\)\) after express-session/);
    assert.ok(logger.errors.some((e) => e.event === 'error.config' && e.code === 'invalid_setup'), 'the error handler logged it');
    // An API client still gets the contract's clean 401 (the guard also serves apps that mount providerRouter() elsewhere).
    const api = await fetch(`${app.url}/unbound`, { headers: { accept: 'application/json' }, redirect: 'manual' });
    assert.equal(api.status, 401);
    assert.deepEqual(await api.json(), { error: 'login_required' });
    const bound = await fetch(`${app.url}/bound`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    assert.equal(bound.status, 302);
    assert.equal(bound.headers.get('location'), `/auth/x/login?returnTo=${encodeURIComponent('/bound')}`);
  } finally {
    app.close();
  }
});
