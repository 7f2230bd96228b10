import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { ory, mapOryProfile } from '../../../src/providers/ory.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/ory-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', domain: 'affectionate-hopper-abc123.projects.oryapis.com' };

test('ory-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapOryProfile maps the documented payload (ory-profile.json)', () => {
  assert.deepEqual(mapOryProfile(fixture), { id: '5b4c6f4e-1a9f-4d54-8a42-2d1f0a5e8c11', name: 'Jane Doe', email: 'jane@example.org', emailVerified: true });
});

test('mapOryProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapOryProfile({ sub: '5b4c6f4e-1a9f-4d54-8a42-2d1f0a5e8c11' }), { id: '5b4c6f4e-1a9f-4d54-8a42-2d1f0a5e8c11' });
  assert.deepEqual(mapOryProfile({ sub: 'x', nickname: 'jd', email_verified: false }), { id: 'x', username: 'jd', emailVerified: false });
});

test('mapOryProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapOryProfile({ email: 'jane@example.org' }), TypeError);
  assert.throws(() => mapOryProfile({}), TypeError);
  assert.throws(() => mapOryProfile(null), TypeError);
});

test('ory() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = ory(required);
  assert.equal(p.name, 'ory');
  assert.equal(p.displayName, 'Ory');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://affectionate-hopper-abc123.projects.oryapis.com');
  assert.deepEqual(p.scope, ['openid', 'profile', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapOryProfile);
  assert.deepEqual([...p.quirks], ['project-domain']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/ory\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'enterprise');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('ory() returns a frozen provider', () => {
  const p = ory(required);
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

test('ory() applies overrides', () => {
  const p = ory({
    ...required,
    name: 'ory-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/userinfo',
  });
  assert.equal(p.name, 'ory-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/userinfo');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/ory-two\/callback/);
});

test('ory() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => ory({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => ory({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('ory() takes a custom domain or a self-hosted Hydra issuer, and needs one of them', () => {
  assert.equal(ory({ clientId: 'c', clientSecret: 's', domain: 'auth.example.com' }).issuer, 'https://auth.example.com');
  assert.equal(ory({ clientId: 'c', clientSecret: 's', issuer: 'https://hydra.example.com/' }).issuer, 'https://hydra.example.com/');
  assert.throws(() => ory({ clientId: 'c', clientSecret: 's' }), OAuthConfigError);
});
