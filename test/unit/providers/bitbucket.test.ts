import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ProfileFetchContext } from '../../../src/types.ts';
import { OAuthConfigError } from '../../../src/errors.ts';
import { bitbucket, mapBitbucketProfile } from '../../../src/providers/bitbucket.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/bitbucket-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'consumer-key', clientSecret: 'consumer-secret' };

test('mapBitbucketProfile maps the documented payload (bitbucket-profile.json)', () => {
  assert.deepEqual(mapBitbucketProfile(fixture), { id: '557058:c0b72ad0-1cb5-4018-9cdc-0cde8492c443', username: 'evzijst', name: 'Erik van Zijst', avatarUrl: 'https://secure.gravatar.com/avatar/d5a4c6b7a3c2d8ed?d=https%3A%2F%2Favatar-management--avatars.us-west-2.prod.public.atl-paas.net%2Finitials%2FEZ-1.png' });
});

test('mapBitbucketProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapBitbucketProfile({ uuid: '{d301aafa-d676-4ee0-88be-962be7417567}' }), { id: '{d301aafa-d676-4ee0-88be-962be7417567}' });
  assert.deepEqual(mapBitbucketProfile({ account_id: '557058:c0b72ad0', links: {} }), { id: '557058:c0b72ad0' });
});

test('mapBitbucketProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapBitbucketProfile({ nickname: 'evzijst' }), TypeError);
  assert.throws(() => mapBitbucketProfile({ type: 'error', error: { message: 'Access token expired.' } }), TypeError);
});

test('bitbucket() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = bitbucket(required);
  assert.equal(p.name, 'bitbucket');
  assert.equal(p.displayName, 'Bitbucket');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://bitbucket.org/site/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'https://bitbucket.org/site/oauth2/access_token');
  assert.equal(p.userinfoEndpoint, 'https://api.bitbucket.org/2.0/user');
  assert.equal(p.apiBaseUrl, 'https://api.bitbucket.org/2.0/');
  assert.deepEqual(p.scope, ['account', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapBitbucketProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/bitbucket\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('bitbucket() returns a frozen provider', () => {
  const p = bitbucket(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('bitbucket() applies overrides', () => {
  const p = bitbucket({
    ...required,
    name: 'bitbucket-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'bitbucket-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/bitbucket-two\/callback/);
});

test('bitbucket() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => bitbucket({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => bitbucket({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('bitbucket fetchProfile adds the primary address from /user/emails when the email scope is granted', async () => {
  const calls: string[] = [];
  const ctx = (scope: string[]): ProfileFetchContext => ({
    scope,
    tokens: { accessToken: 't' },
    get: async (url) => {
      calls.push(`get ${url}`);
      return { account_id: '557058:c0b72ad0', nickname: 'evzijst' };
    },
    tryGet: async (url) => {
      calls.push(`tryGet ${url}`);
      return { values: [{ email: 'old@example.com', is_primary: false, is_confirmed: true }, { email: 'erik@example.com', is_primary: true, is_confirmed: true }] };
    },
  });
  const raw = await bitbucket(required).fetchProfile!(ctx(['account', 'email']));
  assert.deepEqual(calls, ['get /user', 'tryGet /user/emails']);
  assert.deepEqual(mapBitbucketProfile(raw), { id: '557058:c0b72ad0', username: 'evzijst', email: 'erik@example.com', emailVerified: true });

  calls.length = 0;
  await bitbucket(required).fetchProfile!(ctx(['account']));
  assert.deepEqual(calls, ['get /user']);
});
