/**
 * Login flows for the scale tests, step by step so a test can see which
 * instance served each step (`x-upstream` from the balancer).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Browser, Hop } from '../../helpers/http-client.ts';
import { SESSION_COOKIE, sessionIdFromCookie } from '../../helpers/app.ts';

export const JSON_ACCEPT = { accept: 'application/json' };

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs tasks one at a time (e.g. "setUser, then authorize" without another login in between). */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => {});
    return result;
  }
}

/** Every (provider, state) a login of this process used, to find the kit's single-use markers afterwards. */
const usedStates: { provider: string; state: string }[] = [];

/**
 * Remove what the tests left in a shared Redis: the session keys under
 * `prefix`, the token families published for them (`oauthkit:tokens:*`, kept
 * 30 days) and the single-use callback markers (`oauthkit:once:state:*`).
 */
export async function cleanupRedis(redis: Redis, prefix: string): Promise<void> {
  const sessionKeys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    sessionKeys.push(...batch);
  } while (cursor !== '0');
  const kitKeys: string[] = [];
  for (const key of sessionKeys) {
    const accounts = JSON.parse((await redis.get(key)) ?? '{}')?.oauth?.accounts ?? {};
    for (const a of Object.values(accounts) as { tokens?: { family?: string } }[]) {
      if (a?.tokens?.family) kitKeys.push(`oauthkit:tokens:${a.tokens.family}`);
    }
  }
  for (const { provider, state } of usedStates) {
    kitKeys.push(`oauthkit:once:state:${createHash('sha256').update(`${provider}\0${state}`).digest('base64url')}`);
  }
  const all = [...sessionKeys, ...kitKeys];
  for (let i = 0; i < all.length; i += 500) await redis.del(...all.slice(i, i + 500));
}

export interface LoginTrace {
  start: Hop;
  authorize: Hop;
  callback: Hop;
  /** Session id before the login (the pending login's session) and after it. */
  preSid?: string;
  postSid?: string;
}

/** Session id in the browser's `sid` cookie for an origin. */
export function sidOf(browser: Browser, origin: string): string | undefined {
  return sessionIdFromCookie(browser.jar.get(new URL(origin).host, SESSION_COOKIE));
}

/**
 * A full login at `origin` (an instance or the balancer): start → provider
 * authorize (through `authorize`, e.g. to set the emulator's user first) →
 * callback. Throws when a step does not answer as a successful login does.
 */
export async function login(
  browser: Browser,
  origin: string,
  provider: string,
  options: {
    returnTo?: string;
    authorize?: (run: () => Promise<Hop>) => Promise<Hop>;
    afterStart?: (start: Hop) => Promise<void>;
    /** Pin the callback to the instance the start did not land on (the balancer honours `x-upstream`). */
    crossInstances?: boolean;
  } = {},
): Promise<LoginTrace> {
  const q = options.returnTo ? `?returnTo=${encodeURIComponent(options.returnTo)}` : '';
  const start = await browser.request(`${origin}/auth/${provider}/login${q}`);
  assert.equal(start.status, 302, `login start: ${start.status} ${start.body}`);
  const preSid = sidOf(browser, origin);
  const state = new URL(start.location!).searchParams.get('state');
  if (state) usedStates.push({ provider, state });
  await options.afterStart?.(start);
  const go = () => browser.request(start.location!);
  const authorize = options.authorize ? await options.authorize(go) : await go();
  assert.equal(authorize.status, 302, `authorize: ${authorize.status} ${authorize.body}`);
  const back = new URL(authorize.location!);
  assert.equal(back.origin, new URL(origin).origin, 'the provider sends the browser back to the configured baseUrl');
  const startedOn = Number(start.headers.get('x-upstream'));
  const pin: Record<string, string> = options.crossInstances && Number.isInteger(startedOn) ? { 'x-upstream': String(1 - startedOn) } : {};
  const callback = await browser.request(back.href, { headers: { ...JSON_ACCEPT, ...pin } });
  assert.equal(callback.status, 302, `callback: ${callback.status} ${callback.body}`);
  return { start, authorize, callback, preSid, postSid: sidOf(browser, origin) };
}

/** GET a JSON route with the browser's cookies; `upstream` pins the balancer to one instance. */
export async function getJson(browser: Browser, url: string, upstream?: number): Promise<{ status: number; body: any; hop: Hop }> {
  const headers: Record<string, string> = { ...JSON_ACCEPT };
  if (upstream !== undefined) headers['x-upstream'] = String(upstream);
  const hop = await browser.request(url, { headers });
  let body: unknown;
  try {
    body = JSON.parse(hop.body);
  } catch {
    body = hop.body;
  }
  return { status: hop.status, body, hop };
}

/** Run `tasks` with at most `limit` in flight; results in task order. */
export async function pool<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      out[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return out;
}
