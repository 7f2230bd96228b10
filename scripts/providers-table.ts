/**
 * Builds the README providers table from the preset data, so the table can
 * never drift from the code.
 *
 *   node --import tsx scripts/providers-table.ts           # print the table
 *   node --import tsx scripts/providers-table.ts --write   # rewrite the README block
 *   node --import tsx scripts/providers-table.ts --check   # exit 1 when the README block is stale
 *
 * Only the text between `<!-- providers:start -->` and `<!-- providers:end -->`
 * in README.md is ever touched.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { oauth2Presets as presets } from '../src/providers/preset-map.ts';
import type { PresetName } from '../src/providers/presets.ts';
import { twitter } from '../src/providers/twitter.ts';
import type { Provider } from '../src/types.ts';

/**
 * Markers around the generated block in README.md.
 *
 * @example
 * ```ts
 * readme.indexOf(START_MARKER) < readme.indexOf(END_MARKER);
 * ```
 */
export const START_MARKER = '<!-- providers:start -->';
/** @see START_MARKER */
export const END_MARKER = '<!-- providers:end -->';

/**
 * The README this script maintains (absolute path).
 *
 * @example
 * ```ts
 * extractProvidersBlock(readFileSync(README_PATH, 'utf8'));
 * ```
 */
export const README_PATH = fileURLToPath(new URL('../README.md', import.meta.url));

/** Options some presets need besides clientId / clientSecret (placeholders, for the table only). */
const REQUIRED_EXTRAS: Partial<Record<PresetName, Record<string, string>>> = {
  okta: { domain: 'your-org.okta.com' },
  auth0: { domain: 'your-tenant.auth0.com' },
  keycloak: { baseUrl: 'https://keycloak.example.com', realm: 'your-realm' },
  cognito: { region: 'us-east-1', userPoolId: 'us-east-1_example' },
};

/** Every provider the table lists, built with dummy credentials: the presets, then twitter next to x. */
function tableProviders(): Provider[] {
  const out: Provider[] = [];
  for (const [name, preset] of Object.entries(presets) as [PresetName, (o: any) => Provider][]) {
    out.push(preset({ clientId: 'x', clientSecret: 'y', ...REQUIRED_EXTRAS[name] }));
    if (name === 'x') out.push(twitter({ consumerKey: 'x', consumerSecret: 'y' }));
  }
  return out;
}

const PROTOCOL: Record<Provider['protocol'], string> = { oauth2: 'OAuth 2.0', oidc: 'OpenID Connect', oauth1: 'OAuth 1.0a' };

/** A table cell: no line breaks, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replaceAll('|', '\\|');
}

function code(text: string): string {
  return `\`${text}\``;
}

/** Where the register URL depends on the user's own server, the table says so instead of showing a placeholder host. */
const REGISTER_TEXT: Partial<Record<string, string>> = {
  keycloak: 'your Keycloak admin console (`<keycloak>/admin/`)',
};

function registerCell(p: Provider): string {
  const callback = code(`<baseUrl>/auth/${p.name}/callback`);
  const text = REGISTER_TEXT[p.name];
  if (text) return `${text} · ${callback}`;
  const url = p.docs?.registerUrl;
  return url ? `[${new URL(url).host}](${url}) · ${callback}` : callback;
}

function row(p: Provider): string {
  const scope = p.scope.length ? p.scope.map(code).join(' ') : '—';
  const pkce = p.protocol === 'oauth1' ? '—' : p.pkce ? 'yes' : 'no';
  const quirks = p.quirks.length ? p.quirks.join(', ') : '—';
  const name = `${code(p.name)} (${p.displayName})`;
  return `| ${[name, PROTOCOL[p.protocol], scope, pkce, quirks, registerCell(p)].map(cell).join(' | ')} |`;
}

/**
 * The providers table as Markdown (no trailing newline).
 *
 * @example
 * ```ts
 * console.log(renderProvidersTable());
 * ```
 */
export function renderProvidersTable(): string {
  return [
    '| name | protocol | default scope | PKCE | quirks handled | register the app · callback URL |',
    '|---|---|---|---|---|---|',
    ...tableProviders().map(row),
  ].join('\n');
}

/**
 * The text between the README markers, trimmed; undefined when the markers are missing.
 *
 * @example
 * ```ts
 * extractProvidersBlock(readFileSync('README.md', 'utf8')) === renderProvidersTable();
 * ```
 */
export function extractProvidersBlock(readme: string): string | undefined {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER, start + START_MARKER.length);
  if (start < 0 || end < 0) return undefined;
  return readme.slice(start + START_MARKER.length, end).trim();
}

/**
 * The README with the block between the markers replaced by the current table.
 *
 * @throws Error when the markers are missing.
 * @example
 * ```ts
 * writeFileSync('README.md', replaceProvidersBlock(readFileSync('README.md', 'utf8')));
 * ```
 */
export function replaceProvidersBlock(readme: string): string {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER, start + START_MARKER.length);
  if (start < 0 || end < 0) throw new Error(`README.md has no ${START_MARKER} … ${END_MARKER} block.`);
  return `${readme.slice(0, start + START_MARKER.length)}\n${renderProvidersTable()}\n${readme.slice(end)}`;
}

function main(args: string[]): number {
  if (args.includes('--write')) {
    const readme = readFileSync(README_PATH, 'utf8');
    const next = replaceProvidersBlock(readme);
    if (next !== readme) writeFileSync(README_PATH, next);
    console.log(next === readme ? 'README providers table is up to date.' : 'README providers table rewritten.');
    return 0;
  }
  if (args.includes('--check')) {
    const current = extractProvidersBlock(readFileSync(README_PATH, 'utf8'));
    if (current === renderProvidersTable()) return 0;
    console.error('README providers table is stale: run `node --import tsx scripts/providers-table.ts --write`.');
    return 1;
  }
  console.log(renderProvidersTable());
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}
