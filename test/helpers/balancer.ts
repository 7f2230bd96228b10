/**
 * A small round-robin HTTP load balancer on 127.0.0.1 (node:http only), in
 * front of several app instances, as a stand-in for the real one: no sticky
 * sessions, so a login's start and callback usually land on different
 * instances.
 *
 * - Each answer carries `x-upstream: <index>` (which instance served it).
 * - A request may carry `x-upstream: <index>` to pin it to one instance
 *   (tests that must hit "every instance"); the header is not forwarded.
 * - An unreachable or failing upstream is answered 502 `{"error":"bad_gateway"}`,
 *   a slow one 504 after `timeoutMs`; a body-less GET/HEAD that failed on a
 *   reused keep-alive socket before any answer is sent again once (`errors`
 *   records every failure, with `retried`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Balancer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** Answers served per upstream index. */
  readonly served: number[];
  /** Upstream failures (what a 502/504 or a retry was about). */
  readonly errors: { upstream: number; method: string; url: string; message: string; code?: string; reusedSocket: boolean; retried: boolean }[];
  /** Replace the upstream list (served counts restart at 0). */
  setUpstreams(urls: string[]): void;
  close(): Promise<void>;
}

export interface BalancerOptions {
  upstreams?: string[];
  /** Upstream timeout (default 30 s). */
  timeoutMs?: number;
  /** Listen on this port (default any free one). */
  port?: number;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) are not forwarded.
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

function forwardable(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP.has(k)) out[k] = v;
  return out;
}

export async function startBalancer(options: BalancerOptions = {}): Promise<Balancer> {
  let upstreams = (options.upstreams ?? []).map((u) => new URL(u));
  let served = upstreams.map(() => 0);
  let next = 0;
  const errors: Balancer['errors'][number][] = [];
  const timeoutMs = options.timeoutMs ?? 30_000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  const fail = (res: http.ServerResponse, status: number, error: string) => {
    if (res.headersSent) return void res.destroy();
    res.writeHead(status, { 'content-type': 'application/json', 'x-balancer': 'error' });
    res.end(JSON.stringify({ error }));
  };

  const server = http.createServer((req, res) => {
    if (upstreams.length === 0) return fail(res, 503, 'no_upstream');
    const pinned = req.headers['x-upstream'];
    let index: number;
    if (typeof pinned === 'string') {
      index = Number(pinned);
      if (!Number.isInteger(index) || index < 0 || index >= upstreams.length) return fail(res, 400, 'bad_upstream');
    } else {
      index = next;
      next = (next + 1) % upstreams.length;
    }
    const target = upstreams[index]!;
    const headers = forwardable(req.headers);
    delete headers['x-upstream'];
    headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
    headers['x-forwarded-proto'] = 'http';
    if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;
    // A body-less GET/HEAD can be sent again: done once when a pooled keep-alive socket turned out to be
    // closed by the upstream at the moment it was reused (the keep-alive race), as nginx's proxy_next_upstream does.
    const replayable = (req.method === 'GET' || req.method === 'HEAD') && !req.headers['content-length'] && !req.headers['transfer-encoding'];
    let current: http.ClientRequest | undefined;
    res.on('close', () => {
      if (!res.writableFinished) current?.destroy();
    });
    const send = (mayRetry: boolean) => {
      let timedOut = false;
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent, timeout: timeoutMs },
        (answer) => {
          served[index] = (served[index] ?? 0) + 1;
          res.writeHead(answer.statusCode ?? 502, { ...forwardable(answer.headers), 'x-upstream': String(index) });
          answer.pipe(res);
          answer.on('error', () => res.destroy());
        },
      );
      current = upstream;
      upstream.on('timeout', () => {
        timedOut = true;
        upstream.destroy();
        fail(res, 504, 'gateway_timeout');
      });
      upstream.on('error', (err: NodeJS.ErrnoException) => {
        if (timedOut) return;
        const retried = mayRetry && replayable && upstream.reusedSocket && !res.headersSent && !res.destroyed;
        errors.push({ upstream: index, method: req.method ?? '', url: req.url ?? '', message: err.message, code: err.code, reusedSocket: upstream.reusedSocket, retried });
        if (retried) return send(false);
        fail(res, 502, 'bad_gateway');
      });
      if (replayable) {
        req.resume(); // nothing to forward; let the (empty) request finish
        upstream.end();
      } else req.pipe(upstream);
    };
    send(true);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get served() {
      return served;
    },
    errors,
    setUpstreams(urls) {
      upstreams = urls.map((u) => new URL(u));
      served = upstreams.map(() => 0);
      next = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
