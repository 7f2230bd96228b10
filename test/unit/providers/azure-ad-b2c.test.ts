import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { azureAdB2c, mapAzureAdB2cProfile } from '../../../src/providers/azure-ad-b2c.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/azure-ad-b2c-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', tenant: 'contoso', policy: 'B2C_1_signupsignin' };

test('mapAzureAdB2cProfile maps the documented payload (azure-ad-b2c-profile.json)', () => {
  assert.deepEqual(mapAzureAdB2cProfile(fixture), {"id": "ad020f8e-b1ba-44b2-bd69-c22be86737f5", "name": "Jane Doe", "email": "jane.doe@example.com"});
});

test('mapAzureAdB2cProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapAzureAdB2cProfile({"sub": "s-1", "emails": []}), {"id": "s-1"});
});

test('mapAzureAdB2cProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapAzureAdB2cProfile({"name": "Jane Doe", "emails": ["jane@example.com"]}), TypeError);
  assert.throws(() => mapAzureAdB2cProfile({}), TypeError);
  assert.throws(() => mapAzureAdB2cProfile(null), TypeError);
});

test('azureAdB2c() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = azureAdB2c(required);
  assert.equal(p.name, "azure-ad-b2c");
  assert.equal(p.displayName, "Azure AD B2C");
  assert.equal(p.protocol, "oidc");
  assert.equal(p.issuer, "https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signupsignin/v2.0/");
  assert.equal(p.userinfoEndpoint, undefined);
  assert.deepEqual(p.scope, ["openid", "offline_access"]);
  assert.equal(p.clientAuth, "client_secret_basic");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapAzureAdB2cProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/azure-ad-b2c\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('azureAdB2c() returns a frozen provider', () => {
  const p = azureAdB2c(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('azureAdB2c() applies overrides', () => {
  const p = azureAdB2c({
    ...required,
    name: 'azure-ad-b2c-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'azure-ad-b2c-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/azure-ad-b2c-two\/callback/);
});

test('azureAdB2c() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => azureAdB2c({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => azureAdB2c({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('mapAzureAdB2cProfile falls back to oid, given/family name and a single email claim', () => {
  assert.deepEqual(mapAzureAdB2cProfile({ oid: 'o-1', given_name: 'Jane', family_name: 'Doe', email: 'jane@example.com' }), { id: 'o-1', name: 'Jane Doe', email: 'jane@example.com' });
});

test('azureAdB2c needs tenant and policy, or an issuer', () => {
  assert.equal(azureAdB2c({ clientId: 'c', clientSecret: 's', issuer: 'https://login.contoso.com/tfp/contoso.onmicrosoft.com/B2C_1_x/v2.0/' }).issuer, 'https://login.contoso.com/tfp/contoso.onmicrosoft.com/B2C_1_x/v2.0/');
  assert.throws(() => azureAdB2c({ clientId: 'c', clientSecret: 's', tenant: 'contoso' }), OAuthConfigError);
  assert.throws(() => azureAdB2c({ clientId: 'c', clientSecret: 's', policy: 'B2C_1_x' }), OAuthConfigError);
  assert.throws(() => azureAdB2c({ clientId: 'c', clientSecret: 's', tenant: 'contoso.evil/x', policy: 'B2C_1_x' }), OAuthConfigError);
});
