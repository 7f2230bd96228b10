/**
 * A provider that misbehaves during a login: the token, userinfo or OIDC
 * discovery endpoint refuses connections, hangs past httpTimeoutMs (1500 ms
 * here), answers HTML, garbage, a 500, a redirect or a 10 MB body. Each is a
 * 502-class OAuthError (token_exchange_failed / profile_fetch_failed /
 * provider_error) within the timeout plus a margin; the pending login is used
 * up (its replay is a 400), the next login works, and several 10 MB answers
 * do not grow the process' memory.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser } from '../helpers/http-client.ts';
import { signInAtProvider } from '../helpers/oidc-server.ts';
import { startOAuth2Emulator, type OAuth2Emulator } from '../emulators/oauth2.ts';
import type { Fault } from '../emulators/recorder.ts';
import { oidc } from '../../src/index.ts';
import { spawnInstance, startInstance, type Instance } from './support/instance.ts';
import { startFaultProxy, type FaultProxy, type ProxyFault } from './support/fault-proxy.ts';
import { DISCOVERY_PATH, startProxiedOp, type ProxiedOp } from './support/proxied-op.ts';
import { getJson, JSON_ACCEPT, login } from './support/flows.ts';

const TIMEOUT_MS = 1500;
const MARGIN_MS = 1000;
const MB = 1024 * 1024;

type EndpointFault = 'refused' | 'hang' | 'html' | 'garbage' | 'huge' | 'http500' | 'redirect307';
const ENDPOINT_FAULTS: EndpointFault[] = ['refused', 'hang', 'html', 'garbage', 'huge', 'http500', 'redirect307'];
type DiscoveryFault = 'refused' | Exclude<ProxyFault, null>;
const DISCOVERY_FAULTS: DiscoveryFault[] = ['refused', 'hang', 'html', 'garbage', 'huge', 'http500'];

let emu: OAuth2Emulator;
let tokenProxy: FaultProxy;
let userProxy: FaultProxy;
let op: ProxiedOp;
let app: Instance;

before(async () => {
  emu = await startOAuth2Emulator({ redirectUris: [], anyRedirectUri: true });
  // The token and userinfo endpoints are reached through their own proxies, which can refuse connections.
  tokenProxy = await startFaultProxy(emu.url);
  userProxy = await startFaultProxy(emu.url);
  app = await startInstance({
    id: 'faults',
    store: { kind: 'memory' },
    registry: { httpTimeoutMs: TIMEOUT_MS },
    providers: [
      { kind: 'oauth2', name: 'p', url: emu.url, clientId: emu.clientId, clientSecret: emu.clientSecret, tokenUrl: tokenProxy.url, userinfoUrl: userProxy.url },
    ],
  });
  // One OIDC provider per discovery case (discovery is cached per provider once it succeeds).
  const names = [...DISCOVERY_FAULTS.map((f) => `corp-${f}`), 'corp-mem'];
  op = await startProxiedOp(names.map((n) => `${app.url}/auth/${n}/callback`));
  for (const name of names) app.auth.register(oidc({ name, issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret }));
});

after(async () => {
  await app?.close();
  await op?.close();
  await tokenProxy?.close();
  await userProxy?.close();
  await emu?.close();
});

/** Start a login and get the provider's redirect back (the callback URL, not visited yet). */
async function toCallback(browser: Browser, origin = app.url): Promise<string> {
  const start = await browser.request(`${origin}/auth/p/login`);
  assert.equal(start.status, 302, start.body);
  const approved = await browser.request(start.location!);
  assert.equal(approved.status, 302, approved.body);
  return approved.location!;
}

async function setEndpointFault(where: 'token' | 'userinfo', fault: EndpointFault | null): Promise<void> {
  const proxy = where === 'token' ? tokenProxy : userProxy;
  if (fault === 'refused') return proxy.down();
  await proxy.up();
  if (where === 'token') emu.setTokenFault(fault as Fault);
  else emu.setUserFault(fault as Fault);
}

async function timedJson(browser: Browser, url: string): Promise<{ status: number; error?: string; ms: number; setCookie: string[] }> {
  const t0 = performance.now();
  const hop = await browser.request(url, { headers: JSON_ACCEPT });
  let error: string | undefined;
  try {
    error = JSON.parse(hop.body).error;
  } catch {
    error = undefined;
  }
  return { status: hop.status, error, ms: performance.now() - t0, setCookie: hop.headers.getSetCookie() };
}

function assertBounded(ms: number, fault: string): void {
  assert.ok(ms < TIMEOUT_MS + MARGIN_MS, `answered in ${Math.round(ms)} ms (timeout ${TIMEOUT_MS} + ${MARGIN_MS} ms)`);
  if (fault === 'hang') assert.ok(ms >= TIMEOUT_MS - 100, `a hanging provider is waited for until the timeout (${Math.round(ms)} ms)`);
}

for (const where of ['token', 'userinfo'] as const) {
  const code = where === 'token' ? 'token_exchange_failed' : 'profile_fetch_failed';
  for (const fault of ENDPOINT_FAULTS) {
    test(`${where} endpoint: ${fault} → 502 ${code} in bounded time; the login is used up; the next login works`, { timeout: 20_000 }, async () => {
      const browser = new Browser();
      const callbackUrl = await toCallback(browser);
      await setEndpointFault(where, fault);
      let failed;
      try {
        failed = await timedJson(browser, callbackUrl);
      } finally {
        await setEndpointFault(where, null);
      }
      assert.equal(failed.status, 502, `${failed.status} ${failed.error}`);
      assert.equal(failed.error, code);
      assertBounded(failed.ms, fault);

      const replay = await timedJson(browser, callbackUrl);
      assert.equal(replay.status, 400, 'the pending login was used up');
      assert.equal(replay.error, 'state_mismatch');
      assert.equal((await getJson(browser, `${app.url}/protected`)).status, 401, 'nobody was logged in');

      await login(browser, app.url, 'p');
      const page = await getJson(browser, `${app.url}/protected`);
      assert.equal(page.status, 200, 'the next login works');
      assert.equal(page.body.user.id, emu.user.id);
    });
  }
}

