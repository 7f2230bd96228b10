/**
 * The README's quick start, run as written (only the port changed to a free
 * one): a README example that no test runs is presumed broken.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

test('README quick start serves login, guard and home', async () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
  const port = await freePort();
  const dir = mkdtempSync(join(process.cwd(), 'test-output-readme-'));
  const file = join(dir, 'quick-start.ts');
  writeFileSync(file, `${code.replaceAll('3000', String(port))}\nconsole.log('listening');\n`);
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    env: { ...process.env, SESSION_SECRET: 'readme-secret-0123456789abcdef012345', GITHUB_CLIENT_ID: 'Iv1.readme', GITHUB_CLIENT_SECRET: 'readme-secret' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d) => String(d).includes('listening') && resolve());
      child.on('exit', (c) => reject(new Error(`quick start exited with ${c}`)));
    });
    const base = `http://localhost:${port}`;
    for (let i = 0; i < 50; i++) {
      const ok = await fetch(base).then(() => true, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const home = await fetch(base);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /\/auth\/github\/login/);
    const login = await fetch(`${base}/auth/github/login`, { redirect: 'manual' });
    assert.equal(login.status, 302);
    const to = new URL(login.headers.get('location')!);
    assert.equal(`${to.origin}${to.pathname}`, 'https://github.com/login/oauth/authorize');
    assert.equal(to.searchParams.get('redirect_uri'), `${base}/auth/github/callback`);
    assert.equal(to.searchParams.get('client_id'), 'Iv1.readme');
    const me = await fetch(`${base}/me`, { headers: { accept: 'application/json' } });
    assert.equal(me.status, 401);
    const browser = await fetch(`${base}/repos`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    assert.equal(browser.status, 302);
    assert.equal(browser.headers.get('location'), `/auth/github/login?returnTo=${encodeURIComponent('/repos')}`);
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
