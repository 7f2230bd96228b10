/**
 * Every call the kit makes to a provider goes through {@link boundedFetch}:
 * a timeout, a response-size cap and no redirect following, so a slow, huge or
 * redirecting answer becomes an error instead of a hang (SECURITY.md S-20, D8).
 */

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
    readonly reason: 'timeout' | 'too_large' | 'network',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProviderHttpError';
  }
}

async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new ProviderHttpError('too_large', `provider response exceeded ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(new ArrayBuffer(total));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/**
 * Fetch with a timeout covering headers *and* body, a body-size cap (decoded
 * bytes, so no compression bomb) and `redirect: 'manual'`. The body is read in
 * full and handed back as a new Response.
 *
 * @throws ProviderHttpError on timeout, oversize body or network failure.
 * @example
 * ```ts
 * const res = await boundedFetch('https://api.github.com/user', { headers }, { timeoutMs: 10_000, maxBytes: 1 << 20 });
 * ```
 */
export async function boundedFetch(url: string | URL, init: RequestInit | undefined, limits: FetchLimits): Promise<Response> {
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  try {
    const res = await fetch(url, { ...init, redirect: 'manual', signal });
    const bytes = res.body ? await readCapped(res.body, limits.maxBytes) : new Uint8Array(new ArrayBuffer(0));
    const headers = new Headers(res.headers);
    headers.delete('content-encoding');
    headers.delete('content-length');
    const nullBody = res.status === 204 || res.status === 205 || res.status === 304;
    return new Response(nullBody ? null : bytes, { status: res.status, statusText: res.statusText, headers });
  } catch (err) {
    if (err instanceof ProviderHttpError) throw err;
    if (timeout.aborted) throw new ProviderHttpError('timeout', `provider did not answer within ${limits.timeoutMs} ms`, { cause: err });
    throw new ProviderHttpError('network', 'provider could not be reached', { cause: err });
  }
}

/** Bind limits once: the result is a plain fetch function. */
export function createBoundedFetch(limits: FetchLimits): FetchLike {
  return (url, init) => boundedFetch(url, init, limits);
}
