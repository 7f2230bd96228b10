/**
 * What one login costs the session store, and that the cheaper paths keep
 * their guarantees: a fresh session's login reads the store only where
 * another writer may have been, the regenerated session is written once, a
 * change after that write still reaches the store, and two tabs of one
 * session still both finish.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express5 from 'express';
import express4 from 'express4';
import session from 'express-session';
import { createRegistry, github, type Registry } from '../../src/index.ts';
import { regenerateSession, saveRegeneratedSession } from '../../src/session/session-ops.ts';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github.ts';
import { EXPRESS_MAJOR } from '../helpers/app.ts';
import { Browser } from '../helpers/http-client.ts';

/** A MemoryStore that counts what it is asked. */
class CountingStore extends session.MemoryStore {
  counts = { get: 0, set: 0, destroy: 0, touch: 0 };
  override get(sid: string, cb: (err: unknown, s?: session.SessionData | null) => void): void {
    this.counts.get += 1;
    super.get(sid, cb);
  }
  override set(sid: string, s: session.SessionData, cb?: (err?: unknown) => void): void {
    this.counts.set += 1;
    super.set(sid, s, cb);
  }
  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.counts.destroy += 1;
    super.destroy(sid, cb);
  }
  override touch(sid: string, s: session.SessionData, cb?: () => void): void {
    this.counts.touch += 1;
    super.touch(sid, s, cb);
  }
  reset(): void {
    this.counts = { get: 0, set: 0, destroy: 0, touch: 0 };
  }
}

let gh: GitHubEmulator;
let server: http.Server;
let url: string;
let auth: Registry;
const store = new CountingStore();

before(async () => {
  const express = (EXPRESS_MAJOR === 4 ? express4 : express5) as unknown as typeof express5;
  const app = express();
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  gh = await startGitHubEmulator({ redirectUris: [`${url}/auth/github/callback`] });
  app.use(session({ name: 'sid', secret: 'session-writes-secret-0123456789abcdef', resave: false, saveUninitialized: false, store, cookie: { sameSite: 'lax' } }));
  auth = createRegistry({ baseUrl: url });
  auth.register(
    github({
      clientId: gh.clientId,
      clientSecret: gh.clientSecret,
      authorizationEndpoint: `${gh.url}/login/oauth/authorize`,
      tokenEndpoint: `${gh.url}/login/oauth/access_token`,
      userinfoEndpoint: `${gh.url}/user`,
      apiBaseUrl: `${gh.url}/`,
    }),
  );
  app.use(auth.router());
  app.get('/me', auth.loginRequired(), (req, res) => res.json({ user: req.user }));
  // The kit's own regenerate-and-save, then (with ?change=1) a change in the same request: the end-of-request write must happen.
  app.post('/regenerate', async (req, res, next) => {
    try {
      await regenerateSession(req, undefined, undefined, { keepAppData: false });
      await saveRegeneratedSession(req);
      const setsAfterSave = store.counts.set;
      if (req.query.change === '1') (req.session as unknown as { note?: string }).note = 'changed after the save';
      res.json({ setsAfterSave });
    } catch (err) {
      next(err);
    }
  });
  app.post('/touch-session', (req, res) => {
    (req.session as unknown as { note?: string }).note = 'written by the app';
    res.status(204).end();
  });
  app.use(auth.errorHandler());
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await gh.close();
});

async function authorize(browser: Browser, path = '/auth/github/login'): Promise<string> {
  const start = await browser.request(`${url}${path}`);
  assert.equal(start.status, 302);
  const back = await browser.request(start.location!);
  assert.equal(back.status, 302);
  return back.location!;
}

const sidOf = (browser: Browser): string => decodeURIComponent(browser.jar.header(new URL(url)) ?? '').match(/sid=s:([^.;]+)/)?.[1] ?? '';
const stored = (sid: string) =>
  new Promise<Record<string, unknown> | undefined>((resolve) => store.get(sid, (_e, s) => resolve((s ?? undefined) as Record<string, unknown> | undefined)));

