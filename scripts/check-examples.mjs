#!/usr/bin/env node
/**
 * Type-checks every ```ts block inside an `@example` TSDoc tag in src/, the way
 * openid-client's `check-examples` does for its docs: each block becomes a file
 * that imports the package by its published name, and the project's TypeScript
 * compiles them all.
 *
 * - Examples on declarations reachable from the package's entry points (its
 *   package.json "exports": `src/index.ts`, `src/testing/index.ts`) are
 *   checked against the built package (`express-oauth-kit`,
 *   `express-oauth-kit/testing` → `dist/*.d.ts`, what an app sees): run
 *   `npm run build` first.
 * - With `--all`, examples on internal declarations too, checked against
 *   `src/`, with the declaration they document imported from its own module.
 * - Every public name is imported for the example; a small prelude declares the
 *   free variables examples lean on (`app`, `auth`, `clientId`, `req`, …). The
 *   body runs inside an async function, so an example may `await` and may
 *   declare its own `auth` or `app`.
 *
 * Usage:
 *   node scripts/check-examples.mjs             check the examples of public exports; exit 1 with file:line of each broken one
 *   node scripts/check-examples.mjs --all       also the examples of internal declarations (checked against src/)
 *   node scripts/check-examples.mjs --missing   list public exports (and public methods of exported classes) without an @example
 *   node scripts/check-examples.mjs --list      list every example found
 *   node scripts/check-examples.mjs --keep      keep the generated files in .scratch/check-examples/
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The package's entry points, from package.json "exports": `./dist/x.d.ts` is built from `src/x.ts`. */
const ENTRIES = (() => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return Object.entries(pkg.exports ?? {}).flatMap(([subpath, target]) => {
    const types = typeof target === 'object' && target !== null ? target.types : undefined;
    if (typeof types !== 'string' || !/^\.\/dist\/.+\.d\.ts$/.test(types)) return [];
    return [{ file: join(ROOT, 'src', types.slice('./dist/'.length).replace(/\.d\.ts$/, '.ts')), specifier: `${pkg.name}${subpath.slice(1)}` }];
  });
})();
if (ENTRIES.length === 0) {
  console.error('package.json "exports" names no ./dist/*.d.ts types');
  process.exit(2);
}
const OUT = join(ROOT, '.scratch', 'check-examples');
const args = new Set(process.argv.slice(2));

/**
 * Free variables the examples use, declared once. A name that the package also
 * exports is left out (the import wins).
 */
const PRELUDE = `
import express from 'express';
import session from 'express-session';
import helmet from 'helmet';
import assert from 'node:assert/strict';
declare const app: import('express').Express;
declare const auth: import('express-oauth-kit').Registry;
declare const router: import('express').Router;
declare const req: import('express').Request;
declare const res: import('express').Response;
declare const next: import('express').NextFunction;
declare const handler: import('express').RequestHandler;
declare const redis: import('ioredis').Redis;
declare const secret: string;
declare const appUrl: string;
declare const clientId: string;
declare const clientSecret: string;
declare const consumerKey: string;
declare const consumerSecret: string;
declare const appId: string;
declare const appSecret: string;
declare const appKey: string;
declare const channelId: string;
declare const channelSecret: string;
declare const secureKey: string;
declare const issuer: string;
declare const tenant: string;
declare const accessToken: string;
declare const pem: string;
declare const privateKey: import('node:crypto').KeyObject;
declare const config: { providers: Record<string, { clientId: string; clientSecret: string }> };
declare const options: { clientId: string; clientSecret: string };
declare const profile: (raw: any) => import('express-oauth-kit').MappedProfile;
`;
/** The name a prelude line brings into scope. */
const preludeName = (line) => /^declare const (\w+)/.exec(line)?.[1] ?? /^import (\w+) from/.exec(line)?.[1];

const fail = (msg) => {
  console.error(msg);
  process.exit(2);
};

function loadCompilerOptions() {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')) });
  if (!parsed) fail('tsconfig.json could not be read');
  // Examples are fragments: an unused import or variable in one is not a broken example.
  return { ...parsed.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false, allowUnreachableCode: true, declaration: false, sourceMap: false };
}

