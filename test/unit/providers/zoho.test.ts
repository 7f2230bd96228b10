import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { zoho, mapZohoProfile } from '../../../src/providers/zoho.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/zoho-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('zoho-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapZohoProfile maps the documented payload (zoho-profile.json)', () => {
  assert.deepEqual(mapZohoProfile(fixture), { id: '675925609', name: 'Patricia Boyle', email: 'patricia.b@zylker.com', emailVerified: true });
});

test('mapZohoProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapZohoProfile({ sub: '675925609' }), { id: '675925609' });
  assert.deepEqual(mapZohoProfile({ sub: 675925609, email: 'p@zylker.com', email_verified: 'true' }), { id: '675925609', email: 'p@zylker.com' });
});

test('mapZohoProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapZohoProfile({ email: 'patricia.b@zylker.com' }), TypeError);
  assert.throws(() => mapZohoProfile({}), TypeError);
  assert.throws(() => mapZohoProfile(null), TypeError);
});

test('zoho() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = zoho(required);
  assert.equal(p.name, 'zoho');
  assert.equal(p.displayName, 'Zoho');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://accounts.zoho.com');
  assert.deepEqual(p.scope, ['openid', 'email', 'profile']);
  assert.equal(p.scopeSeparator, ',');
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.docs?.registerUrl, 'https://api-console.zoho.com/');
  assert.equal(p.profile, mapZohoProfile);
  assert.deepEqual([...p.quirks], ['data-center-region', 'comma-separated-scope', 'client-secret-post']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/zoho\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'developer');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('zoho() returns a frozen provider', () => {
  const p = zoho(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.ok(Object.isFrozen(p.quirks));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('zoho() applies overrides', () => {
  const p = zoho({
    ...required,
    name: 'zoho-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/userinfo',
  });
  assert.equal(p.name, 'zoho-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/userinfo');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/zoho-two\/callback/);
});

test('zoho() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => zoho({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => zoho({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('zoho() picks the data centre from region and rejects unknown regions', () => {
  const eu = zoho({ ...required, region: 'eu' });
  assert.equal(eu.issuer, 'https://accounts.zoho.eu');
  assert.equal(eu.docs?.registerUrl, 'https://api-console.zoho.eu/');
  assert.equal(zoho({ ...required, region: 'au' }).issuer, 'https://accounts.zoho.com.au');
  assert.equal(zoho({ ...required, region: 'ca' }).issuer, 'https://accounts.zohocloud.ca');
  assert.throws(() => zoho({ ...required, region: 'mars' as any }), /region must be one of/);
  assert.throws(() => zoho({ ...required, region: 'toString' as any }), OAuthConfigError);
});