test("a fresh browser's login: one session write at the start; at the callback the load, one write before the token request, one read before the new id, and the new session written once", async () => {
  const browser = new Browser();
  store.reset();
  const callback = await authorize(browser);
  assert.deepEqual(store.counts, { get: 0, set: 1, destroy: 0, touch: 0 }, 'login start: the new session is saved once');
  store.reset();
  const done = await browser.request(callback);
  assert.equal(done.status, 302);
  assert.equal(done.location, '/');
  assert.deepEqual(store.counts, { get: 2, set: 2, destroy: 1, touch: 0 }, 'callback: load, used-up login saved, reload before regenerating, old id destroyed, new session saved once');
  const me = await browser.request(`${url}/me`, { headers: { accept: 'application/json' } });
  assert.equal(me.status, 200, 'logged in: the one write of the new session is in the store');
  assert.equal(typeof (JSON.parse(me.body) as { user: { id: string } }).user.id, 'string');
});

test('a regenerated session saved by the kit is not written again at the end of the request, unless it changed after the save', async () => {
  for (const change of [false, true]) {
    const browser = new Browser();
    await browser.request(await authorize(browser));
    store.reset();
    const r = await browser.request(`${url}/regenerate${change ? '?change=1' : ''}`, { method: 'POST' });
    assert.equal(r.status, 200);
    const { setsAfterSave } = JSON.parse(r.body) as { setsAfterSave: number };
    assert.equal(setsAfterSave, 1, "the kit's save");
    assert.equal(store.counts.set, change ? 2 : 1, change ? 'changed after the save: written again at the end' : 'unchanged: not written twice');
    const record = await stored(sidOf(browser));
    assert.ok(record, 'the new session is stored');
    assert.equal(record.note, change ? 'changed after the save' : undefined);
  }
});

test('two tabs of one session, started one after the other, both finish (the second start reads the store)', async () => {
  const browser = new Browser();
  await authorize(browser); // gives the browser its session
  const tab1 = await authorize(browser);
  const tab2 = await authorize(browser);
  const first = await browser.request(tab1);
  assert.equal(first.status, 302);
  assert.equal(first.location, '/');
  const second = await browser.request(tab2);
  assert.equal(second.status, 302, "the other tab's pending login survived the first callback");
  assert.equal(second.location, '/');
});

test('another writer changed the record but not the kit data: the login goes on without a second read', async () => {
  const browser = new Browser();
  const callback = await authorize(browser);
  const sid = sidOf(browser);
  const record = (await stored(sid)) as unknown as session.SessionData & { oauth: { pending: Record<string, unknown> }; marker?: string };
  assert.equal(Object.keys(record.oauth.pending).length, 1);
  record.marker = 'written by another request';
  await new Promise<void>((resolve) => store.set(sid, record, () => resolve()));
  store.reset();
  const done = await browser.request(callback);
  assert.equal(done.status, 302);
  assert.equal(done.location, '/');
  assert.equal(store.counts.get, 2, 'load + the read before the new id');
});

test('another writer changed the kit data: the used-up login is read from the store again, not saved over it from memory', async () => {
  const browser = new Browser();
  await authorize(browser); // the session, with one pending login
  const callback = await authorize(browser); // a second pending login
  const sid = sidOf(browser);
  const record = (await stored(sid)) as unknown as session.SessionData & { oauth: { pending: Record<string, Record<string, unknown>> } };
  assert.equal(Object.keys(record.oauth.pending).length, 2);
  // Another writer (another process without the redis option, an admin tool) drops the first pending login.
  const state = new URL(callback).searchParams.get('state')!;
  record.oauth.pending = { [state]: record.oauth.pending[state]! };
  await new Promise<void>((resolve) => store.set(sid, record, () => resolve()));
  store.reset();
  // The callback request loads the changed record: its kit data is not what this process wrote last, so it is read again.
  const done = await browser.request(callback);
  assert.equal(done.status, 302);
  assert.equal(done.location, '/');
  assert.equal(store.counts.get, 3, 'load + the read before using up the login + the read before the new id');
});
