/**
 * `npm run bench`: express-oauth-kit against a bare express-session check,
 * Passport (passport-oauth2) and express-openid-connect.
 *
 * Every server is its own child process (bench/servers/*.ts on 127.0.0.1:0);
 * the providers are emulated in another (bench/servers/emulators.ts). Each
 * server is checked for correct answers before anything is timed, then the
 * variants of a scenario run in interleaved rounds (A B C, A B C, …) and the
 * medians are compared with the scenario's baseline. Results go to stdout and
 * docs/benchmarks.md.
 *
 * Environment (all optional):
 *   BENCH_DURATION=2  seconds per timed run      BENCH_ROUNDS=5   rounds per scenario
 *   BENCH_WARMUP=1    warm-up seconds per variant BENCH_CONNECTIONS=20 autocannon connections
 *   BENCH_CALLBACK_WORKERS=10 concurrent logins in the callback scenario
 *   BENCH_REDIS_REQUESTS=500  guarded requests for the Redis command count
 *   BENCH_REFRESH_BURST=100   concurrent req.oauth.fetch calls after expiry
 *   BENCH_REFRESH_TTL=4       access-token lifetime (s) at the OAuth 2.0 emulator
 *   BENCH_LOGIN_COMMAND_LOGINS=100  logins per server for the Redis commands per login start / callback
 *   BENCH_ONLY=guard-memory,guard-redis,login,login-redis,callback,callback-redis,price-tags,refresh   scenarios to run
 *     (and guard-diag, not run by default: bare vs bare + AsyncLocalStorage vs kit without / with a real login)
 *   BENCH_PROFILE=1 (profile our server where a target is missed) | always | 0
 *   BENCH_PROFILE_JOBS=guard-memory,guard-redis,login,login-redis,callback,callback-redis   profile these anyway
 *     (BENCH_ONLY=none BENCH_PROFILE_JOBS=callback: just that profile)
 *   BENCH_PROFILE_SECONDS=4   BENCH_PROFILE_SERVER=kit (or passport / bare / eoc, to compare)
 *   BENCH_WRITE=0 (do not write docs/benchmarks.md)
 *   BENCH_COMPARE_DIR=<dir>  a copy of the repository at another commit (e.g. `git archive <rev> src bench test | tar -x -C <dir>`):
 *     the login scenarios also run the kit from there (its bench/servers/kit.ts), for before → after numbers
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { completeLogin, get, Jar, request, resolveLocation } from './lib/client.ts';
import type { EmulatorInfo, EmulatorStats, ServerConfig, ServerHello } from './lib/config.ts';
import { BENCH_DIR, REPO_DIR, startChild, type Child } from './lib/proc.ts';
import { summarizeProfile, type ProfileSummary, type ProfileWindow } from './lib/profile.ts';

// ------------------------------------------------------------------ settings

function num(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return value;
}

const DURATION = num('BENCH_DURATION', 2);
// 5 rounds × 2 s + 1 s warm-up per variant keeps the whole run (25 variants) near 6 minutes on 2 cores.
const ROUNDS = Math.max(1, Math.round(num('BENCH_ROUNDS', 5)));
const WARMUP = process.env.BENCH_WARMUP === '0' ? 0 : num('BENCH_WARMUP', 1);
const CONNECTIONS = Math.round(num('BENCH_CONNECTIONS', 20));
const WORKERS = Math.round(num('BENCH_CALLBACK_WORKERS', 10));
const REDIS_REQUESTS = Math.round(num('BENCH_REDIS_REQUESTS', 500));
const BURST = Math.round(num('BENCH_REFRESH_BURST', 100));
const LOGIN_COMMAND_LOGINS = Math.round(num('BENCH_LOGIN_COMMAND_LOGINS', 100));
const PROFILE_SECONDS = num('BENCH_PROFILE_SECONDS', 4);
const PROFILE_MODE = process.env.BENCH_PROFILE ?? '1';
/** Which server to profile (ours by default; `passport` / `bare` / `eoc` to compare). */
const PROFILE_KIND = (process.env.BENCH_PROFILE_SERVER ?? 'kit') as 'kit' | 'passport' | 'bare' | 'eoc';
if (!['kit', 'passport', 'bare', 'eoc'].includes(PROFILE_KIND)) throw new Error('BENCH_PROFILE_SERVER must be kit, passport, bare or eoc');
const WRITE = process.env.BENCH_WRITE !== '0';
const COMPARE_DIR = process.env.BENCH_COMPARE_DIR ? path.resolve(process.env.BENCH_COMPARE_DIR) : undefined;
const ALL_GROUPS = ['guard-memory', 'guard-redis', 'login', 'login-redis', 'callback', 'callback-redis', 'price-tags', 'refresh', 'guard-diag'] as const;
type Group = (typeof ALL_GROUPS)[number];
/** guard-diag (not run by default): where the guard's cost over bare comes from. */
const DEFAULT_GROUPS: Group[] = ['guard-memory', 'guard-redis', 'login', 'login-redis', 'callback', 'callback-redis', 'price-tags', 'refresh'];
const GROUPS = new Set((process.env.BENCH_ONLY ?? DEFAULT_GROUPS.join(',')).split(',').map((s) => s.trim()).filter((s) => s && s !== 'none'));
for (const g of GROUPS) if (!(ALL_GROUPS as readonly string[]).includes(g)) throw new Error(`BENCH_ONLY: unknown scenario ${g} (use ${ALL_GROUPS.join(', ')}, or none)`);
const PROFILE_JOBS = ['guard-memory', 'guard-redis', 'login', 'login-redis', 'callback', 'callback-redis'] as const;
/** BENCH_PROFILE_JOBS: profile these whatever the targets say (with BENCH_ONLY=none: profile only). */
const FORCED_PROFILES = (process.env.BENCH_PROFILE_JOBS ?? '').split(',').map((s) => s.trim()).filter(Boolean) as ProfileJob[];
for (const j of FORCED_PROFILES) if (!(PROFILE_JOBS as readonly string[]).includes(j)) throw new Error(`BENCH_PROFILE_JOBS: unknown job ${j} (use ${PROFILE_JOBS.join(', ')})`);

const SESSION_TARGET_BYTES = 1536;
const RUN_ID = `bench:${process.pid}:${Date.now().toString(36)}`;
const PROFILE_DIR = path.join(BENCH_DIR, '.profiles');
const DOC = path.join(REPO_DIR, 'docs', 'benchmarks.md');
const started = Date.now();
const loadAtStart = os.loadavg();

