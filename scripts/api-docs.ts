/**
 * Builds the reference part of docs/api.md from the TypeScript sources: every
 * export of `express-oauth-kit` and `express-oauth-kit/testing` with the first
 * sentence of its TSDoc, and every preset's options (the shared ones once,
 * each preset's own ones per preset) with their TSDoc. The docs cannot drift
 * from the code: a test fails when the block is stale.
 *
 *   node --import tsx scripts/api-docs.ts           # print the block
 *   node --import tsx scripts/api-docs.ts --write   # rewrite the block in docs/api.md
 *   node --import tsx scripts/api-docs.ts --check   # exit 1 when docs/api.md is stale
 *
 * Only the text between `<!-- api:start -->` and `<!-- api:end -->` is touched.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Markers around the generated block in docs/api.md. */
export const START_MARKER = '<!-- api:start -->';
/** @see START_MARKER */
export const END_MARKER = '<!-- api:end -->';
/** docs/api.md. */
export const API_DOC_PATH = fileURLToPath(new URL('../docs/api.md', import.meta.url));

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRIES = { 'express-oauth-kit': 'src/index.ts', 'express-oauth-kit/testing': 'src/testing/index.ts' } as const;
/** Interfaces whose members every preset shares: documented once, not per preset. */
const SHARED_OPTION_TYPES = new Set(['PresetOptions', 'EndpointOverrides', 'StrongClientOptions']);

/** One documented export. */
export interface ExportDoc {
  module: string;
  name: string;
  kind: 'function' | 'class' | 'const' | 'type';
  summary: string;
}

/** One documented option of a preset (or of every preset when `preset` is undefined). */
export interface OptionDoc {
  preset?: string;
  name: string;
  optional: boolean;
  summary: string;
}

function program(): ts.Program {
  const config = ts.readConfigFile(`${ROOT}tsconfig.json`, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  return ts.createProgram(Object.values(ENTRIES).map((f) => `${ROOT}${f}`), { ...parsed.options, noEmit: true });
}

/** First sentence of a TSDoc comment, on one line, `|` escaped for tables. */
function summaryOf(parts: ts.SymbolDisplayPart[]): string {
  const paragraph = ts.displayPartsToString(parts).split(/\n\s*\n|\n\s*- /)[0]!;
  const text = paragraph.replace(/\{@link\s+([^}|\s]+)[^}]*\}/g, '`$1`').replace(/\s+/g, ' ').trim();
  // The first sentence: up to a `.` or `?` before a space, not the one of "e.g." / "i.e.".
  let end = text.length;
  for (const m of text.matchAll(/[.?](?=\s|$)/g)) {
    if (/\b(e\.g|i\.e)$/.test(text.slice(0, m.index))) continue;
    end = m.index + 1;
    break;
  }
  return text.slice(0, end).replace(/:$/, '.').replace(/\|/g, '\\|');
}

function kindOf(symbol: ts.Symbol): ExportDoc['kind'] {
  if (symbol.flags & ts.SymbolFlags.Function) return 'function';
  if (symbol.flags & ts.SymbolFlags.Class) return 'class';
  if (symbol.flags & ts.SymbolFlags.Variable) return 'const';
  return 'type';
}

/**
 * Every export of both entry points, sorted by module then name.
 *
 * @example
 * ```ts
 * collectExports().find((e) => e.name === 'createRegistry')?.kind; // 'function'
 * ```
 */
export function collectExports(p: ts.Program = program()): ExportDoc[] {
  const checker = p.getTypeChecker();
  const out: ExportDoc[] = [];
  for (const [module, file] of Object.entries(ENTRIES)) {
    const source = p.getSourceFile(`${ROOT}${file}`)!;
    const moduleSymbol = checker.getSymbolAtLocation(source)!;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      out.push({ module, name: exported.name, kind: kindOf(symbol), summary: summaryOf(symbol.getDocumentationComment(checker)) });
    }
  }
  return out.sort((a, b) => a.module.localeCompare(b.module) || a.name.localeCompare(b.name));
}

/**
 * The options of every preset in `presets`: the shared ones (no `preset`)
 * once, then each preset's own.
 *
 * @example
 * ```ts
 * collectPresetOptions().find((o) => o.preset === 'github')?.name; // 'enterpriseUrl'
 * ```
 */
