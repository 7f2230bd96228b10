import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { FLOW_TESTED } from '../integration/flow-tested.ts';
import { presets } from '../../src/providers/index.ts';
import { REQUIRED_EXTRAS } from '../../scripts/providers-table.ts';
import type { Provider } from '../../src/types.ts';

/** The exported function name of a preset (`presets[name] === exported function`). */
function exportName(name: string): string {
  return (presets as Record<string, { name: string }>)[name]!.name;
}

test('every provider claimed flow-tested has a flow test: the file imports and registers the preset and has a test named after it', () => {
  const names = Object.keys(FLOW_TESTED);
  for (const must of ['google', 'microsoft', 'apple', 'facebook', 'gitlab', 'linkedin', 'slack', 'twitch', 'okta', 'auth0', 'cognito', 'salesforce']) {
    assert.ok(names.includes(must), `${must} is flow-tested`);
  }
  for (const [name, file] of Object.entries(FLOW_TESTED)) {
    assert.ok(name in presets, `${name} is a preset`);
    const url = new URL(`../integration/${file}`, import.meta.url);
    assert.ok(/\.test\.ts$/.test(file) && existsSync(url), `${name}: test/integration/${file} exists`);
    const source = readFileSync(url, 'utf8');
    const fn = exportName(name);
    assert.match(source, new RegExp(`import \\{[^}]*\\b${fn}\\b[^}]*\\} from '\\.\\./\\.\\./src/index\\.ts'`), `${name}: ${file} imports ${fn}`);
    assert.match(source, new RegExp(`\\b${fn}\\(\\{`), `${name}: ${file} builds the preset`);
    const p = (presets as unknown as Record<string, (o: Record<string, string>) => Provider>)[name]!({ clientId: 'x', clientSecret: 'y', consumerKey: 'x', consumerSecret: 'y', ...REQUIRED_EXTRAS[name] });
    const display = p.displayName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    assert.match(source, new RegExp(`\\btest\\(['\`](full )?${display}\\b`, 'i'), `${name}: ${file} has a test titled "${p.displayName}…"`);
  }
});
