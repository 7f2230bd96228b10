/**
 * `npm start` as a new user runs it: the demo comes up (built by `prestart`,
 * which `--ignore-scripts` skips here because `npm test` has just built), says
 * nothing alarming about the runtime, and stops when npm's own PID gets
 * SIGTERM — no demo left holding its port.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('npm start serves the demo and stops with the PID of npm', { skip: process.platform === 'win32' && 'POSIX signals' }, async () => {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'development' };
  const child = spawn(npm, ['start', '--ignore-scripts'], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  try {
    const url = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no start line in 30 s; stderr: ${stderr}`)), 30_000);
      child.stdout!.on('data', (d: Buffer) => {
        stdout += d;
        const m = /demo on (http:\/\/\S+)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          ok(m[1]!);
        }
      });
      child.once('exit', (code) => fail(new Error(`npm start exited with ${code}; stderr: ${stderr}`)));
    });
    const home = await fetch(url);
    assert.equal(home.status, 200);
    await home.arrayBuffer();

    assert.doesNotMatch(stderr, /oidc-provider WARNING/, 'oidc-provider start-up warnings are answered by the demo');
    if (Number(process.versions.node.split('.')[0]) < 22) assert.match(stderr, /supported on Node 22\+; it runs here on Node/);

    const exited = once(child, 'exit');
    child.kill('SIGTERM'); // npm's PID, as `kill <pid>` or a process manager would
    await exited;
    let refused = false;
    for (let i = 0; i < 50 && !refused; i++) {
      refused = await fetch(url, { signal: AbortSignal.timeout(500) }).then(
        async (r) => (await r.arrayBuffer(), false),
        () => true,
      );
      if (!refused) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(refused, `the demo at ${url} stopped with npm`);
  } finally {
    // npm leads its own process group (detached): whatever it started goes with it, even when the test failed.
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group is already gone
    }
    child.stdout!.destroy();
    child.stderr!.destroy();
  }
});
