/**
 * Tokens that keep working: refresh once per burst (in one process and across
 * two processes sharing Redis), newest tokens win over a stale session save,
 * 401 → one refresh and one retry, invalid_grant → login_required for that
 * provider only, revocation at logout (even when it hangs), linking and
 * unlinking, a tokenStore, encrypted tokens at rest, client credentials.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Browser } from '../helpers/http-client.ts';
import { sessionIdFromCookie, SESSION_COOKIE, type TestApp } from '../helpers/app.ts';
import { startTokenApp } from '../helpers/token-app.ts';
import { startOAuth2Emulator, type OAuth2Emulator } from '../emulators/oauth2.ts';
import type { TokenSet, TokenStore, TokenStoreKey } from '../../src/types.ts';

const JSON_ACCEPT = { accept: 'application/json' };
const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

async function emulator(options: Partial<Parameters<typeof startOAuth2Emulator>[0]> = {}): Promise<OAuth2Emulator> {
  const e = await startOAuth2Emulator({ redirectUris: [], anyRedirectUri: true, ...options });
  cleanups.push(() => e.close());
  return e;
}

async function app(emus: { name: string; e: OAuth2Emulator }[], opts: Parameters<typeof startTokenApp>[1] = {}): Promise<TestApp> {
  const a = await startTokenApp(
    emus.map(({ name, e }) => ({ name, url: e.url, clientId: e.clientId, clientSecret: e.clientSecret })),
    opts,
  );
  cleanups.push(() => a.close());
  return a;
}

async function login(browser: Browser, a: TestApp, name: string): Promise<void> {
  const start = await browser.request(`${a.url}/auth/${name}/login`);
  assert.equal(start.status, 302, start.body);
  const back = await browser.request(start.location!);
  const done = await browser.request(back.location!, { headers: JSON_ACCEPT });
  assert.equal(done.status, 302, done.body);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('20 concurrent req.oauth.fetch after expiry → exactly one refresh grant, all succeed', async () => {
  const e = await emulator({ accessTokenTtlSeconds: 1, refreshDelayMs: 200 });
  const a = await app([{ name: 'p', e }], { registry: { refreshSkewSeconds: 0 } });
  const browser = new Browser();
  await login(browser, a, 'p');
  await sleep(1200);
  const results = await Promise.all(Array.from({ length: 20 }, () => browser.request(`${a.url}/call/p`, { headers: JSON_ACCEPT })));
  for (const r of results) assert.equal(r.status, 200, r.body);
  assert.equal(e.grants.refresh_token, 1);
});

test('two app processes sharing Redis (the redis option): one refresh grant for a burst across both', async () => {
  const e = await emulator({ accessTokenTtlSeconds: 1, refreshDelayMs: 300 });
  const prefix = `test:shared:${randomBytes(6).toString('hex')}:`;
  const a = await app([{ name: 'p', e }], { store: 'redis', prefix, kitRedis: true, registry: { refreshSkewSeconds: 0 } });
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/token-app.ts'], {
    env: { ...process.env, EMULATORS: JSON.stringify([{ name: 'p', url: e.url, clientId: e.clientId, clientSecret: e.clientSecret }]), PREFIX: prefix, REFRESH_SKEW: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(async () => {
    child.kill('SIGTERM');
    const keys = await a.redis!.keys(`${prefix}*`).catch(() => [] as string[]);
    if (keys.length) await a.redis!.del(...keys).catch(() => 0);
  });
  const bUrl: string = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line).url);
    });
    child.on('exit', (code) => reject(new Error(`instance exited ${code}`)));
  });
  const browser = new Browser();
  await login(browser, a, 'p');
  const cookie = browser.jar.header(new URL(a.url))!;
  await sleep(1200);
  const urls = Array.from({ length: 20 }, (_, i) => `${i % 2 ? bUrl : a.url}/call/p`);
  const results = await Promise.all(urls.map((u) => fetch(u, { headers: { ...JSON_ACCEPT, cookie } })));
  for (const r of results) assert.equal(r.status, 200);
  assert.equal(e.grants.refresh_token, 1, 'one refresh across both instances');
});

test('a stale session save cannot bring back a used refresh token: the newest tokens win', async () => {
  const e = await emulator({ accessTokenTtlSeconds: 1, rotateRefreshTokens: true });
  const a = await app([{ name: 'p', e }], { store: 'redis', kitRedis: true, registry: { refreshSkewSeconds: 0 } });
  const browser = new Browser();
  await login(browser, a, 'p');
  await sleep(1200);
  const slow = browser.request(`${a.url}/slow-write?ms=600`, { headers: JSON_ACCEPT }); // loads v1, saves v1 later
  await sleep(100);
  const first = await browser.request(`${a.url}/call/p`, { headers: JSON_ACCEPT }); // refresh → v2
  assert.equal(first.status, 200);
  assert.equal((await slow).status, 200);
  const sid = sessionIdFromCookie(browser.jar.get(new URL(a.url).host, SESSION_COOKIE))!;
  const stored = JSON.parse((await a.redis!.get(`${a.prefix}${sid}`))!);
  assert.equal(stored.visits, 1);
  assert.equal(stored.oauth.accounts.p.tokens.version, 1, 'the stale save wrote the old tokens back (the race happened)');
  await sleep(1200);
  const second = await browser.request(`${a.url}/call/p`, { headers: JSON_ACCEPT });
  assert.equal(second.status, 200, 'the next refresh used the newest refresh token');
  assert.equal(e.grants.refresh_token, 2);
  const healed = JSON.parse((await a.redis!.get(`${a.prefix}${sid}`))!);
  assert.equal(healed.oauth.accounts.p.tokens.version, 3, 'the session holds the newest tokens again');
});

test('401 from the API → one refresh and one retry', async () => {
  const e = await emulator({ accessTokenTtlSeconds: 1 });
  // a negative skew makes the kit trust the token past its expiry, so the API answers 401 first
  const a = await app([{ name: 'p', e }], { registry: { refreshSkewSeconds: -3600 } });
  const browser = new Browser();
  await login(browser, a, 'p');
  await sleep(1200);
  const before = e.requestsTo('/api/echo').length;
  const r = await browser.request(`${a.url}/call/p`, { headers: JSON_ACCEPT });
  assert.equal(r.status, 200, r.body);
  assert.equal(e.grants.refresh_token, 1);
  assert.equal(e.requestsTo('/api/echo').length - before, 2, 'the call and one retry');
});

test('invalid_grant → login_required for that provider only; the other linked account stays', async () => {
  const e1 = await emulator({ accessTokenTtlSeconds: 1 });
  const e2 = await emulator({ accessTokenTtlSeconds: 3600 });
  const a = await app([{ name: 'one', e: e1 }, { name: 'two', e: e2 }], { registry: { refreshSkewSeconds: 0 } });
  const browser = new Browser();
  await login(browser, a, 'one');
  await login(browser, a, 'two');
  const me = JSON.parse((await browser.request(`${a.url}/auth/me`, { headers: JSON_ACCEPT })).body);
  assert.deepEqual(me.providers, ['one', 'two'], 'linked in order');
  assert.equal(me.user.provider, 'one', 'the first login stays the user');
  e1.revokeAll();
  await sleep(1200);
  const r = await browser.request(`${a.url}/call/one`, { headers: JSON_ACCEPT });
  assert.equal(r.status, 401);
  assert.equal(JSON.parse(r.body).error, 'login_required');
  const after = JSON.parse((await browser.request(`${a.url}/auth/me`, { headers: JSON_ACCEPT })).body);
  assert.deepEqual(after.providers, ['two']);
  assert.equal((await browser.request(`${a.url}/call/two`, { headers: JSON_ACCEPT })).status, 200);
});

test('logout revokes tokens (RFC 7009) and still succeeds at once when revocation hangs', async () => {
  const e = await emulator({ revocationHang: true });
  const a = await app([{ name: 'p', e }], { registry: { httpTimeoutMs: 5000 } });
  const browser = new Browser();
  await login(browser, a, 'p');
  const t0 = Date.now();
  const out = await browser.request(`${a.url}/auth/logout`, { method: 'POST', headers: { origin: a.url } });
  assert.equal(out.status, 303);
  assert.ok(Date.now() - t0 < 2000, 'logout did not wait for the hanging revocation');
  await sleep(100);
  assert.equal(e.requestsTo('/revoke').length, 1);
  assert.match(e.requestsTo('/revoke')[0]!.body, /token_type_hint=refresh_token/);
  assert.equal((await browser.request(`${a.url}/protected`, { headers: JSON_ACCEPT })).status, 401);
});

test('linking two providers and unlinking one', async () => {
  const e1 = await emulator();
  const e2 = await emulator();
  const a = await app([{ name: 'one', e: e1 }, { name: 'two', e: e2 }]);
  const browser = new Browser();
  await login(browser, a, 'one');
  await login(browser, a, 'two');
  const un = await browser.request(`${a.url}/unlink/one`, { method: 'POST', headers: { ...JSON_ACCEPT, origin: a.url } });
  assert.deepEqual(JSON.parse(un.body), { accounts: ['two'], authenticated: true });
  assert.equal((await browser.request(`${a.url}/call/one`, { headers: JSON_ACCEPT })).status, 401);
  const un2 = await browser.request(`${a.url}/unlink/two`, { method: 'POST', headers: { ...JSON_ACCEPT, origin: a.url } });
  assert.deepEqual(JSON.parse(un2.body), { accounts: [], authenticated: false });
});

test('tokenStore: tokens kept in the app database, not the session', async () => {
  const db = new Map<string, TokenSet>();
  const k = (key: TokenStoreKey) => `${key.provider}:${key.accountId}`;
  const tokenStore: TokenStore = {
    async get(key) {
      return db.get(k(key));
    },
    async set(key, tokens) {
      db.set(k(key), tokens);
    },
    async delete(key) {
      db.delete(k(key));
    },
  };
  const e = await emulator({ accessTokenTtlSeconds: 1 });
  const a = await app([{ name: 'p', e }], { store: 'redis', registry: { tokenStore, refreshSkewSeconds: 0 } });
  const browser = new Browser();
  await login(browser, a, 'p');
  assert.equal(db.size, 1);
  const first = [...db.values()][0]!;
  const sid = sessionIdFromCookie(browser.jar.get(new URL(a.url).host, SESSION_COOKIE))!;
  const raw = (await a.redis!.get(`${a.prefix}${sid}`))!;
  assert.ok(!raw.includes(first.accessToken) && !raw.includes(first.refreshToken!), 'no token in the session');
  await sleep(1200);
  assert.equal((await browser.request(`${a.url}/call/p`, { headers: JSON_ACCEPT })).status, 200);
  assert.notEqual([...db.values()][0]!.refreshToken, first.refreshToken, 'the rotated token was saved to the store');
  await browser.request(`${a.url}/auth/logout`, { method: 'POST', headers: { origin: a.url } });
  await sleep(50);
  assert.equal(db.size, 0, 'logout forgets them');
});

test('tokenEncryptionKeys: the Redis value holds no token; key rotation keeps old sessions readable', async () => {
  const oldKey = randomBytes(32).toString('base64');
  const newKey = randomBytes(32).toString('base64');
  const e = await emulator();
  const a = await app([{ name: 'p', e }], { store: 'redis', registry: { tokenEncryptionKeys: [oldKey] } });
  const browser = new Browser();
  await login(browser, a, 'p');
  const sid = sessionIdFromCookie(browser.jar.get(new URL(a.url).host, SESSION_COOKIE))!;
  const raw = (await a.redis!.get(`${a.prefix}${sid}`))!;
  const tokenReq = JSON.parse(JSON.stringify(e.requestsTo('/token').at(-1)));
  assert.ok(tokenReq);
  assert.match(raw, /"sealed":"eok2\./);
  const r = await browser.request(`${a.url}/call/p`, { headers: JSON_ACCEPT });
  assert.equal(r.status, 200);
  const echoed = JSON.parse(r.body).body.token as string; // last 4 chars of the bearer
  assert.ok(echoed && echoed.length === 4);
  assert.ok(!/accessToken|refreshToken/.test(raw), 'no plaintext token fields in Redis');
  // a second app instance with the new key first and the old one second reads the same session
  const b = await app([{ name: 'p', e }], { store: 'redis', prefix: a.prefix, registry: { tokenEncryptionKeys: [newKey, oldKey] } });
  const cookie = browser.jar.header(new URL(a.url))!;
  const viaB = await fetch(`${b.url}/call/p`, { headers: { ...JSON_ACCEPT, cookie } });
  assert.equal(viaB.status, 200);
});

test('client credentials: one grant for concurrent callers, cached until due', async () => {
  const e = await emulator({ accessTokenTtlSeconds: 3600 });
  const a = await app([{ name: 'p', e }]);
  const all = await Promise.all(Array.from({ length: 10 }, () => a.auth.clientCredentials('p', { scope: ['read'] })));
  assert.equal(new Set(all.map((t) => t.accessToken)).size, 1);
  assert.equal(e.grants.client_credentials, 1);
  await a.auth.clientCredentials('p', { scope: ['read'] });
  assert.equal(e.grants.client_credentials, 1, 'cached');
});