/** The declarations reachable from the public entry points: node → export name (per entry). */
function publicSurface(program) {
  const checker = program.getTypeChecker();
  const exports = []; // { name, entry, declarations }
  for (const entry of ENTRIES) {
    const sf = program.getSourceFile(entry.file);
    if (!sf) fail(`${relative(ROOT, entry.file)} not found`);
    const moduleSymbol = checker.getSymbolAtLocation(sf);
    for (const sym of checker.getExportsOfModule(moduleSymbol)) {
      const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
      // `@internal` declarations are stripped from the published .d.ts (stripInternal): not public.
      if ((target.declarations ?? []).some((d) => ts.getJSDocTags(d).some((t) => t.tagName.text === 'internal'))) continue;
      exports.push({ name: sym.getName(), entry, symbol: target, declarations: target.declarations ?? [] });
    }
  }
  return exports;
}

/** The JSDoc @example tags attached to a node (deduplicated by the caller). */
function exampleTags(node) {
  return ts.getJSDocTags(node).filter((t) => t.tagName.text === 'example');
}

function hasExample(declaration) {
  // A variable's JSDoc sits on its statement; getJSDocTags walks up to it.
  return exampleTags(declaration).length > 0;
}

/** The top-level declaration a node belongs to (a method's class, a variable's statement). */
function topLevelName(node) {
  let n = node;
  while (n.parent && !ts.isSourceFile(n.parent)) n = n.parent;
  if (ts.isVariableStatement(n)) return n.declarationList.declarations[0]?.name.getText();
  return n.name?.getText();
}

function memberName(node) {
  const owner = topLevelName(node);
  const own = node.name?.getText?.();
  return own && own !== owner ? `${owner}.${own}` : owner ?? '(anonymous)';
}