function log(message: string): void {
  const t = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[${t}s] ${message}\n`);
}

// ------------------------------------------------------------------ helpers

const median = (xs: number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function assertThat(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(`check failed: ${message}`);
}

/** One timed run. */
interface Sample {
  rate: number;
  p50: number;
  p99: number;
  /** Answers outside the expected class, errors and timeouts. */
  bad: number;
  total: number;
  /** CPU time (user + system) the server process used per request / login, in µs. */
  cpuPerOp: number;
  note?: string;
}

interface Row {
  scenario: string;
  variant: string;
  baseline: boolean;
  unit: string;
  samples: Sample[];
}

function rowMedian(row: Row): number {
  return median(row.samples.map((s) => s.rate));
}

function cpuMedian(row: Row): number {
  return median(row.samples.map((s) => s.cpuPerOp));
}

async function serverCpu(base: string): Promise<number> {
  return (JSON.parse((await request(`${base}/__bench/cpu`)).body) as { cpuMicros: number }).cpuMicros;
}

/** Run `load` and add the CPU time the server at `base` used per operation. */
async function withCpu(base: string, load: () => Promise<Omit<Sample, 'cpuPerOp'>>): Promise<Sample> {
  const before = await serverCpu(base);
  const sample = await load();
  const after = await serverCpu(base);
  return { ...sample, cpuPerOp: sample.total ? (after - before) / sample.total : NaN };
}

function cannon(base: string, pathname: string, headers: Record<string, string>, seconds: number, expect: '2xx' | '3xx'): Promise<Sample> {
  return withCpu(base, async () => {
    const r = await autocannon({ url: `${base}${pathname}`, connections: CONNECTIONS, duration: seconds, headers, timeout: 10 });
    const total = r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx'];
    const good = r[expect];
    return { rate: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad: total - good + r.errors + r.timeouts, total };
  });
}

/** The routes of one login: the app's login and callback paths, and the provider's origin. */
interface LoginFlow {
  login: string;
  callback: string;
  provider: string;
}

/** A GitHub login against the GitHub emulator (kit and Passport). */
const githubFlow = (): LoginFlow => ({ login: '/auth/github/login', callback: '/auth/github/callback', provider: emulators.info.github.url });
/** An OIDC login against the mock OpenID provider (the kit's `oidc()` provider `mop`). */
const mopFlow = (): LoginFlow => ({ login: '/auth/mop/login', callback: '/auth/mop/callback', provider: emulators.info.mop.issuer });

/** Fresh logins (start → authorize → callback) from WORKERS concurrent browsers for `seconds`. */
function loginLoop(app: string, flow: LoginFlow, seconds: number): Promise<Sample> {
  return withCpu(app, () => loginLoopRun(app, flow, seconds));
}

async function loginLoopRun(app: string, flow: LoginFlow, seconds: number): Promise<Omit<Sample, 'cpuPerOp'>> {
  const deadline = Date.now() + seconds * 1000;
  const latencies: number[] = [];
  let failed = 0;
  let lastError = '';
  const worker = async (): Promise<void> => {
    while (Date.now() < deadline) {
      const t0 = performance.now();
      try {
        await completeLogin(app, flow.login, flow.provider, flow.callback);
        if (Date.now() <= deadline) latencies.push(performance.now() - t0);
      } catch (err) {
        failed += 1;
        lastError = String((err as Error).message ?? err).slice(0, 300);
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { rate: latencies.length / seconds, p50: q(0.5), p99: q(0.99), bad: failed, total: latencies.length + failed, note: lastError || undefined };
}

/** Warm-up, then ROUNDS interleaved rounds over the runners. */
async function interleave(label: string, runners: { row: Row; run: (seconds: number) => Promise<Sample> }[]): Promise<void> {
  if (WARMUP > 0) for (const r of runners) await r.run(WARMUP);
  for (let i = 1; i <= ROUNDS; i++) {
    for (const r of runners) {
      const s = await r.run(DURATION);
      r.row.samples.push(s);
      log(`${label} round ${i}/${ROUNDS} ${r.row.variant}: ${fmt(s.rate)} ${r.row.unit}, ${fmt(s.cpuPerOp)} µs CPU/op${s.bad ? ` (${s.bad} unexpected answers${s.note ? `: ${s.note}` : ''})` : ''}`);
    }
  }
}

// ------------------------------------------------------------------ processes

let emulators: Child<EmulatorInfo>;
const live = new Set<Child<unknown>>();

interface ServerSpec {
  id: string;
  label: string;
  file: string;
  store: 'memory' | 'redis';
  extra?: Partial<ServerConfig>;
  /** kit only: security properties switched off in this process (bench/lib/switch-off.mjs), for price tags. */
  switchOff?: string[];
}

interface Server {
  spec: ServerSpec;
  proc: Child<ServerHello>;
  url: string;
  config: ServerConfig;
}

async function startServer(spec: ServerSpec, cpuProfDir?: string): Promise<Server> {
  const config: ServerConfig = { store: spec.store, redisPrefix: `${RUN_ID}:${spec.id}:`, emulators: emulators.info, ...spec.extra };
  const switchOff = spec.switchOff ?? [];
  if (switchOff.length) config.switchedOff = switchOff;
  const env: Record<string, string> = { BENCH_CONFIG: JSON.stringify(config), BENCH_SWITCH_OFF: switchOff.join(',') };
  const proc = await startChild<ServerHello>(spec.id, spec.file, env, { cpuProfDir, preload: switchOff.length ? ['lib/switch-off.mjs'] : [] });
  live.add(proc);
  return { spec, proc, url: `http://127.0.0.1:${proc.info.port}`, config };
}

async function stopServers(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(async (s) => {
      await s.proc.stop();
      live.delete(s.proc);
    }),
  );
}

async function emulatorStats(): Promise<EmulatorStats> {
  const r = await request(`${emulators.info.control}/stats`);
  return JSON.parse(r.body) as EmulatorStats;
}

// ------------------------------------------------------------------ variants

const SERVERS = {
  bare: { label: 'bare express-session `if (req.session.user)` (baseline)', file: 'servers/bare.ts' },
  kit: { label: 'express-oauth-kit `router()` + `loginRequired()`', file: 'servers/kit.ts' },
  passport: { label: 'Passport 0.7 `passport.session()` + `req.isAuthenticated()`', file: 'servers/passport.ts' },
  eoc: { label: 'express-openid-connect 3.4 `requiresAuth()`', file: 'servers/eoc.ts' },
} as const;
type Kind = keyof typeof SERVERS;

function spec(kind: Kind, store: 'memory' | 'redis', label?: string, extra?: Partial<ServerConfig>): ServerSpec {
  return { id: `${kind}-${store}`, label: label ?? SERVERS[kind].label, file: SERVERS[kind].file, store, extra };
}

/** Log in once, the way this library's users do (see docs/benchmarks.md for each). */
async function authenticate(kind: Kind, server: Server): Promise<Jar> {
  const info = emulators.info;
  if (kind === 'bare' || server.config.setupRoute) {
    const jar = new Jar();
    const r = await request(`${server.url}/__bench/login`, { method: 'POST' });
    jar.store(r.headers);
    assertThat(r.status === 204 && jar.cookies.has('sid'), `bare setup login answered ${r.status}`);
    return jar;
  }
  if (kind === 'eoc') return (await completeLogin(server.url, '/login', info.mop.issuer, '/callback')).jar;
  return (await completeLogin(server.url, '/auth/github/login', info.github.url, '/auth/github/callback')).jar;
}

/** Authenticated 200, anonymous 401 (or EOC's 302 to the provider), and the kit's browser 302. */
async function checkGuard(kind: Kind, server: Server, jar: Jar): Promise<void> {
  const ok = await get(`${server.url}/protected`, jar, { accept: 'application/json' });
  assertThat(ok.status === 200, `${server.spec.id}: authenticated GET /protected answered ${ok.status} ${ok.body.slice(0, 200)}`);
  const user = (JSON.parse(ok.body) as { user?: unknown }).user;
  assertThat(typeof user === 'string' && user.length > 0, `${server.spec.id}: no user in ${ok.body}`);
  const anon = await get(`${server.url}/protected`, undefined, { accept: 'application/json' });
  if (kind === 'eoc') {
    // requiresAuth(): 401 for API clients, a 302 into a new login for browsers.
    assertThat(anon.status === 401, `${server.spec.id}: anonymous API request answered ${anon.status}`);
    const html = await get(`${server.url}/protected`, undefined);
    assertThat(html.status === 302 && html.location?.startsWith(`${emulators.info.mop.issuer}/authorize?`), `${server.spec.id}: anonymous browser answered ${html.status} ${html.location}`);
  } else {
    assertThat(anon.status === 401, `${server.spec.id}: anonymous answered ${anon.status}`);
  }
  if (kind === 'kit') {
    const html = await get(`${server.url}/protected`, undefined);
    assertThat(html.status === 302 && html.location === '/auth/github/login?returnTo=%2Fprotected', `kit: anonymous browser answered ${html.status} ${html.location}`);
  }
}

// ------------------------------------------------------------------ results

