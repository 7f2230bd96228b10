/**
 * Shared core of the provider emulators: a node:http server on 127.0.0.1:0 that
 * records every request before handling it, plus the OAuth 2.0 pieces every
 * emulator needs (codes, tokens, PKCE, client authentication, fault knobs).
 *
 * The emulators are strict where the RFCs are strict (duplicate parameters,
 * exact redirect_uri, single-use codes, S256 only) so that a kit test passing
 * against them means something.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// ---------------------------------------------------------------- public types

export type Params = Record<string, string | string[]>;

export interface RecordedRequest {
  method: string;
  /** Raw pathname, without the query string. */
  path: string;
  query: Params;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Set when the body was `application/x-www-form-urlencoded`. */
  form?: Params;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  clientId: string;
  clientSecret: string;
  requests: RecordedRequest[];
  requestsTo(pathPrefix: string): RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Faults an endpoint can be told to produce.
 * - `http500`, `html` (200 text/html login page), `garbage` (200 application/json that is not JSON),
 *   `hang` (never answers), `redirect307` (to http://127.0.0.1:1/evil) answer BEFORE the request is
 *   processed: no code is consumed, no token issued.
 * - `huge` (the normal answer padded past 10 MiB, streamed without Content-Length) and
 *   `no_access_token` (the normal answer without `access_token`, or without the user `id` at a
 *   profile endpoint) are applied to a successful answer, AFTER processing.
 */
export type Fault =
  | 'http500'
  | 'html'
  | 'garbage'
  | 'hang'
  | 'huge'
  | 'redirect307'
  | 'no_access_token'
  | null;

/** One-shot authorization error (`nextAuthorize` knob). */
export interface AuthorizeError {
  error: string;
  error_description?: string;
}

/** Fault knobs shared by every emulator. `next*` are one-shot and win over the persistent ones. */
export interface FaultKnobs {
  tokenFault: Fault;
  nextTokenFault: Fault;
  userFault: Fault;
  nextUserFault: Fault;
  setTokenFault(fault: Fault, options?: { once?: boolean }): void;
  setUserFault(fault: Fault, options?: { once?: boolean }): void;
}

/** Knobs about the authorize endpoint and the user, shared by every emulator. */
export interface CommonKnobs<U> extends FaultKnobs {
  /** One-shot: the next valid authorize request is answered with this error. */
  nextAuthorize: AuthorizeError | null;
  /** The user who approves the next logins (tokens already issued keep their user). */
  user: U;
  setUser(partial: Partial<U>): void;
  /** Invalidate every code and token issued so far. */
  revokeAll(): void;
}

export interface CommonOptions<U> {
  redirectUris?: string[];
  /** Accept any redirect_uri (it must still be an absolute http(s) URL). */
  anyRedirectUri?: boolean;
  clientId?: string;
  clientSecret?: string;
  user?: Partial<U>;
  /** Authorization code lifetime; default 600 (10 minutes). */
  codeTtlSeconds?: number;
}

export const EVIL_REDIRECT = 'http://127.0.0.1:1/evil';
export const HUGE_PADDING_BYTES = 10 * 1024 * 1024;

// ---------------------------------------------------------------- server + recording

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: Params;
  body: string;
  form?: Params;
  record: RecordedRequest;
}

export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  requestsTo(pathPrefix: string): RecordedRequest[];
  close(): Promise<void>;
}

const MAX_REQUEST_BODY = 1024 * 1024;

export function parseParams(search: URLSearchParams): Params {
  const out: Params = {};
  for (const [k, v] of search) {
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else if (Array.isArray(prev)) prev.push(v);
    else out[k] = [prev, v];
  }
  return out;
}

function isForm(req: IncomingMessage): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '');
}

/** Start a recording server; `handle` runs after the request is recorded and its body read. */
export async function startRecordingServer(
  handle: (ctx: RequestContext) => void | Promise<void>,
): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    res.on('error', () => {});
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: parseParams(url.searchParams),
      headers: { ...req.headers },
      body: '',
    };
    requests.push(record); // before anything else, so even a hanging request is recorded
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BODY) tooLarge = true;
      else chunks.push(c);
    });
    req.on('error', () => {});
    req.on('end', () => {
      record.body = Buffer.concat(chunks).toString('utf8');
      if (isForm(req)) record.form = parseParams(new URLSearchParams(record.body));
      if (tooLarge) {
        sendText(res, 413, 'Payload Too Large');
        return;
      }
      const ctx: RequestContext = {
        req,
        res,
        method: record.method,
        path: record.path,
        query: record.query,
        body: record.body,
        form: record.form,
        record,
      };
      Promise.resolve()
        .then(() => handle(ctx))
        .catch((err: unknown) => {
          if (!res.headersSent) sendText(res, 500, `emulator bug: ${String(err)}`);
          else res.destroy();
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('emulator: no TCP address');
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    requestsTo: (prefix) => requests.filter((r) => r.path.startsWith(prefix)),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // destroys hanging requests and streams in progress too
      });
      return closing;
    },
  };
}