/** Every ```ts block of every @example in one source file, with the source line of each code line. */
function examplesIn(sf) {
  const seen = new Set();
  const found = [];
  const visit = (node) => {
    for (const tag of exampleTags(node)) {
      if (seen.has(tag.pos)) continue;
      seen.add(tag.pos);
      const startLine = sf.getLineAndCharacterOfPosition(tag.getStart(sf)).line; // 0-based
      const lines = sf.text.slice(tag.getStart(sf), tag.end).split('\n');
      let block = null;
      let fenced = false;
      lines.forEach((raw, i) => {
        const line = i === 0 ? raw.replace(/^@example\s*/, '') : raw.replace(/^\s*\*\s?/, '').replace(/\s*\*\/\s*$/, '');
        const open = /^```\s*(\w*)\s*$/.exec(line.trim());
        if (block === null && open) {
          block = { lang: open[1], code: [], lines: [] };
          fenced = true;
        } else if (block !== null && line.trim() === '```') {
          if (block.lang === 'ts' || block.lang === 'typescript') found.push({ node, name: memberName(node), code: block.code, lines: block.lines, file: sf.fileName, line: startLine + 1 });
          block = null;
        } else if (block !== null) {
          block.code.push(line);
          block.lines.push(startLine + i + 1); // 1-based source line
        }
      });
      if (!fenced) found.push({ node, name: memberName(node), code: null, file: sf.fileName, line: startLine + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const IMPORT_LINE = /^\s*import\s[^;]*?from\s*['"][^'"]+['"];?\s*$|^\s*import\s*['"][^'"]+['"];?\s*$/;

/** Names an example's own import lines bring in (so the automatic import leaves them out). */
function importedNames(importLines) {
  const names = new Set();
  for (const line of importLines) {
    const braces = /\{([^}]*)\}/.exec(line);
    if (braces) for (const part of braces[1].split(',')) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()?.trim();
      if (name) names.add(name);
    }
    const def = /^\s*import\s+(?:type\s+)?([A-Za-z_$][\w$]*)\s*(?:,|from)/.exec(line);
    if (def) names.add(def[1]);
    const star = /\*\s+as\s+([A-Za-z_$][\w$]*)/.exec(line);
    if (star) names.add(star[1]);
  }
  return names;
}

/** One generated file for one example. Returns its text and where the body starts. */
function renderExample(example, { publicNames, internalImport }) {
  const own = example.code.filter((l) => IMPORT_LINE.test(l));
  const body = example.code.map((l) => (IMPORT_LINE.test(l) ? '' : l));
  const ownNames = importedNames(own);
  const head = [`// ${relative(ROOT, example.file)}:${example.line} — @example of ${example.name}`];
  // The documented internal declaration wins over a public export of the same name (and over the prelude).
  if (internalImport) ownNames.add(internalImport.name);
  for (const { specifier, names } of publicNames) {
    const wanted = names.filter((n) => !ownNames.has(n));
    if (wanted.length) head.push(`import { ${wanted.join(', ')} } from '${specifier}';`);
  }
  if (internalImport && !importedNames(own).has(internalImport.name)) head.push(`import { ${internalImport.name} } from '${internalImport.from}';`);
  head.push(...own);
  const declared = new Set(publicNames.flatMap((p) => p.names).concat([...ownNames]));
  for (const line of PRELUDE.trim().split('\n')) {
    const name = preludeName(line);
    if (name && declared.has(name)) continue;
    head.push(line);
  }
  // `declare module` / `declare global` / `export` only live at the top level of a module.
  const topLevel = body.some((l) => /^\s*(declare\s+(module|global)\b|export\s)/.test(l));
  head.push('export {};');
  if (!topLevel) head.push('async function example(): Promise<void> {');
  const bodyStart = head.length; // 0-based line of the first body line
  const tail = topLevel ? [] : ['}', 'void example;'];
  return { text: [...head, ...body, ...tail, ''].join('\n'), bodyStart };
}

function check(examples, { compilerOptions, publicNames, against }) {
  if (examples.length === 0) return [];
  const files = new Map();
  examples.forEach((ex, i) => {
    const file = join(OUT, against, `${String(i).padStart(3, '0')}-${relative(join(ROOT, 'src'), ex.file).replace(/[\\/]/g, '_').replace(/\.ts$/, '')}.ts`);
    const internalImport = ex.internal ? { name: ex.internal, from: relative(dirname(file), ex.file).replace(/\\/g, '/') } : undefined;
    const rendered = renderExample(ex, { publicNames, internalImport });
    writeFileSync(file, rendered.text);
    files.set(file, { ex, ...rendered });
  });
  const options = { ...compilerOptions };
  if (against === 'src') {
    options.baseUrl = ROOT;
    options.paths = Object.fromEntries(ENTRIES.map((e) => [e.specifier, [relative(ROOT, e.file)]]));
  }
  const program = ts.createProgram([...files.keys()], options);
  const problems = [];
  for (const d of [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]) problems.push(`(${against}) ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  for (const [file, { ex, bodyStart }] of files) {
    const sf = program.getSourceFile(file);
    for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
      const { line, character } = d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0) : { line: 0, character: 0 };
      const bodyLine = line - bodyStart;
      const where = bodyLine >= 0 && bodyLine < ex.lines.length ? `${relative(ROOT, ex.file)}:${ex.lines[bodyLine]}:${character + 1}` : `${relative(ROOT, ex.file)}:${ex.line} (generated line ${line + 1} of ${relative(ROOT, file)})`;
      problems.push(`${where}  @example of ${ex.name}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n  ')}`);
    }
  }
  return problems;
}

const compilerOptions = loadCompilerOptions();
const srcProgram = ts.createProgram(
  ENTRIES.map((e) => e.file),
  compilerOptions,
);
const surface = publicSurface(srcProgram);
const publicDeclarations = new Set(surface.flatMap((e) => e.declarations));

if (args.has('--missing')) {
  const missing = surface.filter((e) => !e.declarations.some(hasExample));
  const members = [];
  for (const e of surface) {
    for (const d of e.declarations) {
      if (!ts.isClassDeclaration(d)) continue;
      for (const m of d.members) {
        const mods = ts.getCombinedModifierFlags(m);
        if (mods & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected) || m.name?.getText().startsWith('#')) continue;
        // Methods and accessors are API a reader calls; fields and constructors are described by their class.
        if (!(ts.isMethodDeclaration(m) || ts.isGetAccessorDeclaration(m) || ts.isSetAccessorDeclaration(m))) continue;
        if (ts.getJSDocTags(m).some((t) => t.tagName.text === 'internal')) continue;
        if (!hasExample(m)) members.push(`${e.name}.${m.name.getText()}  (${relative(ROOT, m.getSourceFile().fileName)}:${m.getSourceFile().getLineAndCharacterOfPosition(m.getStart()).line + 1})`);
      }
    }
  }
  const where = (e) => {
    const d = e.declarations[0];
    return d ? `${relative(ROOT, d.getSourceFile().fileName)}:${d.getSourceFile().getLineAndCharacterOfPosition(d.getStart()).line + 1}` : '?';
  };
  console.log(`Public exports without an @example: ${missing.length} of ${surface.length}`);
  for (const e of missing) console.log(`  ${e.name}  [${e.entry.specifier}]  (${where(e)})`);
  console.log(`\nPublic methods of exported classes without an @example: ${members.length}`);
  for (const m of members) console.log(`  ${m}`);
  process.exit(0);
}

