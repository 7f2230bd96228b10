/**
 * The fake provider of `express-oauth-kit/testing`: an in-process OAuth 2.0
 * authorization server on 127.0.0.1 that approves at once.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { github, oauth2, type MappedProfile, type OAuth2Provider } from '../index.ts';


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
 * The real provider a fake one can stand in for: `oauth2` (default) is the
 * kit's generic `oauth2()` preset; `github` is the kit's `github()` preset with
 * its endpoints pointed at the fake, which then answers in GitHub's shapes.
 *
 * @example
 * ```ts
 * const fake = await startFakeProvider();
 * // The app's own `github` routes and profile mapping, run against the fake.
 * const shape: FakeProviderShape = 'github';
 * auth.register(fake.provider({ preset: shape }));
 * ```
 */
export type FakeProviderShape = 'oauth2' | 'github';

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
  /**
   * Which preset the provider is built with (default `oauth2`). With
   * `'github'`, the app's own `github` provider (routes, profile mapping,
   * `req.oauth.fetch('github', ...)`) runs against the fake: `GET /user` and
   * `/user/emails` answer in GitHub's shape, and the callback carries GitHub's
   * RFC 9207 `iss`.
   */
  preset?: FakeProviderShape;
  /** Registry name and route segment (default: `fake`; with `preset: 'github'`, `github`). */
  name?: string;
  /** Button text (default `Fake`; with `preset: 'github'`, the preset's `GitHub`). */
  displayName?: string;
  /** Scopes (default: none; with `preset: 'github'`, the preset's `read:user user:email`). */
  scope?: readonly string[];
}

/**
 * One call to a stubbed provider API route, as its handler sees it.
 *
 * @example
 * ```ts
 * const fake = await startFakeProvider();
 * const calls: FakeApiCall[] = [];
 * fake.route('GET', '/repos/:owner/:repo', (call) => {
 *   calls.push(call);
 *   return { full_name: `${call.params.owner}/${call.params.repo}`, viewer: call.user.id };
 * });
 * // ... after the app called req.oauth.fetch('fake', '/repos/octo/hello'):
 * assert.equal(calls[0]?.path, '/repos/octo/hello');
 * ```
 */
export interface FakeApiCall {
  /** Whose access token the call carried. */
  user: FakeUser;
  method: string;
  /** The path under the provider's API base, e.g. `/user/repos`. */
  path: string;
  /** Values of the route's `:name` segments. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The request body as text (empty for GET). */
  body: string;
}

/**
 * A stubbed provider API route: return a value to answer `200` with it as
 * JSON, or a `Response` (e.g. `new Response(null, { status: 404 })`,
 * `Response.json(x, { status: 201 })`) to answer exactly that.
 *
 * @example
 * ```ts
 * const fake = await startFakeProvider();
 * const listRepos: FakeApiHandler = ({ user, query }) => (query.get('page') === '2' ? [] : [{ name: 'hello', owner: user.id }]);
 * const notFound: FakeApiHandler = () => new Response(null, { status: 404 });
 * fake.route('GET', '/user/repos', listRepos);
 * fake.route('GET', '/repos/:owner/:repo', notFound);
 * ```
 */
export type FakeApiHandler = (call: FakeApiCall) => unknown | Promise<unknown>;

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
  /**
   * Stub a provider API route, served to calls that carry an access token
   * this fake issued (others get `401 invalid_token`), under every provider it
   * made: `fake.route('GET', '/user/repos', ...)` answers
   * `req.oauth.fetch('github', '/user/repos')` and `req.oauth.fetch('fake', '/user/repos')`.
   * A path may hold `:name` segments (`/repos/:owner/:repo`). The last route
   * added for a method and path wins.
   */
  route(method: string, path: string, handler: FakeApiHandler): void;
  /** Queue the user the next authorization approves as (first in, first out). */
  nextUser(user: FakeUser): void;
  /** Make the next authorization answer `error=access_denied`, as if the user said no. */
  denyNext(): void;
  /** Stop the server. */
  close(): Promise<void>;
}

/** @internal Query parameter `loginAs` adds to the authorize URL: the user, as base64url JSON. */
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

/** Where the fake serves GitHub's endpoints (`/github/login/oauth/*`, `/github/api/*`). */
const GITHUB_PREFIX = '/github';

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

/** GitHub's `GET /user` for a fake user: a numeric `id` when the id is digits, `login`, a null `email` when there is none. */
function githubUserOf(user: FakeUser): Record<string, unknown> {
  return {
    id: /^[0-9]{1,15}$/.test(user.id) ? Number(user.id) : user.id,
    login: user.username ?? user.id,
    name: user.name ?? null,
    email: user.email ?? null,
    avatar_url: user.avatarUrl ?? null,
  };
}

/** GitHub's `GET /user/emails`: the address as primary, verified as the fake user says. */
function githubEmailsOf(user: FakeUser): unknown[] {
  return user.email === undefined ? [] : [{ email: user.email, primary: true, verified: user.emailVerified === true, visibility: 'private' }];
}

