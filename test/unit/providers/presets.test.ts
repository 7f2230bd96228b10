import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as all from '../../../src/providers/presets.ts';
import * as everything from '../../../src/providers/index.ts';
import { oauth2Presets as presets } from '../../../src/providers/preset-map.ts';
import { presets as allPresets } from '../../../src/providers/index.ts';
import { github } from '../../../src/providers/github.ts';
import { x } from '../../../src/providers/x.ts';

/** Options some presets need besides clientId / clientSecret. */
const EXTRA: Record<string, Record<string, string>> = {
  okta: { domain: 'example.okta.com' },
  auth0: { domain: 'example.us.auth0.com' },
  keycloak: { issuer: 'https://sso.example.com/realms/example' },
  cognito: { region: 'us-east-1', userPoolId: 'us-east-1_example' },
  asgardeo: { organization: 'acme' },
  authelia: { issuer: 'https://auth.example.com' },
  authentik: { issuer: 'https://authentik.example.com/application/o/my-app/' },
  'azure-ad-b2c': { tenant: 'contoso', policy: 'B2C_1_signupsignin' },
  beyondidentity: { tenantId: 't1', realmId: 'r1', applicationId: 'a1' },
  boxyhq: { baseUrl: 'https://jackson.example.com' },
  bungie: { apiKey: 'api-key' },
  casdoor: { baseUrl: 'https://door.example.com' },
  duende: { issuer: 'https://identity.example.com' },
  forgejo: { baseUrl: 'https://codeberg.org' },
  fusionauth: { issuer: 'https://auth.example.com' },
  gitea: { baseUrl: 'https://gitea.com' },
  kinde: { domain: 'myapp.kinde.com' },
  logto: { endpoint: 'https://abc123.logto.app' },
  mastodon: { instanceUrl: 'https://mastodon.social' },
  mattermost: { instanceUrl: 'https://chat.example.com' },
  nextcloud: { instanceUrl: 'https://cloud.example.org' },
  ory: { domain: 'slug.projects.oryapis.com' },
  onelogin: { domain: 'acme.onelogin.com' },
  pingone: { environmentId: '11111111-2222-3333-4444-555555555555' },
  workos: { domain: 'your-app.authkit.app' },
  zitadel: { domain: 'my-instance-abc123.zitadel.cloud' },
};

/** Presets whose registry name is not an identifier (or is spelled differently from the export). */
const EXPORT_NAME: Record<string, string> = { '42': 'fortyTwo', 'azure-ad-b2c': 'azureAdB2c', beyondidentity: 'beyondIdentity', yahoojapan: 'yahooJapan' };

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
    assert.equal((all as Record<string, unknown>)[EXPORT_NAME[key] ?? key], preset, `${key} re-exported`);
    const mapper = Object.entries(all).find(([n, v]) => v === p.profile && n.startsWith('map'));
    assert.ok(mapper, `${key}: its mapper is re-exported`);
  }
});

test('presets (with the OAuth 1.0a ones) has at least 100 entries, each with a kind for the README grouping', () => {
  assert.ok(Object.isFrozen(allPresets));
  const names = Object.keys(allPresets);
  assert.ok(names.length >= 100, `${names.length} presets`);
  assert.equal(new Set(names).size, names.length);
  for (const key of Object.keys(presets)) assert.equal((allPresets as Record<string, unknown>)[key], (presets as Record<string, unknown>)[key]);
  for (const [key, preset] of Object.entries(allPresets) as [string, (o: any) => any][]) {
    const p = preset({ clientId: 'id', clientSecret: 'secret', consumerKey: 'key', consumerSecret: 'secret', ...EXTRA[key] });
    assert.equal(p.name, key);
    assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind), `${key}: docs.kind`);
    assert.equal((everything as Record<string, unknown>)[EXPORT_NAME[key] ?? key], preset, `${key} exported from the package`);
  }
});

test('every preset is mapper-tested: test/unit/providers/<name>.test.ts calls its mapper and checks a payload without an id', () => {
  for (const [key, preset] of Object.entries(allPresets) as [string, (o: any) => any][]) {
    const p = preset({ clientId: 'id', clientSecret: 'secret', consumerKey: 'key', consumerSecret: 'secret', ...EXTRA[key] });
    const mapper = Object.entries(everything).find(([n, v]) => v === p.profile && n.startsWith('map'))?.[0];
    assert.ok(mapper, `${key}: mapper exported`);
    const file = new URL(`./${key}.test.ts`, import.meta.url);
    assert.ok(existsSync(file), `${key}: test/unit/providers/${key}.test.ts exists`);
    const source = readFileSync(file, 'utf8');
    assert.match(source, new RegExp(`${mapper}\\(`), `${key}: the test calls ${mapper}`);
    assert.match(source, /assert\.throws\(\(\) => map\w+\(/, `${key}: the test checks a payload without an id`);
  }
});

test('a preset that lists unverified facts says so in its JSDoc too', () => {
  let listed = 0;
  for (const [key, preset] of Object.entries(allPresets) as [string, (o: any) => any][]) {
    const p = preset({ clientId: 'id', clientSecret: 'secret', consumerKey: 'key', consumerSecret: 'secret', ...EXTRA[key] });
    const unverified: readonly string[] = p.docs?.unverified ?? [];
    if (unverified.length === 0) continue;
    listed += 1;
    const source = readFileSync(new URL(`../../../src/providers/${key}.ts`, import.meta.url), 'utf8');
    assert.match(source, /^\s*\*.*\bUnverified\b/m, `${key}: its JSDoc names what is unverified`);
  }
  assert.ok(listed >= 60, `${listed} presets list unverified facts`);
});
