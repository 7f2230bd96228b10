import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  README_PATH,
  extractProvidersBlock,
  renderProvidersTable,
  replaceProvidersBlock,
} from '../../scripts/providers-table.ts';
import { presets } from '../../src/providers/index.ts';
import { FLOW_TESTED } from '../integration/flow-tested.ts';

test('the README providers block equals the table generated from the presets (run scripts/providers-table.ts --write)', () => {
  const block = extractProvidersBlock(readFileSync(README_PATH, 'utf8'));
  assert.notEqual(block, undefined, 'README.md has the providers markers');
  assert.equal(block, renderProvidersTable());
});

test('the table has one row per preset (twitter included), with its protocol, PKCE and callback URL', () => {
  const rows = renderProvidersTable().split('\n').filter((r) => /^\| `/.test(r));
  const names = rows.map((r) => /^\| `([a-z0-9_-]+)`/.exec(r)?.[1]);
  assert.deepEqual([...names].sort(), Object.keys(presets).sort());
  assert.ok(names.includes('twitter'));
  assert.ok(names.length >= 100, `${names.length} rows`);
  const github = rows.find((r) => r.startsWith('| `github`'))!;
  assert.match(github, /\| OAuth 2\.0 \| `read:user` `user:email` \| yes \|/);
  assert.match(github, /user-emails-fallback/);
  assert.match(github, /`<baseUrl>\/auth\/github\/callback`/);
  assert.match(rows.find((r) => r.startsWith('| `slack`'))!, /\| OpenID Connect \| .* \| no \|/);
  assert.match(rows.find((r) => r.startsWith('| `twitter`'))!, /\| OAuth 1\.0a \| — \| — \|/);
});

test('replaceProvidersBlock touches only the text between the markers', () => {
  const readme = 'intro\n<!-- providers:start -->\nold table\n<!-- providers:end -->\noutro\n';
  const next = replaceProvidersBlock(readme);
  assert.ok(next.startsWith('intro\n<!-- providers:start -->\n'));
  assert.ok(next.endsWith('\n<!-- providers:end -->\noutro\n'));
  assert.equal(extractProvidersBlock(next), renderProvidersTable());
  assert.equal(extractProvidersBlock('no markers here'), undefined);
  assert.throws(() => replaceProvidersBlock('no markers here'), /providers:start/);
});

test('the table is grouped by kind, and its flow-tested column is the FLOW_TESTED list', () => {
  const table = renderProvidersTable();
  const headings = [...table.matchAll(/^#### (.+) \((\d+)\)$/gm)].map((m) => m[1]);
  assert.deepEqual(headings, ['Social and consumer', 'Developer tools and platforms', 'Enterprise identity providers', 'Self-hosted']);
  const sections = table.split(/^#### /m).slice(1);
  const sectionOf = (name: string) => sections.findIndex((s) => s.includes(`\n| \`${name}\` (`));
  assert.equal(sectionOf('facebook'), 0);
  assert.equal(sectionOf('github'), 1);
  assert.equal(sectionOf('okta'), 2);
  assert.equal(sectionOf('keycloak'), 3);
  const rows = table.split('\n').filter((r) => /^\| `/.test(r));
  for (const r of rows) {
    const name = /^\| `([a-z0-9_-]+)`/.exec(r)![1]!;
    const file = FLOW_TESTED[name];
    if (file) assert.ok(r.includes(`| [yes](test/integration/${file}) |`), `${name} flow-tested`);
    else assert.ok(r.includes(' | — | ') && !r.includes('[yes]'), `${name} not flow-tested`);
  }
  assert.match(table, new RegExp(`^${rows.length} presets, ${Object.keys(FLOW_TESTED).length} of them flow-tested`));
});