export function collectPresetOptions(p: ts.Program = program()): OptionDoc[] {
  const checker = p.getTypeChecker();
  const source = p.getSourceFile(`${ROOT}${ENTRIES['express-oauth-kit']}`)!;
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
  const presetsSymbol = exports.find((s) => s.name === 'presets')!;
  const presetsType = checker.getTypeOfSymbol(presetsSymbol);
  const shared = new Map<string, OptionDoc>();
  const own: OptionDoc[] = [];
  for (const preset of presetsType.getProperties()) {
    const fn = checker.getTypeOfSymbol(preset);
    const parameter = fn.getCallSignatures()[0]?.getParameters()[0];
    if (!parameter) continue;
    const optionsType = checker.getTypeOfSymbol(parameter);
    for (const option of checker.getPropertiesOfType(optionsType)) {
      const declaration = option.declarations?.[0];
      const owner = declaration?.parent;
      const ownerName = owner && (ts.isInterfaceDeclaration(owner) || ts.isTypeAliasDeclaration(owner)) ? owner.name.text : undefined;
      const doc: OptionDoc = {
        name: option.name,
        optional: (option.flags & ts.SymbolFlags.Optional) !== 0,
        summary: summaryOf(option.getDocumentationComment(checker)),
      };
      if (ownerName && SHARED_OPTION_TYPES.has(ownerName)) {
        if (!shared.has(option.name)) shared.set(option.name, doc);
      } else {
        own.push({ ...doc, preset: preset.name });
      }
    }
  }
  return [...[...shared.values()].sort((a, b) => a.name.localeCompare(b.name)), ...own];
}

/**
 * The generated block (without the markers).
 *
 * @example
 * ```ts
 * renderApiDocs().startsWith('## Every export');
 * ```
 */
export function renderApiDocs(): string {
  const p = program();
  const lines: string[] = ['## Every export', ''];
  for (const module of Object.keys(ENTRIES)) {
    lines.push(`### \`${module}\``, '', '| export | kind | what it is |', '|---|---|---|');
    for (const e of collectExports(p).filter((x) => x.module === module)) lines.push(`| \`${e.name}\` | ${e.kind} | ${e.summary || '—'} |`);
    lines.push('');
  }
  const options = collectPresetOptions(p);
  lines.push('## Preset options', '', 'Every preset takes these (the generic `oauth2()` / `oidc()` / `oauth1()` builders document theirs in their TSDoc):', '');
  lines.push('| option | required | what it does |', '|---|---|---|');
  for (const o of options.filter((x) => x.preset === undefined)) lines.push(`| \`${o.name}\` | ${o.optional ? 'no' : 'yes'} | ${o.summary || '—'} |`);
  lines.push('', 'And each preset its own:', '', '| preset | option | required | what it does |', '|---|---|---|---|');
  for (const o of options.filter((x) => x.preset !== undefined)) lines.push(`| \`${o.preset}\` | \`${o.name}\` | ${o.optional ? 'no' : 'yes'} | ${o.summary || '—'} |`);
  return lines.join('\n');
}

/**
 * The block between the markers of a docs/api.md text, or undefined.
 *
 * @example
 * ```ts
 * extractApiBlock(readFileSync(API_DOC_PATH, 'utf8')) === renderApiDocs();
 * ```
 */
export function extractApiBlock(doc: string): string | undefined {
  const start = doc.indexOf(START_MARKER);
  const end = doc.indexOf(END_MARKER);
  if (start === -1 || end < start) return undefined;
  return doc.slice(start + START_MARKER.length, end).trim();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const block = renderApiDocs();
  if (args.includes('--write') || args.includes('--check')) {
    const doc = readFileSync(API_DOC_PATH, 'utf8');
    const current = extractApiBlock(doc);
    if (current === undefined) throw new Error(`${API_DOC_PATH} has no ${START_MARKER} … ${END_MARKER} block.`);
    if (args.includes('--check')) {
      if (current !== block) {
        console.error('docs/api.md is stale: run `npm run docs:api`.');
        process.exit(1);
      }
    } else {
      const start = doc.indexOf(START_MARKER) + START_MARKER.length;
      writeFileSync(API_DOC_PATH, `${doc.slice(0, start)}\n${block}\n${doc.slice(doc.indexOf(END_MARKER))}`);
    }
  } else {
    console.log(block);
  }
}
