import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as all from '../../../src/providers/presets.ts';
import { oauth2Presets as presets } from '../../../src/providers/preset-map.ts';
import { github } from '../../../src/providers/github.ts';
import { x } from '../../../src/providers/x.ts';

/** Options some presets need besides clientId / clientSecret. */
const EXTRA: Record<string, Record<string, string>> = {
  okta: { domain: 'example.okta.com' },
  auth0: { domain: 'example.us.auth0.com' },
  keycloak: { issuer: 'https://sso.example.com/realms/example' },
  cognito: { region: 'us-east-1', userPoolId: 'us-east-1_example' },
};

test('presets maps each name to its preset function and is frozen', () => {
  assert.ok(Object.isFrozen(presets));
  assert.equal(presets.github, github);
  assert.equal(presets.x, x);
  assert.ok(Object.keys(presets).length >= 30, `${Object.keys(presets).length} presets`);
  for (const name of ['twitter', 'oauth1', 'oauth2', 'oidc']) assert.equal(name in presets, false, `${name} lives elsewhere`);
});

test('every preset registers under its key by default, is frozen OAuth 2.0 / OIDC data, and is re-exported with its mapper', () => {
  for (const [key, preset] of Object.entries(presets) as [string, (o: any) => any][]) {
    const p = preset({ clientId: 'id', clientSecret: 'secret', ...EXTRA[key] });
    assert.equal(p.name, key);
    assert.ok(Object.isFrozen(p), key);
    assert.ok(p.protocol === 'oauth2' || p.protocol === 'oidc', key);
    assert.ok(p.displayName.length > 0, key);
    assert.equal((all as Record<string, unknown>)[key], preset, `${key} re-exported`);
    const mapper = Object.entries(all).find(([n, v]) => v === p.profile && n.startsWith('map'));
    assert.ok(mapper, `${key}: its mapper is re-exported`);
  }
});