// ---------------------------------------------------------------- answers

export type BodyFormat = 'json' | 'form' | 'xml';

export type AnswerBody = Record<string, unknown> | unknown[];

export interface Answer {
  status: number;
  body: AnswerBody;
  format?: BodyFormat;
  headers?: Record<string, string>;
}

/** RFC 6749 §5.1: token responses are not cached. */
export const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;

const CONTENT_TYPES: Record<BodyFormat, string> = {
  json: 'application/json; charset=utf-8',
  form: 'application/x-www-form-urlencoded; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function serialize(format: BodyFormat, body: AnswerBody): string {
  if (format === 'json' || Array.isArray(body)) return JSON.stringify(body);
  const entries = Object.entries(body).filter(([, v]) => v !== undefined && v !== null);
  if (format === 'form') return new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
  return `<OAuth>${entries.map(([k, v]) => `<${k}>${xmlEscape(String(v))}</${k}>`).join('')}</OAuth>`;
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': CONTENT_TYPES.json, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function redirect(res: ServerResponse, location: string, status = 302): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { location, 'content-length': 0 });
  res.end();
}

/** Consume the fault for an endpoint: the one-shot knob wins over the persistent one. */
export function takeFault(knobs: FaultKnobs, which: 'token' | 'user'): Fault {
  if (which === 'token') {
    const once = knobs.nextTokenFault;
    if (once) knobs.nextTokenFault = null;
    return once ?? knobs.tokenFault;
  }
  const once = knobs.nextUserFault;
  if (once) knobs.nextUserFault = null;
  return once ?? knobs.userFault;
}

/** Answer the faults that replace processing. Returns true when the request was answered (or left hanging). */
export function answerEarlyFault(res: ServerResponse, fault: Fault): boolean {
  switch (fault) {
    case 'hang':
      return true; // keep the socket open; close() destroys it
    case 'http500':
      sendText(res, 500, 'Internal Server Error');
      return true;
    case 'html':
      sendText(
        res,
        200,
        '<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Please sign in to continue</h1></body></html>',
        'text/html; charset=utf-8',
      );
      return true;
    case 'garbage':
      sendText(res, 200, '{"access_token": "tok\u0000\ufffd<<garbage', CONTENT_TYPES.json);
      return true;
    case 'redirect307':
      redirect(res, EVIL_REDIRECT, 307);
      return true;
    default:
      return false;
  }
}

/**
 * Send an answer, applying the faults that alter a successful answer:
 * `no_access_token` runs `strip` on a copy of the body, `huge` streams it padded past 10 MiB.
 */
export function sendAnswer(
  res: ServerResponse,
  answer: Answer,
  fault: Fault = null,
  strip: (body: AnswerBody) => void = (b) => {
    if (!Array.isArray(b)) delete b.access_token;
  },
): void {
  if (res.headersSent || res.destroyed) return;
  const format = Array.isArray(answer.body) ? 'json' : (answer.format ?? 'json');
  let body = answer.body;
  const ok = answer.status === 200;
  if (ok && fault === 'no_access_token') {
    body = structuredClone(body);
    strip(body);
  }
  const headers = { ...answer.headers, 'content-type': CONTENT_TYPES[format] };
  if (ok && fault === 'huge') {
    const [head, tail] = paddedParts(format, body);
    res.writeHead(200, headers); // no content-length: the client has to count
    void streamPadded(res, head, tail);
    return;
  }
  const text = serialize(format, body);
  res.writeHead(answer.status, { ...headers, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function paddedParts(format: BodyFormat, body: AnswerBody): [string, string] {
  const rest = serialize(format, body);
  if (Array.isArray(body)) return ['[{"x_padding":"', rest === '[]' ? '"}]' : `"},${rest.slice(1)}`];
  if (format === 'json') return ['{"x_padding":"', rest === '{}' ? '"}' : `",${rest.slice(1)}`];
  if (format === 'form') return ['x_padding=', rest ? `&${rest}` : ''];
  return ['<OAuth><x_padding>', `</x_padding>${rest.slice('<OAuth>'.length)}`];
}

async function streamPadded(res: ServerResponse, head: string, tail: string): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, 'A');
  res.write(head);
  for (let sent = 0; sent < HUGE_PADDING_BYTES && !res.destroyed; sent += chunk.length) {
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end(tail);
}

// ---------------------------------------------------------------- parameters, tokens, PKCE, client auth

/** The first parameter given more than once (RFC 6749 §3.1, §3.2: MUST NOT be repeated). */
export function duplicated(params: Params): string | undefined {
  return Object.keys(params).find((k) => Array.isArray(params[k]));
}

/** A single-valued parameter (call {@link duplicated} first). */
export function param(params: Params, name: string): string | undefined {
  const v = params[name];
  return Array.isArray(v) ? v[0] : v;
}

export function randomToken(prefix = '', bytes = 32): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

/** GitHub-style token body: base62, fixed length. */
export function randomBase62(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length)) if (b < 248 && out.length < length) out += alphabet[b % 62];
  }
  return out;
}

