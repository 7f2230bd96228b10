/**
 * The fake provider of `express-oauth-kit/testing`: an in-process OAuth 2.0
 * authorization server on 127.0.0.1 that approves at once.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { oauth2, type MappedProfile, type OAuth2Provider } from '../index.ts';


/**
 * A user the fake provider logs in: the kit's profile fields, `id` required.
 *
 * @example
 * ```ts
 * const ada: FakeUser = { id: '42', username: 'ada', name: 'Ada Lovelace', email: 'ada@example.com', emailVerified: true };
 * const fake = await startFakeProvider({ defaultUser: ada });
 * fake.nextUser({ id: '43', name: 'Grace' }); // the next login is Grace, then Ada again
 * ```
 */
export type FakeUser = MappedProfile;

/**
 * Options of {@link startFakeProvider}.
 *
 * @example
 * ```ts
 * const options: FakeProviderOptions = {
 *   redirectUris: [`${appUrl}/auth/fake/callback`], // reject any other redirect_uri, as a real provider does
 *   accessTokenTtlSeconds: 5, // short-lived tokens, to test the app's refresh path
 * };
 * const fake = await startFakeProvider(options);
 * ```
 */
export interface FakeProviderOptions {
  /** Port on 127.0.0.1 (default 0: a free port). */
  port?: number;
  /** Who is logged in when nobody was queued with `nextUser()` (default `{ id: 'user-1', username: 'test-user', ... }`). */
  defaultUser?: FakeUser;
  /** Accept only these redirect_uris (default: any http(s) URL). */
  redirectUris?: readonly string[];
  /** Access-token lifetime in seconds (default 3600). */
  accessTokenTtlSeconds?: number;
}

/**
 * Options of {@link FakeProvider.provider}.
 *
 * @example
 * ```ts
 * const fake = await startFakeProvider();
 * // Stand in for the app's real `github` provider, under the same name and scopes.
 * const preset: FakeProviderPresetOptions = { name: 'github', displayName: 'GitHub', scope: ['read:user'] };
 * auth.register(fake.provider(preset));
 * ```
 */
export interface FakeProviderPresetOptions {
  /** Registry name and route segment (default `fake`). */
  name?: string;
  /** Button text (default `Fake`). */
  displayName?: string;
  /** Scopes (default none). */
  scope?: readonly string[];
}

/**
 * One request the fake provider received (no secrets: path and method only).
 *
 * @example
 * ```ts
 * const fake = await startFakeProvider();
 * auth.register(fake.provider());
 * await loginAs(appUrl, { id: '42' });
 * const seen = fake.requests.map((r: FakeProviderRequest) => `${r.method} ${r.path}`);
 * assert.deepEqual(seen, ['GET /authorize', 'POST /token', 'GET /userinfo']); // one code exchange, one profile fetch
 * ```
 */
export interface FakeProviderRequest {
  method: string;
  path: string;
}

/**
 * A running fake provider.
 *
 * @example
 * ```ts
 * import { after, before, test } from 'node:test';
 *
 * let fake: FakeProvider;
 * before(async () => {
 *   fake = await startFakeProvider();
 *   auth.register(fake.provider());
 * });
 * after(() => fake.close());
 *
 * test('a user who says no at the provider gets 403', async () => {
 *   fake.denyNext();
 *   await assert.rejects(loginAs(appUrl, { id: '42' }), /access_denied/);
 * });
 * ```
 */
export interface FakeProvider {
  /** Its origin, e.g. `http://127.0.0.1:41234`; also its RFC 9207 issuer. */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly userinfoEndpoint: string;
  readonly revocationEndpoint: string;
  /** Every request received, in order. */
  readonly requests: FakeProviderRequest[];
  /** A provider object for `auth.register()`, built with the kit's `oauth2()` preset. */
  provider(options?: FakeProviderPresetOptions): OAuth2Provider;
  /** Queue the user the next authorization approves as (first in, first out). */
  nextUser(user: FakeUser): void;
  /** Make the next authorization answer `error=access_denied`, as if the user said no. */
  denyNext(): void;
  /** Stop the server. */
  close(): Promise<void>;
}

/**
 * Query parameter {@link loginAs} adds to the authorize URL: the user, as base64url JSON.
 *
 * @example
 * ```ts
 * // Choose the user of one login by hand (what loginAs() does): add the parameter
 * // to the authorize URL the app's login route redirects to.
 * const login = await fetch(`${appUrl}/auth/fake/login`, { redirect: 'manual' });
 * const authorize = new URL(login.headers.get('location')!);
 * authorize.searchParams.set(LOGIN_AS_PARAM, Buffer.from(JSON.stringify({ id: '42', name: 'Ada' })).toString('base64url'));
 * const approved = await fetch(authorize, { redirect: 'manual' }); // 302 to the app's callback, as user 42
 * ```
 */
