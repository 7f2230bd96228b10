/**
 * scripts/check-examples.mjs on a copy of the project: it passes on the real
 * examples, fails with the source file:line of an example broken on purpose,
 * checks against the built package (dist/), and lists exports without an
 * @example. Needs `npm run build` first (as `npm test` does).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
let copy = '';

before(() => {
  assert.ok(existsSync(join(ROOT, 'dist/index.d.ts')), 'dist/ is missing: run `npm run build` first');
  mkdirSync(join(ROOT, '.scratch'), { recursive: true });
  // Inside the project tree so that node_modules (a link to the real one) resolves as it does for the project.
  copy = mkdtempSync(join(ROOT, '.scratch', 'check-examples-test-'));
  for (const f of ['package.json', 'tsconfig.json']) cpSync(join(ROOT, f), join(copy, f));
  for (const d of ['src', 'dist']) cpSync(join(ROOT, d), join(copy, d), { recursive: true });
  mkdirSync(join(copy, 'scripts'));
  cpSync(join(ROOT, 'scripts/check-examples.mjs'), join(copy, 'scripts/check-examples.mjs'));
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
});
after(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

const run = (...args: string[]) => spawnSync(process.execPath, [join(copy, 'scripts/check-examples.mjs'), ...args], { cwd: copy, encoding: 'utf8' });

/** The copied file under src/ holding every one of `needles` (found by content, so modules may move). */
function fileWith(...needles: string[]): string {
  const hit = readdirSync(join(copy, 'src'), { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.ts') && needles.every((n) => readFileSync(join(copy, 'src', f), 'utf8').includes(n)));
  const find = needles.join(' + ');
  assert.ok(hit, `${find} not found under src/`);
  return `src/${hit.split(sep).join('/')}`;
}

/** Replace the first line holding `find` in the file that also holds `inFileWith`; returns the file and the 1-based line. */
function editLine(find: string, replace: string, inFileWith = find): { file: string; line: number } {
  const file = fileWith(find, inFileWith);
  const path = join(copy, file);
  const lines = readFileSync(path, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(find));
  lines[i] = lines[i]!.replace(find, replace);
  writeFileSync(path, lines.join('\n'));
  return { file, line: i + 1 };
}

const re = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the project\'s public examples type-check', () => {
  const r = run();
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /check-examples: (\d+) @example blocks type-check/);
  assert.ok(Number(/(\d+) @example blocks/.exec(r.stdout)![1]) > 50, 'the examples were found');
});

test('a broken example fails with the file:line of the broken line in src/', () => {
  try {
    const a = editLine(' * auth.register(github({ clientId, clientSecret }));', ' * auth.register(github({ clientIdd: clientId, clientSecret }));', 'export class Registry');
    const b = editLine("safeReturnTo('/repos?page=2', '/')", "safeReturnTo('/repos?page=2', 42)", 'export function safeReturnTo');
    const r = run();
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /2 problem\(s\)/);
    assert.match(r.stderr, new RegExp(`${re(a.file)}:${a.line}:\\d+ +@example of Registry: TS2561 .*clientIdd`));
    assert.match(r.stderr, new RegExp(`${re(b.file)}:${b.line}:\\d+ +@example of safeReturnTo: TS2345`));
  } finally {
    cpSync(join(ROOT, 'src'), join(copy, 'src'), { recursive: true });
  }
});

test('public examples are checked against dist/ (what an app imports), not src/', () => {
  // An example calling a method that src has but the published .d.ts does not.
  const dts = join(copy, 'dist', fileWith('export class Registry').replace(/^src\//, '').replace(/\.ts$/, '.d.ts'));
  const original = readFileSync(dts, 'utf8');
  try {
    writeFileSync(dts, original.replace(/\n\s*providerNames\(\): string\[\];/, ''));
    assert.notEqual(readFileSync(dts, 'utf8'), original, 'providerNames removed from the .d.ts');
    editLine(' * app.use(auth.router());', ' * app.use(auth.router()); auth.providerNames();', 'export class Registry');
    const r = run();
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /src\/\S+\.ts:\d+:\d+ +@example of Registry: TS2339 Property 'providerNames' does not exist/);
  } finally {
    writeFileSync(dts, original);
    cpSync(join(ROOT, 'src'), join(copy, 'src'), { recursive: true });
  }
});

test('--missing lists public exports without an @example, and public methods of exported classes', () => {
  const r = run('--missing');
  assert.equal(r.status, 0, r.stderr);
  const [exportsPart, methodsPart] = r.stdout.split('Public methods of exported classes');
  assert.match(exportsPart!, /^Public exports without an @example: \d+ of \d+/);
  assert.match(exportsPart!, /^ {2}LoginRequiredOptions {2}\[express-oauth-kit\] {2}\(src\/\S+\.ts:\d+\)$/m);
  assert.doesNotMatch(exportsPart!, /^ {2}loginRequired /m, 'loginRequired has an example');
  assert.doesNotMatch(exportsPart!, /^ {2}github /m, 'presets have examples');
  assert.match(methodsPart!, /^ {2}OAuthRequestHandle\.fetch /m);
});