const VERIFIER_RE = /^[A-Za-z0-9\-._~]{43,128}$/; // RFC 7636 §4.1
const CHALLENGE_RE = /^[A-Za-z0-9_-]{43}$/; // BASE64URL(SHA-256) without padding

export function isValidChallenge(challenge: string): boolean {
  return CHALLENGE_RE.test(challenge);
}

/** RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge. */
export function pkceMatches(verifier: string, challenge: string): boolean {
  if (!VERIFIER_RE.test(verifier)) return false;
  const computed = Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

function formDecode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '));
}

/**
 * RFC 6749 §2.3.1: the id and secret are form-urlencoded, then joined with ':' and base64-encoded.
 * Returns undefined without a Basic header, 'malformed' when it cannot be decoded.
 */
export function parseBasicAuth(header: string | string[] | undefined): { id: string; secret: string } | 'malformed' | undefined {
  if (typeof header !== 'string' || !/^Basic /i.test(header)) return undefined;
  const m = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header);
  if (!m) return 'malformed';
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return 'malformed';
  }
}

/** The token of `Authorization: Bearer …` (GitHub also takes `token …`). */
export function bearerToken(req: IncomingMessage, schemes: string[] = ['bearer']): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^(\S+) +(\S+) *$/.exec(h);
  if (!m || !schemes.includes(m[1]!.toLowerCase())) return undefined;
  return m[2];
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post';
export type ClientAuthFailure = 'missing' | 'malformed' | 'invalid' | 'method_not_allowed' | 'multiple';

/** Authenticate the client of a token/revocation request. */
export function authenticateClient(
  req: IncomingMessage,
  params: Params,
  client: { id: string; secret: string },
  allowed: ClientAuthMethod[],
  options: { allowBoth?: boolean } = {},
): { ok: true; method: ClientAuthMethod } | { ok: false; reason: ClientAuthFailure } {
  const basic = parseBasicAuth(req.headers.authorization);
  const postSecret = param(params, 'client_secret');
  const bodyId = param(params, 'client_id');
  if (basic === 'malformed') return { ok: false, reason: 'malformed' };
  if (basic && postSecret !== undefined && !options.allowBoth) return { ok: false, reason: 'multiple' };
  if (basic) {
    if (!allowed.includes('client_secret_basic')) return { ok: false, reason: 'method_not_allowed' };
    if (bodyId !== undefined && bodyId !== basic.id) return { ok: false, reason: 'invalid' };
    if (postSecret !== undefined && postSecret !== basic.secret) return { ok: false, reason: 'invalid' };
    if (basic.id !== client.id || !safeEqual(basic.secret, client.secret)) return { ok: false, reason: 'invalid' };
    return { ok: true, method: 'client_secret_basic' };
  }
  if (postSecret !== undefined) {
    if (!allowed.includes('client_secret_post')) return { ok: false, reason: 'method_not_allowed' };
    if (bodyId !== client.id || !safeEqual(postSecret, client.secret)) return { ok: false, reason: 'invalid' };
    return { ok: true, method: 'client_secret_post' };
  }
  return { ok: false, reason: 'missing' };
}

// ---------------------------------------------------------------- codes and tokens

export interface AuthCode<U> {
  code: string;
  clientId: string;
  redirectUri: string;
  /** Whether redirect_uri was in the authorization request (RFC 6749 §4.1.3). */
  redirectUriSent: boolean;
  codeChallenge?: string;
  scope: string[];
  user: U;
  grantId: string;
  expiresAt: number;
  used: boolean;
}

