/**
 * An HTTP reverse proxy on 127.0.0.1 in front of a provider, which can be
 * told to misbehave: refuse connections (`down()`: the port is closed and
 * open sockets are destroyed, so connecting gets ECONNREFUSED), or answer one
 * path with a fault instead of forwarding it. The Host header is forwarded
 * as is, so a server behind it (oidc-provider) builds its URLs on the proxy's
 * origin.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ProxyFault = 'hang' | 'html' | 'garbage' | 'huge' | 'http500' | null;

/** Bytes of padding in a `huge` answer. */
export const HUGE_BYTES = 10 * 1024 * 1024;

export interface FaultProxy {
  url: string;
  port: number;
  /** Requests received per path. */
  hits(path: string): number;
  setUpstream(url: string): void;
  setFault(path: string, fault: ProxyFault): void;
  /** Refuse connections until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

async function streamHuge(res: http.ServerResponse): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json' }); // no content-length: the client has to count
  res.write('{"x_padding":"');
  const chunk = Buffer.alloc(64 * 1024, 'A');
  for (let sent = 0; sent < HUGE_BYTES && !res.destroyed; sent += chunk.length) {
    if (!res.write(chunk)) await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }
  if (!res.destroyed) res.end('"}');
}

export async function startFaultProxy(upstream?: string): Promise<FaultProxy> {
  let target = upstream ? new URL(upstream) : undefined;
  const faults = new Map<string, ProxyFault>();
  const hits = new Map<string, number>();
  const sockets = new Set<Socket>();
  const agent = new http.Agent({ keepAlive: false });

  const handler: http.RequestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    switch (faults.get(path) ?? null) {
      case 'hang':
        return; // never answered; down()/close() destroy the socket
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return void res.end('<!DOCTYPE html><html><body><h1>Please sign in</h1></body></html>');
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('{"issuer": "x\u0000\ufffd<<garbage');
      case 'huge':
        return void streamHuge(res);
      case 'http500':
        res.writeHead(500, { 'content-type': 'text/plain' });
        return void res.end('Internal Server Error');
    }
    if (!target) {
      res.writeHead(502);
      return void res.end();
    }
    const up = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  };

  let server: http.Server | undefined;
  let port = 0;
  const listen = async () => {
    const s = http.createServer(handler);
    s.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    port = (s.address() as AddressInfo).port;
    server = s;
  };
  const stop = async () => {
    const s = server;
    server = undefined;
    if (!s) return;
    const closed = new Promise<void>((resolve) => s.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits: (path) => hits.get(path) ?? 0,
    setUpstream(url) {
      target = new URL(url);
    },
    setFault(path, fault) {
      faults.set(path, fault);
    },
    down: stop,
    async up() {
      if (!server) await listen();
    },
    async close() {
      await stop();
      agent.destroy();
    },
  };
}
