import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { calendly, mapCalendlyProfile } from '../../../src/providers/calendly.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/calendly-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('calendly-profile.json is dated and sourced', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
});

test('mapCalendlyProfile maps the documented payload (calendly-profile.json)', () => {
  assert.deepEqual(mapCalendlyProfile(fixture), { id: 'https://api.calendly.com/users/AAAAAAAAAAAAAAAA', username: 'acmesales', name: 'John Doe', email: 'test@example.com', avatarUrl: 'https://01234567890.cloudfront.net/uploads/user/avatar/0123456/a1b2c3d4.png' });
});

test('mapCalendlyProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapCalendlyProfile({ resource: { uri: 'https://api.calendly.com/users/AAAAAAAAAAAAAAAA', avatar_url: null } }), { id: 'https://api.calendly.com/users/AAAAAAAAAAAAAAAA' });
  assert.deepEqual(mapCalendlyProfile({ uri: 'https://api.calendly.com/users/BBBB', name: 'Bare' }), { id: 'https://api.calendly.com/users/BBBB', name: 'Bare' });
});

test('mapCalendlyProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapCalendlyProfile({ resource: { name: 'John Doe', email: 'test@example.com' } }), TypeError);
  assert.throws(() => mapCalendlyProfile({}), TypeError);
  assert.throws(() => mapCalendlyProfile(null), TypeError);
});

test('calendly() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = calendly(required);
  assert.equal(p.name, 'calendly');
  assert.equal(p.displayName, 'Calendly');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://auth.calendly.com/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://auth.calendly.com/oauth/token');
  assert.equal(p.revocationEndpoint, 'https://auth.calendly.com/oauth/revoke');
  assert.equal(p.userinfoEndpoint, 'https://api.calendly.com/users/me');
  assert.equal(p.apiBaseUrl, 'https://api.calendly.com/');
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapCalendlyProfile);
  assert.deepEqual([...p.quirks], ['resource-wrapper', 'uri-as-id']);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/calendly\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'developer');
  assert.ok(Array.isArray(p.docs?.unverified) && p.docs.unverified.every((f) => typeof f === 'string' && f.length > 0));
});

test('calendly() returns a frozen provider', () => {
  const p = calendly(required);
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

test('calendly() applies overrides', () => {
  const p = calendly({
    ...required,
    name: 'calendly-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'calendly-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/calendly-two\/callback/);
});

test('calendly() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => calendly({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => calendly({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