export interface TokenRecord<U> {
  value: string;
  kind: 'access' | 'refresh';
  grantId: string;
  clientId: string;
  scope: string[];
  /** Undefined for client_credentials tokens. */
  user: U | undefined;
  /** Epoch ms; null = never expires. */
  expiresAt: number | null;
  revoked: boolean;
  /** A refresh token that was exchanged for a new one. */
  rotated: boolean;
}

export type CodeFailure =
  | 'missing_code'
  | 'unknown_code'
  | 'used_code'
  | 'expired_code'
  | 'client_mismatch'
  | 'redirect_uri_mismatch'
  | 'pkce_missing'
  | 'pkce_mismatch'
  | 'pkce_unexpected';

export type TokenFailure = 'unknown' | 'expired' | 'revoked' | 'rotated_reuse' | 'client_mismatch' | 'wrong_kind';

/** Codes, grants and tokens of one emulator. */
export class GrantStore<U> {
  readonly codes = new Map<string, AuthCode<U>>();
  readonly tokens = new Map<string, TokenRecord<U>>();

  constructor(private readonly codeTtlMs: number) {}

  createCode(init: Omit<AuthCode<U>, 'code' | 'grantId' | 'expiresAt' | 'used'>): string {
    const code = randomToken('', 24);
    this.codes.set(code, { ...init, code, grantId: randomToken('g-', 9), expiresAt: Date.now() + this.codeTtlMs, used: false });
    return code;
  }

  /**
   * Redeem a code: single use (a second use also revokes what the first issued, RFC 6749 §4.1.2),
   * 10-minute expiry, bound to client_id, redirect_uri and the PKCE challenge (RFC 9700 §2.1.1:
   * a code_verifier for a code issued without a challenge is rejected).
   */
  redeem(input: {
    code: string | undefined;
    clientId: string;
    redirectUri: string | undefined;
    codeVerifier: string | undefined;
    /** GitHub: redirect_uri may be left out of the token request. */
    redirectUriOptional?: boolean;
  }): { ok: true; code: AuthCode<U> } | { ok: false; reason: CodeFailure } {
    if (!input.code) return { ok: false, reason: 'missing_code' };
    const c = this.codes.get(input.code);
    if (!c) return { ok: false, reason: 'unknown_code' };
    if (c.used) {
      this.revokeGrant(c.grantId);
      return { ok: false, reason: 'used_code' };
    }
    c.used = true; // any attempt that names a live code burns it
    if (Date.now() >= c.expiresAt) return { ok: false, reason: 'expired_code' };
    if (c.clientId !== input.clientId) return { ok: false, reason: 'client_mismatch' };
    if (input.redirectUri !== undefined || (c.redirectUriSent && !input.redirectUriOptional)) {
      if (input.redirectUri !== c.redirectUri) return { ok: false, reason: 'redirect_uri_mismatch' };
    }
    if (c.codeChallenge !== undefined) {
      if (input.codeVerifier === undefined) return { ok: false, reason: 'pkce_missing' };
      if (!pkceMatches(input.codeVerifier, c.codeChallenge)) return { ok: false, reason: 'pkce_mismatch' };
    } else if (input.codeVerifier !== undefined) {
      return { ok: false, reason: 'pkce_unexpected' };
    }
    return { ok: true, code: c };
  }

  issue(
    kind: 'access' | 'refresh',
    init: { grantId: string; clientId: string; scope: string[]; user: U | undefined; ttlSeconds: number | null; value: string },
  ): TokenRecord<U> {
    const rec: TokenRecord<U> = {
      value: init.value,
      kind,
      grantId: init.grantId,
      clientId: init.clientId,
      scope: init.scope,
      user: init.user,
      expiresAt: init.ttlSeconds === null ? null : Date.now() + init.ttlSeconds * 1000,
      revoked: false,
      rotated: false,
    };
    this.tokens.set(rec.value, rec);
    return rec;
  }

  /** A usable access token, or why not. */
  checkAccess(value: string | undefined): { ok: true; token: TokenRecord<U> } | { ok: false; reason: TokenFailure } {
    const t = value === undefined ? undefined : this.tokens.get(value);
    if (!t) return { ok: false, reason: 'unknown' };
    if (t.kind !== 'access') return { ok: false, reason: 'wrong_kind' };
    if (t.revoked) return { ok: false, reason: 'revoked' };
    if (t.expiresAt !== null && Date.now() >= t.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, token: t };
  }

