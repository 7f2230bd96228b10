import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenIdAdapter } from '../../../src/protocol/openid-adapter.ts';
import { oauth2 } from '../../../src/index.ts';

/** A userinfo endpoint that records each request's method, path and headers. */
async function recorder(): Promise<{ url: string; seen: { method: string; path: string; headers: http.IncomingHttpHeaders }[]; close(): Promise<void> }> {
  const seen: { method: string; path: string; headers: http.IncomingHttpHeaders }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method!, path: req.url!, headers: req.headers });
    const status = req.url === '/missing' ? 404 : 200;
    res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '\ufeff{"id":"42","login":"ada"}' : '{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

test('the profile GET sent straight over node:http is the request openid-client sends (User-Agent aside), and reads the same', async () => {
  const rec = await recorder();
  try {
    const base = { clientId: 'c', clientSecret: 's', authorizationEndpoint: `${rec.url}/authorize`, tokenEndpoint: `${rec.url}/token`, userinfoEndpoint: `${rec.url}/user`, apiBaseUrl: `${rec.url}/` };
    // With a User-Agent the kit sends it itself; without one openid-client sends it (with its own User-Agent).
    const direct = new OpenIdAdapter(oauth2({ name: 'direct', ...base, apiHeaders: { 'User-Agent': 'app/1', Accept: 'application/json' } }), { timeoutMs: 2000, maxBytes: 1 << 20 });
    const viaClient = new OpenIdAdapter(oauth2({ name: 'client', ...base, apiHeaders: { Accept: 'application/json' } }), { timeoutMs: 2000, maxBytes: 1 << 20 });
    const tokens = { accessToken: 'at-123', tokenType: 'bearer' };
    const a = await direct.fetchProfile(tokens, undefined);
    const b = await viaClient.fetchProfile(tokens, undefined);
    assert.deepEqual(a, { id: '42', login: 'ada' });
    assert.deepEqual(b, a, 'the same JSON (a leading BOM dropped, as Response#json does)');
    assert.equal(rec.seen.length, 2);
    const [d, c] = rec.seen as [(typeof rec.seen)[0], (typeof rec.seen)[0]];
    assert.equal(d.method, c.method);
    assert.equal(d.path, c.path);
    assert.equal(d.headers.authorization, 'Bearer at-123');
    assert.equal(c.headers.authorization, 'Bearer at-123');
    assert.equal(d.headers['user-agent'], 'app/1');
    assert.match(String(c.headers['user-agent']), /^openid-client\//);
    const names = (h: http.IncomingHttpHeaders) => Object.keys(h).filter((k) => k !== 'user-agent').sort();
    assert.deepEqual(names(d.headers), names(c.headers), 'no header more or less');
    for (const k of names(d.headers)) if (k !== 'host') assert.equal(d.headers[k], c.headers[k], k);
  } finally {
    await rec.close();
  }
});
