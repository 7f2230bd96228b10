import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createRegistry, loginRequired, oidc } from '../../src/index.ts';

test('without express-session the first request fails with 503 and a message that says so', async () => {
  const app = express();
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const auth = createRegistry({ baseUrl: url });
  auth.register(oidc({ name: 'corp', issuer: 'http://127.0.0.1:1', clientId: 'c', clientSecret: 's' }));
  app.use(auth.router());
  app.get('/p', loginRequired(), (_req, res) => { res.send('x'); });
  let message = '';
  app.use((err: Error & { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    message = err.message;
    res.status(err.status ?? 500).json({ error: (err as { code?: string }).code });
  });
  try {
    const login = await fetch(`${url}/auth/corp/login`, { redirect: 'manual' });
    assert.equal(login.status, 503);
    assert.deepEqual(await login.json(), { error: 'session_unavailable' });
    assert.match(message, /express-session/);
    const guarded = await fetch(`${url}/p`);
    assert.equal(guarded.status, 503);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('a provider that is down at start-up answers 502 and does not block the others; the next try rediscovers', async () => {
  const { startMop } = await import('../emulators/oidc-mop.ts');
  const session = (await import('express-session')).default;
  const mop = await startMop();
  // a port that refuses connections, later served
  const down = http.createServer();
  await new Promise<void>((r) => down.listen(0, '127.0.0.1', r));
  const downPort = (down.address() as AddressInfo).port;
  await new Promise<void>((r) => down.close(() => r()));
  const app = express();
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app.use(session({ secret: 'x'.repeat(32), resave: false, saveUninitialized: false }));
  const auth = createRegistry({ baseUrl: url, httpTimeoutMs: 2000 });
  auth.register(oidc({ name: 'down', issuer: `http://127.0.0.1:${downPort}`, clientId: 'c', clientSecret: 's' }));
  auth.register(oidc({ name: 'up', issuer: mop.issuer, clientId: mop.clientId, clientSecret: mop.clientSecret }));
  app.use(auth.router());
  app.use(auth.errorHandler());
  try {
    const bad = await fetch(`${url}/auth/down/login`, { redirect: 'manual', headers: { accept: 'application/json' } });
    assert.equal(bad.status, 502);
    assert.deepEqual(await bad.json(), { error: 'provider_error' });
    const good = await fetch(`${url}/auth/up/login`, { redirect: 'manual' });
    assert.equal(good.status, 302);
    // bring "down" up on the same port by proxying to the mop's discovery (it now answers)
    const revived = http.createServer((req, res) => {
      fetch(`${mop.issuer}${req.url}`).then(async (r) => {
        const body = (await r.text()).replaceAll(mop.issuer, `http://127.0.0.1:${downPort}`);
        res.writeHead(r.status, { 'content-type': 'application/json' });
        res.end(body);
      });
    });
    await new Promise<void>((r) => revived.listen(downPort, '127.0.0.1', r));
    const again = await fetch(`${url}/auth/down/login`, { redirect: 'manual' });
    assert.equal(again.status, 302, 'rediscovered on the next try');
    revived.closeAllConnections();
    revived.close();
  } finally {
    server.closeAllConnections();
    server.close();
    await mop.close();
  }
});