const rows: Row[] = [];
const notes: string[] = [];
interface Target {
  name: string;
  value: string;
  met: boolean | undefined;
  profile?: ProfileJob;
}
const targets: Target[] = [];
type ProfileJob = (typeof PROFILE_JOBS)[number];
interface RedisCommandRow {
  variant: string;
  statsPerRequest: number;
  statsBreakdown: string;
  monitorPerRequest: number;
  monitorBreakdown: string;
  clientPerRequest: number;
  clientBreakdown: string;
}
const redisCommandRows: RedisCommandRow[] = [];
interface PhaseCommands {
  monitor: number;
  monitorText: string;
  client: number;
}
const loginCommandRows: { variant: string; start: PhaseCommands; callback: PhaseCommands }[] = [];
const priceTagRows: { scenario: string; what: string; label: string; base: string }[] = [];
const sessionRows: { variant: string; bytes: number; what: string }[] = [];
const refreshRows: { store: string; burst: number; grants: number; statuses: string; second: number }[] = [];
const profiles: { job: string; file: string; summary: ProfileSummary; ops: number; unit: string }[] = [];
let redisVersion = 'unavailable';

function newRow(scenario: string, variant: string, baseline: boolean, unit: string): Row {
  const row: Row = { scenario, variant, baseline, unit, samples: [] };
  rows.push(row);
  return row;
}

function findRow(scenario: string, variant: string): Row {
  const row = rows.find((r) => r.scenario === scenario && r.variant === variant);
  if (!row) throw new Error(`no row ${scenario} / ${variant}`);
  return row;
}

/** Throughput ratio (median / median) and CPU ratio (CPU per op of `b` / CPU per op of `a`): both > 1 when `a` is faster. */
function compare(a: Row, b: Row): { rate: number; cpu: number; text: string } {
  const rate = rowMedian(a) / rowMedian(b);
  const cpu = cpuMedian(b) / cpuMedian(a);
  return { rate, cpu, text: `${fmt(rate, 3)} × by throughput, ${fmt(cpu, 3)} × by server CPU per op` };
}

// ------------------------------------------------------------------ scenarios

async function guardScenario(store: 'memory' | 'redis', redis: Redis | undefined): Promise<void> {
  const scenario = `guard (${store === 'memory' ? 'MemoryStore' : 'Redis, connect-redis'})`;
  const kinds: Kind[] = ['bare', 'kit', 'passport', 'eoc'];
  const eocLabel = store === 'redis' ? `${SERVERS.eoc.label}, custom store = connect-redis` : `${SERVERS.eoc.label}, encrypted cookie session`;
  const servers = await Promise.all(kinds.map((k) => startServer(spec(k, store, k === 'eoc' ? eocLabel : undefined))));
  try {
    const jars: Jar[] = [];
    for (let i = 0; i < kinds.length; i++) {
      jars[i] = await authenticate(kinds[i]!, servers[i]!);
      await checkGuard(kinds[i]!, servers[i]!, jars[i]!);
    }
    log(`${scenario}: all four answer correctly (authenticated 200, anonymous 401/302)`);
    if (store === 'redis' && redis) {
      await sessionBytes(kinds, servers, jars, redis);
      await redisCommands(kinds, servers, jars, redis);
    }
    await interleave(
      scenario,
      kinds.map((k, i) => ({
        row: newRow(scenario, servers[i]!.spec.label, k === 'bare', 'req/s'),
        run: (s: number) => cannon(servers[i]!.url, '/protected', { cookie: jars[i]!.header() }, s, '2xx'),
      })),
    );
    const kit = findRow(scenario, SERVERS.kit.label);
    const vsBare = compare(kit, findRow(scenario, SERVERS.bare.label));
    const vsPassport = compare(kit, findRow(scenario, SERVERS.passport.label));
    const vsEoc = compare(kit, findRow(scenario, eocLabel));
    const job: ProfileJob = store === 'memory' ? 'guard-memory' : 'guard-redis';
    targets.push({ name: `${scenario}: kit ≥ 0.97 × bare`, value: vsBare.text, met: vsBare.rate >= 0.97, profile: job });
    targets.push({ name: `${scenario}: kit ahead of Passport`, value: vsPassport.text, met: vsPassport.rate > 1, profile: job });
    targets.push({ name: `${scenario}: kit ahead of express-openid-connect`, value: vsEoc.text, met: vsEoc.rate > 1, profile: job });
  } finally {
    await stopServers(servers);
  }
}

/**
 * Where the guard's cost over bare comes from: Node 20's AsyncLocalStorage
 * (the kit's openid adapter runs one per code exchange, which turns async hooks
 * on for the whole process) and the kit's own middleware.
 */
async function guardDiagnostics(): Promise<void> {
  const scenario = 'guard diagnostics (MemoryStore)';
  const variants: { kind: Kind; spec: ServerSpec; baseline?: boolean }[] = [
    { kind: 'bare', spec: { ...spec('bare', 'memory'), id: 'diag-bare' }, baseline: true },
    { kind: 'bare', spec: { ...spec('bare', 'memory', 'bare + an AsyncLocalStorage enabled once at start', { asyncLocalStorage: true }), id: 'diag-bare-als' } },
    { kind: 'bare', spec: { ...spec('bare', 'memory', 'bare + the kit\'s layers as no-ops (one app.use middleware, one route-level guard)', { noopLayers: true }), id: 'diag-bare-layers' } },
    { kind: 'kit', spec: { ...spec('kit', 'memory', 'kit, session written by a setup route (no login: async hooks off)', { setupRoute: true }), id: 'diag-kit-setup' } },
    { kind: 'kit', spec: { ...spec('kit', 'memory', 'kit, setup route + an AsyncLocalStorage enabled once at start', { setupRoute: true, asyncLocalStorage: true }), id: 'diag-kit-setup-als' } },
    { kind: 'kit', spec: { ...spec('kit', 'memory', 'kit after a real GitHub login (async hooks on)'), id: 'diag-kit-login' } },
  ];
  const servers = await Promise.all(variants.map((v) => startServer(v.spec)));
  try {
    const jars: Jar[] = [];
    for (let i = 0; i < variants.length; i++) {
      jars[i] = await authenticate(variants[i]!.kind, servers[i]!);
      await checkGuard(variants[i]!.kind, servers[i]!, jars[i]!);
    }
    await interleave(
      scenario,
      variants.map((v, i) => ({
        row: newRow(scenario, servers[i]!.spec.label, v.baseline === true, 'req/s'),
        run: (sec: number) => cannon(servers[i]!.url, '/protected', { cookie: jars[i]!.header() }, sec, '2xx'),
      })),
    );
  } finally {
    await stopServers(servers);
  }
}

function sidKey(server: Server, jar: Jar): string {
  const raw = decodeURIComponent(jar.cookies.get('sid') ?? '');
  const m = /^s:([^.]+)\./.exec(raw);
  assertThat(m, `${server.spec.id}: no signed sid cookie`);
  return `${server.config.redisPrefix}${m[1]}`;
}

async function keysOf(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

async function sessionBytes(kinds: Kind[], servers: Server[], jars: Jar[], redis: Redis): Promise<void> {
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i]!;
    const server = servers[i]!;
    const keys = kind === 'eoc' ? await keysOf(redis, server.config.redisPrefix) : [sidKey(server, jars[i]!)];
    assertThat(keys.length === 1, `${server.spec.id}: expected one session key, found ${keys.length}`);
    const bytes = await redis.strlen(keys[0]!);
    assertThat(bytes > 0, `${server.spec.id}: session key ${keys[0]} is empty`);
    const what =
      kind === 'kit'
        ? 'after a real GitHub login (profile + token set + cookie)'
        : kind === 'bare'
          ? 'same profile + token data written by the setup route'
          : kind === 'passport'
            ? 'after a real login; serializeUser keeps profile + access token'
            : 'after a real OIDC login (id_token, access token, claims)';
    sessionRows.push({ variant: server.spec.label, bytes, what });
    if (kind === 'kit') {
      const json = await redis.get(keys[0]!);
      log(`kit session in Redis (${bytes} B): ${json}`);
      targets.push({ name: 'session bytes in Redis after a GitHub login ≤ 1.5 KB', value: `${bytes} B`, met: bytes <= SESSION_TARGET_BYTES });
      // The session while a login is pending (state, PKCE verifier, returnTo, redirect_uri).
      const pendingJar = new Jar();
      const start = await get(`${server.url}/auth/github/login?returnTo=%2Fprotected`, pendingJar);
      assertThat(start.status === 302, 'kit: login start');
      const pendingBytes = await redis.strlen(sidKey(server, pendingJar));
      sessionRows.push({ variant: `${server.spec.label} — while a login is pending`, bytes: pendingBytes, what: 'after GET /auth/github/login (before the callback)' });
      await redis.del(sidKey(server, pendingJar));
    }
  }
}

