/**
 * Real Redis processes for the scale-out tests, on loopback only:
 *
 * - `startRedisServer()`: one private redis-server on a free port (probed,
 *   30000 + random), which a test may kill (SIGKILL) and start again on the
 *   same port, e.g. to simulate an outage of the session store.
 * - `startRedisCluster()`: three (or more) `--cluster-enabled yes` masters
 *   joined with `redis-cli --cluster create ... --cluster-replicas 0`, ready
 *   when every node reports `cluster_state:ok`.
 *
 * Every process is a child of the test process: `stop()` kills it, and an
 * `exit` hook kills whatever is left if a test crashes.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Cluster, type ClusterOptions } from 'ioredis';

const execFileP = promisify(execFile);
const HOST = '127.0.0.1';
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, HOST, () => s.close(() => resolve(true)));
  });
}

/**
 * A port that is free on 127.0.0.1 right now (30000 + random). With `bus`,
 * port + 10000 (the cluster bus port) is free as well.
 */
export async function probePort(options: { bus?: boolean } = {}): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 30000 + Math.floor(Math.random() * 20000);
    if ((await portFree(port)) && (!options.bus || (await portFree(port + 10000)))) return port;
  }
  throw new Error('no free port found on 127.0.0.1');
}

/** True when a Redis on `port` answers PING within `timeoutMs`. */
export function redisPing(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, HOST);
    let buf = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      buf += d.toString();
      if (buf.includes('\r\n')) done(buf.startsWith('+PONG'));
    });
  });
}

/** Run `redis-cli -p port ...args` and return its output. */
export async function redisCli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await execFileP('redis-cli', ['-h', HOST, '-p', String(port), ...args], { timeout: 20_000 });
  return stdout;
}

export interface RedisServer {
  host: string;
  port: number;
  dir: string;
  /** True while the process runs. */
  readonly running: boolean;
  /** Pid of the current process (changes after `start()`). */
  readonly pid: number | undefined;
  /** Kill the process (default SIGKILL: no save, no goodbye). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Start it again on the same port and directory. */
  start(): Promise<void>;
  /** Kill it and remove its directory (only a directory it created itself). */
  close(): Promise<void>;
}

export interface RedisServerOptions {
  /** Fixed port; default a probed free one (retried on a bind race). */
  port?: number;
  /** Data directory; default a new temporary one removed by close(). */
  dir?: string;
  /** Cluster mode (`--cluster-enabled yes --cluster-config-file <dir>/nodes-P.conf`). */
  cluster?: boolean;
  /** Extra arguments, e.g. `['--appendonly', 'yes']` to keep data across a SIGKILL. */
  args?: string[];
}

function spawnRedis(port: number, dir: string, options: RedisServerOptions): { child: ChildProcess; log: () => string } {
  const args = ['--port', String(port), '--bind', HOST, '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
  if (options.cluster) args.push('--cluster-enabled', 'yes', '--cluster-config-file', path.join(dir, `nodes-${port}.conf`));
  args.push(...(options.args ?? []));
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.on('exit', () => live.delete(child));
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, log: () => out };
}

async function waitReady(child: ChildProcess, port: number, log: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`redis-server on ${port} exited: ${log()}`);
    if (await redisPing(port, 300)) return;
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on ${port} did not answer PING within ${timeoutMs} ms: ${log()}`);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Start one private redis-server (see {@link RedisServerOptions}). */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'kit-redis-')));
  let child: ChildProcess | undefined;
  let port = options.port ?? 0;
  for (let attempt = 0; ; attempt++) {
    if (!options.port) port = await probePort({ bus: options.cluster });
    const s = spawnRedis(port, dir, options);
    try {
      await waitReady(s.child, port, s.log);
      child = s.child;
      break;
    } catch (err) {
      if (options.port || attempt >= 4) throw err; // a fixed port, or too many bind races
    }
  }
  const server: RedisServer = {
    host: HOST,
    port,
    dir,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    get pid() {
      return child?.pid;
    },
    async kill(signal = 'SIGKILL') {
      if (!child) return;
      const c = child;
      c.kill(signal);
      await exited(c);
    },
    async start() {
      if (server.running) return;
      const s = spawnRedis(port, dir, options);
      await waitReady(s.child, port, s.log);
      child = s.child;
    },
    async close() {
      await server.kill('SIGKILL');
      child = undefined;
      if (ownDir) await rm(dir, { recursive: true, force: true });
    },
  };
  return server;
}

export interface RedisCluster {
  nodes: { host: string; port: number }[];
  servers: RedisServer[];
  /** A new ioredis Cluster client (the caller disconnects it). */
  client(options?: ClusterOptions): Cluster;
  /** Kill every node and remove the directory. */
  stop(): Promise<void>;
}

/**
 * A real Redis Cluster of `masters` masters (default 3, no replicas) on free
 * loopback ports, every slot assigned and `cluster_state:ok` on each node.
 */
export async function startRedisCluster(options: { masters?: number; timeoutMs?: number } = {}): Promise<RedisCluster> {
  const count = options.masters ?? 3;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kit-redis-cluster-'));
  const servers: RedisServer[] = [];
  const stop = async () => {
    await Promise.all(servers.map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i++) servers.push(await startRedisServer({ cluster: true, dir, args: ['--cluster-node-timeout', '5000'] }));
    const addrs = servers.map((s) => `${HOST}:${s.port}`);
    await execFileP('redis-cli', ['--cluster', 'create', ...addrs, '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 });
    const deadline = Date.now() + (options.timeoutMs ?? 20_000);
    for (const s of servers) {
      for (;;) {
        const info = await redisCli(s.port, 'cluster', 'info').catch(() => '');
        if (/cluster_state:ok/.test(info) && /cluster_known_nodes:(\d+)/.exec(info)?.[1] === String(count)) break;
        if (Date.now() > deadline) throw new Error(`cluster node ${s.port} not ok: ${info}`);
        await sleep(100);
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const nodes = servers.map((s) => ({ host: HOST, port: s.port }));
  return {
    nodes,
    servers,
    client: (clusterOptions) => new Cluster(nodes, clusterOptions),
    stop,
  };
}
