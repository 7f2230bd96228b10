/**
 * An X/Twitter OAuth 1.0a emulator on 127.0.0.1:0 (node:http) for tests.
 *
 * It verifies every OAuth 1.0a signature with its own RFC 5849 verifier
 * (written here from the RFC, deliberately not importing the kit's signer),
 * checks the timestamp window and nonce reuse, and answers like X does:
 * `{"errors":[{"code":32,"message":"Could not authenticate you."}]}` with 401
 * for a bad signature, code 89 for an unknown access token, form-encoded
 * bodies from the token endpoints. Every request is recorded so tests can
 * assert what the client sent.
 *
 * Endpoints: POST /oauth/request_token, GET /oauth/authenticate,
 * GET /oauth/authorize, POST /oauth/access_token,
 * GET /1.1/account/verify_credentials.json, GET /1.1/statuses/home_timeline.json,
 * POST /1.1/statuses/update.json (form body), POST /2/tweets (JSON body).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A v1.1 user object as the emulator serves it (`email` only with `include_email=true`). */
export interface TwitterEmulatorUser {
  id: number;
  id_str: string;
  name: string;
  screen_name: string;
  /** null = no verified email on the account (X then sends `"email": null`). */
  email: string | null;
  profile_image_url_https: string;
  [field: string]: unknown;
}

/** One request as the emulator received it. */
export interface RecordedRequest {
  method: string;
  /** Path as sent, without the query. */
  path: string;
  /** Decoded query parameters (last value wins; see `rawQuery` for all). */
  query: Record<string, string>;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Decoded `Authorization: OAuth` parameters, when the header parsed. */
  oauth?: Record<string, string>;
  /** Status the emulator answered with. */
  status?: number;
}

/** Options and knobs; every knob can also be changed on the returned object between requests. */
export interface TwitterEmulatorOptions {
  consumerKey?: string;
  consumerSecret?: string;
  users?: TwitterEmulatorUser[];
  /** `id_str` of the user who approves at authenticate/authorize (default: the first user). */
  approveAs?: string;
  /** Answer the request-token call without `oauth_callback_confirmed=true`. */
  omitCallbackConfirmed?: boolean;
  /** The user cancels at authenticate/authorize: redirect with `denied=<token>`. */
  cancel?: boolean;
  /** Callback URLs allowed for the app (X's allow-list); undefined = any http(s) URL. */
  callbackAllowList?: string[];
  /** Accepted clock skew of `oauth_timestamp` (default 300 s). */
  timestampWindowSeconds?: number;
  /** The emulator's clock in epoch seconds (default: real time). */
  now?: () => number;
}

/** A running emulator. */
export interface TwitterEmulator {
  /** Origin, e.g. `http://127.0.0.1:54321` (no trailing slash). */
  url: string;
  consumerKey: string;
  consumerSecret: string;
  requests: RecordedRequest[];
  users: TwitterEmulatorUser[];
  approveAs: string;
  omitCallbackConfirmed: boolean;
  cancel: boolean;
  callbackAllowList: string[] | undefined;
  timestampWindowSeconds: number;
  now: () => number;
  /** Token credentials for a user without the browser dance (API tests). */
  issueAccessToken(idStr?: string, accessType?: 'read' | 'write'): { token: string; tokenSecret: string };
  /** The user revoked the app: every access token stops working (401, code 89). */
  revokeAccessTokens(): void;
  /** Endpoint URLs for a provider preset's overrides. */
  endpoints(): { requestTokenEndpoint: string; authorizationEndpoint: string; accessTokenEndpoint: string; userinfoEndpoint: string; apiBaseUrl: string };
  close(): Promise<void>;
}

export const DEFAULT_TWITTER_USER: TwitterEmulatorUser = Object.freeze({
  id: 2244994945,
  id_str: '2244994945',
  name: 'Twitter Dev',
  screen_name: 'TwitterDev',
  location: 'Internet',
  description: 'Your official source for Twitter Platform news, updates & events.',
  url: 'https://t.co/example',
  protected: false,
  followers_count: 513958,
  friends_count: 2039,
  created_at: 'Sat Dec 14 04:35:55 +0000 2013',
  verified: true,
  email: 'dev@example.com',
  profile_image_url: 'http://pbs.twimg.com/profile_images/880136122604507136/xHrnqf1T_normal.jpg',
  profile_image_url_https: 'https://pbs.twimg.com/profile_images/880136122604507136/xHrnqf1T_normal.jpg',
}) as TwitterEmulatorUser;

