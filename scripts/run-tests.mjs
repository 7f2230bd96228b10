#!/usr/bin/env node
// Runs every test file under test/ with node's test runner (tsx for TypeScript),
// once on Express 5 and the integration tests again on Express 4.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const all = find('test').filter((f) => !f.startsWith(join('test', 'load')) || process.env.RUN_LOAD === '1').sort();
const files = only.length ? all.filter((f) => only.some((o) => f.includes(o))) : all;
const run = (list, env = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...list], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  }).status;

let status = run(files);
const integration = files.filter((f) => f.startsWith(join('test', 'integration')));
if (status === 0 && integration.length && !only.length) {
  console.log('\n# Integration tests again on Express 4');
  status = run(integration, { EXPRESS_MAJOR: '4' });
}
process.exit(status ?? 1);
