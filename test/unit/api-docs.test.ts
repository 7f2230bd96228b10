import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { API_DOC_PATH, collectExports, collectPresetOptions, extractApiBlock, renderApiDocs } from '../../scripts/api-docs.ts';
import * as kit from '../../src/index.ts';
import * as testing from '../../src/testing/index.ts';

test('docs/api.md holds the block generated from the sources (run `npm run docs:api`)', () => {
  const block = extractApiBlock(readFileSync(API_DOC_PATH, 'utf8'));
  assert.notEqual(block, undefined, 'docs/api.md has the api markers');
  assert.equal(block, renderApiDocs());
});

test('every export and every preset option has a TSDoc summary', () => {
  const exports = collectExports();
  const undocumented = exports.filter((e) => !e.summary).map((e) => `${e.module}: ${e.name}`);
  assert.deepEqual(undocumented, []);
  const options = collectPresetOptions();
  assert.deepEqual(options.filter((o) => !o.summary).map((o) => `${o.preset ?? '(every preset)'}: ${o.name}`), []);
  assert.ok(options.some((o) => o.preset === 'github' && o.name === 'enterpriseUrl'));
  assert.ok(options.some((o) => o.preset === undefined && o.name === 'clientId' && !o.optional));
});

test('the generated list covers every runtime export of both entry points', () => {
  const names = new Set(collectExports().map((e) => `${e.module}:${e.name}`));
  for (const name of Object.keys(kit)) assert.ok(names.has(`express-oauth-kit:${name}`), `${name} is listed`);
  for (const name of Object.keys(testing)) assert.ok(names.has(`express-oauth-kit/testing:${name}`), `${name} is listed`);
});
