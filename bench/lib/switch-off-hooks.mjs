/**
 * Bench only: the module load hook of switch-off.mjs. Patches the named kit
 * source files (exact text, each patch must match once) and compiles them with
 * esbuild (tsx's own); every other module loads as usual (tsx).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// esbuild as tsx (a devDependency) brings it: resolved from tsx's own package, whatever the install layout.
const requireFromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
const { transformSync } = requireFromTsx('esbuild');

/** @type {Map<string, { find: string, replace: string, name: string }[]>} */
const byFile = new Map();

export function initialize(data) {
  for (const p of data.patches) {
    const list = byFile.get(p.file) ?? [];
    list.push(p);
    byFile.set(p.file, list);
  }
}

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:')) {
    const file = fileURLToPath(url.split('?')[0]);
    const list = byFile.get(file);
    if (list) {
      let source = readFileSync(file, 'utf8');
      for (const p of list) {
        const at = source.indexOf(p.find);
        if (at === -1 || source.indexOf(p.find, at + 1) !== -1) {
          throw new Error(`bench switch ${p.name}: ${file} must hold exactly one ${JSON.stringify(p.find)} (the code moved: update bench/lib/switch-off.mjs)`);
        }
        source = source.slice(0, at) + p.replace + source.slice(at + p.find.length);
      }
      const out = transformSync(source, { loader: 'ts', format: 'esm', target: 'node20', sourcefile: file, sourcemap: 'inline' });
      return { format: 'module', source: out.code, shortCircuit: true };
    }
  }
  return nextLoad(url, context);
}