export const LOGIN_AS_PARAM = 'fake_login_as';

const DEFAULT_USER: FakeUser = Object.freeze({
  id: 'user-1',
  username: 'test-user',
  name: 'Test User',
  email: 'test-user@example.test',
  emailVerified: true,
});

interface CodeGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge?: string;
  scope: string;
  user: FakeUser;
  expiresAt: number;
}

interface TokenGrant {
  user: FakeUser;
  scope: string;
  expiresAt: number;
}

const random = (prefix: string) => prefix + randomBytes(24).toString('base64url');

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The raw userinfo payload, in the field names the kit's generic `oauth2()` mapper reads. */
function userinfoOf(user: FakeUser): Record<string, unknown> {
  const raw: Record<string, unknown> = { id: user.id, sub: user.id };
  if (user.username !== undefined) raw.username = user.username;
  if (user.name !== undefined) raw.name = user.name;
  if (user.email !== undefined) raw.email = user.email;
  if (user.emailVerified !== undefined) raw.email_verified = user.emailVerified;
  if (user.avatarUrl !== undefined) raw.picture = user.avatarUrl;
  return raw;
}

/** @internal Validate a FakeUser (shared with loginAs). */
export function checkUser(user: unknown): FakeUser {
  if (!user || typeof user !== 'object' || typeof (user as FakeUser).id !== 'string' || (user as FakeUser).id.length === 0) {
    throw new TypeError('A fake user needs an `id` (a non-empty string), e.g. { id: "42", name: "Ada" }.');
  }
  return { ...(user as FakeUser) };
}

