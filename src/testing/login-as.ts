/**
 * `loginAs` of `express-oauth-kit/testing`: log a test client in through the
 * real login → authorize → callback flow and return its session cookie.
 */
import { isLoopbackHost } from '../rules.ts';
import { checkUser, LOGIN_AS_PARAM, type FakeUser } from './fake-provider.ts';

/** Options of {@link loginAs}. */
export interface LoginAsOptions {
  /** Registered name of the fake provider (default `fake`). */
  provider?: string;
  /** The app's `routePrefix` (default `/auth`). */
  routePrefix?: string;
  /** Where the app should send the browser after the login (default: the app's `defaultReturnTo`). */
  returnTo?: string;
  /** A cookie header to start from, e.g. an earlier `loginAs()` result, to link a second account. */
  cookie?: string;
}

/** What {@link loginAs} hands back. */
export interface LoginAsResult {
  /** A `Cookie` header value carrying the app's session, e.g. `sid=s%3A...`. */
  cookie: string;
  /** Where the app redirected after the callback (the returnTo). */
  location: string;
}

function parseCookieHeader(header: string | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) jar.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return jar;
}

function storeSetCookies(jar: Map<string, string>, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair = '', ...attributes] = line.split(';');
    const i = pair.indexOf('=');
    if (i <= 0) continue;
    const name = pair.slice(0, i).trim();
    const expired = attributes.some((a) => {
      const [key = '', value = ''] = a.trim().split('=');
      if (/^max-age$/i.test(key)) return Number(value) <= 0;
      if (/^expires$/i.test(key)) return Date.parse(value) <= Date.now();
      return false;
    });
    if (expired) jar.delete(name);
    else jar.set(name, pair.slice(i + 1).trim());
  }
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

async function errorCodeOf(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const code = (JSON.parse(text) as { error?: unknown }).error;
    if (typeof code === 'string') return code;
  } catch {
    // not JSON
  }
  return `HTTP ${res.status}`;
}


/**
 * Log in to a running app as `user` through a fake provider, over real HTTP:
 * GET the app's login route, let the fake provider approve as `user`, GET the
 * app's callback, and return the session cookie the app set. Send it on
 * `fetch` to be that user.
 *
 * @param appUrl the app's origin (and base path, if any), e.g. `http://127.0.0.1:3000`.
 * @param user the profile to log in as: `id` required; `username`, `name`, `email`, `emailVerified`, `avatarUrl` optional.
 * @param options.provider the fake provider's registered name (default `fake`).
 * @returns `{ cookie, location }`.
 * @throws Error when a step answers unexpectedly, naming the step and the kit's error code
 *   (e.g. `state_mismatch` when express-session is not keeping the session, `access_denied` after `fake.denyNext()`).
 * @example
 * ```ts
 * const { cookie } = await loginAs(appUrl, { id: '42', name: 'Ada' }, { provider: 'fake' });
 * const res = await fetch(`${appUrl}/protected`, { headers: { cookie } });
 * assert.equal(res.status, 200);
 * ```
 */
export async function loginAs(appUrl: string, user: FakeUser, options: LoginAsOptions = {}): Promise<LoginAsResult> {
  const profile = checkUser(user);
  const base = appUrl.replace(/\/+$/, '');
  const appOrigin = new URL(base).origin;
  const provider = options.provider ?? 'fake';
  const prefix = (options.routePrefix ?? '/auth').replace(/\/+$/, '');
  const jar = parseCookieHeader(options.cookie);
  const get = async (url: URL, accept: string): Promise<Response> => {
    const headers: Record<string, string> = { accept };
    if (url.origin === appOrigin && jar.size) headers.cookie = cookieHeader(jar);
    const res = await fetch(url, { redirect: 'manual', headers });
    if (url.origin === appOrigin) storeSetCookies(jar, res);
    return res;
  };

  const loginUrl = new URL(`${base}${prefix}/${encodeURIComponent(provider)}/login`);
  if (options.returnTo !== undefined) loginUrl.searchParams.set('returnTo', options.returnTo);
  const start = await get(loginUrl, 'application/json');
  const authorizeAt = start.headers.get('location');
  if (start.status !== 302 || !authorizeAt) {
    throw new Error(`loginAs: GET ${loginUrl.pathname} answered ${await errorCodeOf(start)}, not a redirect; is "${provider}" registered and the app's router mounted after express-session?`);
  }
  const authorize = new URL(authorizeAt, loginUrl);
  if (!isLoopbackHost(authorize.hostname)) {
    throw new Error(`loginAs: "${provider}" sends browsers to ${authorize.origin}; loginAs only works with a provider from startFakeProvider().`);
  }
  authorize.searchParams.set(LOGIN_AS_PARAM, Buffer.from(JSON.stringify(profile)).toString('base64url'));
  const approved = await get(authorize, 'text/html');
  const callbackAt = approved.headers.get('location');
  const callback = callbackAt ? new URL(callbackAt, authorize) : undefined;
  if (approved.status !== 302 || !callback || callback.origin !== appOrigin) {
    throw new Error(`loginAs: the provider at ${authorize.origin} did not send the browser back to ${appOrigin} (${await errorCodeOf(approved)}); is "${provider}" a provider from startFakeProvider()?`);
  }
  const done = await get(callback, 'application/json');
  const location = done.headers.get('location');
  if (done.status < 300 || done.status >= 400 || !location) {
    throw new Error(`loginAs: the app's callback answered ${await errorCodeOf(done)} instead of redirecting.`);
  }
  return { cookie: cookieHeader(jar), location };
}