interface ApiRoute {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: FakeApiHandler;
}

function compileRoute(method: string, path: string, handler: FakeApiHandler): ApiRoute {
  if (!path.startsWith('/')) throw new TypeError(`fake.route: the path must start with "/", got ${JSON.stringify(path)}.`);
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':') && segment.length > 1) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), names, handler };
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
  const routes: ApiRoute[] = [];
  // The `iss` a real GitHub sends on callbacks (RFC 9207), so the github preset's check passes as it does in production.
  let githubIssuer = 'https://github.com/login/oauth';

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

  function authorize(query: URLSearchParams, res: http.ServerResponse, issuer: string): void {
    const redirectUri = query.get('redirect_uri') ?? '';
    if (query.get('client_id') !== clientId || !redirectAllowed(redirectUri)) {
      // Never redirect to an unverified redirect_uri (RFC 6749 §4.1.2.1).
      return sendJson(res, 400, { error: 'invalid_request' });
    }
    const back = new URL(redirectUri);
    const state = query.get('state');
    if (state !== null) back.searchParams.set('state', state);
    back.searchParams.set('iss', issuer);
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

  /** The grant of the request's Bearer access token, if it is one this fake issued and it has not expired. */
  function grantOf(req: http.IncomingMessage): TokenGrant | undefined {
    const header = req.headers.authorization ?? '';
    const grant = /^bearer /i.test(header) ? accessTokens.get(header.slice(7)) : undefined;
    return grant && grant.expiresAt >= Date.now() ? grant : undefined;
  }

  function invalidToken(res: http.ServerResponse): void {
    sendJson(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer error="invalid_token"' });
  }

  function userinfo(req: http.IncomingMessage, res: http.ServerResponse, shape: (user: FakeUser) => unknown): void {
    const grant = grantOf(req);
    if (!grant) return invalidToken(res);
    sendJson(res, 200, shape(grant.user));
  }

  /** A stubbed API route, or false when none matches `path`. */
  async function api(req: http.IncomingMessage, res: http.ServerResponse, path: string, query: URLSearchParams): Promise<boolean> {
    const method = req.method ?? 'GET';
    for (let i = routes.length - 1; i >= 0; i--) {
      const route = routes[i]!;
      const match = route.method === method ? route.pattern.exec(path) : null;
      if (!match) continue;
      const grant = grantOf(req);
      if (!grant) {
        invalidToken(res);
        return true;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, j) => (params[name] = decodeURIComponent(match[j + 1]!)));
      const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
      const answer = await route.handler({ user: grant.user, method, path, params, query, headers: req.headers, body });
      if (answer instanceof Response) {
        const headers: Record<string, string> = {};
        answer.headers.forEach((value, key) => (headers[key] = value));
        res.writeHead(answer.status, headers);
        res.end(Buffer.from(await answer.arrayBuffer()));
      } else {
        sendJson(res, 200, answer ?? null);
      }
      return true;
    }
    return false;
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
      const path = target.pathname;
      const query = target.searchParams;
      if (path.startsWith(GITHUB_PREFIX)) {
        const rest = path.slice(GITHUB_PREFIX.length);
        if (rest === '/login/oauth/authorize') return authorize(query, res, githubIssuer);
        if (rest === '/login/oauth/access_token') return token(req, res);
        if (rest === '/api/user') return userinfo(req, res, githubUserOf);
        if (rest.startsWith('/api/') && (await api(req, res, rest.slice('/api'.length), query))) return;
        if (rest === '/api/user/emails') return userinfo(req, res, githubEmailsOf);
        return sendJson(res, 404, { message: 'Not Found' });
      }
      switch (path) {
        case '/authorize':
          return authorize(query, res, url);
        case '/token':
          return token(req, res);
        case '/userinfo':
          return userinfo(req, res, userinfoOf);
        case '/revoke':
          return revoke(req, res);
        default:
          if (await api(req, res, path, query)) return;
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
      if (preset.preset === 'github') {
        const base = `${url}${GITHUB_PREFIX}`;
        const made = github({
          ...(preset.name === undefined ? {} : { name: preset.name }),
          ...(preset.scope === undefined ? {} : { scope: preset.scope }),
          clientId,
          clientSecret,
          authorizationEndpoint: `${base}/login/oauth/authorize`,
          tokenEndpoint: `${base}/login/oauth/access_token`,
          userinfoEndpoint: `${base}/api/user`,
          apiBaseUrl: `${base}/api/`,
        });
        if (made.issuer) githubIssuer = made.issuer;
        return preset.displayName === undefined ? made : Object.freeze({ ...made, displayName: preset.displayName });
      }
      if (preset.preset !== undefined && preset.preset !== 'oauth2') {
        throw new TypeError(`fake.provider: preset must be 'oauth2' or 'github', got ${JSON.stringify(preset.preset)}.`);
      }
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
    route(method: string, path: string, handler: FakeApiHandler): void {
      if (typeof handler !== 'function') throw new TypeError('fake.route: the handler must be a function.');
      routes.push(compileRoute(method, path, handler));
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
