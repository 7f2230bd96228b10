/**
 * The layout rule (issue 12): no file in src/ imports from a layer above it.
 * Reading order, top to bottom: the entry files (registry, guard, req.oauth),
 * http/ → session/ → tokens/ → shared/ → protocol/ → providers/ → logging/, and the
 * foundation (errors, types, rules) that every layer may use.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** Layers from the top (0) down; a file may import its own layer's folder or any lower layer. */
const FOLDER_RANK: Record<string, number> = { testing: 0, '.': 1, http: 2, session: 3, tokens: 4, shared: 5, protocol: 6, providers: 7, logging: 7.5 };
/** Root files that import nothing above them: the foundation. */
const FOUNDATION = new Set(['errors.ts', 'types.ts', 'rules.ts']);
const FOUNDATION_RANK = 8;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

function rankOf(file: string): number {
  const rel = relative(SRC, file);
  if (!rel.includes(sep)) return FOUNDATION.has(rel) ? FOUNDATION_RANK : FOLDER_RANK['.']!;
  const folder = rel.split(sep)[0]!;
  const rank = FOLDER_RANK[folder];
  assert.notEqual(rank, undefined, `src/${folder}/ has no layer in test/unit/layout.test.ts: give it one`);
  return rank!;
}

function relativeImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*['"](\.[^'"]+)['"]|(?:^|\n)\s*import\s*['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    out.push((m[1] ?? m[2] ?? m[3])!);
  }
  return out;
}

/** Every import in src/ that goes up a layer, as "from → to". */
export function upwardImports(): string[] {
  const bad: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const own = rankOf(file);
    for (const spec of relativeImports(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), spec);
      assert.ok(target.startsWith(SRC + sep), `${relative(SRC, file)} imports ${spec}, outside src/`);
      if (rankOf(target) < own) bad.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
    }
  }
  return bad;
}

test('layout: no file in src/ imports from a layer above it', () => {
  assert.deepEqual(upwardImports(), []);
});

test('layout: the checker sees imports, so it can fail', () => {
  assert.deepEqual(relativeImports("import type { A } from '../kit.ts';\nexport { b } from './b.ts';\nimport './side.ts';"), ['../kit.ts', './b.ts', './side.ts']);
  assert.ok(sourceFiles(SRC).length > 50);
  // tokens/ is below session/: this import would be flagged.
  assert.ok(rankOf(join(SRC, 'tokens', 'x.ts')) > rankOf(join(SRC, 'session', 'x.ts')));
});

test('layout: only protocol/openid-adapter.ts imports openid-client', () => {
  const importers = sourceFiles(SRC).filter((f) => /from\s*['"]openid-client['"]/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(importers.map((f) => relative(SRC, f).split(sep).join('/')), ['protocol/openid-adapter.ts']);
});

test('layout: no code outside protocol/ asks which protocol a provider speaks', () => {
  const asks = sourceFiles(SRC)
    .filter((f) => !relative(SRC, f).startsWith(`protocol${sep}`) && !relative(SRC, f).startsWith(`providers${sep}`))
    .filter((f) => /protocol\s*===?\s*['"]oauth1['"]|\.adapter\b|adapter!/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(asks.map((f) => relative(SRC, f)), []);
});

test('published types: no internal field (Registry.kit, OAuthRequestHandle.kit / mountPath, the guard\'s bound kit)', (t) => {
  const DIST = resolve(SRC, '../dist');
  let files: string[];
  try {
    files = ['registry.d.ts', 'request-handle.d.ts', 'guard.d.ts', 'index.d.ts'].map((f) => readFileSync(join(DIST, f), 'utf8'));
  } catch {
    t.skip('dist/ not built (npm test builds it first)');
    return;
  }
  const [registry, handle, guard, index] = files as [string, string, string, string];
  assert.doesNotMatch(registry, /\bkit\b|\bKit\b/);
  assert.doesNotMatch(handle, /readonly kit|\bKit\b|mountPath/);
  assert.doesNotMatch(guard, /boundKit|boundLoginRequired|\bKit\b/);
  assert.match(guard, /export declare function loginRequired\(options\?: LoginRequiredOptions\): RequestHandler;/);
  assert.doesNotMatch(index, /isOAuth1|oauth2Presets/);
});
