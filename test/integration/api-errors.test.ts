/**
 * Every failure of `req.oauth.fetch` at request time is an OAuthError with a
 * code and a status (issue 12): a provider API that never answers becomes
 * `provider_error` (502) after `httpTimeoutMs` — not openid-client's error —
 * and a path off the provider's API origin becomes `provider_error` before
 * any token is sent — not a TypeError. Neither is exposed (status ≥ 500);
 * the error handler answers `{"error":"provider_error"}`.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Browser } from '../helpers/http-client.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { startOAuth2Emulator, type OAuth2Emulator } from '../emulators/oauth2.ts';
import { OAuthError, oauth2 } from '../../src/index.ts';

const JSON_ACCEPT = { accept: 'application/json' };
const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

/** An API server that accepts connections and never answers; it records what reached it. */
async function silentApi(): Promise<{ url: string; hits: { url: string; authorization?: string }[] }> {
  const hits: { url: string; authorization?: string }[] = [];
  const server = http.createServer((req) => {
    hits.push({ url: req.url ?? '', authorization: req.headers.authorization });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

interface Failure {
  thrown: boolean;
  isOAuthError?: boolean;
  name?: string;
  code?: string;
  status?: number;
  expose?: boolean;
  provider?: string;
  ms?: number;
}

async function setup(): Promise<{ a: TestApp; e: OAuth2Emulator; api: Awaited<ReturnType<typeof silentApi>>; browser: Browser }> {
  const e = await startOAuth2Emulator({ redirectUris: [], anyRedirectUri: true });
  cleanups.push(() => e.close());
  const api = await silentApi();
  const a = await startApp({
    registry: { httpTimeoutMs: 400 },
    mount(server) {
      // Reports what req.oauth.fetch threw, so the test can check the error itself.
      server.get('/probe', async (req, res) => {
        const started = Date.now();
        try {
          await req.oauth.fetch('p', String(req.query.path));
          res.json({ thrown: false } satisfies Failure);
        } catch (err) {
          const e = err as Partial<OAuthError> & Error;
          res.json({ thrown: true, isOAuthError: err instanceof OAuthError, name: e.name, code: e.code, status: e.status, expose: e.expose, provider: e.provider, ms: Date.now() - started } satisfies Failure);
        }
      });
      // Lets the kit's error handler answer.
      server.get('/call', async (req, res, next) => {
        try {
          const r = await req.oauth.fetch('p', String(req.query.path));
          res.status(r.status).end();
        } catch (err) {
          next(err);
        }
      });
    },
  });
  cleanups.push(() => a.close());
  a.auth.register(
    oauth2({
      name: 'p',
      clientId: e.clientId,
      clientSecret: e.clientSecret,
      authorizationEndpoint: `${e.url}/authorize`,
      tokenEndpoint: `${e.url}/token`,
      userinfoEndpoint: `${e.url}/userinfo`,
      apiBaseUrl: `${api.url}/v1/`,
    }),
  );
  const browser = new Browser();
  const start = await browser.request(`${a.url}/auth/p/login`);
  assert.equal(start.status, 302, start.body);
  const back = await browser.request(start.location!);
  const done = await browser.request(back.location!, { headers: JSON_ACCEPT });
  assert.equal(done.status, 302, done.body);
  return { a, e, api, browser };
}

test('req.oauth.fetch to an API that never answers → OAuthError provider_error (502, not exposed) after httpTimeoutMs', async () => {
  const { a, api, browser } = await setup();
  const r = await browser.request(`${a.url}/probe?path=${encodeURIComponent('/slow')}`, { headers: JSON_ACCEPT });
  const failure = JSON.parse(r.body) as Failure;
  assert.equal(failure.thrown, true);
  assert.equal(failure.isOAuthError, true, `threw ${failure.name}`);
  assert.equal(failure.code, 'provider_error');
  assert.equal(failure.status, 502);
  assert.equal(failure.expose, false);
  assert.equal(failure.provider, 'p');
  assert.ok(failure.ms! >= 350 && failure.ms! < 5000, `gave up after ${failure.ms} ms`);
  assert.equal(api.hits.length, 1);
  assert.equal(api.hits[0]!.url, '/v1/slow');
  assert.match(api.hits[0]!.authorization ?? '', /^Bearer /);

  const viaHandler = await browser.request(`${a.url}/call?path=${encodeURIComponent('/slow')}`, { headers: JSON_ACCEPT });
  assert.equal(viaHandler.status, 502);
  assert.deepEqual(JSON.parse(viaHandler.body), { error: 'provider_error' });
  assert.equal(viaHandler.headers.get('cache-control'), 'no-store');
});

test('req.oauth.fetch with a path off the provider API origin → OAuthError provider_error (502), token never sent', async () => {
  const { a, api, browser } = await setup();
  for (const path of ['https://evil.example/steal', 'http://evil.example/v1/x', `${api.url.replace('127.0.0.1', 'localhost')}/v1/x`, 'javascript:alert(1)']) {
    const r = await browser.request(`${a.url}/probe?path=${encodeURIComponent(path)}`, { headers: JSON_ACCEPT });
    const failure = JSON.parse(r.body) as Failure;
    assert.equal(failure.thrown, true, path);
    assert.equal(failure.isOAuthError, true, `${path}: threw ${failure.name}`);
    assert.equal(failure.code, 'provider_error', path);
    assert.equal(failure.status, 502, path);
    assert.equal(failure.expose, false, path);
  }
  const viaHandler = await browser.request(`${a.url}/call?path=${encodeURIComponent('https://evil.example/steal')}`, { headers: JSON_ACCEPT });
  assert.equal(viaHandler.status, 502);
  assert.deepEqual(JSON.parse(viaHandler.body), { error: 'provider_error' });
  assert.equal(api.hits.length, 0, 'no call reached any server');
});

test('OAuthError.expose is true only below 500', () => {
  for (const code of ['state_mismatch', 'access_denied', 'login_required', 'unknown_provider'] as const) assert.equal(new OAuthError(code).expose, true, code);
  for (const code of ['provider_error', 'token_exchange_failed', 'profile_fetch_failed', 'session_unavailable'] as const) assert.equal(new OAuthError(code).expose, false, code);
});