interface RequestTokenRecord {
  secret: string;
  callback: string;
  accessType?: string;
  verifier?: string;
  user?: string;
}

interface AccessTokenRecord {
  secret: string;
  user: string;
  accessType: string;
}

type TokenKind = 'none' | 'request' | 'access';

class Reject extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly contentType = 'application/json; charset=utf-8',
  ) {
    super(body);
  }
}

const twitterError = (status: number, code: number, message: string) => new Reject(status, JSON.stringify({ errors: [{ code, message }] }));
const COULD_NOT_AUTHENTICATE = () => twitterError(401, 32, 'Could not authenticate you.');

// ---- RFC 5849 pieces, written independently of src/protocol/oauth1-signature.ts ----

/** RFC 5849 §3.6 via encodeURIComponent plus the five characters it leaves alone. */
function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** application/x-www-form-urlencoded decoding (HTML 4 §17.13.4): `+` is a space. */
function formDecode(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    try {
      out.push([decodeURIComponent(name.replace(/\+/g, ' ')), decodeURIComponent(value.replace(/\+/g, ' '))]);
    } catch {
      throw twitterError(400, 215, 'Bad Authentication data.');
    }
  }
  return out;
}

/** RFC 5849 §3.5.1: `OAuth realm="x", oauth_name="value", …` with percent-encoded values. */
function parseAuthorization(header: string | undefined): Record<string, string> | undefined {
  if (!header) return undefined;
  const match = /^OAuth\s+(.*)$/is.exec(header.trim());
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const item of match[1]!.split(',')) {
    const m = /^\s*([A-Za-z0-9_.~%-]+)\s*=\s*"([^"]*)"\s*$/.exec(item);
    if (!m) return undefined;
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(m[1]!);
      value = decodeURIComponent(m[2]!);
    } catch {
      return undefined;
    }
    if (Object.hasOwn(params, name)) return undefined; // each parameter once (RFC 5849 §3.1)
    params[name] = value;
  }
  return params;
}

function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

