import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { nextcloud, mapNextcloudProfile } from '../../../src/providers/nextcloud.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/nextcloud-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret', instanceUrl: 'https://cloud.example.org' };

test('mapNextcloudProfile maps the documented payload (nextcloud-profile.json)', () => {
  assert.match(fixture._fixture.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(fixture._fixture.source, /^https:\/\//);
  assert.deepEqual(mapNextcloudProfile(fixture), { id: 'jane', username: 'jane', name: 'Jane Doe', email: 'jane@example.org' });
});

test('mapNextcloudProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapNextcloudProfile({ ocs: { data: { id: 'jane' } } }), { id: 'jane', username: 'jane' });
  assert.deepEqual(mapNextcloudProfile({ ocs: { data: { id: 'jane', displayname: 'J', email: null } } }), { id: 'jane', username: 'jane', name: 'J' });
});

test('mapNextcloudProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapNextcloudProfile({ ocs: { meta: { status: 'failure', statuscode: 997 }, data: [] } }), TypeError);
  assert.throws(() => mapNextcloudProfile({ id: 'jane' }), TypeError);
  assert.throws(() => mapNextcloudProfile({}), TypeError);
  assert.throws(() => mapNextcloudProfile(null), TypeError);
});

test('nextcloud() defaults: endpoints, scope, client auth, PKCE, docs', () => {
  const p = nextcloud(required);
  assert.equal(p.name, 'nextcloud');
  assert.equal(p.displayName, "Nextcloud");
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://cloud.example.org/apps/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'https://cloud.example.org/apps/oauth2/api/v1/token');
  assert.equal(p.userinfoEndpoint, 'https://cloud.example.org/ocs/v2.php/cloud/user?format=json');
  assert.equal(p.apiBaseUrl, 'https://cloud.example.org/');
  assert.deepEqual({ ...p.apiHeaders }, { 'OCS-APIRequest': 'true' });
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapNextcloudProfile);
  assert.ok(p.quirks.length > 0, 'names the quirks it handles');
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/nextcloud\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.equal(p.docs?.kind, 'self-hosted');
  assert.ok(Array.isArray(p.docs?.unverified), 'lists what could not be confirmed');
});

test('nextcloud() returns a frozen provider', () => {
  const p = nextcloud(required);
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

test('nextcloud() applies overrides (name, scope, endpoints on 127.0.0.1)', () => {
  const p = nextcloud({
    ...required,
    name: 'nextcloud-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/apps/oauth2/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/apps/oauth2/api/v1/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/ocs/v2.php/cloud/user?format=json',
    apiBaseUrl: 'http://127.0.0.1:4000/',
  });
  assert.equal(p.name, 'nextcloud-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/apps/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/apps/oauth2/api/v1/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/ocs/v2.php/cloud/user?format=json');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/nextcloud-two\/callback/);
});

test('nextcloud() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => nextcloud({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => nextcloud({ ...required, clientId: undefined as unknown as string }), /clientId/);
  assert.throws(() => nextcloud({ ...required, name: 'Bad Name!' }), OAuthConfigError);
});

test("nextcloud() needs an instanceUrl, keeps a subdirectory and adds index.php only to the OAuth endpoints", () => {
  assert.throws(() => nextcloud({ clientId: 'c', clientSecret: 's' } as any), OAuthConfigError);
  assert.throws(() => nextcloud({ clientId: 'c', clientSecret: 's', instanceUrl: '' }), /instanceUrl is required/);
  const p = nextcloud({ clientId: 'c', clientSecret: 's', instanceUrl: 'https://example.org/nextcloud/', indexPhp: true });
  assert.equal(p.authorizationEndpoint, 'https://example.org/nextcloud/index.php/apps/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'https://example.org/nextcloud/index.php/apps/oauth2/api/v1/token');
  assert.equal(p.userinfoEndpoint, 'https://example.org/nextcloud/ocs/v2.php/cloud/user?format=json');
});
