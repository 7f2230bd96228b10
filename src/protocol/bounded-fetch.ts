/**
 * Every call the kit makes to a provider goes through {@link boundedFetch}:
 * a timeout covering the whole exchange, a response-size cap and no redirect
 * following, so a slow, huge or redirecting answer becomes an error instead of
 * a hang (SECURITY.md S-20, D8). It speaks fetch's types (openid-client's
 * `customFetch` expects them) but runs on node:http / node:https with their
 * keep-alive agents: a provider call costs a fraction of undici's fetch.
 */
import http from 'node:http';
import https from 'node:https';

/** A fetch-compatible function, as openid-client's `customFetch` expects. */
export type FetchLike = (url: string | URL, init?: RequestInit) => Promise<Response>;

/** Limits of one provider call. */
export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

/** Thrown when a provider answer is too large or too slow; callers map it to an OAuthError. */
export class ProviderHttpError extends Error {
  constructor(
    readonly reason: 'timeout' | 'too_large' | 'network' | 'invalid_request',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProviderHttpError';
  }
}

const NULL_BODY = new Set([101, 204, 205, 304]);

/** A provider's answer as read off the wire, before any `Response` is made of it. */
export interface ProviderAnswer {
  status: number;
  statusText: string;
  /** node:http's `rawHeaders`: name, value, name, value, … */
  rawHeaders: string[];
  body: Buffer;
}

/** The answer as a fetch `Response` (with `body` in place of the wire body, and `status` in place of its status, when given). */
export function toResponse(answer: ProviderAnswer, body: string | Buffer = answer.body, status = answer.status): Response {
  const headers = new Headers();
  const raw = answer.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return new Response(NULL_BODY.has(status) ? null : (body as BodyInit), { status, statusText: answer.statusText, headers });
}

/**
 * A `Response` whose body is already in memory, for answers only openid-client
 * reads (the token endpoint's): `text()`, `json()`, `arrayBuffer()` and
 * `clone()` work on the bytes, without the web stream an ordinary `Response`
 * builds for its body. `body` is null (nothing to stream). Each body read
 * works once, as on a `Response`.
 */
export class BufferedResponse extends Response {
  #bytes: Buffer;
  #used = false;

  constructor(bytes: Buffer, init: { status: number; statusText: string; headers: Headers }) {
    super(null, init);
    this.#bytes = bytes;
  }

  override get bodyUsed(): boolean {
    return this.#used;
  }

  #take(): Buffer {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.#bytes;
  }

  override async text(): Promise<string> {
    const text = this.#take().toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  override async json(): Promise<any> {
    return JSON.parse(await this.text());
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.#take();
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }

  override clone(): BufferedResponse {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
    return new BufferedResponse(this.#bytes, { status: this.status, statusText: this.statusText, headers: new Headers(this.headers) });
  }
}

/** The answer as a {@link BufferedResponse} (with `body` / `status` in place of the wire's, when given). */
export function toBufferedResponse(answer: ProviderAnswer, body: string | Buffer = answer.body, status = answer.status): Response {
  if (NULL_BODY.has(status)) return toResponse(answer, body, status);
  const headers = new Headers();
  const raw = answer.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return new BufferedResponse(typeof body === 'string' ? Buffer.from(body) : body, { status, statusText: answer.statusText, headers });
}

/** The body as text, as `Response#text()` reads it (UTF-8, a leading BOM dropped). */
export function answerText(answer: ProviderAnswer): string {
  const text = answer.body.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function headerRecord(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init).forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

async function bodyBytes(body: BodyInit | null | undefined, headers: Record<string, string>): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') {
    headers['content-type'] ??= 'text/plain;charset=UTF-8';
    return Buffer.from(body);
  }
  if (body instanceof URLSearchParams) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    return Buffer.from(body.toString());
  }
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  // Anything else (Blob, FormData, a stream): let the platform serialise it.
  const res = new Response(body);
  const type = res.headers.get('content-type');
  if (type) headers['content-type'] ??= type;
  return Buffer.from(await res.arrayBuffer());
}

/**
 * Fetch with a timeout covering connect, headers *and* body, a body-size cap
 * and no redirect following. The body is read in full (no compression is asked
 * for, so no compression bomb) and handed back as a `Response`.
 *
 * @throws ProviderHttpError on timeout, oversize body or network failure.
 * @example
 * ```ts
 * const res = await boundedFetch('https://api.github.com/user', { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } }, { timeoutMs: 10_000, maxBytes: 1 << 20 });
 * const user = await res.json(); // the body is already read in full, within the cap
 * ```
 */
export async function boundedFetch(url: string | URL, init: RequestInit | undefined, limits: FetchLimits): Promise<Response> {
  return toResponse(await boundedRequest(url, init, limits));
}

/**
 * {@link boundedFetch} without the `Response`: the status, raw headers and body
 * bytes, for callers that read the body themselves (one `Response` fewer).
 * @throws ProviderHttpError on timeout, oversize body or network failure.
 */
export async function boundedRequest(url: string | URL, init: RequestInit | undefined, limits: FetchLimits): Promise<ProviderAnswer> {
  const target = new URL(url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new ProviderHttpError('network', `unsupported protocol ${target.protocol}`);
  }
  const headers = headerRecord(init?.headers);
  const body = await bodyBytes(init?.body, headers);
  if (body) headers['content-length'] = String(body.length);
  const signal = init?.signal ?? undefined;
  const transport = target.protocol === 'https:' ? https : http;

  return new Promise<ProviderAnswer>((resolve, reject) => {
    let settled = false;
    let req: http.ClientRequest | undefined;
    let timer: NodeJS.Timeout | undefined;
    const fail = (err: ProviderHttpError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      req?.destroy();
      reject(err);
    };
    const onAbort = () => fail(new ProviderHttpError('network', 'provider call aborted', { cause: signal?.reason }));
    try {
      // node:http refuses (synchronously) what WHATWG Headers accepts, e.g. a control character in a
      // header value: that is a failed call, never an exception thrown past this promise.
      req = transport.request(target, { method: init?.method ?? 'GET', headers }, onResponse);
    } catch (err) {
      fail(new ProviderHttpError('invalid_request', 'the request to the provider could not be sent (invalid method, header or URL)', { cause: err }));
      return;
    }
    timer = setTimeout(() => fail(new ProviderHttpError('timeout', `provider did not answer within ${limits.timeoutMs} ms`)), limits.timeoutMs);
    function onResponse(res: http.IncomingMessage): void {
      const chunks: Buffer[] = [];
      let total = 0;
      res.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > limits.maxBytes) fail(new ProviderHttpError('too_large', `provider response exceeded ${limits.maxBytes} bytes`));
        else chunks.push(chunk);
      });
      res.on('error', (err) => fail(new ProviderHttpError('network', 'provider connection failed', { cause: err })));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 599) {
          reject(new ProviderHttpError('network', `provider answered HTTP ${status}`));
          return;
        }
        resolve({ status, statusText: res.statusMessage ?? '', rawHeaders: res.rawHeaders, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) });
      });
    }
    req.on('error', (err) => fail(new ProviderHttpError('network', 'provider could not be reached', { cause: err })));
    if (signal) {
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
    }
    req.end(body);
  });
}

/** Bind limits once: the result is a plain fetch function. */
export function createBoundedFetch(limits: FetchLimits): FetchLike {
  return (url, init) => boundedFetch(url, init, limits);
}
