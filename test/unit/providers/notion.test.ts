import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { notion, mapNotionProfile } from '../../../src/providers/notion.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/notion-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapNotionProfile maps the documented payload (notion-profile.json)', () => {
  assert.deepEqual(mapNotionProfile(fixture), { id: '5389a034-eb5c-47b5-8a9e-f79c99ef166c', name: 'christine makenotion', email: 'christine@makenotion.com', avatarUrl: 'https://s3-us-west-2.amazonaws.com/public.notion-static.com/e6a352a8-8381-44d0-a1dc-9ed80e62b53d/avatar.jpg' });
});

test('mapNotionProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapNotionProfile({ object: 'user', id: '5389a034', type: 'person', person: {} }), { id: '5389a034' });
  assert.deepEqual(mapNotionProfile({ type: 'bot', bot: { owner: { type: 'user', user: { id: 'u1', avatar_url: null } } } }), { id: 'u1' });
});

test('mapNotionProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapNotionProfile({ type: 'bot', id: 'bot-id', bot: { owner: { type: 'workspace', workspace: true } } }), TypeError);
  assert.throws(() => mapNotionProfile({ object: 'error', status: 401 }), TypeError);
});

test('notion() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = notion(required);
  assert.equal(p.name, 'notion');
  assert.equal(p.displayName, 'Notion');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://api.notion.com/v1/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://api.notion.com/v1/oauth/token');
  assert.equal(p.userinfoEndpoint, 'https://api.notion.com/v1/users/me');
  assert.equal(p.apiBaseUrl, 'https://api.notion.com/v1/');
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.deepEqual(p.apiHeaders, { 'Notion-Version': '2022-06-28' });
  assert.deepEqual(p.authorizationParams, { owner: 'user' });
  assert.equal(p.profile, mapNotionProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/notion\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('notion() returns a frozen provider', () => {
  const p = notion(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('notion() applies overrides', () => {
  const p = notion({
    ...required,
    name: 'notion-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'notion-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/notion-two\/callback/);
});

test('notion() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => notion({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => notion({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