  /**
   * A refresh token that may be exchanged. Presenting one that was already rotated revokes the
   * whole grant (RFC 9700 §4.14.2).
   */
  checkRefresh(value: string | undefined, clientId: string): { ok: true; token: TokenRecord<U> } | { ok: false; reason: TokenFailure } {
    const t = value === undefined ? undefined : this.tokens.get(value);
    if (!t) return { ok: false, reason: 'unknown' };
    if (t.kind !== 'refresh') return { ok: false, reason: 'wrong_kind' };
    if (t.clientId !== clientId) return { ok: false, reason: 'client_mismatch' };
    if (t.rotated) {
      this.revokeGrant(t.grantId);
      return { ok: false, reason: 'rotated_reuse' };
    }
    if (t.revoked) return { ok: false, reason: 'revoked' };
    if (t.expiresAt !== null && Date.now() >= t.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, token: t };
  }

  revokeGrant(grantId: string): void {
    for (const t of this.tokens.values()) if (t.grantId === grantId) t.revoked = true;
  }

  /** RFC 7009: revoking a refresh token revokes its grant; an access token only itself. */
  revokeToken(value: string): boolean {
    const t = this.tokens.get(value);
    if (!t) return false;
    if (t.kind === 'refresh') this.revokeGrant(t.grantId);
    else t.revoked = true;
    return true;
  }

  revokeAll(): void {
    for (const c of this.codes.values()) c.used = true;
    for (const t of this.tokens.values()) t.revoked = true;
  }
}

// ---------------------------------------------------------------- knobs

export function createCommonKnobs<U extends object>(
  defaults: U,
  overrides: Partial<U> | undefined,
  store: GrantStore<U>,
): CommonKnobs<U> {
  return {
    tokenFault: null,
    nextTokenFault: null,
    userFault: null,
    nextUserFault: null,
    nextAuthorize: null,
    user: { ...defaults, ...overrides },
    setTokenFault(this: FaultKnobs, fault: Fault, options?: { once?: boolean }) {
      if (options?.once) this.nextTokenFault = fault;
      else this.tokenFault = fault;
    },
    setUserFault(this: FaultKnobs, fault: Fault, options?: { once?: boolean }) {
      if (options?.once) this.nextUserFault = fault;
      else this.userFault = fault;
    },
    setUser(this: CommonKnobs<U>, partial: Partial<U>) {
      this.user = { ...this.user, ...partial };
    },
    revokeAll() {
      store.revokeAll();
    },
  };
}

// ---------------------------------------------------------------- authorize endpoint

export interface AuthorizeConfig<U> {
  clientId: string;
  redirectUris: string[];
  anyRedirectUri: boolean;
  store: GrantStore<U>;
  knobs: CommonKnobs<U>;
  pkce: 'required' | 'optional';
  requireState?: boolean;
  /** GitHub does not document response_type; when absent it is accepted. */
  responseTypeOptional?: boolean;
  /** GitHub: redirect_uri may be left out; the first registered one is used. */
  redirectUriOptional?: boolean;
  /** Redirect URI rule; default exact string match against `redirectUris`. */
  redirectUriAllowed?: (given: string, registered: string[]) => boolean;
  /** GitHub redirects a bad redirect_uri to the registered callback with `error=redirect_uri_mismatch`. */
  badRedirect?: 'page' | 'registered';
  unknownClientStatus?: number;
  /** Parse and validate the requested scope. */
  scope(raw: string | undefined): { scope: string[] } | { error: string; description: string };
  /** RFC 9207 `iss` to add to the callback (success and error), if any. */
  iss?(): string | undefined;
}

function absoluteHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hash === '';
  } catch {
    return false;
  }
}

