/**
 * The setup checks a running app answers, against real Express (5, or 4 with
 * EXPRESS_MAJOR=4) and real express-session: each mistake is reported once,
 * with what to do; a correct setup reports nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express5 from 'express';
import express4 from 'express4';
import session, { type SessionOptions } from 'express-session';
import { RequestChecks } from '../../src/http/request-checks.ts';
import type { SetupProblem } from '../../src/http/setup-checks.ts';

const express = (process.env.EXPRESS_MAJOR === '4' ? express4 : express5) as typeof express5;

async function run(options: Omit<SessionOptions, 'secret'>, setup: (app: express5.Express) => void, basePath = '') {
  const problems: SetupProblem[] = [];
  const checks = new RequestChecks({ basePath, routePrefix: '/auth', providerCount: () => 1 }, (p) => problems.push(p));
  const app = express();
  setup(app);
  app.use(session({ secret: 'setup-checks-secret-0123456789abcdef', ...options }));
  app.use((req, res, next) => {
    if (!checks.done) checks.inspect(req, res);
    next();
  });
  app.get('/', (_req, res) => res.send('ok'));
  app.get('/touch', (req, res) => {
    (req.session as unknown as Record<string, unknown>).visits = 1;
    res.send('ok');
  });
  const server = http.createServer(app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { problems, checks, url, close: () => (server.closeAllConnections(), server.close()) };
}

const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

test('saveUninitialized: true, resave: true, sameSite strict and trust proxy true are each reported once, with the fix', async () => {
  const t = await run({ resave: true, saveUninitialized: true, cookie: { sameSite: 'strict', maxAge: 60_000 } }, (app) => app.set('trust proxy', true));
  try {
    const first = await fetch(t.url);
    const cookie = cookieOf(first);
    assert.ok(cookie, 'saveUninitialized: true sets a cookie for an untouched session');
    await fetch(t.url, { headers: { cookie } });
    await fetch(t.url, { headers: { cookie } });
    await new Promise((r) => setImmediate(r));
    const codes = t.problems.map((p) => p.code).sort();
    assert.deepEqual(codes, ['resave', 'same_site_strict', 'save_uninitialized', 'trust_proxy_true']);
    assert.match(t.problems.find((p) => p.code === 'resave')!.message, /resave: false/);
    assert.match(t.problems.find((p) => p.code === 'save_uninitialized')!.message, /saveUninitialized: false/);
    assert.match(t.problems.find((p) => p.code === 'trust_proxy_true')!.message, /app\.set\('trust proxy', 1\)/);
    assert.equal(t.checks.done, true);
  } finally {
    t.close();
  }
});

test('a correct setup reports nothing, even when the app stores something in the session', async () => {
  const t = await run({ resave: false, saveUninitialized: false, cookie: { sameSite: 'lax', httpOnly: true, maxAge: 60_000 } }, (app) => app.set('trust proxy', 1));
  try {
    assert.equal(cookieOf(await fetch(t.url)), '', 'saveUninitialized: false: no cookie for an untouched session');
    const touched = await fetch(`${t.url}/touch`);
    const cookie = cookieOf(touched);
    assert.ok(cookie);
    await fetch(t.url, { headers: { cookie } });
    await fetch(`${t.url}/touch`, { headers: { cookie } });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(t.problems, []);
  } finally {
    t.close();
  }
});

test('a baseUrl path that reaches the app unstripped is reported', async () => {
  const t = await run({ resave: false, saveUninitialized: false }, () => {}, '/app');
  try {
    await fetch(`${t.url}/app/dashboard`);
    assert.deepEqual(t.problems.map((p) => p.code), ['base_url_mount']);
  } finally {
    t.close();
  }
});
