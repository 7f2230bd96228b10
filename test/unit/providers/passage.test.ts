import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { passage, mapPassageProfile } from '../../../src/providers/passage.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/passage-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', domain: 'my-app.withpassage.com' };

test('mapPassageProfile maps the documented payload (passage-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapPassageProfile(fixture), { id: 'Hs3n6XzLLXoNhUyZ8rNvYtDC', email: 'user@example.com', emailVerified: true });
});

test('mapPassageProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapPassageProfile({ sub: 'u1' }), { id: 'u1' });
  assert.deepEqual(mapPassageProfile({ sub: 'u1', phone: '+15555550100', phone_number_verified: true }), { id: 'u1', username: '+15555550100' });
  assert.deepEqual(mapPassageProfile({ sub: 'u1', email: '', email_verified: true }), { id: 'u1' });
});

test('mapPassageProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapPassageProfile({ email: 'user@example.com' }), TypeError);
  assert.throws(() => mapPassageProfile({}), TypeError);
  assert.throws(() => mapPassageProfile(null), TypeError);
});

test('passage() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = passage(required);
  assert.equal(p.name, 'passage');
  assert.equal(p.displayName, "Passage");
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://my-app.withpassage.com');
  assert.equal(p.authorizationEndpoint, undefined);
  assert.deepEqual(p.scope, ['openid', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapPassageProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/passage\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'developer');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('passage() returns a frozen provider', () => {
  const p = passage(required);
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

test('passage() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = passage({
    ...required,
    name: 'passage-two',
    scope: ['only-this'],
    issuer: 'http://127.0.0.1:4000',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'passage-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/passage-two\/callback/);
});

test('passage() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => passage({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => passage({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => passage({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});

test("passage() needs a domain or an issuer", () => {
  assert.throws(() => passage({ clientId: 'c', clientSecret: 's' }), OAuthConfigError);
  assert.throws(() => passage({ clientId: 'c', clientSecret: 's', domain: 'my app/withpassage' }), OAuthConfigError);
  assert.equal(passage({ clientId: 'c', clientSecret: 's', domain: 'https://auth.example.com/' }).issuer, 'https://auth.example.com');
  assert.equal(passage({ clientId: 'c', clientSecret: 's', issuer: 'https://my-app.withpassage.com' }).issuer, 'https://my-app.withpassage.com');
});