/** The auto-approving authorization endpoint (RFC 6749 §4.1.1, §4.1.2, RFC 7636 §4.3, RFC 9207). */
export function handleAuthorize<U>(ctx: RequestContext, cfg: AuthorizeConfig<U>): void {
  const { res, query } = ctx;
  if (ctx.method !== 'GET') return sendText(res, 405, 'Method Not Allowed');
  const dup = duplicated(query);
  if (dup) return sendText(res, 400, `invalid_request: parameter ${dup} given more than once`);
  const clientId = param(query, 'client_id');
  if (clientId !== cfg.clientId) return sendText(res, cfg.unknownClientStatus ?? 400, 'invalid_request: unknown client_id');

  const given = param(query, 'redirect_uri');
  const state = param(query, 'state');
  const iss = cfg.iss?.();
  const back = (target: string, p: Record<string, string | undefined>): void => {
    const u = new URL(target);
    for (const [k, v] of Object.entries({ ...p, state, iss })) if (v !== undefined) u.searchParams.append(k, v);
    redirect(res, u.href);
  };

  let redirectUri: string;
  if (given === undefined) {
    if (!cfg.redirectUriOptional || cfg.redirectUris.length === 0) return sendText(res, 400, 'invalid_request: redirect_uri is required');
    redirectUri = cfg.redirectUris[0]!;
  } else {
    const allowed = cfg.redirectUriAllowed ?? ((g, r) => r.includes(g));
    if (!absoluteHttpUrl(given) || !(cfg.anyRedirectUri || allowed(given, cfg.redirectUris))) {
      if (cfg.badRedirect === 'registered' && cfg.redirectUris.length > 0) {
        return back(cfg.redirectUris[0]!, {
          error: 'redirect_uri_mismatch',
          error_description: 'The redirect_uri MUST match the registered callback URL for this application.',
          error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#redirect-uri-mismatch',
        });
      }
      return sendText(res, 400, 'invalid_request: redirect_uri is not registered for this client');
    }
    redirectUri = given;
  }

  const fail = (error: string, description: string): void => back(redirectUri, { error, error_description: description });
  const responseType = param(query, 'response_type');
  if (responseType !== 'code' && !(responseType === undefined && cfg.responseTypeOptional)) {
    return fail('unsupported_response_type', 'response_type must be code');
  }
  if (cfg.requireState && !state) return fail('invalid_request', 'Missing required parameter [state].');
  const challenge = param(query, 'code_challenge');
  const method = param(query, 'code_challenge_method');
  if (challenge === undefined) {
    if (cfg.pkce === 'required') return fail('invalid_request', 'Missing required parameter [code_challenge].');
    if (method !== undefined) return fail('invalid_request', 'code_challenge_method without code_challenge');
  } else {
    // RFC 7636 §4.3: a missing method means "plain", which is refused like an explicit "plain".
    if (method !== 'S256') return fail('invalid_request', 'transform algorithm not supported; use S256');
    if (!isValidChallenge(challenge)) return fail('invalid_request', 'code_challenge must be 43 base64url characters');
  }
  const scope = cfg.scope(param(query, 'scope'));
  if ('error' in scope) return fail(scope.error, scope.description);

  const forced = cfg.knobs.nextAuthorize;
  if (forced) {
    cfg.knobs.nextAuthorize = null;
    return back(redirectUri, { error: forced.error, error_description: forced.error_description });
  }
  const code = cfg.store.createCode({
    clientId,
    redirectUri,
    redirectUriSent: given !== undefined,
    codeChallenge: challenge,
    scope: scope.scope,
    user: structuredClone(cfg.knobs.user),
  });
  back(redirectUri, { code });
}

/** Parameters of a token-endpoint style POST: form body required (GitHub also takes JSON), no duplicates. */
export function tokenParams(
  ctx: RequestContext,
  options: { allowJson?: boolean } = {},
): { ok: true; params: Params } | { ok: false; error: string } {
  if (ctx.form) {
    const dup = duplicated(ctx.form);
    return dup ? { ok: false, error: `parameter ${dup} given more than once` } : { ok: true, params: ctx.form };
  }
  if (options.allowJson && /^application\/json\b/i.test(ctx.req.headers['content-type'] ?? '')) {
    try {
      const parsed: unknown = JSON.parse(ctx.body);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return { ok: true, params: Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)])) };
      }
    } catch {
      /* fall through */
    }
    return { ok: false, error: 'body is not a JSON object' };
  }
  return { ok: false, error: 'body must be application/x-www-form-urlencoded' };
}

/** Scope parser for space-delimited scopes checked against an allow-list. */
export function scopeFrom(allowed: readonly string[] | null, required: boolean) {
  return (raw: string | undefined): { scope: string[] } | { error: string; description: string } => {
    const scope = [...new Set((raw ?? '').split(' ').filter(Boolean))];
    if (required && scope.length === 0) return { error: 'invalid_request', description: 'Missing required parameter [scope].' };
    const bad = allowed ? scope.find((s) => !allowed.includes(s)) : undefined;
    if (bad !== undefined) return { error: 'invalid_scope', description: `Unknown scope: ${bad}` };
    return { scope };
  };
}