function parseCommandStats(info: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of info.split('\n')) {
    const m = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

function perRequest(before: Map<string, number> | Record<string, number>, after: Map<string, number> | Record<string, number>, n: number, ignore: string[] = []): { total: number; text: string } {
  const a = after instanceof Map ? after : new Map(Object.entries(after));
  const b = before instanceof Map ? before : new Map(Object.entries(before));
  const parts: string[] = [];
  let total = 0;
  for (const [cmd, calls] of [...a].sort()) {
    if (ignore.includes(cmd.toLowerCase())) continue;
    const d = calls - (b.get(cmd) ?? 0);
    if (d <= 0) continue;
    total += d;
    parts.push(`${cmd.toUpperCase()} ${fmt(d / n, 2)}`);
  }
  return { total: total / n, text: parts.join(', ') || 'none' };
}

interface CommandCounts {
  counts: Record<string, number>;
  localPort: number | null;
}

async function redisCommands(kinds: Kind[], servers: Server[], jars: Jar[], redis: Redis): Promise<void> {
  for (let i = 0; i < kinds.length; i++) {
    const server = servers[i]!;
    const headers = { cookie: jars[i]!.header(), accept: 'application/json' };
    const clientBefore = JSON.parse((await request(`${server.url}/__bench/redis-commands`)).body) as CommandCounts;
    assertThat(clientBefore.localPort, `${server.spec.id}: no Redis connection`);
    // MONITOR, keeping only the commands of this server's own connection (exact even when other
    // processes use the same Redis, unlike the server-wide INFO commandstats).
    const monitor = await redis.monitor();
    const seen: Record<string, number> = {};
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (source.endsWith(`:${clientBefore.localPort}`)) seen[args[0]!.toLowerCase()] = (seen[args[0]!.toLowerCase()] ?? 0) + 1;
    });
    await sleep(100);
    const statsBefore = parseCommandStats(await redis.info('commandstats'));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < REDIS_REQUESTS) {
        next += 1;
        const r = await request(`${server.url}/protected`, { headers });
        assertThat(r.status === 200, `${server.spec.id}: guarded request answered ${r.status}`);
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    const statsAfter = parseCommandStats(await redis.info('commandstats'));
    const clientAfter = JSON.parse((await request(`${server.url}/__bench/redis-commands`)).body) as CommandCounts;
    await sleep(200);
    monitor.disconnect();
    const stats = perRequest(statsBefore, statsAfter, REDIS_REQUESTS, ['info', 'monitor']);
    const mon = perRequest({}, seen, REDIS_REQUESTS);
    const client = perRequest(clientBefore.counts, clientAfter.counts, REDIS_REQUESTS);
    redisCommandRows.push({
      variant: server.spec.label,
      statsPerRequest: stats.total,
      statsBreakdown: stats.text,
      monitorPerRequest: mon.total,
      monitorBreakdown: mon.text,
      clientPerRequest: client.total,
      clientBreakdown: client.text,
    });
    log(`Redis commands per guarded request, ${server.spec.id}: MONITOR ${fmt(mon.total, 2)} (${mon.text}); client-side ${fmt(client.total, 2)}; INFO commandstats ${fmt(stats.total, 2)} (${stats.text})`);
  }
  const bare = redisCommandRows.find((r) => r.variant === SERVERS.bare.label)!;
  const kit = redisCommandRows.find((r) => r.variant === SERVERS.kit.label)!;
  const added = kit.monitorPerRequest - bare.monitorPerRequest;
  targets.push({
    name: 'Redis commands added per guarded request (kit − bare)',
    value: `${fmt(added, 2)} (MONITOR of each server's connection; client-side ${fmt(kit.clientPerRequest - bare.clientPerRequest, 2)}; server-wide INFO commandstats ${fmt(kit.statsPerRequest - bare.statsPerRequest, 2)})`,
    met: added === 0 && kit.clientPerRequest === bare.clientPerRequest,
  });
}

const STORE_LABEL = { memory: 'MemoryStore', redis: 'Redis, connect-redis' } as const;

