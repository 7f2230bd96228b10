import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { linkedin, mapLinkedinProfile } from '../../../src/providers/linkedin.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/linkedin-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapLinkedinProfile maps the documented payload (linkedin-profile.json)', () => {
  assert.deepEqual(mapLinkedinProfile(fixture), { id: '782bbtaQ', name: 'John Doe', email: 'doe@email.com', emailVerified: true, avatarUrl: 'https://media.licdn-ei.com/dms/image/C5F03AQHqK8v7tB1HCQ/profile-displayphoto-shrink_100_100/0/' });
});

test('mapLinkedinProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapLinkedinProfile({ sub: '782bbtaQ' }), { id: '782bbtaQ' });
  assert.deepEqual(mapLinkedinProfile({ sub: 'a', given_name: 'John', family_name: 'Doe' }), { id: 'a', name: 'John Doe' });
});

test('mapLinkedinProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapLinkedinProfile({ name: 'John Doe' }), TypeError);
  assert.throws(() => mapLinkedinProfile({}), TypeError);
});

test('linkedin() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = linkedin(required);
  assert.equal(p.name, 'linkedin');
  assert.equal(p.displayName, 'LinkedIn');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://www.linkedin.com/oauth');
  assert.equal(p.apiBaseUrl, 'https://api.linkedin.com/v2/');
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapLinkedinProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/linkedin\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('linkedin() returns a frozen provider', () => {
  const p = linkedin(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('linkedin() applies overrides', () => {
  const p = linkedin({
    ...required,
    name: 'linkedin-two',
    scope: ['only-this'],
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
    issuer: 'http://127.0.0.1:4000',
  });
  assert.equal(p.name, 'linkedin-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/linkedin-two\/callback/);
});

test('linkedin() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => linkedin({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => linkedin({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
