import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { mailchimp, mapMailchimpProfile } from '../../../src/providers/mailchimp.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/mailchimp-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapMailchimpProfile maps the documented payload (mailchimp-profile.json)', () => {
  assert.deepEqual(mapMailchimpProfile(fixture), {"id": "42", "username": "freddie", "name": "Freddie's Jokes", "email": "freddie@example.com"});
});

test('mapMailchimpProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapMailchimpProfile({"user_id": 42, "login": {"avatar": null}}), {"id": "42"});
});

test('mapMailchimpProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapMailchimpProfile({"accountname": "Freddie", "login": {"email": "f@example.com"}}), TypeError);
  assert.throws(() => mapMailchimpProfile({}), TypeError);
  assert.throws(() => mapMailchimpProfile(null), TypeError);
});

test('mailchimp() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = mailchimp(required);
  assert.equal(p.name, "mailchimp");
  assert.equal(p.displayName, "Mailchimp");
  assert.equal(p.protocol, "oauth2");
  assert.equal(p.authorizationEndpoint, "https://login.mailchimp.com/oauth2/authorize");
  assert.equal(p.tokenEndpoint, "https://login.mailchimp.com/oauth2/token");
  assert.equal(p.userinfoEndpoint, "https://login.mailchimp.com/oauth2/metadata");
  assert.equal(p.apiBaseUrl, undefined);
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, "client_secret_post");
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapMailchimpProfile);
  assert.ok(p.quirks.length > 0 && p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/mailchimp\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
  assert.ok(['social', 'developer', 'enterprise', 'self-hosted'].includes(p.docs?.kind ?? ''), 'kind is set');
  assert.ok(Array.isArray(p.docs?.unverified), 'unverified facts are listed');
});

test('mailchimp() returns a frozen provider', () => {
  const p = mailchimp(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('mailchimp() applies overrides', () => {
  const p = mailchimp({
    ...required,
    name: 'mailchimp-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'mailchimp-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/mailchimp-two\/callback/);
});

test('mailchimp() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => mailchimp({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => mailchimp({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('mailchimp calls the metadata endpoint with the OAuth scheme and repairs the token answer', async () => {
  const p = mailchimp(required);
  const seen: unknown[] = [];
  const get = async (url: string, init?: { headers?: Record<string, string> }) => {
    seen.push([url, init?.headers]);
    return fixture;
  };
  assert.equal(await p.fetchProfile!({ get, tryGet: get, tokens: { accessToken: 'tok' }, scope: [] }), fixture);
  assert.deepEqual(seen, [['https://login.mailchimp.com/oauth2/metadata', { Authorization: 'OAuth tok' }]]);
  assert.deepEqual(p.normalizeTokenResponse!({ access_token: 'tok', expires_in: 0, scope: null }), { access_token: 'tok', token_type: 'bearer' });
  assert.deepEqual(p.normalizeTokenResponse!({ access_token: 'tok', expires_in: 3600, token_type: 'Bearer' }), { access_token: 'tok', expires_in: 3600, token_type: 'Bearer' });
});