/** Check one login start: 302 to the authorize endpoint with code, client_id, redirect_uri, state and S256 PKCE, and a cookie. */
async function checkLoginStart(id: string, url: string, callback: string, authorize: string, clientId: string, scope?: string): Promise<void> {
  const r = await get(url, undefined);
  assertThat(r.status === 302 && r.location, `${id}: login answered ${r.status}`);
  assertThat((r.headers['set-cookie'] ?? []).length > 0, `${id}: login set no cookie`);
  const loc = new URL(r.location);
  assertThat(`${loc.origin}${loc.pathname}` === authorize, `${id}: Location ${loc.href} is not the authorize endpoint`);
  const q = loc.searchParams;
  assertThat(q.get('response_type') === 'code', `${id}: response_type ${q.get('response_type')}`);
  assertThat(q.get('client_id') === clientId, `${id}: client_id`);
  assertThat(q.get('redirect_uri') === callback, `${id}: redirect_uri ${q.get('redirect_uri')}`);
  assertThat((q.get('state') ?? '').length >= 16, `${id}: state`);
  assertThat(/^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') ?? '') && q.get('code_challenge_method') === 'S256', `${id}: PKCE`);
  if (scope === undefined) assertThat(q.get('nonce'), `${id}: nonce`);
  else assertThat(q.get('scope') === scope, `${id}: scope ${q.get('scope')}`);
}

/** One server of a login scenario. */
interface LoginVariant {
  key: 'passport' | 'kit' | 'kit-redis' | 'eoc' | 'kit-compare';
  kind: Kind;
  label: string;
  extra?: Partial<ServerConfig>;
  file?: string;
}

/**
 * The login scenarios' variants: passport-oauth2 (baseline), the kit, and on
 * Redis also the kit with the registry's `redis` option (README's production
 * setup for several instances: single-use markers, session locks and
 * browser-bound pending logins in Redis too, over the same client as the
 * session store), which passport-oauth2 has nothing like.
 */
function loginVariants(store: 'memory' | 'redis', what: 'redirect' | 'callback'): LoginVariant[] {
  const passport = what === 'redirect' ? 'passport-oauth2 `state: true, pkce: true` (baseline)' : 'passport-oauth2 (code exchange + GET /user) (baseline)';
  const kit = what === 'redirect' ? 'express-oauth-kit `/auth/github/login`' : 'express-oauth-kit github() (code exchange + GET /user)';
  const out: LoginVariant[] = [
    { key: 'passport', kind: 'passport', label: passport },
    { key: 'kit', kind: 'kit', label: kit },
  ];
  if (store === 'redis') out.push({ key: 'kit-redis', kind: 'kit', label: `${kit} + \`redis\` option (shared state in Redis)`, extra: { kitRedisOption: true } });
  if (store === 'memory' && what === 'redirect') out.push({ key: 'eoc', kind: 'eoc', label: 'express-openid-connect `/login` (code + PKCE)' });
  if (COMPARE_DIR) out.push({ key: 'kit-compare', kind: 'kit', label: `${kit}, from ${COMPARE_DIR}`, file: path.join(COMPARE_DIR, 'bench', 'servers', 'kit.ts') });
  return out;
}

async function startLoginServers(store: 'memory' | 'redis', variants: LoginVariant[]): Promise<Server[]> {
  return Promise.all(variants.map((v) => startServer({ ...spec(v.kind, store, v.label, v.extra), id: `${v.key}-${store}`, ...(v.file ? { file: v.file } : {}) })));
}

async function loginScenario(store: 'memory' | 'redis'): Promise<void> {
  const scenario = `login redirect (${STORE_LABEL[store]})`;
  const variants = loginVariants(store, 'redirect');
  const servers = await startLoginServers(store, variants);
  const pathOf = (v: LoginVariant) => (v.kind === 'eoc' ? '/login' : '/auth/github/login');
  try {
    const info = emulators.info;
    for (let i = 0; i < variants.length; i++) {
      const v = variants[i]!;
      const server = servers[i]!;
      if (v.kind === 'eoc') await checkLoginStart(server.spec.id, `${server.url}/login`, `${server.url}/callback`, `${info.mop.issuer}/authorize`, info.mop.clientId);
      else await checkLoginStart(server.spec.id, `${server.url}${pathOf(v)}`, `${server.url}/auth/github/callback`, `${info.github.url}/login/oauth/authorize`, info.github.clientId, 'read:user user:email');
    }
    log(`${scenario}: all answer 302 to the authorize endpoint with state + S256 PKCE`);
    await interleave(
      scenario,
      variants.map((v, i) => ({
        row: newRow(scenario, v.label, v.key === 'passport', 'req/s'),
        run: (s: number) => cannon(servers[i]!.url, pathOf(v), {}, s, '3xx'),
      })),
    );
    const base = findRow(scenario, variants[0]!.label);
    const c = compare(findRow(scenario, variants[1]!.label), base);
    targets.push({ name: `${scenario}: kit ≥ 1.0 × passport-oauth2`, value: c.text, met: c.rate >= 1, profile: store === 'memory' ? 'login' : 'login-redis' });
    if (store === 'redis') {
      const r = compare(findRow(scenario, variants[2]!.label), base);
      targets.push({ name: `${scenario}: kit with the \`redis\` option vs passport-oauth2 (shown, not a target)`, value: r.text, met: undefined });
    }
  } finally {
    await stopServers(servers);
  }
}

async function callbackScenario(store: 'memory' | 'redis', redis: Redis | undefined): Promise<void> {
  const scenario = `callback: full login (start → authorize → callback), ${STORE_LABEL[store]}`;
  const variants = loginVariants(store, 'callback');
  const servers = await startLoginServers(store, variants);
  try {
    for (let i = 0; i < variants.length; i++) {
      const { jar } = await completeLogin(servers[i]!.url, '/auth/github/login', emulators.info.github.url, '/auth/github/callback');
      const me = await get(`${servers[i]!.url}/protected`, jar, { accept: 'application/json' });
      assertThat(me.status === 200 && JSON.parse(me.body).user === '583231', `${servers[i]!.spec.id}: after the login /protected answered ${me.status} ${me.body}`);
    }
    log(`${scenario}: all complete a login and are authenticated afterwards`);
    if (redis) for (const s of servers) await loginCommands(s, githubFlow(), redis);
    const before = await emulatorStats();
    await interleave(
      `callback (${STORE_LABEL[store]})`,
      variants.map((v, i) => ({
        row: newRow(scenario, v.label, v.key === 'passport', 'logins/s'),
        run: (s: number) => loginLoop(servers[i]!.url, githubFlow(), s),
      })),
    );
    const after = await emulatorStats();
    notes.push(`Callback scenario (${STORE_LABEL[store]}): the GitHub emulator counted ${after.github.authorization_code - before.github.authorization_code} successful code exchanges during warm-up and rounds.`);
    const base = findRow(scenario, variants[0]!.label);
    const c = compare(findRow(scenario, variants[1]!.label), base);
    targets.push({ name: `callback (${STORE_LABEL[store]}): kit ≥ 1.0 × passport-oauth2`, value: c.text, met: c.rate >= 1, profile: store === 'memory' ? 'callback' : 'callback-redis' });
    if (redis) {
      const r = compare(findRow(scenario, variants[2]!.label), base);
      targets.push({ name: `callback (${STORE_LABEL[store]}): kit with the \`redis\` option vs passport-oauth2 (shown, not a target)`, value: r.text, met: undefined });
      const rowOf = (i: number) => loginCommandRows.find((r) => r.variant === servers[i]!.spec.label)!;
      const passport = rowOf(0);
      for (const [i, what] of [
        [1, 'kit'],
        [2, 'kit with the `redis` option'],
      ] as const) {
        const kit = rowOf(i);
        for (const phase of ['start', 'callback'] as const) {
          const k = kit[phase];
          const p = passport[phase];
          const value = `${fmt(k.monitor, 2)} (${k.monitorText}) vs passport-oauth2 ${fmt(p.monitor, 2)} (${p.monitorText}); MONITOR of each server's connection, client-side ${fmt(k.client, 2)} vs ${fmt(p.client, 2)}`;
          targets.push({
            name: `Redis commands per login ${phase}: ${what} ≤ passport-oauth2 + 1${i === 2 ? ' (shown, not a target)' : ''}`,
            value,
            met: i === 2 ? undefined : k.monitor <= p.monitor + 1 && k.client <= p.client + 1,
          });
        }
      }
    }
  } finally {
    await stopServers(servers);
  }
}

/**
 * Redis commands per login start and per callback: LOGIN_COMMAND_LOGINS fresh
 * logins, 10 at a time, first all the starts, then all the callbacks. Counted
 * on the Redis side (MONITOR, only this server's connection; the phases are
 * split by an ECHO marker the bench sends between them, which MONITOR sees in
 * execution order) and on the client side (the server's counting ioredis client).
 */
async function loginCommands(server: Server, flow: LoginFlow, redis: Redis): Promise<void> {
  const read = async () => JSON.parse((await request(`${server.url}/__bench/redis-commands`)).body) as CommandCounts;
  const c0 = await read();
  assertThat(c0.localPort, `${server.spec.id}: no Redis connection`);
  const marker = `${RUN_ID}:${server.spec.id}:phase`;
  const seen: Record<'start' | 'callback', Record<string, number>> = { start: {}, callback: {} };
  let phase: 'start' | 'callback' | 'done' | 'before' = 'before';
  let markDone: () => void = () => {};
  const done = new Promise<void>((r) => (markDone = r));
  const monitor = await redis.monitor();
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    const cmd = args[0]!.toLowerCase();
    if (cmd === 'echo' && args[1]?.startsWith(marker)) {
      phase = args[1].slice(marker.length + 1) as typeof phase;
      if (phase === 'done') markDone();
      return;
    }
    if (source.endsWith(`:${c0.localPort}`) && (phase === 'start' || phase === 'callback')) seen[phase][cmd] = (seen[phase][cmd] ?? 0) + 1;
  });
  await redis.echo(`${marker}:start`);
  const jars: Jar[] = [];
  const authorizeUrls: string[] = [];
  const pool = async (job: (i: number) => Promise<void>): Promise<void> => {
    let next = 0;
    await Promise.all(Array.from({ length: 10 }, async () => {
      while (next < LOGIN_COMMAND_LOGINS) await job(next++);
    }));
  };
  await pool(async (i) => {
    const jar = new Jar();
    const start = await get(`${server.url}${flow.login}`, jar);
    assertThat(start.status === 302, `${server.spec.id}: login start answered ${start.status}`);
    jars[i] = jar;
    authorizeUrls[i] = resolveLocation(start, `${server.url}${flow.login}`);
  });
  const c1 = await read();
  await redis.echo(`${marker}:callback`);
  await pool(async (i) => {
    const back = await get(authorizeUrls[i]!, undefined);
    assertThat(back.status === 302, `${server.spec.id}: authorize answered ${back.status}`);
    const final = await get(resolveLocation(back, authorizeUrls[i]!), jars[i]!);
    assertThat(final.status === 302 && !final.location?.includes('error'), `${server.spec.id}: callback answered ${final.status} ${final.location ?? final.body.slice(0, 200)}`);
  });
  const c2 = await read();
  await redis.echo(`${marker}:done`);
  await Promise.race([done, sleep(5000)]);
  monitor.disconnect();
  const n = LOGIN_COMMAND_LOGINS;
  const start = perRequest({}, seen.start, n);
  const callback = perRequest({}, seen.callback, n);
  const clientStart = perRequest(c0.counts, c1.counts, n);
  const clientCallback = perRequest(c1.counts, c2.counts, n);
  loginCommandRows.push({
    variant: server.spec.label,
    start: { monitor: start.total, monitorText: start.text, client: clientStart.total },
    callback: { monitor: callback.total, monitorText: callback.text, client: clientCallback.total },
  });
  log(`Redis commands per login, ${server.spec.id}: start ${fmt(start.total, 2)} (${start.text}), callback ${fmt(callback.total, 2)} (${callback.text}); client-side ${fmt(clientStart.total, 2)} / ${fmt(clientCallback.total, 2)}`);
}

