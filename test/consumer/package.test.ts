/**
 * The package as a consumer gets it: `npm pack` the built kit, install the
 * tarball into a temporary app with npm (offline: the kit's dependencies are
 * packed from the installed node_modules, the peer dependencies and type
 * packages are linked in after the install), then from that app
 *
 * - check what the tarball holds (no install scripts, LICENSE, source maps that resolve);
 * - log in through `express-oauth-kit/testing` from an ES module and from CommonJS `require()`;
 * - type-check the README's Quick start and "Testing your app" examples
 *   (`moduleResolution: nodenext`), and `./testing` under `node10`;
 * - run the Quick start with `node --env-file`, hit it, stop it.
 *
 * `npm test` builds dist/ first (pretest); run alone, build first.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const repoModules = join(repo, 'node_modules');
const tsc = join(repoModules, 'typescript', 'bin', 'tsc');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let work = '';
let app = '';
let installed = '';

/** The kit's runtime dependencies and theirs, as installed in the repo (what the tarball's install needs). */
function dependencyClosure(names: string[], seen = new Set<string>()): Set<string> {
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const manifest = JSON.parse(readFileSync(join(repoModules, name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    dependencyClosure(Object.keys(manifest.dependencies ?? {}), seen);
  }
  return seen;
}

/** The `ts` code blocks of one section of a Markdown file of the repo. */
function readmeBlocks(heading: string, file = 'README.md'): string[] {
  const readme = readFileSync(join(repo, file), 'utf8');
  const start = readme.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `${file} has a "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + 4);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

before(async () => {
  assert.ok(existsSync(join(repo, 'dist', 'index.js')), 'dist/ is built (npm test builds it in pretest; alone: npm run build)');
  work = mkdtempSync(join(tmpdir(), 'oauthkit-consumer-'));
  const { stdout } = await run(npm, ['pack', '--pack-destination', work, '--ignore-scripts', '--silent', '--json'], { cwd: repo });
  const tarball = join(work, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);

  // The kit's dependencies, packed from node_modules so the install needs no network.
  const kit = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const deps = [...dependencyClosure(Object.keys(kit.dependencies))];
  const depDir = join(work, 'deps');
  mkdirSync(depDir);
  await run(npm, ['pack', '--pack-destination', depDir, '--ignore-scripts', '--silent', ...deps.map((d) => join(repoModules, d))], { cwd: work });

  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer-app', private: true, type: 'module' }));
  // No link exists in the app's node_modules while npm runs: npm prunes what it did not install.
  await run(
    npm,
    ['install', '--offline', '--no-audit', '--no-fund', '--legacy-peer-deps', '--ignore-scripts', '--no-package-lock', tarball, ...readdirSync(depDir).map((f) => join(depDir, f))],
    { cwd: app },
  );
  installed = join(app, 'node_modules', 'express-oauth-kit');

  // Peer dependencies and type packages, linked one package at a time after the install.
  for (const name of ['express', 'express-session']) symlinkSync(join(repoModules, name), join(app, 'node_modules', name), 'dir');
  mkdirSync(join(app, 'node_modules', '@types'));
  for (const name of readdirSync(join(repoModules, '@types'))) {
    symlinkSync(join(repoModules, '@types', name), join(app, 'node_modules', '@types', name), 'dir');
  }
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball: no install scripts, LICENSE and sources shipped, every source map resolves', () => {
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { scripts?: Record<string, string>; license: string };
  for (const hook of ['prepare', 'preinstall', 'install', 'postinstall']) assert.equal(manifest.scripts?.[hook], undefined, `no "${hook}" script`);
  assert.equal(manifest.license, 'MIT');
  assert.match(readFileSync(join(installed, 'LICENSE'), 'utf8'), /^MIT License/);
  assert.ok(existsSync(join(installed, 'dist', 'testing', 'index.d.ts')));

  const maps: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.map')) maps.push(p);
    }
  };
  walk(join(installed, 'dist'));
  assert.ok(maps.length > 50, `source maps shipped (${maps.length})`);
  const missing: string[] = [];
  for (const map of maps) {
    const { sources, sourceRoot = '' } = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[]; sourceRoot?: string };
    for (const source of sources) if (!existsSync(resolve(dirname(map), sourceRoot, source))) missing.push(`${map} → ${source}`);
  }
  assert.deepEqual(missing, []);
});

/** A login through the testing helpers, written for one module system. */
function loginScript(kind: 'esm' | 'cjs'): string {
  const imports =
    kind === 'esm'
      ? `import express from 'express';
import session from 'express-session';
import { createRegistry, loginRequired } from 'express-oauth-kit';
import { startFakeProvider, loginAs } from 'express-oauth-kit/testing';`
      : `const express = require('express');
const session = require('express-session');
const { createRegistry, loginRequired } = require('express-oauth-kit');
const { startFakeProvider, loginAs } = require('express-oauth-kit/testing');`;
  return `${imports}
(async () => {
  const fake = await startFakeProvider();
  const server = require_http().createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const appUrl = 'http://127.0.0.1:' + server.address().port;
  const auth = createRegistry({ baseUrl: appUrl });
  auth.register(fake.provider());
  const app = express();
  app.use(session({ secret: 'consumer-test-secret-0123456789abcdef', resave: false, saveUninitialized: false }));
  app.use(auth.router());
  app.get('/me', loginRequired(), (req, res) => res.json(req.user));
  app.use(auth.errorHandler());
  server.on('request', app);
  const { cookie } = await loginAs(appUrl, { id: '42', name: 'Ada' });
  const me = await (await fetch(appUrl + '/me', { headers: { cookie } })).json();
  console.log(JSON.stringify(me));
  server.closeAllConnections();
  server.close();
  await fake.close();
})().catch((err) => { console.error(err); process.exit(1); });
`;
}

test('ES module app: import, log in through the testing helpers', async () => {
  const file = join(app, 'login.mjs');
  writeFileSync(file, `import http from 'node:http';\nconst require_http = () => http;\n${loginScript('esm')}`);
  const { stdout } = await run(process.execPath, [file], { cwd: app, timeout: 20_000 });
  assert.deepEqual(JSON.parse(stdout), { provider: 'fake', id: '42', name: 'Ada' });
});

test('CommonJS app: require() the kit (Node 20.19+ loads ES modules from require), log in', async () => {
  const file = join(app, 'login.cjs');
  writeFileSync(file, `const require_http = () => require('node:http');\n${loginScript('cjs')}`);
  const { stdout } = await run(process.execPath, [file], { cwd: app, timeout: 20_000 });
  assert.deepEqual(JSON.parse(stdout), { provider: 'fake', id: '42', name: 'Ada' });
});

test('README examples (and the Passport migration) type-check in the consumer app; ./testing resolves under moduleResolution node10', async () => {
  const quickStart = readmeBlocks('Quick start');
  const testing = readmeBlocks('Testing your app');
  const migrated = readmeBlocks('After: express-oauth-kit', 'docs/migrating-from-passport.md');
  assert.equal(quickStart.length, 1, 'one Quick start program');
  assert.equal(testing.length, 1, 'one "Testing your app" program');
  assert.equal(migrated.length, 1, 'one migrated program');
  mkdirSync(join(app, 'src'));
  writeFileSync(join(app, 'src', 'migrated-from-passport.ts'), migrated[0]!);
  // The README's declaration-merging snippet makes req.user the Profile: a handler reading req.user.id compiles.
  const merging = readmeBlocks('`req.oauth` and `req.user`').find((b) => b.includes('declare global'));
  assert.ok(merging, 'the README shows the declaration-merging snippet');
  writeFileSync(join(app, 'src', 'express-user.d.ts'), merging);
  writeFileSync(join(app, 'src', 'uses-user.ts'), "import type { Request } from 'express';\nexport const idOf = (req: Request): string | undefined => req.user?.id;\n");
  writeFileSync(join(app, 'src', 'quick-start.ts'), quickStart[0]!);
  writeFileSync(join(app, 'src', 'testing-example.test.ts'), testing[0]!);
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'build', rootDir: 'src', types: ['node'], skipLibCheck: false },
      include: ['src'],
    }),
  );
  // Emits build/quick-start.js for the next test: the app as a consumer ships it.
  await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app, timeout: 60_000 }).catch((err: { stdout?: string }) => {
    assert.fail(`README examples do not compile in a consumer app:\n${err.stdout}`);
  });

  mkdirSync(join(app, 'node10'));
  writeFileSync(
    join(app, 'node10', 'check.ts'),
    `import { createRegistry, github, type Profile } from 'express-oauth-kit';
import { startFakeProvider, loginAs, type FakeProvider } from 'express-oauth-kit/testing';
export const used: [typeof createRegistry, typeof github, typeof startFakeProvider, typeof loginAs] = [createRegistry, github, startFakeProvider, loginAs];
export type Used = [Profile, FakeProvider];
`,
  );
  writeFileSync(
    join(app, 'node10', 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'CommonJS', moduleResolution: 'node10', strict: true, noEmit: true, types: ['node'], skipLibCheck: true }, include: ['check.ts'] }),
  );
  await run(process.execPath, [tsc, '-p', 'node10/tsconfig.json'], { cwd: app, timeout: 60_000 }).catch((err: { stdout?: string }) => {
    assert.fail(`express-oauth-kit/testing does not resolve under moduleResolution node10:\n${err.stdout}`);
  });
});

test('the Quick start runs with `node --env-file=.env`: home, login redirect, guard', async () => {
  const built = join(app, 'build', 'quick-start.js');
  assert.ok(existsSync(built), 'the previous test compiled the Quick start');
  const port = await freePort();
  writeFileSync(built, readFileSync(built, 'utf8').replaceAll('3000', String(port)));
  writeFileSync(join(app, '.env'), 'SESSION_SECRET=consumer-secret-0123456789abcdef0123456789\nGITHUB_CLIENT_ID=Iv1.consumer\nGITHUB_CLIENT_SECRET=consumer-client-secret\n');
  // Only what --env-file sets: none of the three variables come from this process.
  const env = { PATH: process.env.PATH ?? '' };
  const child = spawn(process.execPath, ['--env-file=.env', built], { cwd: app, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  try {
    const base = `http://localhost:${port}`;
    let home: Response | undefined;
    for (let i = 0; i < 100 && !home; i++) {
      home = await fetch(base).catch(() => undefined);
      if (!home) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(home, `the Quick start answers (stderr: ${stderr})`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /\/auth\/github\/login/);
    const login = await fetch(`${base}/auth/github/login`, { redirect: 'manual' });
    assert.equal(login.status, 302);
    const to = new URL(login.headers.get('location')!);
    assert.equal(`${to.origin}${to.pathname}`, 'https://github.com/login/oauth/authorize');
    assert.equal(to.searchParams.get('client_id'), 'Iv1.consumer');
    assert.equal(to.searchParams.get('redirect_uri'), `${base}/auth/github/callback`);
    const me = await fetch(`${base}/me`, { headers: { accept: 'application/json' } });
    assert.equal(me.status, 401);
  } finally {
    child.kill();
  }
});