function decodeLoginAs(value: string | null): FakeUser | undefined {
  if (!value) return undefined;
  try {
    return checkUser(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
  } catch {
    return undefined;
  }
}

/**
 * Start an in-process OAuth 2.0 provider on 127.0.0.1 whose authorize
 * endpoint approves at once as the next queued user (or the default user),
 * for tests of apps built on the kit. It checks what a real server checks:
 * client id and secret (Basic or POST), redirect_uri, PKCE S256, single-use
 * codes that expire.
 *
 * @param options.port default 0 (a free port).
 * @returns the running server; register `fake.provider()` and call `close()` when done.
 * @throws Error when the port is taken.
 * @example
 * ```ts
 * import { startFakeProvider, loginAs } from 'express-oauth-kit/testing';
 *
 * const fake = await startFakeProvider();
 * auth.register(fake.provider({ name: 'fake' }));
 * // ... start the app at appUrl
 * const { cookie } = await loginAs(appUrl, { id: '42', name: 'Ada' }, { provider: 'fake' });
 * const res = await fetch(`${appUrl}/protected`, { headers: { cookie } });
 * await fake.close();
 * ```
 */
export async function startFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = random('fake-client-');
  const clientSecret = random('fake-secret-');
  const ttl = options.accessTokenTtlSeconds ?? 3600;
  const defaultUser = checkUser(options.defaultUser ?? DEFAULT_USER);
  const queue: FakeUser[] = [];
  let denials = 0;
  const codes = new Map<string, CodeGrant>();
  const accessTokens = new Map<string, TokenGrant>();
  const refreshTokens = new Map<string, TokenGrant>();
  const requests: FakeProviderRequest[] = [];

  const redirectAllowed = (value: string): boolean => {
    if (options.redirectUris) return options.redirectUris.includes(value);
    try {
      const u = new URL(value);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.hash;
    } catch {
      return false;
    }
  };

  function issueTokens(user: FakeUser, scope: string): Record<string, unknown> {
    const accessToken = random('fake-at-');
    const refreshToken = random('fake-rt-');
    const expiresAt = Date.now() + ttl * 1000;
    accessTokens.set(accessToken, { user, scope, expiresAt });
    refreshTokens.set(refreshToken, { user, scope, expiresAt: Number.POSITIVE_INFINITY });
    const body: Record<string, unknown> = { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, refresh_token: refreshToken };
    if (scope) body.scope = scope;
    return body;
  }

  function authorize(query: URLSearchParams, res: http.ServerResponse): void {
    const redirectUri = query.get('redirect_uri') ?? '';
    if (query.get('client_id') !== clientId || !redirectAllowed(redirectUri)) {
      // Never redirect to an unverified redirect_uri (RFC 6749 §4.1.2.1).
      return sendJson(res, 400, { error: 'invalid_request' });
    }
    const back = new URL(redirectUri);
    const state = query.get('state');
    if (state !== null) back.searchParams.set('state', state);
    back.searchParams.set('iss', url);
    const challenge = query.get('code_challenge') ?? undefined;
    if (query.get('response_type') !== 'code') back.searchParams.set('error', 'unsupported_response_type');
    else if (challenge !== undefined && query.get('code_challenge_method') !== 'S256') back.searchParams.set('error', 'invalid_request');
    else if (denials > 0) {
      denials--;
      back.searchParams.set('error', 'access_denied');
    } else {
      const user = decodeLoginAs(query.get(LOGIN_AS_PARAM)) ?? queue.shift() ?? defaultUser;
      const code = random('fake-code-');
      codes.set(code, { clientId, redirectUri, codeChallenge: challenge, scope: query.get('scope') ?? '', user, expiresAt: Date.now() + 60_000 });
      back.searchParams.set('code', code);
    }
    res.writeHead(302, { location: back.href, 'cache-control': 'no-store' });
    res.end();
  }

  function clientAuthenticated(req: http.IncomingMessage, form: URLSearchParams): boolean {
    const header = req.headers.authorization;
    if (header?.startsWith('Basic ')) {
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i === -1) return false;
      const id = decodeURIComponent(decoded.slice(0, i));
      const secret = decodeURIComponent(decoded.slice(i + 1));
      return same(id, clientId) && same(secret, clientSecret);
    }
    const id = form.get('client_id');
    const secret = form.get('client_secret');
    return id !== null && secret !== null && same(id, clientId) && same(secret, clientSecret);
  }

  async function token(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'invalid_request' });
    const form = new URLSearchParams(await readBody(req));
    if (!clientAuthenticated(req, form)) return sendJson(res, 401, { error: 'invalid_client' }, { 'www-authenticate': 'Basic realm="fake"' });
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const grant = codes.get(code);
      codes.delete(code); // single use, even when the checks below fail
      if (!grant || grant.expiresAt < Date.now() || grant.redirectUri !== form.get('redirect_uri')) return sendJson(res, 400, { error: 'invalid_grant' });
      if (grant.codeChallenge !== undefined) {
        const verifier = form.get('code_verifier') ?? '';
        const computed = createHash('sha256').update(verifier).digest('base64url');
        if (!same(computed, grant.codeChallenge)) return sendJson(res, 400, { error: 'invalid_grant' });
      }
      return sendJson(res, 200, issueTokens(grant.user, grant.scope));
    }
    if (grantType === 'refresh_token') {
      const old = form.get('refresh_token') ?? '';
      const grant = refreshTokens.get(old);
      if (!grant) return sendJson(res, 400, { error: 'invalid_grant' });
      refreshTokens.delete(old); // rotation
      return sendJson(res, 200, issueTokens(grant.user, grant.scope));
    }
    return sendJson(res, 400, { error: 'unsupported_grant_type' });
  }

  function userinfo(req: http.IncomingMessage, res: http.ServerResponse): void {
    const header = req.headers.authorization ?? '';
    const grant = header.startsWith('Bearer ') ? accessTokens.get(header.slice(7)) : undefined;
    if (!grant || grant.expiresAt < Date.now()) {
      return sendJson(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer error="invalid_token"' });
    }
    sendJson(res, 200, userinfoOf(grant.user));
  }

  async function revoke(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'invalid_request' });
    const form = new URLSearchParams(await readBody(req));
    if (!clientAuthenticated(req, form)) return sendJson(res, 401, { error: 'invalid_client' });
    const value = form.get('token') ?? '';
    accessTokens.delete(value);
    refreshTokens.delete(value);
    res.writeHead(200, { 'cache-control': 'no-store' });
    res.end();
  }

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const target = new URL(req.url ?? '/', url);
    requests.push({ method: req.method ?? 'GET', path: target.pathname });
    const route = async (): Promise<void> => {
      switch (target.pathname) {
        case '/authorize':
          return authorize(target.searchParams, res);
        case '/token':
          return token(req, res);
        case '/userinfo':
          return userinfo(req, res);
        case '/revoke':
          return revoke(req, res);
        default:
          return sendJson(res, 404, { error: 'not_found' });
      }
    };
    route().catch(() => {
      if (!res.headersSent) sendJson(res, 400, { error: 'invalid_request' });
      else res.destroy();
    });
  });

  return {
    url,
    clientId,
    clientSecret,
    authorizationEndpoint: `${url}/authorize`,
    tokenEndpoint: `${url}/token`,
    userinfoEndpoint: `${url}/userinfo`,
    revocationEndpoint: `${url}/revoke`,
    requests,
    provider(preset: FakeProviderPresetOptions = {}): OAuth2Provider {
      return oauth2({
        name: preset.name ?? 'fake',
        displayName: preset.displayName ?? 'Fake',
        clientId,
        clientSecret,
        issuer: url,
        authorizationEndpoint: `${url}/authorize`,
        tokenEndpoint: `${url}/token`,
        userinfoEndpoint: `${url}/userinfo`,
        revocationEndpoint: `${url}/revoke`,
        apiBaseUrl: url,
        scope: preset.scope ?? [],
      });
    },
    nextUser(user: FakeUser): void {
      queue.push(checkUser(user));
    },
    denyNext(): void {
      denials++;
    },
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