/**
 * Price tags: the kit's full login with one security property switched off
 * (in the bench's server process only: bench/lib/switch-off.mjs), against the
 * kit with everything on. Redis store + `redis` option (the production setup)
 * when Redis is reachable, so locks and markers cost their real round trips.
 */
async function priceTagScenario(redis: Redis | undefined): Promise<void> {
  const store = redis ? 'redis' : 'memory';
  const groups: { scenario: string; flow: () => LoginFlow; extra: Partial<ServerConfig>; name: string; off: string[] }[] = [
    {
      scenario: `price tags: full GitHub login (${STORE_LABEL[store]}${redis ? ' + `redis` option' : ''})`,
      flow: githubFlow,
      extra: redis ? { kitRedisOption: true } : {},
      name: 'github()',
      off: ['binding', 'once', 'consume-save', 'lock'],
    },
    {
      scenario: `price tags: full OIDC login, RS256 id_token (${STORE_LABEL[store]}${redis ? ' + `redis` option' : ''})`,
      flow: mopFlow,
      extra: redis ? { withOidc: true, kitRedisOption: true } : { withOidc: true },
      name: 'oidc()',
      off: ['id-token-signature'],
    },
  ];
  const { SWITCHES } = await import('./lib/switch-off.mjs');
  for (const g of groups) {
    const variants = [{ label: `express-oauth-kit ${g.name}, every property on (baseline)`, off: [] as string[] }, ...g.off.map((o) => ({ label: `express-oauth-kit ${g.name} without the ${SWITCHES[o]!.short}`, off: [o] }))];
    const servers = await Promise.all(
      variants.map((v, i) => startServer({ ...spec('kit', store, v.label, g.extra), id: `kit-price-${g.name.replace(/\W/g, '')}-${i}`, switchOff: v.off })),
    );
    try {
      for (const s of servers) {
        const flow = g.flow();
        const { jar } = await completeLogin(s.url, flow.login, flow.provider, flow.callback);
        const me = await get(`${s.url}/protected`, jar, { accept: 'application/json' });
        assertThat(me.status === 200, `${s.spec.id}: after the login /protected answered ${me.status} ${me.body}`);
        if (redis && g.flow === githubFlow) await loginCommands(s, flow, redis);
      }
      log(`${g.scenario}: every variant completes a login`);
      await interleave(
        g.scenario,
        servers.map((s, i) => ({
          row: newRow(g.scenario, s.spec.label, i === 0, 'logins/s'),
          run: (sec: number) => loginLoop(s.url, g.flow(), sec),
        })),
      );
      priceTagRows.push(...variants.slice(1).map((v, i) => ({ scenario: g.scenario, what: SWITCHES[v.off[0]!]!.what, label: servers[i + 1]!.spec.label, base: servers[0]!.spec.label })));
    } finally {
      await stopServers(servers);
    }
  }
}

async function refreshScenario(redisOk: boolean): Promise<void> {
  const stores: ('memory' | 'redis')[] = redisOk ? ['memory', 'redis'] : ['memory'];
  const servers = await Promise.all(
    stores.map((st) => startServer({ ...spec('kit', st, 'kit with generic()'), id: `kit-refresh-${st}`, extra: { withGeneric: true, refreshSkewSeconds: 0 } })),
  );
  try {
    const info = emulators.info;
    const jars: Jar[] = [];
    for (const s of servers) {
      const { jar } = await completeLogin(s.url, '/auth/generic/login', info.oauth2.url, '/auth/generic/callback');
      const probe = await get(`${s.url}/refresh-probe`, jar, { accept: 'application/json' });
      assertThat(probe.status === 200, `${s.spec.id}: refresh probe answered ${probe.status} ${probe.body}`);
      jars.push(jar);
    }
    const ttl = Number(process.env.BENCH_REFRESH_TTL ?? 4);
    log(`refresh: logged in; waiting ${ttl + 1} s for the ${ttl} s access tokens to expire`);
    await sleep((ttl + 1) * 1000);
    for (let i = 0; i < servers.length; i++) {
      const s = servers[i]!;
      const burst = async (): Promise<{ grants: number; statuses: string }> => {
        const before = await emulatorStats();
        const answers = await Promise.all(
          Array.from({ length: BURST }, () => request(`${s.url}/refresh-probe`, { headers: { cookie: jars[i]!.header(), accept: 'application/json' } })),
        );
        const after = await emulatorStats();
        const counts = new Map<number, number>();
        for (const a of answers) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
        return { grants: after.oauth2.refresh_token - before.oauth2.refresh_token, statuses: [...counts].map(([k, v]) => `${v}× ${k}`).join(', ') };
      };
      const first = await burst();
      const second = await burst();
      refreshRows.push({ store: s.spec.store === 'memory' ? 'MemoryStore' : 'Redis (connect-redis)', burst: BURST, grants: first.grants, statuses: first.statuses, second: second.grants });
      log(`refresh (${s.spec.store}): ${first.grants} refresh grant(s) for ${BURST} concurrent calls after expiry (${first.statuses}); next burst: ${second.grants}`);
      targets.push({ name: `refresh (${s.spec.store}): one grant per burst of ${BURST} after expiry`, value: `${first.grants} grant(s), ${first.statuses}`, met: first.grants === 1 && first.statuses === `${BURST}× 200` });
    }
  } finally {
    await stopServers(servers);
  }
}

// ------------------------------------------------------------------ profiling

async function profileJob(job: ProfileJob): Promise<void> {
  const kind = PROFILE_KIND;
  const dir = path.join(PROFILE_DIR, `${job}-${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await mkdir(dir, { recursive: true });
  const store = job.endsWith('-redis') ? 'redis' : 'memory';
  const server = await startServer({ ...spec(kind, store), id: `${kind}-profile-${job}` }, dir);
  let sample: Sample;
  let window: ProfileWindow;
  const now = () => Number(process.hrtime.bigint() / 1000n); // the clock V8's profile timestamps use
  try {
    let load: (seconds: number) => Promise<Sample>;
    if (job === 'guard-memory' || job === 'guard-redis') {
      const jar = await authenticate(kind, server);
      await checkGuard(kind, server, jar);
      load = (sec) => cannon(server.url, '/protected', { cookie: jar.header() }, sec, '2xx');
    } else if (job === 'login' || job === 'login-redis') {
      load = (sec) => cannon(server.url, kind === 'eoc' ? '/login' : '/auth/github/login', {}, sec, '3xx');
    } else {
      load = (sec) => loginLoop(server.url, githubFlow(), sec);
    }
    if (WARMUP > 0) await load(WARMUP);
    const start = now();
    sample = await load(PROFILE_SECONDS);
    window = { start, end: now() };
  } finally {
    await stopServers([server]);
  }
  // The main thread's profile (tsx's loader thread writes one too).
  const file = (await readdir(dir)).find((f) => f.includes(`.${server.proc.pid}.0.`) && f.endsWith('.cpuprofile'));
  if (!file) {
    notes.push(`Profile of ${job}: no .cpuprofile was written.`);
    return;
  }
  const summary = await summarizeProfile(path.join(dir, file), REPO_DIR, 15, window);
  profiles.push({
    job: kind === 'kit' ? job : `${job}, ${kind} server (for comparison)`,
    file: path.relative(REPO_DIR, path.join(dir, file)),
    summary,
    ops: sample.total,
    unit: job.startsWith('callback') ? 'login' : 'request',
  });
  log(`profile ${job} (${kind}): ${file}; ${fmt((summary.busyMs * 1000) / sample.total)} µs busy per op; ours: ${summary.ours.slice(0, 5).map((f) => `${f.where} ${fmt(f.ownPct, 1)}%`).join(', ')}`);
}

// ------------------------------------------------------------------ report

function gitState(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_DIR, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: REPO_DIR, encoding: 'utf8' }).trim();
    return `${head}${dirty ? ` with uncommitted changes in src/ (${dirty.split('\n').length} files)` : ''}`;
  } catch {
    return 'unknown';
  }
}

function machine(): string[] {
  const cpus = os.cpus();
  return [
    `- Code: express-oauth-kit at ${gitState()}`,
    `- CPU: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'} (\`os.cpus().length\` = ${cpus.length})`,
    `- Memory: ${fmt(os.totalmem() / 2 ** 30, 1)} GiB; OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node ${process.version}; Redis ${redisVersion}`,
    `- 1-minute load average at start ${fmt(loadAtStart[0]!, 2)}, at the end ${fmt(os.loadavg()[0]!, 2)} (anything above the benchmark's own ~2 means other processes shared the cores)`,
    `- Date: ${new Date().toISOString()}`,
    `- Settings: BENCH_DURATION=${DURATION} s × BENCH_ROUNDS=${ROUNDS} (warm-up ${WARMUP} s per variant), autocannon connections=${CONNECTIONS}, callback workers=${WORKERS}, whole run ${fmt((Date.now() - started) / 1000)} s`,
  ];
}

