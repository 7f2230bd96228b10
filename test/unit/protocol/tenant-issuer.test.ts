import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitsTemplate, tenantIssuer, tenantTemplate, unverifiedClaims, wellKnownUrl } from '../../../src/protocol/tenant-issuer.ts';
import { microsoft } from '../../../src/providers/microsoft.ts';

const T = 'https://login.microsoftonline.com/{tenantid}/v2.0';
const TID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

test('tenantTemplate: a {tenantid} template must have the configured issuer as an instance; a plain issuer must equal it', () => {
  assert.equal(tenantTemplate('https://login.microsoftonline.com/common/v2.0', T), T);
  assert.equal(tenantTemplate('https://id.example.com', 'https://id.example.com/'), undefined);
  assert.throws(() => tenantTemplate('https://login.evil.example/common/v2.0', T), TypeError);
  assert.throws(() => tenantTemplate('https://login.microsoftonline.com/common/v1.0', T), TypeError);
  assert.throws(() => tenantTemplate('https://id.example.com', 'https://other.example.com'), TypeError);
});

test('tenantIssuer: the iss must be the template with the token\'s own tid, and accepted', () => {
  const yes = () => true;
  assert.equal(tenantIssuer(T, yes, { iss: `https://login.microsoftonline.com/${TID}/v2.0`, tid: TID }), `https://login.microsoftonline.com/${TID}/v2.0`);
  assert.equal(tenantIssuer(T, yes, { iss: `https://login.microsoftonline.com/${TID}/v2.0`, tid: 'a1b2c3d4-0000-4000-8000-00000000c0de' }), undefined, 'another tenant');
  assert.equal(tenantIssuer(T, yes, { iss: `https://login.microsoftonline.com/${TID}/v2.0` }), undefined, 'no tid');
  assert.equal(tenantIssuer(T, yes, { iss: 'https://login.microsoftonline.com/../v2.0', tid: '..' }), undefined);
  assert.equal(tenantIssuer(T, () => false, { iss: `https://login.microsoftonline.com/${TID}/v2.0`, tid: TID }), undefined, 'refused by acceptIssuer');
  assert.equal(tenantIssuer(T, yes, undefined), undefined);
});

test('fitsTemplate, wellKnownUrl, unverifiedClaims', () => {
  assert.equal(fitsTemplate(T, `https://login.microsoftonline.com/${TID}/v2.0`), true);
  assert.equal(fitsTemplate(T, `https://login.microsoftonline.com/${TID}/v2.0/x`), false);
  assert.equal(wellKnownUrl('https://login.microsoftonline.com/common/v2.0/').href, 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration');
  const jwt = `e30.${Buffer.from(JSON.stringify({ iss: 'x', tid: 'y' })).toString('base64url')}.sig`;
  assert.deepEqual(unverifiedClaims(jwt), { iss: 'x', tid: 'y' });
  assert.equal(unverifiedClaims('not-a-jwt'), undefined);
  assert.equal(unverifiedClaims(`e30.${Buffer.from('[1]').toString('base64url')}.s`), undefined);
});

test('microsoft({ authority }): the issuer and the tenant rule follow the cloud\'s login host', () => {
  const p = microsoft({ clientId: 'id', clientSecret: 's', tenant: 'organizations', authority: 'https://login.microsoftonline.us/' });
  assert.equal(p.issuer, 'https://login.microsoftonline.us/organizations/v2.0');
  assert.equal(p.acceptIssuer!(`https://login.microsoftonline.us/${TID}/v2.0`, { tid: TID }), true);
  assert.equal(p.acceptIssuer!(`https://login.microsoftonline.com/${TID}/v2.0`, { tid: TID }), false, 'another cloud');
});