function sendRaw(res: ServerResponse, status: number, body: string, contentType: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1 << 20) {
        reject(new Reject(413, '{"errors":[{"code":44,"message":"Request too large."}]}'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function isForm(headers: IncomingHttpHeaders): boolean {
  return (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/**
 * Start the emulator.
 *
 * @example
 * ```ts
 * const tw = await startTwitterEmulator();
 * const provider = twitter({ consumerKey: tw.consumerKey, consumerSecret: tw.consumerSecret, ...tw.endpoints() });
 * // … drive the flow, then:
 * assert.equal(tw.requests[0].path, '/oauth/request_token');
 * await tw.close();
 * ```
 */
export async function startTwitterEmulator(options: TwitterEmulatorOptions = {}): Promise<TwitterEmulator> {
  const requestTokens = new Map<string, RequestTokenRecord>();
  const accessTokens = new Map<string, AccessTokenRecord>();
  const seenNonces = new Set<string>();
  let tweetId = 1_600_000_000_000_000_000n;
  const users = options.users ? [...options.users] : [{ ...DEFAULT_TWITTER_USER }];

  const findUser = (idStr: string): TwitterEmulatorUser => {
    const user = emu.users.find((u) => u.id_str === idStr);
    if (!user) throw new Error(`twitter emulator: no user ${idStr}`);
    return user;
  };

  /** Verify the request's OAuth 1.0a signature; return the protocol and request parameters. */
  function verify(
    req: IncomingMessage,
    path: string,
    rawQuery: string,
    body: string,
    oauth: Record<string, string> | undefined,
    kind: TokenKind,
    signBody: boolean,
  ): { oauth: Record<string, string>; params: [string, string][]; tokenSecret: string } {
    if (!oauth) throw COULD_NOT_AUTHENTICATE();
    const params = [...formDecode(rawQuery), ...(signBody && isForm(req.headers) ? formDecode(body) : [])];
    for (const [name] of params) if (name.startsWith('oauth_') && Object.hasOwn(oauth, name)) throw COULD_NOT_AUTHENTICATE();
    if (oauth.oauth_consumer_key !== emu.consumerKey) throw COULD_NOT_AUTHENTICATE();
    if (oauth.oauth_signature_method !== 'HMAC-SHA1') throw COULD_NOT_AUTHENTICATE();
    if (oauth.oauth_version !== undefined && oauth.oauth_version !== '1.0') throw COULD_NOT_AUTHENTICATE();
    if (!oauth.oauth_signature || !oauth.oauth_nonce || !/^[\x21-\x7e]+$/.test(oauth.oauth_nonce)) throw COULD_NOT_AUTHENTICATE();
    if (!/^[0-9]+$/.test(oauth.oauth_timestamp ?? '')) throw COULD_NOT_AUTHENTICATE();
    if (Math.abs(emu.now() - Number(oauth.oauth_timestamp)) > emu.timestampWindowSeconds) throw twitterError(401, 135, 'Timestamp out of bounds.');

    let tokenSecret = '';
    if (kind === 'none') {
      if (oauth.oauth_token !== undefined) throw COULD_NOT_AUTHENTICATE();
    } else if (kind === 'request') {
      const record = oauth.oauth_token ? requestTokens.get(oauth.oauth_token) : undefined;
      if (!record) throw new Reject(401, 'Invalid request token.', 'text/plain; charset=utf-8');
      tokenSecret = record.secret;
    } else {
      const record = oauth.oauth_token ? accessTokens.get(oauth.oauth_token) : undefined;
      if (!record) throw twitterError(401, 89, 'Invalid or expired token.');
      tokenSecret = record.secret;
    }

    // Signature base string, RFC 5849 §3.4.1.
    const host = (req.headers.host ?? '').toLowerCase().replace(/:80$/, '');
    const baseUri = `http://${host}${path}`;
    const all: [string, string][] = [...params, ...Object.entries(oauth).filter(([n]) => n !== 'realm' && n !== 'oauth_signature')];
    let normalized: string;
    try {
      normalized = all
        .map(([n, v]) => [rfc3986(n), rfc3986(v)] as const)
        .sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])) || Buffer.compare(Buffer.from(a[1]), Buffer.from(b[1])))
        .map(([n, v]) => `${n}=${v}`)
        .join('&');
    } catch {
      throw COULD_NOT_AUTHENTICATE(); // lone surrogate: encodeURIComponent throws URIError
    }
    const base = [rfc3986((req.method ?? '').toUpperCase()), rfc3986(baseUri), rfc3986(normalized)].join('&');
    const key = `${rfc3986(emu.consumerSecret)}&${rfc3986(tokenSecret)}`;
    const expected = createHmac('sha1', key).update(base).digest();
    const given = Buffer.from(oauth.oauth_signature, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw COULD_NOT_AUTHENTICATE();

    // Replay check after the signature: a forged request must not burn a real client's nonce.
    const nonceKey = `${oauth.oauth_consumer_key}\n${oauth.oauth_token ?? ''}\n${oauth.oauth_nonce}`;
    if (seenNonces.has(nonceKey)) throw COULD_NOT_AUTHENTICATE();
    seenNonces.add(nonceKey);
    return { oauth, params, tokenSecret };
  }

  const lastParam = (params: [string, string][], name: string): string | undefined => params.filter(([n]) => n === name).pop()?.[1];

  function userJson(user: TwitterEmulatorUser, query: [string, string][]): Record<string, unknown> {
    const { email, ...rest } = user;
    const out: Record<string, unknown> = { ...rest };
    const flag = (name: string) => ['true', 't', '1'].includes(lastParam(query, name) ?? '');
    if (flag('include_email')) out.email = email;
    if (!flag('skip_status')) {
      out.status = { created_at: 'Mon Nov 23 12:00:00 +0000 2026', id: 1, id_str: '1', text: 'Hello from the emulator' };
    }
    return out;
  }

  async function route(req: IncomingMessage, res: ServerResponse, record: RecordedRequest): Promise<void> {
    const { path, rawQuery, body, oauth } = record;
    const method = req.method ?? 'GET';
    const query = formDecode(rawQuery);

    if (method === 'POST' && path === '/oauth/request_token') {
      const { oauth: p, params } = verify(req, path, rawQuery, body, oauth, 'none', true);
      const callback = p.oauth_callback;
      if (!callback) throw twitterError(400, 215, 'Bad Authentication data.');
      let callbackOk = callback === 'oob';
      if (!callbackOk) {
        try {
          const u = new URL(callback);
          callbackOk = u.protocol === 'http:' || u.protocol === 'https:';
        } catch {
          callbackOk = false;
        }
      }
      if (!callbackOk || (emu.callbackAllowList && callback !== 'oob' && !emu.callbackAllowList.includes(callback))) {
        throw twitterError(403, 415, 'Callback URL not approved for this client application.');
      }
      const accessType = lastParam(params, 'x_auth_access_type');
      if (accessType !== undefined && accessType !== 'read' && accessType !== 'write') throw twitterError(400, 215, 'Bad Authentication data.');
      const token = randomToken(21);
      const secret = randomToken(24);
      requestTokens.set(token, { secret, callback, accessType });
      const out = new URLSearchParams({ oauth_token: token, oauth_token_secret: secret });
      if (!emu.omitCallbackConfirmed) out.set('oauth_callback_confirmed', 'true');
      // X answers the token endpoints form-encoded but labelled text/html.
      return sendRaw(res, 200, out.toString(), 'text/html; charset=utf-8');
    }

    if (method === 'GET' && (path === '/oauth/authenticate' || path === '/oauth/authorize')) {
      const token = lastParam(query, 'oauth_token');
      const pending = token ? requestTokens.get(token) : undefined;
      if (!token || !pending || pending.verifier) {
        return sendRaw(res, 400, '<!doctype html><title>X</title><p>This page is no longer valid.</p>', 'text/html; charset=utf-8');
      }
      if (pending.callback === 'oob') {
        if (emu.cancel) {
          requestTokens.delete(token);
          return sendRaw(res, 200, '<!doctype html><p>You did not authorize the app.</p>', 'text/html; charset=utf-8');
        }
        pending.verifier = String(1_000_000 + (randomBytes(4).readUInt32BE(0) % 9_000_000)); // 7-digit PIN
        pending.user = emu.approveAs;
        return sendRaw(res, 200, `<!doctype html><p>PIN: <code>${pending.verifier}</code></p>`, 'text/html; charset=utf-8');
      }
      const location = new URL(pending.callback);
      if (emu.cancel) {
        requestTokens.delete(token);
        location.searchParams.set('denied', token);
      } else {
        findUser(emu.approveAs);
        pending.verifier = randomToken(24);
        pending.user = emu.approveAs;
        location.searchParams.set('oauth_token', token);
        location.searchParams.set('oauth_verifier', pending.verifier);
      }
      return sendRaw(res, 302, '', 'text/html; charset=utf-8', { location: location.href });
    }

    if (method === 'POST' && path === '/oauth/access_token') {
      const { oauth: p, params } = verify(req, path, rawQuery, body, oauth, 'request', true);
      const token = p.oauth_token!;
      const pending = requestTokens.get(token)!;
      requestTokens.delete(token); // a request token is good for one exchange attempt
      const verifier = p.oauth_verifier ?? lastParam(params, 'oauth_verifier');
      if (!pending.verifier || !pending.user || !verifier || verifier !== pending.verifier) {
        throw new Reject(401, 'Error processing your OAuth request: Invalid oauth_verifier parameter', 'text/plain; charset=utf-8');
      }
      const user = findUser(pending.user);
      const issued = emu.issueAccessToken(user.id_str, (pending.accessType as 'read' | 'write' | undefined) ?? 'write');
      const out = new URLSearchParams({
        oauth_token: issued.token,
        oauth_token_secret: issued.tokenSecret,
        user_id: user.id_str,
        screen_name: user.screen_name,
      });
      return sendRaw(res, 200, out.toString(), 'text/html; charset=utf-8');
    }

    if (method === 'GET' && path === '/1.1/account/verify_credentials.json') {
      const { oauth: p } = verify(req, path, rawQuery, body, oauth, 'access', true);
      const user = findUser(accessTokens.get(p.oauth_token!)!.user);
      return sendRaw(res, 200, JSON.stringify(userJson(user, query)), 'application/json; charset=utf-8');
    }

    if (method === 'GET' && path === '/1.1/statuses/home_timeline.json') {
      const { oauth: p } = verify(req, path, rawQuery, body, oauth, 'access', true);
      const user = findUser(accessTokens.get(p.oauth_token!)!.user);
      const count = Math.min(200, Math.max(1, Number(lastParam(query, 'count') ?? 3) || 3));
      const tweets = Array.from({ length: count }, (_, i) => ({
        created_at: 'Mon Nov 23 12:00:00 +0000 2026',
        id_str: String(1_600_000_000_000_000_000n - BigInt(i)),
        text: `Timeline tweet ${i + 1}`,
        user: { id: user.id, id_str: user.id_str, screen_name: user.screen_name },
      }));
      return sendRaw(res, 200, JSON.stringify(tweets), 'application/json; charset=utf-8');
    }

    if (method === 'POST' && path === '/1.1/statuses/update.json') {
      const { oauth: p, params } = verify(req, path, rawQuery, body, oauth, 'access', true);
      const tokenRecord = accessTokens.get(p.oauth_token!)!;
      if (tokenRecord.accessType !== 'write') throw twitterError(401, 261, 'Application cannot perform write actions.');
      const status = lastParam(params, 'status');
      if (!status) throw twitterError(403, 170, 'Missing required parameter: status.');
      const user = findUser(tokenRecord.user);
      tweetId += 1n;
      const tweet = { id_str: String(tweetId), text: status, user: { id_str: user.id_str, screen_name: user.screen_name } };
      return sendRaw(res, 200, JSON.stringify(tweet), 'application/json; charset=utf-8');
    }

    if (method === 'POST' && path === '/2/tweets') {
      // JSON bodies are not part of the OAuth 1.0a signature (RFC 5849 §3.4.1.3.1).
      const { oauth: p } = verify(req, path, rawQuery, body, oauth, 'access', false);
      if (accessTokens.get(p.oauth_token!)!.accessType !== 'write') throw twitterError(403, 261, 'Application cannot perform write actions.');
      let text: unknown;
      try {
        text = (JSON.parse(body) as { text?: unknown }).text;
      } catch {
        text = undefined;
      }
      if (typeof text !== 'string') return sendRaw(res, 400, JSON.stringify({ title: 'Invalid Request', detail: 'text is required' }), 'application/json');
      tweetId += 1n;
      return sendRaw(res, 201, JSON.stringify({ data: { id: String(tweetId), text } }), 'application/json; charset=utf-8');
    }

    throw twitterError(404, 34, 'Sorry, that page does not exist.');
  }

  const server = createServer(async (req, res) => {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: q < 0 ? target : target.slice(0, q),
      rawQuery: q < 0 ? '' : target.slice(q + 1),
      query: {},
      headers: req.headers,
      body: '',
      oauth: parseAuthorization(req.headers.authorization),
    };
    emu.requests.push(record);
    try {
      record.body = await readBody(req);
      record.query = Object.fromEntries(formDecode(record.rawQuery));
      await route(req, res, record);
    } catch (err) {
      if (err instanceof Reject) sendRaw(res, err.status, err.body, err.contentType);
      else sendRaw(res, 500, JSON.stringify({ errors: [{ code: 131, message: 'Internal error.' }] }), 'application/json');
    }
    record.status = res.statusCode;
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const emu: TwitterEmulator = {
    url,
    consumerKey: options.consumerKey ?? `ck_${randomToken(12)}`,
    consumerSecret: options.consumerSecret ?? `cs_${randomToken(30)}`,
    requests: [],
    users,
    approveAs: options.approveAs ?? users[0]!.id_str,
    omitCallbackConfirmed: options.omitCallbackConfirmed ?? false,
    cancel: options.cancel ?? false,
    callbackAllowList: options.callbackAllowList,
    timestampWindowSeconds: options.timestampWindowSeconds ?? 300,
    now: options.now ?? (() => Math.floor(Date.now() / 1000)),
    issueAccessToken(idStr = emu.approveAs, accessType = 'write') {
      const user = findUser(idStr);
      const token = `${user.id_str}-${randomToken(24)}`;
      const tokenSecret = randomToken(30);
      accessTokens.set(token, { secret: tokenSecret, user: user.id_str, accessType });
      return { token, tokenSecret };
    },
    revokeAccessTokens() {
      accessTokens.clear();
    },
    endpoints() {
      return {
        requestTokenEndpoint: `${url}/oauth/request_token`,
        authorizationEndpoint: `${url}/oauth/authenticate`,
        accessTokenEndpoint: `${url}/oauth/access_token`,
        userinfoEndpoint: `${url}/1.1/account/verify_credentials.json?include_email=true&skip_status=true`,
        apiBaseUrl: `${url}/1.1/`,
      };
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
  return emu;
}