function resultsTable(): string[] {
  const out = [
    '| Scenario | Variant | Median throughput | vs baseline | Rounds: min – max | p50 / p99 latency (ms) | Server CPU per op (µs) | vs baseline by CPU | Unexpected answers |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const base = rows.find((r) => r.scenario === row.scenario && r.baseline)!;
    const rates = row.samples.map((s) => s.rate);
    const c = compare(row, base);
    const bad = row.samples.reduce((a, s) => a + s.bad, 0);
    const digits = row.unit === 'logins/s' ? 1 : 0;
    out.push(
      `| ${row.scenario} | ${row.variant} | ${fmt(rowMedian(row), digits)} ${row.unit} | ${row.baseline ? 'baseline' : `${fmt(c.rate, 3)} ×`} | ${fmt(Math.min(...rates), digits)} – ${fmt(Math.max(...rates), digits)} | ${fmt(median(row.samples.map((s) => s.p50)), 1)} / ${fmt(median(row.samples.map((s) => s.p99)), 1)} | ${fmt(cpuMedian(row))} | ${row.baseline ? 'baseline' : `${fmt(c.cpu, 3)} ×`} | ${bad} |`,
    );
  }
  return out;
}

function report(): string {
  const lines: string[] = [];
  lines.push('## Results', '', ...resultsTable(), '');
  if (redisCommandRows.length) {
    lines.push(
      '### Redis commands per guarded request',
      '',
      `${REDIS_REQUESTS} authenticated \`GET /protected\` per server, 10 at a time. "MONITOR" counts, on the Redis side, the commands of that server's own connection; "client-side" counts what the server's ioredis client sent; "INFO commandstats" is the server-wide delta (INFO and MONITOR excluded), which also counts whatever other processes on the machine sent to the same Redis meanwhile.`,
      '',
      '| Variant | MONITOR / request | by command | client-side / request | INFO commandstats / request (server-wide) | by command |',
      '| --- | ---: | --- | ---: | ---: | --- |',
      ...redisCommandRows.map((r) => `| ${r.variant} | ${fmt(r.monitorPerRequest, 2)} | ${r.monitorBreakdown} | ${fmt(r.clientPerRequest, 2)} | ${fmt(r.statsPerRequest, 2)} | ${r.statsBreakdown} |`),
      '',
    );
  }
  if (loginCommandRows.length) {
    lines.push(
      '### Redis commands per login start and per callback',
      '',
      `${LOGIN_COMMAND_LOGINS} fresh logins per server (new cookie jar each), 10 at a time: first all the login starts, then all the callbacks (authorize at the emulator, then the callback with the code). "MONITOR" counts on the Redis side the commands of that server's own connection (the phases are split by an ECHO marker the bench sends between them); "client-side" counts what the server's ioredis client sent. The kit's server gives the same client to connect-redis and to the registry's \`redis\` option (README's production setup), so both are counted.`,
      '',
      '| Variant | Login start: MONITOR / login | by command | client-side | Callback: MONITOR / login | by command | client-side |',
      '| --- | ---: | --- | ---: | ---: | --- | ---: |',
      ...loginCommandRows.map((r) => `| ${r.variant} | ${fmt(r.start.monitor, 2)} | ${r.start.monitorText} | ${fmt(r.start.client, 2)} | ${fmt(r.callback.monitor, 2)} | ${r.callback.monitorText} | ${fmt(r.callback.client, 2)} |`),
      '',
    );
  }
  if (priceTagRows.length) {
    lines.push(
      '### Price tags: what each security property costs per login',
      '',
      'The kit\'s full login (start → authorize → callback) with one property switched off, in the benchmark\'s server process only: `bench/lib/switch-off.mjs` rewrites the named lines of the kit\'s source when that process loads it (no option in `src/` can switch these off). Same interleaved rounds as the rows above; the price is the median server CPU per login of the kit with everything on minus that of the variant.',
      '',
      '| Scenario | Switched off | Server CPU per login (µs), all on → off | Price (µs CPU per login) | Throughput, off ÷ all on |',
      '| --- | --- | ---: | ---: | ---: |',
      ...priceTagRows.map((p) => {
        const base = findRow(p.scenario, p.base);
        const row = findRow(p.scenario, p.label);
        const price = cpuMedian(base) - cpuMedian(row);
        return `| ${p.scenario} | ${p.what} | ${fmt(cpuMedian(base))} → ${fmt(cpuMedian(row))} | ${fmt(price)} (${fmt((100 * price) / cpuMedian(base), 1)} %) | ${fmt(rowMedian(row) / rowMedian(base), 3)} × |`;
      }),
      '',
    );
  }
  if (sessionRows.length) {
    lines.push('### Session bytes in Redis', '', '| Session of | STRLEN (bytes) | What is in it |', '| --- | ---: | --- |', ...sessionRows.map((r) => `| ${r.variant} | ${r.bytes} | ${r.what} |`), '');
  }
  if (refreshRows.length) {
    lines.push(
      '### Refresh: grants per burst',
      '',
      `A generic OAuth 2.0 provider (test/emulators/oauth2.ts: rotating refresh tokens, reuse detection, ${process.env.BENCH_REFRESH_TTL ?? 4} s access tokens, 20 ms refresh latency), registry \`refreshSkewSeconds: 0\`. After the access token expired, ${BURST} concurrent \`GET /refresh-probe\` (each \`req.oauth.fetch('generic', 'api/echo')\`) with the same session cookie; then a second burst right after.`,
      '',
      '| Store | Concurrent calls | Refresh grants at the provider | Answers | Grants in the next burst |',
      '| --- | ---: | ---: | --- | ---: |',
      ...refreshRows.map((r) => `| ${r.store} | ${r.burst} | ${r.grants} | ${r.statuses} | ${r.second} |`),
      '',
    );
  }
  lines.push('### Targets', '', '| Target | Measured | Met |', '| --- | --- | --- |');
  for (const t of targets) lines.push(`| ${t.name} | ${t.value} | ${t.met === undefined ? 'n/a' : t.met ? 'yes' : '**no**'} |`);
  lines.push('');
  if (notes.length) lines.push(...notes.map((n) => `- ${n}`), '');
  if (profiles.length) {
    lines.push('### CPU profiles of our server where a target was missed', '');
    for (const p of profiles) {
      const s = p.summary;
      lines.push(
        `#### ${p.job} (\`${p.file}\`)`,
        '',
        `Samples of the ${PROFILE_SECONDS} s profiled load only (after a ${WARMUP} s warm-up): ${fmt(s.busyMs)} ms busy on the main thread (${fmt(s.idlePct, 0)}% idle) for ${p.ops} ${p.unit}s = ${fmt((s.busyMs * 1000) / p.ops)} µs per ${p.unit}.`,
        '',
        `Busy time by owner, self (inclusive: with any frame of it on the stack): ${s.owners
          .slice(0, 10)
          .map((o) => `${o.owner} ${fmt(o.selfPct, 1)}% (${fmt(o.totalPct, 1)}%)`)
          .join(', ')}.`,
        '',
        '| Our code (src/) | own % (with callees, without the chain inside its next()) | inclusive % | self % |',
        '| --- | ---: | ---: | ---: |',
        ...s.ours.slice(0, 12).map((f) => `| \`${f.where}\` | ${fmt(f.ownPct, 1)} | ${fmt(f.totalPct, 1)} | ${fmt(f.selfPct, 1)} |`),
        '',
        '| Hottest functions overall | owner | self % |',
        '| --- | --- | ---: |',
        ...s.hottest.slice(0, 10).map((f) => `| \`${f.where}\` | ${f.owner} | ${fmt(f.selfPct, 1)} |`),
        '',
      );
    }
  }
  return lines.join('\n');
}

