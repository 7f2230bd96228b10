import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { pipedrive, mapPipedriveProfile } from '../../../src/providers/pipedrive.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/pipedrive-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapPipedriveProfile maps the documented payload (pipedrive-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapPipedriveProfile(fixture), { id: '123', name: 'Jane Doe', email: 'jane.doe@example.com', avatarUrl: 'https://pipedrive-profile-pics.s3.amazonaws.com/example_128.png' });
});

test('mapPipedriveProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapPipedriveProfile({ success: true, data: { id: 1 } }), { id: '1' });
  assert.deepEqual(mapPipedriveProfile({ success: true, data: { id: 1, name: '', icon_url: null } }), { id: '1' });
});

test('mapPipedriveProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapPipedriveProfile({ success: false, error: 'unauthorized access', errorCode: 401 }), TypeError);
  assert.throws(() => mapPipedriveProfile({ id: 1 }), TypeError);
  assert.throws(() => mapPipedriveProfile({}), TypeError);
  assert.throws(() => mapPipedriveProfile(null), TypeError);
});

test('pipedrive() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = pipedrive(required);
  assert.equal(p.name, 'pipedrive');
  assert.equal(p.displayName, "Pipedrive");
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://oauth.pipedrive.com/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://oauth.pipedrive.com/oauth/token');
  assert.equal(p.userinfoEndpoint, 'https://api.pipedrive.com/v1/users/me');
  assert.equal(p.apiBaseUrl, 'https://api.pipedrive.com/');
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapPipedriveProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/pipedrive\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'developer');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('pipedrive() returns a frozen provider', () => {
  const p = pipedrive(required);
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

test('pipedrive() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = pipedrive({
    ...required,
    name: 'pipedrive-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/oauth/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/oauth/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/v1/users/me',
    apiBaseUrl: 'https://acme.pipedrive.com/',
  });
  assert.equal(p.name, 'pipedrive-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/oauth/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/v1/users/me');
  assert.equal(p.apiBaseUrl, 'https://acme.pipedrive.com/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/pipedrive-two\/callback/);
});

test('pipedrive() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => pipedrive({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => pipedrive({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => pipedrive({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});
