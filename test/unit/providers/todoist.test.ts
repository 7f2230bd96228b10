import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { todoist, mapTodoistProfile } from '../../../src/providers/todoist.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/todoist-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapTodoistProfile maps the documented payload (todoist-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapTodoistProfile(fixture), { id: '2671355', name: 'Jane Doe', email: 'jane.doe@example.com', avatarUrl: 'https://dcff1xvirvpfp.cloudfront.net/example_big.jpg' });
});

test('mapTodoistProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapTodoistProfile({ id: 1 }), { id: '1' });
  assert.deepEqual(mapTodoistProfile({ id: '1', avatar_big: null, avatar_small: 'https://x.example/s.jpg' }), { id: '1', avatarUrl: 'https://x.example/s.jpg' });
});

test('mapTodoistProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapTodoistProfile({ error: 'Unauthorized' }), TypeError);
  assert.throws(() => mapTodoistProfile({ email: 'jane@example.com' }), TypeError);
  assert.throws(() => mapTodoistProfile({}), TypeError);
  assert.throws(() => mapTodoistProfile(null), TypeError);
});

test('todoist() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = todoist(required);
  assert.equal(p.name, 'todoist');
  assert.equal(p.displayName, "Todoist");
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://todoist.com/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://todoist.com/oauth/access_token');
  assert.equal(p.userinfoEndpoint, 'https://api.todoist.com/api/v1/user');
  assert.equal(p.apiBaseUrl, 'https://api.todoist.com/api/v1/');
  assert.equal(p.scopeSeparator, ',');
  assert.deepEqual(p.scope, ['data:read']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapTodoistProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/todoist\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'developer');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('todoist() returns a frozen provider', () => {
  const p = todoist(required);
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

test('todoist() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = todoist({
    ...required,
    name: 'todoist-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/oauth/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/oauth/access_token',
    userinfoEndpoint: 'http://127.0.0.1:4000/api/v1/user',
    apiBaseUrl: 'http://127.0.0.1:4000/api/v1/',
  });
  assert.equal(p.name, 'todoist-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/oauth/access_token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/api/v1/user');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/v1/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/todoist-two\/callback/);
});

test('todoist() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => todoist({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => todoist({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => todoist({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});
