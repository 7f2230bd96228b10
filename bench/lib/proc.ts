/**
 * Child processes: each benchmark server runs as `node --import tsx <file>`
 * and prints one JSON line on stdout once it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

export const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const REPO_DIR = path.dirname(BENCH_DIR);

export interface Child<T> {
  name: string;
  info: T;
  pid: number;
  child: ChildProcess;
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Start `bench/<file>` with `node [--cpu-prof …] --import tsx` and wait for its
 * first stdout line (JSON).
 */
export async function startChild<T>(
  name: string,
  file: string,
  env: Record<string, string>,
  options: { cpuProfDir?: string; timeoutMs?: number; preload?: string[] } = {},
): Promise<Child<T>> {
  const args = [
    // Default file names (CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile): one per thread, the main thread is 0.
    ...(options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : []),
    '--import',
    'tsx',
    // Bench-only module hooks (lib/switch-off.mjs), registered after tsx so they see the kit's sources first.
    ...(options.preload ?? []).flatMap((f) => ['--import', pathToFileURL(path.join(BENCH_DIR, f)).href]),
    path.resolve(BENCH_DIR, file),
  ];
  const child = spawn(process.execPath, args, {
    cwd: REPO_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    if (err.length > 20_000) err = err.slice(-10_000);
  });
  const info = await new Promise<T>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name}: no start line within ${options.timeoutMs ?? 30_000} ms\n${err}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl === -1) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      try {
        resolve(JSON.parse(out.slice(0, nl)) as T);
      } catch {
        reject(new Error(`${name}: bad start line ${JSON.stringify(out.slice(0, nl))}\n${err}`));
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name}: exited (${code ?? signal}) before starting\n${err}`));
    });
  });
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exitPromise.then(() => (exited = true));
  return {
    name,
    info,
    pid: child.pid!,
    child,
    stderr: () => err,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}

/** Stop when the process that started this one is gone (bench/run.ts killed or crashed). */
export function exitWithParent(stop: () => void): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 1000).unref();
}
