import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  README_PATH,
  extractProvidersBlock,
  renderProvidersTable,
  replaceProvidersBlock,
} from '../../scripts/providers-table.ts';
import { oauth2Presets as presets } from '../../src/providers/preset-map.ts';

test('the README providers block equals the table generated from the presets (run scripts/providers-table.ts --write)', () => {
  const block = extractProvidersBlock(readFileSync(README_PATH, 'utf8'));
  assert.notEqual(block, undefined, 'README.md has the providers markers');
  assert.equal(block, renderProvidersTable());
});

test('the table has one row per preset plus twitter, with its protocol, PKCE and callback URL', () => {
  const rows = renderProvidersTable().split('\n').slice(2);
  const names = rows.map((r) => /^\| `([a-z0-9_-]+)`/.exec(r)?.[1]);
  assert.deepEqual(names.filter((n) => n !== 'twitter'), Object.keys(presets));
  assert.ok(names.includes('twitter'));
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
