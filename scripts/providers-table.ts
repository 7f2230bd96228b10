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
import { presets } from '../src/providers/index.ts';
import type { Provider } from '../src/types.ts';
import { FLOW_TESTED } from '../test/integration/flow-tested.ts';

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

/**
 * Options some presets need besides clientId / clientSecret (placeholders, for
 * the table only). A register URL on a `.example.com` / `.example` host is the
 * user's own server: the table shows its path instead of the placeholder host.
 *
 * @example
 * ```ts
 * presets.okta({ clientId: 'x', clientSecret: 'y', ...REQUIRED_EXTRAS.okta });
 * ```
 */
export const REQUIRED_EXTRAS: Readonly<Record<string, Record<string, string>>> = {
  okta: { domain: 'your-org.okta.com' },
  auth0: { domain: 'your-tenant.auth0.com' },
  keycloak: { baseUrl: 'https://keycloak.example.com', realm: 'your-realm' },
  cognito: { region: 'us-east-1', userPoolId: 'us-east-1_example' },
  asgardeo: { organization: 'your-org' },
  authelia: { issuer: 'https://authelia.example.com' },
  authentik: { baseUrl: 'https://authentik.example.com', slug: 'your-app' },
  'azure-ad-b2c': { tenant: 'your-tenant', policy: 'B2C_1_signupsignin' },
  beyondidentity: { tenantId: 'tenant', realmId: 'realm', applicationId: 'app' },
  boxyhq: { baseUrl: 'https://jackson.example.com' },
  bungie: { apiKey: 'api-key' },
  casdoor: { baseUrl: 'https://casdoor.example.com' },
  duende: { issuer: 'https://identity.example.com' },
  forgejo: { baseUrl: 'https://forgejo.example.com' },
  fusionauth: { issuer: 'https://fusionauth.example.com' },
  gitea: { baseUrl: 'https://gitea.example.com' },
  kinde: { domain: 'your-app.kinde.com' },
  logto: { endpoint: 'https://your-tenant.logto.app' },
  mastodon: { instanceUrl: 'https://mastodon.example' },
  mattermost: { instanceUrl: 'https://mattermost.example.com' },
  nextcloud: { instanceUrl: 'https://nextcloud.example.com' },
  ory: { domain: 'your-project.projects.oryapis.com' },
  onelogin: { domain: 'your-company.onelogin.com' },
  pingone: { environmentId: 'your-environment-id' },
  workos: { domain: 'your-app.authkit.app' },
  zitadel: { domain: 'your-instance.zitadel.cloud' },
};

/** Every provider the table lists, built with dummy credentials, in the `presets` order. */
function tableProviders(): Provider[] {
  return Object.entries(presets).map(([name, preset]) =>
    (preset as (o: any) => Provider)({ clientId: 'x', clientSecret: 'y', consumerKey: 'x', consumerSecret: 'y', ...REQUIRED_EXTRAS[name] }),
  );
}

/**
 * The README groups, in order, by each preset's `docs.kind`.
 *
 * @example
 * ```ts
 * KINDS.map((k) => k.title); // ['Social and consumer', 'Developer tools and platforms', …]
 * ```
 */
export const KINDS = [
  { kind: 'social', title: 'Social and consumer' },
  { kind: 'developer', title: 'Developer tools and platforms' },
  { kind: 'enterprise', title: 'Enterprise identity providers' },
  { kind: 'self-hosted', title: 'Self-hosted' },
] as const;

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
  const url = p.docs?.registerUrl ? new URL(p.docs.registerUrl) : undefined;
  if (url && /(^|\.)example(\.com)?$/.test(url.hostname)) return `your server: ${code(`${url.pathname}${url.hash}`)} · ${callback}`;
  return url ? `[${url.host}](${url.href}) · ${callback}` : callback;
}

/** "yes" linked to the flow test file, or "—" (data: test/integration/flow-tested.ts). */
function flowCell(p: Provider): string {
  const file = FLOW_TESTED[p.name];
  return file ? `[yes](test/integration/${file})` : '—';
}

function row(p: Provider): string {
  const scope = p.scope.length ? p.scope.map(code).join(' ') : '—';
  const pkce = p.protocol === 'oauth1' ? '—' : p.pkce ? 'yes' : 'no';
  const quirks = p.quirks.length ? p.quirks.join(', ') : '—';
  const name = `${code(p.name)} (${p.displayName})`;
  return `| ${[name, PROTOCOL[p.protocol], scope, pkce, quirks, flowCell(p), registerCell(p)].map(cell).join(' | ')} |`;
}

const HEADER = [
  '| name | protocol | default scope | PKCE | quirks handled | flow-tested | register the app · callback URL |',
  '|---|---|---|---|---|---|---|',
];

/**
 * The providers table as Markdown (no trailing newline).
 *
 * @example
 * ```ts
 * console.log(renderProvidersTable());
 * ```
 */
export function renderProvidersTable(): string {
  const providers = tableProviders();
  const unknown = providers.filter((p) => !KINDS.some((k) => k.kind === p.docs?.kind));
  if (unknown.length) throw new Error(`presets without a docs.kind: ${unknown.map((p) => p.name).join(', ')}`);
  const flowTested = providers.filter((p) => FLOW_TESTED[p.name]).length;
  const sections = KINDS.map(({ kind, title }) => {
    const rows = providers.filter((p) => p.docs?.kind === kind).sort((a, b) => a.name.localeCompare(b.name));
    return [`#### ${title} (${rows.length})`, '', ...HEADER, ...rows.map(row)].join('\n');
  });
  return [`${providers.length} presets, ${flowTested} of them flow-tested (a full login through the kit against the real \`oidc-provider\` shaped like the provider, or an emulator of its documented behaviour).`, ...sections].join('\n\n');
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
