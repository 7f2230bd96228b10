/**
 * With the real Redis store (connect-redis + ioredis on 127.0.0.1:6379):
 * tokens live in the Redis value, never the cookie; the session id changes at
 * login and logout and the old keys are gone (SECURITY S-1, S-2, K-3).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser } from '../helpers/http-client.ts';
import { startApp, sessionIdFromCookie, SESSION_COOKIE, type TestApp } from '../helpers/app.ts';
import { startMop, type Mop } from '../emulators/oidc-mop.ts';
import { oidc } from '../../src/index.ts';

let app: TestApp;
let mop: Mop;

before(async () => {
  app = await startApp({ store: 'redis' });
  mop = await startMop();
  app.auth.register(oidc({ name: 'mop', issuer: mop.issuer, clientId: mop.clientId, clientSecret: mop.clientSecret }));
});
after(async () => {
  await app?.close();
  await mop?.close();
});

test('login through Redis: tokens in the Redis value only, id regenerated, old key deleted', async () => {
  const browser = new Browser();
  const host = new URL(app.url).host;
  const start = await browser.request(`${app.url}/auth/mop/login?returnTo=/protected`);
  const preId = sessionIdFromCookie(browser.jar.get(host, SESSION_COOKIE));
  assert.ok(preId, 'the pending login created a session');
  const pre = await app.redis!.get(`${app.prefix}${preId}`);
  assert.ok(pre && JSON.parse(pre).oauth.pending, 'pending login saved in Redis before the redirect');
  const back = await browser.request(start.location!);
  const done = await browser.request(back.location!);
  assert.equal(done.status, 302);
  const cookie = browser.jar.get(host, SESSION_COOKIE)!;
  const postId = sessionIdFromCookie(cookie);
  assert.ok(postId && postId !== preId, 'new session id at login');
  assert.equal(await app.redis!.get(`${app.prefix}${preId}`), null, 'pre-login key deleted');
  const stored = JSON.parse((await app.redis!.get(`${app.prefix}${postId}`))!);
  const tokens = stored.oauth.accounts.mop.tokens;
  assert.ok(tokens.accessToken.length > 10);
  assert.ok(!cookie.includes(tokens.accessToken) && !decodeURIComponent(cookie).includes(tokens.accessToken));
  for (const hop of browser.history) {
    assert.ok(!hop.body.includes(tokens.accessToken));
    assert.ok(!hop.headers.getSetCookie().join().includes(tokens.accessToken));
  }
  assert.deepEqual(Object.keys(stored.oauth.pending ?? {}), [], 'the used login is gone');
  assert.equal(stored.oauth.user.id, mop.sub);
  const keys = await app.redis!.keys(`${app.prefix}*`);
  assert.equal(keys.length, 1, 'exactly one session key for this login');

  const page = await browser.request(`${app.url}/protected`, { headers: { accept: 'application/json' } });
  assert.equal(page.status, 200);

  const out = await browser.request(`${app.url}/auth/logout`, { method: 'POST', headers: { origin: app.url } });
  assert.equal(out.status, 303);
  assert.equal(await app.redis!.get(`${app.prefix}${postId}`), null, 'logged-in key deleted at logout');
  const afterId = sessionIdFromCookie(browser.jar.get(host, SESSION_COOKIE));
  assert.notEqual(afterId, postId);
  // the old cookie no longer authenticates
  const replayJar = new Browser();
  replayJar.jar.set(host, SESSION_COOKIE, cookie);
  const old = await replayJar.request(`${app.url}/protected`, { headers: { accept: 'application/json' } });
  assert.equal(old.status, 401);
});

test('a planted session cookie stays anonymous after the victim logs in (K-2)', async () => {
  const attacker = new Browser();
  const host = new URL(app.url).host;
  await attacker.request(`${app.url}/auth/mop/login`);
  const planted = attacker.jar.get(host, SESSION_COOKIE)!;
  const victim = new Browser();
  victim.jar.set(host, SESSION_COOKIE, planted);
  const start = await victim.request(`${app.url}/auth/mop/login`);
  const back = await victim.request(start.location!);
  await victim.request(back.location!);
  assert.notEqual(victim.jar.get(host, SESSION_COOKIE), planted);
  const res = await attacker.request(`${app.url}/protected`, { headers: { accept: 'application/json' } });
  assert.equal(res.status, 401);
});
