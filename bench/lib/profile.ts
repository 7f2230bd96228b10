/**
 * Read a V8 `.cpuprofile` (node --cpu-prof) and say where the time went:
 * per function (self and inclusive), and per owner (our src/, a package in
 * node_modules, Node internals, GC).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A time window in µs of the monotonic clock (`process.hrtime.bigint() / 1000n`), which V8's profile timestamps use. */
export interface ProfileWindow {
  start: number;
  end: number;
}

export interface FunctionCost {
  /** `src/guard.ts:loginRequiredGuard` style. */
  where: string;
  owner: string;
  selfPct: number;
  /** With the function anywhere on the stack. */
  totalPct: number;
  /**
   * With the function on the stack but not beneath a router frame above it:
   * what the function and the libraries it calls cost, without the rest of
   * the middleware chain that runs inside its `next()`.
   */
  ownPct: number;
}

export interface ProfileSummary {
  /** Sampled wall time in ms (idle excluded). */
  busyMs: number;
  idlePct: number;
  /** Share of busy time per owner: in its own frames (self), and with any of its frames on the stack (inclusive). */
  owners: { owner: string; selfPct: number; totalPct: number }[];
  /** Our code (src/): highest `ownPct` first. */
  ours: FunctionCost[];
  /** Everything: highest self time first. */
  hottest: FunctionCost[];
}

function fileOf(url: string, repo: string): string {
  if (!url) return '';
  let p = url;
  if (url.startsWith('file://')) {
    try {
      p = fileURLToPath(url);
    } catch {
      p = url;
    }
  }
  return p.startsWith(repo) ? path.relative(repo, p) : p;
}

function ownerOf(file: string, fn: string): string {
  if (!file) {
    if (fn === '(garbage collector)') return 'GC';
    if (fn === '(idle)') return 'idle';
    if (fn === '(program)') return 'V8 / native (program)';
    return 'native / builtins';
  }
  if (file.startsWith('node:internal/deps/undici')) return 'undici (Node fetch)';
  if (file.startsWith('node:internal/deps/')) return file.slice('node:internal/deps/'.length).split('/')[0]!;
  if (file.startsWith('node:internal/crypto/')) return 'node crypto / WebCrypto';
  if (file.startsWith('node:internal/webstreams/')) return 'web streams';
  if (file.startsWith('node:internal/modules/') || file.startsWith('node:internal/bootstrap/')) return 'module loading';
  if (file.startsWith('node:')) return 'node core (other)';
  const nm = file.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = file.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (file.startsWith('src/')) return 'express-oauth-kit (src/)';
  if (file.startsWith('bench/')) return 'bench server';
  if (file.startsWith('test/')) return 'test/';
  return 'other';
}

/**
 * Summarize a profile; with `window`, only the samples taken inside it (the
 * timed load, without start-up and set-up).
 */
export async function summarizeProfile(file: string, repo: string, top = 15, window?: ProfileWindow): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) byId.set(n.id, n);
  const hits = new Map<number, number>();
  let t = profile.startTime;
  let kept = 0;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (window && (t < window.start || t > window.end)) continue;
    kept += 1;
    first = Math.min(first, t);
    last = Math.max(last, t);
    const s = profile.samples[i]!;
    hits.set(s, (hits.get(s) ?? 0) + 1);
  }
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const keyOf = (n: ProfileNode): { key: string; owner: string } => {
    const f = fileOf(n.callFrame.url, repo);
    const fn = n.callFrame.functionName || `(anonymous:${n.callFrame.lineNumber + 1})`;
    return { key: f ? `${f}:${fn}` : fn, owner: ownerOf(f, n.callFrame.functionName) };
  };

  let idle = 0;
  let busy = 0;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const own = new Map<string, number>();
  const owners = new Map<string, number>();
  const ownersTotal = new Map<string, number>();
  const ownerByKey = new Map<string, string>();
  for (const [id, h] of hits) {
    const node = byId.get(id)!;
    const { key, owner } = keyOf(node);
    if (owner === 'idle') {
      idle += h;
      continue;
    }
    busy += h;
    self.set(key, (self.get(key) ?? 0) + h);
    owners.set(owner, (owners.get(owner) ?? 0) + h);
    // Inclusive: every distinct function on the stack gets the sample once.
    const seen = new Set<string>();
    const seenOwn = new Set<string>();
    const seenOwners = new Set<string>();
    let insideNext = false; // a router frame lies between the leaf and this frame
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = keyOf(byId.get(cur)!);
      if (!insideNext && !seenOwn.has(k.key)) {
        seenOwn.add(k.key);
        own.set(k.key, (own.get(k.key) ?? 0) + h);
      }
      if (k.owner === 'router') insideNext = true;
      if (!seenOwners.has(k.owner)) {
        seenOwners.add(k.owner);
        ownersTotal.set(k.owner, (ownersTotal.get(k.owner) ?? 0) + h);
      }
      if (seen.has(k.key)) continue;
      seen.add(k.key);
      ownerByKey.set(k.key, k.owner);
      total.set(k.key, (total.get(k.key) ?? 0) + h);
    }
  }
  const pct = (v: number): number => (busy ? (100 * v) / busy : 0);
  const cost = (key: string): FunctionCost => ({
    where: key,
    owner: ownerByKey.get(key) ?? 'other',
    selfPct: pct(self.get(key) ?? 0),
    totalPct: pct(total.get(key) ?? 0),
    ownPct: pct(own.get(key) ?? 0),
  });
  const all = kept || 1;
  const wallMs = window ? (last - first) / 1000 : (profile.endTime - profile.startTime) / 1000;
  return {
    busyMs: (wallMs * busy) / all,
    idlePct: (100 * idle) / all,
    owners: [...owners].map(([owner, v]) => ({ owner, selfPct: pct(v), totalPct: pct(ownersTotal.get(owner) ?? v) })).sort((a, b) => b.selfPct - a.selfPct),
    ours: [...total.keys()]
      .filter((k) => k.startsWith('src/'))
      .map(cost)
      .sort((a, b) => b.ownPct - a.ownPct || b.totalPct - a.totalPct)
      .slice(0, top),
    hottest: [...self.keys()]
      .map(cost)
      .sort((a, b) => b.selfPct - a.selfPct)
      .slice(0, top),
  };
}
