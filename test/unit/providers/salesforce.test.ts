import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { salesforce, mapSalesforceProfile } from '../../../src/providers/salesforce.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/salesforce-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapSalesforceProfile maps the documented payload (salesforce-profile.json)', () => {
  assert.deepEqual(mapSalesforceProfile(fixture), { id: '005x0000001S2b9', username: 'admin@mycompany.com', name: 'Admin User', email: 'admin@mycompany.com', emailVerified: true, avatarUrl: 'https://mycompany.my.salesforce.com/profilephoto/005/F' });
});

test('mapSalesforceProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapSalesforceProfile({ sub: 'https://login.salesforce.com/id/00Dx0000001T0zk/005x0000001S2b9' }), { id: 'https://login.salesforce.com/id/00Dx0000001T0zk/005x0000001S2b9' });
  assert.deepEqual(mapSalesforceProfile({ user_id: '005x0000001S2b9', photos: { picture: 'https://mycompany.my.salesforce.com/profilephoto/005/F' } }), { id: '005x0000001S2b9', avatarUrl: 'https://mycompany.my.salesforce.com/profilephoto/005/F' });
});

test('mapSalesforceProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapSalesforceProfile({ organization_id: '00Dx0000001T0zk' }), TypeError);
  assert.throws(() => mapSalesforceProfile({}), TypeError);
});

test('salesforce() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = salesforce(required);
  assert.equal(p.name, 'salesforce');
  assert.equal(p.displayName, 'Salesforce');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://login.salesforce.com');
  assert.equal(p.apiBaseUrl, undefined);
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapSalesforceProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/salesforce\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('salesforce() returns a frozen provider', () => {
  const p = salesforce(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('salesforce() applies overrides', () => {
  const p = salesforce({
    ...required,
    name: 'salesforce-two',
    scope: ['only-this'],
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
    issuer: 'http://127.0.0.1:4000',
  });
  assert.equal(p.name, 'salesforce-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/salesforce-two\/callback/);
});

test('salesforce() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => salesforce({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => salesforce({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('salesforce sandboxes use the test.salesforce.com issuer', () => {
  assert.equal(salesforce({ ...required, issuer: 'https://test.salesforce.com' }).issuer, 'https://test.salesforce.com');
});
