import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { microsoft, mapMicrosoftProfile, microsoftIssuerRule } from '../../../src/providers/microsoft.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/microsoft-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

const MSA = '9188040d-6c67-4c5b-b112-36a304b66dad'; // personal Microsoft accounts tenant
const CONTOSO = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const iss = (tid: string) => `https://login.microsoftonline.com/${tid}/v2.0`;

test('mapMicrosoftProfile maps the documented payload (microsoft-profile.json)', () => {
  assert.deepEqual(mapMicrosoftProfile(fixture), { id: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ', username: 'AbeLi@microsoft.com', name: 'Abe Lincoln', email: 'abe@example.com' });
});

test('mapMicrosoftProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapMicrosoftProfile({ sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ' }), { id: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ' });
  assert.deepEqual(mapMicrosoftProfile({ sub: 's', email: 'a@b.example', xms_edov: true }), { id: 's', email: 'a@b.example', emailVerified: true });
});

test('mapMicrosoftProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapMicrosoftProfile({ oid: '00000000-0000-0000-66f3-3332eca7ea81' }), TypeError);
  assert.throws(() => mapMicrosoftProfile({}), TypeError);
});

test('microsoft() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = microsoft(required);
  assert.equal(p.name, 'microsoft');
  assert.equal(p.displayName, 'Microsoft');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://login.microsoftonline.com/common/v2.0');
  assert.equal(typeof p.acceptIssuer, 'function');
  assert.equal(p.apiBaseUrl, 'https://graph.microsoft.com/v1.0/');
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapMicrosoftProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/microsoft\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('microsoft() returns a frozen provider', () => {
  const p = microsoft(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('microsoft() applies overrides', () => {
  const p = microsoft({
    ...required,
    name: 'microsoft-two',
    scope: ['only-this'],
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
    issuer: 'http://127.0.0.1:4000',
  });
  assert.equal(p.name, 'microsoft-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.acceptIssuer, undefined);
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/microsoft-two\/callback/);
});

test('microsoft() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => microsoft({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => microsoft({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('microsoft acceptIssuer (common) accepts exactly https://login.microsoftonline.com/<tid>/v2.0 for the token\'s tid', () => {
  const accept = microsoft(required).acceptIssuer!;
  assert.equal(accept(iss(CONTOSO), { tid: CONTOSO }), true);
  assert.equal(accept(iss(MSA), { tid: MSA }), true);
  assert.equal(accept(iss(CONTOSO), { tid: MSA }), false, 'another tenant\'s issuer');
  assert.equal(accept(`${iss(CONTOSO)}/`, { tid: CONTOSO }), false, 'not exact');
  assert.equal(accept(`https://sts.windows.net/${CONTOSO}/`, { tid: CONTOSO }), false, 'v1 issuer');
  assert.equal(accept('https://login.microsoftonline.com/{tenantid}/v2.0', { tid: '{tenantid}' }), false, 'template');
  assert.equal(accept(iss(CONTOSO), {}), false, 'no tid');
});

test('microsoft acceptIssuer: consumers only takes personal accounts, organizations never does', () => {
  const consumers = microsoft({ ...required, tenant: 'consumers' });
  assert.equal(consumers.issuer, 'https://login.microsoftonline.com/consumers/v2.0');
  assert.equal(consumers.acceptIssuer!(iss(MSA), { tid: MSA }), true);
  assert.equal(consumers.acceptIssuer!(iss(CONTOSO), { tid: CONTOSO }), false);

  const organizations = microsoft({ ...required, tenant: 'organizations' });
  assert.equal(organizations.acceptIssuer!(iss(CONTOSO), { tid: CONTOSO }), true);
  assert.equal(organizations.acceptIssuer!(iss(MSA), { tid: MSA }), false);
  assert.equal(microsoftIssuerRule('common')(iss(MSA), { tid: MSA }), true);
});

test('microsoft with a single tenant pins its issuer and sets no acceptIssuer', () => {
  const p = microsoft({ ...required, tenant: CONTOSO });
  assert.equal(p.issuer, iss(CONTOSO));
  assert.equal(p.acceptIssuer, undefined);
});

test('microsoft authority (national cloud, emulator) moves the issuer and keeps the {tenantid} rule on that host', () => {
  const p = microsoft({ ...required, authority: 'https://login.microsoftonline.us/' });
  assert.equal(p.issuer, 'https://login.microsoftonline.us/common/v2.0');
  assert.equal(p.acceptIssuer!(`https://login.microsoftonline.us/${CONTOSO}/v2.0`, { tid: CONTOSO }), true);
  assert.equal(p.acceptIssuer!(iss(CONTOSO), { tid: CONTOSO }), false, 'the global host is another issuer');
  assert.equal(microsoft({ ...required, authority: 'https://login.microsoftonline.us', tenant: CONTOSO }).issuer, `https://login.microsoftonline.us/${CONTOSO}/v2.0`);
  assert.throws(() => microsoft({ ...required, authority: 'not a url' }), OAuthConfigError);
  assert.throws(() => microsoft({ ...required, authority: 'http://login.example.com' }), OAuthConfigError);
});
