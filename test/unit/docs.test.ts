/**
 * The docs a new user reads in the first hour: links that lead somewhere,
 * every error code explained, the Quick start's environment spelled out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ERROR_STATUS } from '../../src/errors.ts';

const repo = resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(join(repo, file), 'utf8');
const markdown = ['README.md', ...readdirSync(join(repo, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

test('every relative link in README.md and docs/ leads to a file of the repository', () => {
  const broken: string[] = [];
  for (const file of markdown) {
    for (const m of read(file).matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!.split('#')[0]!;
      if (!target || /^[a-z]+:/i.test(target)) continue;
      if (!existsSync(resolve(join(repo, dirname(file)), target))) broken.push(`${file} → ${m[1]}`);
    }
  }
  assert.deepEqual(broken, []);
});

test('no doc points at files that live outside the repository (SECURITY.md, DESIGN.md)', () => {
  for (const file of markdown) assert.doesNotMatch(read(file), /SECURITY\.md|DESIGN\.md|SECURITY [A-Z]-\d/, file);
});

test('docs/troubleshooting.md explains every error code', () => {
  const doc = read('docs/troubleshooting.md');
  for (const code of Object.keys(ERROR_STATUS)) {
    const at = doc.indexOf(`## \`${code}\``);
    assert.ok(at >= 0, `a section for ${code}`);
    const section = doc.slice(at, doc.indexOf('\n## ', at + 1));
    assert.match(section, new RegExp(`\\*\\*${ERROR_STATUS[code as keyof typeof ERROR_STATUS]}\\.\\*\\*`), `${code}: its status`);
  }
  assert.match(doc, /register exactly `<baseUrl><routePrefix>\/<name>\/callback`/);
});

test('the Quick start lists its environment variables, shows node --env-file, and the .env.example has them', () => {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1));
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
  const used = [...new Set([...code.matchAll(/process\.env\.([A-Z_]+)/g)].map((m) => m[1]!))];
  assert.deepEqual(used.sort(), ['GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET', 'SESSION_SECRET']);
  const example = read('examples/quick-start/.env.example');
  for (const name of used) {
    assert.match(section, new RegExp(`\\| \`${name}\` \\|`), `${name} in the Quick start table`);
    assert.match(example, new RegExp(`^${name}=`, 'm'), `${name} in examples/quick-start/.env.example`);
  }
  assert.match(section, /node --env-file=\.env/);
});

test('the second cookie is documented for cookie banners, with the name the code uses', () => {
  const sources = readdirSync(join(repo, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const prefixes = sources.flatMap((f) => [...read(`src/${f}`).matchAll(/COOKIE_PREFIX = '([^']+)'/g)].map((m) => m[1]!));
  assert.equal(prefixes.length, 1, 'one binding-cookie prefix in src/');
  const prefix = prefixes[0]!;
  assert.ok(read('README.md').includes(`\`${prefix}<16 characters>\``));
});

test('LICENSE is MIT, as package.json says', () => {
  assert.equal(JSON.parse(read('package.json')).license, 'MIT');
  assert.match(read('LICENSE'), /^MIT License\n/);
});