for (const fault of DISCOVERY_FAULTS) {
  test(`discovery: ${fault} → 502 provider_error at login start in bounded time, nothing stored; discovery is retried and the next login works`, { timeout: 30_000 }, async () => {
    const name = `corp-${fault}`;
    const browser = new Browser();
    const hitsBefore = op.proxy.hits(DISCOVERY_PATH);
    if (fault === 'refused') await op.proxy.down();
    else op.proxy.setFault(DISCOVERY_PATH, fault);
    const attempts = [];
    try {
      for (let i = 0; i < 2; i++) attempts.push(await timedJson(browser, `${app.url}/auth/${name}/login`));
    } finally {
      await op.proxy.up();
      op.proxy.setFault(DISCOVERY_PATH, null);
    }
    for (const a of attempts) {
      assert.equal(a.status, 502, `${a.status} ${a.error}`);
      assert.equal(a.error, 'provider_error');
      assertBounded(a.ms, fault);
      assert.deepEqual(a.setCookie, [], 'no session was stored for a login that could not start');
    }
    if (fault !== 'refused') assert.equal(op.proxy.hits(DISCOVERY_PATH) - hitsBefore, 2, 'a failed discovery is not cached: tried again');

    const start = await browser.request(`${app.url}/auth/${name}/login`);
    assert.equal(start.status, 302, start.body);
    assert.equal(new URL(start.location!).origin, op.issuer);
    const back = await signInAtProvider(browser, start.location!, app.url, `user-${fault}`);
    const done = await browser.request(new URL(back.location!, back.url).href, { headers: JSON_ACCEPT });
    assert.equal(done.status, 302, done.body);
    const page = await getJson(browser, `${app.url}/protected`);
    assert.equal(page.status, 200);
    assert.equal(page.body.user.id, `user-${fault}`);
  });
}

test('10 MB answers from the token, userinfo and discovery endpoints, one after another: the instance\'s peak rss stays well under their size', { timeout: 90_000 }, async (t) => {
  // Measured in a separate instance process, so the emulators and proxies of this process do not count.
  const child = await spawnInstance({
    id: 'memory',
    store: { kind: 'memory' },
    registry: { httpTimeoutMs: TIMEOUT_MS },
    memoryProbe: true,
    providers: [
      { kind: 'oauth2', name: 'p', url: emu.url, clientId: emu.clientId, clientSecret: emu.clientSecret, tokenUrl: tokenProxy.url, userinfoUrl: userProxy.url },
      { kind: 'oidc', name: 'corp-mem', issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret },
    ],
  });
  try {
    const PARALLEL = 1;
    const callbacksAt = async (n: number) => {
      const browsers = Array.from({ length: n }, () => new Browser());
      const urls = await Promise.all(browsers.map((b) => toCallback(b, child.url)));
      return browsers.map((b, i) => ({ b, url: urls[i]! }));
    };
    const round = async (fault: 'huge' | 'http500') => {
      for (const where of ['token', 'userinfo'] as const) {
        const logins = await callbacksAt(PARALLEL);
        await setEndpointFault(where, fault);
        try {
          const answers = await Promise.all(logins.map(({ b, url }) => timedJson(b, url)));
          for (const a of answers) assert.deepEqual([a.status, a.error], [502, where === 'token' ? 'token_exchange_failed' : 'profile_fetch_failed']);
        } finally {
          await setEndpointFault(where, null);
        }
      }
      op.proxy.setFault(DISCOVERY_PATH, fault);
      try {
        const answers = await Promise.all(Array.from({ length: PARALLEL }, () => timedJson(new Browser(), `${child.url}/auth/corp-mem/login`)));
        for (const a of answers) assert.deepEqual([a.status, a.error], [502, 'provider_error']);
      } finally {
        op.proxy.setFault(DISCOVERY_PATH, null);
      }
    };
    // Warm up with the same work minus the big bodies (500 answers), so the heap has its working size; then measure.
    await login(new Browser(), child.url, 'p');
    for (let i = 0; i < 2; i++) await round('http500');
    const memory = async () => (await (await fetch(`${child.url}/_memory`)).json()) as { rss: number; peakRss: number };
    const { rss: baseline } = (await (await fetch(`${child.url}/_memory/reset`, { method: 'POST' })).json()) as { rss: number };
    const rounds = 4;
    for (let i = 0; i < rounds; i++) await round('huge');
    const m = await memory();
    const peak = m.peakRss - baseline;
    const after = m.rss - baseline;
    const answers = rounds * 3 * PARALLEL;
    t.diagnostic(`instance rss ${(baseline / MB).toFixed(1)} MB; ${answers} answers of 10 MB (${PARALLEL} at a time): peak +${(peak / MB).toFixed(1)} MB, after +${(after / MB).toFixed(1)} MB`);
    assert.ok(peak < 50 * MB, `peak rss grew ${(peak / MB).toFixed(1)} MB while ${PARALLEL} answers of 10 MB were read at once`);
    assert.ok(after < 50 * MB, `rss grew ${(after / MB).toFixed(1)} MB over ${answers} answers of 10 MB`);
    assert.ok(child.alive());
  } finally {
    await child.stop();
  }
});