const examples = [];
for (const sf of srcProgram.getSourceFiles()) {
  if (!sf.fileName.startsWith(join(ROOT, 'src') + '/') || sf.isDeclarationFile) continue;
  for (const ex of examplesIn(sf)) {
    let top = ex.node;
    while (top.parent && !ts.isSourceFile(top.parent)) top = top.parent;
    const decls = ts.isVariableStatement(top) ? top.declarationList.declarations : [top];
    ex.public = decls.some((d) => publicDeclarations.has(d));
    // An internal declaration's example needs the declaration itself in scope.
    if (!ex.public) ex.internal = ts.isVariableStatement(top) ? decls[0]?.name.getText() : top.name?.getText();
    examples.push(ex);
  }
}

if (args.has('--list')) {
  for (const ex of examples) console.log(`${relative(ROOT, ex.file)}:${ex.line}  ${ex.public ? 'public  ' : 'internal'}  ${ex.name}${ex.code ? '' : '  (no ```ts block)'}`);
  console.log(`${examples.length} examples`);
  process.exit(0);
}

for (const e of ENTRIES) {
  const dts = join(ROOT, 'dist', relative(join(ROOT, 'src'), e.file).replace(/\.ts$/, '.d.ts'));
  if (!existsSync(dts)) fail(`${relative(ROOT, dts)} is missing: run \`npm run build\` first (public examples are checked against the built package).`);
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'dist'), { recursive: true });
mkdirSync(join(OUT, 'src'), { recursive: true });
const publicNames = ENTRIES.map((entry) => ({ specifier: entry.specifier, names: [...new Set(surface.filter((e) => e.entry === entry).map((e) => e.name))] }));
// A name that an earlier entry point also exports is imported from the earlier one only.
const taken = new Set();
for (const p of publicNames) {
  p.names = p.names.filter((n) => !taken.has(n));
  for (const n of p.names) taken.add(n);
}

// Internal declarations' examples are sketches for maintainers; `--all` checks them too.
const checked = args.has('--all') ? examples : examples.filter((ex) => ex.public);
const unfenced = checked.filter((ex) => ex.code === null).map((ex) => `${relative(ROOT, ex.file)}:${ex.line}  @example of ${ex.name}: no \`\`\`ts block`);
const withCode = checked.filter((ex) => ex.code !== null);
const started = Date.now();
const problems = [
  ...unfenced,
  ...check(withCode.filter((ex) => ex.public), { compilerOptions, publicNames, against: 'dist' }),
  ...check(withCode.filter((ex) => !ex.public), { compilerOptions, publicNames, against: 'src' }),
];
if (!args.has('--keep')) rmSync(OUT, { recursive: true, force: true });

const publicCount = withCode.filter((ex) => ex.public).length;
if (problems.length) {
  console.error(`check-examples: ${problems.length} problem(s) in ${withCode.length} examples:`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`check-examples: ${withCode.length} @example blocks type-check (${publicCount} public against dist/, ${withCode.length - publicCount} internal against src/) in ${Date.now() - started} ms`);