const NOTES_START = '<!-- notes:start (kept when bench/run.ts rewrites this file) -->';
const NOTES_END = '<!-- notes:end -->';

async function writeDoc(body: string): Promise<void> {
  let kept = `${NOTES_START}\n${NOTES_END}`;
  try {
    const old = await readFile(DOC, 'utf8');
    const a = old.indexOf(NOTES_START);
    const b = old.indexOf(NOTES_END);
    if (a !== -1 && b > a) kept = old.slice(a, b + NOTES_END.length);
  } catch {
    // first run
  }
  const doc = [
    '# Benchmarks',
    '',
    'express-oauth-kit against a bare express-session check, Passport (passport-oauth2) and express-openid-connect.',
    'Generated by `npm run bench` (bench/run.ts); the notes section below is written by hand and kept across runs.',
    '',
    '## How to reproduce',
    '',
    '```sh',
    'npm ci                      # Redis on 127.0.0.1:6379 for the Redis scenarios',
    'npm run bench               # ~6 min on 2 cores (5 rounds × 2 s, profiles of missed targets); writes this file',
    'BENCH_DURATION=1 BENCH_ROUNDS=3 BENCH_PROFILE=0 BENCH_WRITE=0 npm run bench   # quick look, print only',
    'BENCH_ONLY=login,login-redis,callback,callback-redis BENCH_WRITE=0 npm run bench   # some scenarios, print only',
    'BENCH_ONLY=price-tags BENCH_WRITE=0 npm run bench                # what each security property costs per login',
    'BENCH_ONLY=guard-diag BENCH_WRITE=0 npm run bench                # where the guard\'s cost over bare comes from',
    'BENCH_ONLY=none BENCH_PROFILE_JOBS=callback npm run bench        # only a CPU profile of our server (bench/.profiles/)',
    'BENCH_ONLY=none BENCH_PROFILE_JOBS=callback BENCH_PROFILE_SERVER=passport npm run bench   # the same for Passport',
    'BENCH_ONLY=none BENCH_PROFILE_JOBS=login-redis,callback-redis npm run bench   # the same on connect-redis',
    '```',
    '',
    'How it works: each server is its own process (`node --import tsx bench/servers/<name>.ts`, 127.0.0.1:0, Express 5, express-session with the options of test/helpers/app.ts); the providers are emulated in another process (test/emulators/github.ts, oauth2.ts, oidc-mop.ts via bench/servers/emulators.ts). Before timing, every server is checked: authenticated `GET /protected` → 200 with the user, anonymous API request → 401 (and for a browser, express-oauth-kit 302 to its login route, express-openid-connect 302 to the provider), login → 302 to the authorize endpoint with `response_type=code`, the right `redirect_uri`, `state` and an S256 `code_challenge`. Variants of a scenario then run in interleaved rounds (A B C, A B C, …) after a warm-up; the table shows medians over the rounds and the ratio of medians to the baseline. Throughput scenarios use autocannon; the callback scenario uses a driver loop of concurrent workers, each iteration a fresh login (new cookie jar → `/auth/github/login` → emulator `/login/oauth/authorize` → `/auth/github/callback` with the code → 302 into the app), counted in completed logins per second. Load generator, emulators and server share the machine.',
    '',
    'On Redis the login scenarios show the kit twice: with sessions in connect-redis and the registry\'s shared state in the process (like-for-like with passport-oauth2, which keeps nothing outside the session), and with the registry\'s `redis` option on the same ioredis client (the README\'s setup for several instances: single-use markers, session locks and browser-bound pending logins shared in Redis). The targets are judged on the first; the second is shown. The price-tag scenarios run the kit\'s full login with one security property switched off in the benchmark\'s server process only (bench/lib/switch-off.mjs rewrites the named lines of the kit\'s source at load time; nothing in src/ can switch them off).',
    '',
    '"Server CPU per op" is the CPU time (user + system, `process.cpuUsage()`) the server process used during a run divided by the requests (or logins) it answered; it moves much less than throughput when other processes share the cores. "vs baseline by CPU" is baseline CPU per op ÷ variant CPU per op, so above 1 means cheaper than the baseline, like the throughput ratio. Targets are judged on the throughput ratio; both ratios are shown.',
    '',
    'How the sessions were authenticated: express-oauth-kit and Passport by a real login against the GitHub emulator (code exchange + `GET /user`); express-openid-connect by a real login (code flow, PKCE, RS256 id_token) against the mock OpenID provider; the bare baseline by a bench-only route (`POST /__bench/login`) that writes the same profile and token data the kit stores, so both parse sessions of about the same size.',
    '',
    '## Machine',
    '',
    ...machine(),
    '',
    body,
    '## Notes',
    '',
    kept,
    '',
  ].join('\n');
  await mkdir(path.dirname(DOC), { recursive: true });
  await writeFile(DOC, doc);
  log(`wrote ${path.relative(REPO_DIR, DOC)}`);
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  log(`express-oauth-kit benchmarks: ${[...GROUPS].join(', ')}; ${ROUNDS} rounds × ${DURATION} s, warm-up ${WARMUP} s, ${CONNECTIONS} connections`);
  let redis: Redis | undefined;
  const probe = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 0, lazyConnect: true, connectTimeout: 2000, retryStrategy: () => null });
  try {
    await probe.connect();
    redisVersion = /redis_version:(\S+)/.exec(await probe.info('server'))?.[1] ?? 'unknown';
    redis = probe;
  } catch {
    probe.disconnect();
    notes.push('Redis was not reachable on 127.0.0.1:6379: the Redis scenarios were skipped.');
  }
  emulators = await startChild<EmulatorInfo>('emulators', 'servers/emulators.ts', {});
  live.add(emulators);
  try {
    for (const g of ALL_GROUPS) {
      if (!GROUPS.has(g)) continue;
      if (g === 'guard-memory') await guardScenario('memory', undefined);
      if (g === 'guard-redis' && redis) await guardScenario('redis', redis);
      if (g === 'login') await loginScenario('memory');
      if (g === 'login-redis' && redis) await loginScenario('redis');
      if (g === 'callback') await callbackScenario('memory', undefined);
      if (g === 'callback-redis' && redis) await callbackScenario('redis', redis);
      if (g === 'price-tags') await priceTagScenario(redis);
      if (g === 'refresh') await refreshScenario(redis !== undefined);
      if (g === 'guard-diag') await guardDiagnostics();
    }
    const jobs = new Set<ProfileJob>(FORCED_PROFILES);
    for (const t of targets) if (t.profile && (PROFILE_MODE === 'always' || (PROFILE_MODE !== '0' && t.met === false))) jobs.add(t.profile);
    for (const job of jobs) await profileJob(job);
  } finally {
    for (const c of live) await c.stop();
    if (redis) {
      const keys = await keysOf(redis, RUN_ID);
      for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
      redis.disconnect();
    }
  }
  const body = report();
  process.stdout.write(`\n## Machine\n\n${machine().join('\n')}\n\n${body}\n`);
  if (WRITE) await writeDoc(body);
  log(`done in ${fmt((Date.now() - started) / 1000)} s`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  for (const c of live) c.child.kill('SIGKILL');
  process.exit(1);
});
