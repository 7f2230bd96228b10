import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { atlassian, mapAtlassianProfile } from '../../../src/providers/atlassian.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/atlassian-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapAtlassianProfile maps the documented payload (atlassian-profile.json)', () => {
  assert.deepEqual(mapAtlassianProfile(fixture), { id: '112233aa-bb11-cc22-33dd-445566abcabc', username: 'mkrystof', name: 'Mia Krystof', email: 'mia@example.com', avatarUrl: 'https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/112233aa-bb11-cc22-33dd-445566abcabc/1234abcd-9876-54aa-33aa-1234dfsade9487ds' });
});

test('mapAtlassianProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapAtlassianProfile({ account_id: '112233aa-bb11-cc22-33dd-445566abcabc' }), { id: '112233aa-bb11-cc22-33dd-445566abcabc' });
});

test('mapAtlassianProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapAtlassianProfile({ name: 'Mia Krystof' }), TypeError);
  assert.throws(() => mapAtlassianProfile({ code: 401, message: 'Unauthorized' }), TypeError);
});

test('atlassian() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = atlassian(required);
  assert.equal(p.name, 'atlassian');
  assert.equal(p.displayName, 'Atlassian');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://auth.atlassian.com/authorize');
  assert.equal(p.tokenEndpoint, 'https://auth.atlassian.com/oauth/token');
  assert.equal(p.userinfoEndpoint, 'https://api.atlassian.com/me');
  assert.equal(p.apiBaseUrl, 'https://api.atlassian.com/');
  assert.deepEqual(p.scope, ['read:me']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.deepEqual(p.authorizationParams, { audience: 'api.atlassian.com', prompt: 'consent' });
  assert.equal(p.profile, mapAtlassianProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/atlassian\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('atlassian() returns a frozen provider', () => {
  const p = atlassian(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('atlassian() applies overrides', () => {
  const p = atlassian({
    ...required,
    name: 'atlassian-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'atlassian-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/atlassian-two\/callback/);
});

test('atlassian() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => atlassian({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => atlassian({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
