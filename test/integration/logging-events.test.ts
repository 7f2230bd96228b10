/**
 * Logging and audit events over real HTTP: a GitHub stand-in and a second
 * provider from `express-oauth-kit/testing`, an app with a recording logger
 * and recording event handlers. What is logged and emitted is asserted —
 * and that no token, code or secret ever is, in the logger or under
 * `DEBUG=express-oauth-kit:*`.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import createDebug from 'debug';
import express5 from 'express';
import express4 from 'express4';
import session from 'express-session';
import { createRegistry, loginRequired, type AuditEvent, type AuditFailureEvent, type KitLogger } from '../../src/index.ts';
import { loginAs, startFakeProvider, type FakeProvider } from '../../src/testing/index.ts';

const express = (process.env.EXPRESS_MAJOR === '4' ? express4 : express5) as typeof express5;

interface Line {
  level: string;
  fields: Record<string, unknown>;
  message?: string;
}
const lines: Line[] = [];
const debugLines: string[] = [];
const logger: KitLogger = {
  debug: (fields, message) => void lines.push({ level: 'debug', fields: fields as Record<string, unknown>, message }),
  info: (fields, message) => void lines.push({ level: 'info', fields: fields as Record<string, unknown>, message }),
  warn: (fields, message) => void lines.push({ level: 'warn', fields: fields as Record<string, unknown>, message }),
  error: (fields, message) => void lines.push({ level: 'error', fields: fields as Record<string, unknown>, message }),
};
const events: { name: string; event: AuditEvent | AuditFailureEvent }[] = [];
const record = (name: string) => (event: AuditEvent) => void events.push({ name, event });

let fake: FakeProvider;
let flaky: FakeProvider;
let appUrl = '';
let server: http.Server;
const previousDebugLog = createDebug.log;

before(async () => {
  createDebug.enable('express-oauth-kit:*');
  createDebug.log = (...args: unknown[]) => void debugLines.push(args.map(String).join(' '));
  fake = await startFakeProvider({ accessTokenTtlSeconds: 30 });
  flaky = await startFakeProvider({ accessTokenTtlSeconds: 30 });
  server = http.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const auth = createRegistry({
    baseUrl: appUrl,
    logger,
    refreshSkewSeconds: 60, // the fake's 30-second tokens are always due: every tokens() call refreshes
    events: {
      login: record('login'),
      loginFailed: record('loginFailed'),
      logout: record('logout'),
      link: record('link'),
      unlink: record('unlink'),
      refresh: record('refresh'),
      refreshFailed: record('refreshFailed'),
    },
  });
  auth.register(fake.provider({ preset: 'github' }));
  auth.register(fake.provider({ name: 'fake' }));
  auth.register(flaky.provider({ name: 'flaky' }));
  const app = express();
  app.use(session({ secret: 'logging-test-secret-0123456789abcdef', resave: false, saveUninitialized: false, cookie: { sameSite: 'lax' } }));
  app.use(auth.router());
  // Express 4 does not pass a rejected promise to next(): these handlers do.
  app.get('/tokens/:name', loginRequired(), (req, res, next) => {
    req.oauth.tokens(String(req.params.name)).then((tokens) => res.json({ refreshed: typeof tokens.accessToken === 'string' }), next);
  });
  app.post('/unlink/:name', loginRequired(), (req, res, next) => {
    req.oauth.unlink(String(req.params.name)).then(() => res.json({ ok: true }), next);
  });
  app.get('/fetch/:name', async (req, res) => {
    try {
      await req.oauth.fetch(String(req.params.name), '/userinfo');
      res.json({ ok: true });
    } catch (err) {
      res.status(401).json({ message: (err as Error).message });
    }
  });
  app.use(auth.errorHandler());
  server.on('request', app);
});

after(async () => {
  createDebug.disable();
  createDebug.log = previousDebugLog;
  server.closeAllConnections();
  server.close();
  await fake.close();
  await flaky.close().catch(() => {});
});

const post = (path: string, cookie: string) => fetch(`${appUrl}${path}`, { method: 'POST', headers: { cookie, origin: appUrl }, redirect: 'manual' });

test('login, link, refresh, unlink, logout and a failed login are audit events: provider, account id, user, request id', async () => {
  events.length = 0;
  const { cookie } = await loginAs(appUrl, { id: '583231', username: 'octocat', name: 'The Octocat' }, { provider: 'github' });
  const linked = await loginAs(appUrl, { id: 'f-1', name: 'Fake One' }, { provider: 'fake', cookie });
  assert.equal((await fetch(`${appUrl}/tokens/fake`, { headers: { cookie: linked.cookie } })).status, 200);
  assert.equal((await post('/unlink/fake', linked.cookie)).status, 200);
  assert.equal((await post('/auth/logout', linked.cookie)).status, 303);
  fake.denyNext();
  await assert.rejects(loginAs(appUrl, { id: 'nobody' }, { provider: 'fake' }), /access_denied/);

  assert.deepEqual(
    events.map((e) => [e.name, e.event.provider, e.event.accountId ?? null, (e.event as AuditFailureEvent).code ?? null]),
    [
      ['login', 'github', '583231', null],
      ['link', 'fake', 'f-1', null],
      ['refresh', 'fake', 'f-1', null],
      ['unlink', 'fake', 'f-1', null],
      ['logout', 'github', '583231', null],
      ['loginFailed', 'fake', null, 'access_denied'],
    ],
  );
  const user = { provider: 'github', id: '583231', username: 'octocat', name: 'The Octocat' };
  for (const { name, event } of events.slice(0, 5)) assert.deepEqual(event.user, user, `${name} carries the app user`);
  for (const { event } of events) assert.match(event.requestId, /^[0-9a-f-]{36}$/);
  assert.ok(Object.isFrozen(events[0]!.event));
});

test('a failed refresh is an audit event and is logged with its code', async () => {
  events.length = 0;
  const { cookie } = await loginAs(appUrl, { id: 'flaky-1' }, { provider: 'flaky' });
  await flaky.close(); // the provider is gone: the refresh fails at its token endpoint
  const res = await fetch(`${appUrl}/tokens/flaky`, { headers: { cookie, accept: 'application/json' } });
  assert.equal(res.status, 502);
  const failed = events.find((e) => e.name === 'refreshFailed');
  assert.ok(failed, 'refreshFailed emitted');
  assert.equal((failed.event as AuditFailureEvent).code, 'token_exchange_failed');
  assert.equal(failed.event.accountId, 'flaky-1');
  const logged = lines.find((l) => l.fields.event === 'error.oauth' && l.fields.code === 'token_exchange_failed' && l.fields.provider === 'flaky');
  assert.ok(logged, 'the error handler logged it');
  assert.equal(logged.level, 'error');
  assert.equal(logged.fields.path, '/tokens/flaky');
});

test('redirect_uri_mismatch is logged with the callback URL to register', async () => {
  lines.length = 0;
  const start = await fetch(`${appUrl}/auth/github/login`, { redirect: 'manual' });
  const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
  const cookie = start.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const callback = `${appUrl}/auth/github/callback?error=redirect_uri_mismatch&error_description=The+redirect_uri+MUST+match&state=${encodeURIComponent(state)}`;
  const res = await fetch(callback, { headers: { cookie, accept: 'application/json' } });
  assert.equal(res.status, 502);
  assert.deepEqual(await res.json(), { error: 'provider_error' }, 'the user sees the code only');
  const line = lines.find((l) => l.fields.event === 'error.oauth');
  assert.ok(line);
  assert.equal(line.level, 'error');
  assert.equal(line.fields.code, 'provider_error');
  assert.equal(line.fields.provider, 'github');
  assert.deepEqual(line.fields.cause, { error: 'redirect_uri_mismatch', error_description: 'The redirect_uri MUST match', code: 'OAUTH_AUTHORIZATION_RESPONSE_ERROR' });
  assert.equal(line.fields.hint, `register \`${appUrl}/auth/github/callback\` as the callback URL of the github app at the provider`);
  assert.equal(line.fields.path, '/auth/github/callback', 'the path without its query');
});

test('unknown_provider names the provider asked for and the registered ones; fetch for an unlinked provider says so', async () => {
  lines.length = 0;
  const page = await fetch(`${appUrl}/auth/gitlab/login`, { headers: { accept: 'text/html' } });
  assert.equal(page.status, 404);
  assert.match(await page.text(), /No provider is registered as &#34;gitlab&#34; \(registered: github, fake, flaky\)\./);
  const odd = await fetch(`${appUrl}/auth/%3Cscript%3E/login`, { headers: { accept: 'text/html' } });
  assert.equal(odd.status, 404);
  assert.doesNotMatch(await odd.text(), /script/i, 'a name that is not a provider name is not echoed');
  assert.ok(lines.some((l) => l.level === 'info' && l.fields.code === 'unknown_provider' && /registered providers: github, fake, flaky/.test(String(l.fields.hint))));

  const { cookie } = await loginAs(appUrl, { id: 'only-github' }, { provider: 'github' });
  const res = await fetch(`${appUrl}/fetch/fake`, { headers: { cookie } });
  assert.match((await res.json()).message, /No fake account is linked to this session: send the user through the fake login first/);
});

test('no token, authorization code or secret is ever logged, in the logger or under DEBUG', async () => {
  // Everything above ran with DEBUG=express-oauth-kit:* on and the recording logger.
  assert.ok(debugLines.length > 10, `DEBUG lines were written (${debugLines.length})`);
  assert.ok(debugLines.some((l) => l.includes('express-oauth-kit:audit')));
  const all = JSON.stringify(lines) + debugLines.join('\n');
  for (const secret of [fake.clientSecret, flaky.clientSecret, 'logging-test-secret']) assert.equal(all.includes(secret), false, 'no client or session secret');
  assert.doesNotMatch(all, /fake-at-|fake-rt-|fake-code-/, 'no access token, refresh token or authorization code');
  assert.doesNotMatch(all, /code=|state=/, 'no callback query');
});
