import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ProfileFetchContext } from '../../../src/types.ts';
import { OAuthConfigError } from '../../../src/errors.ts';
import { github, mapGithubProfile } from '../../../src/providers/github.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/github-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

/** A fake ProfileFetchContext that records every call and answers from a table. */
function fakeCtx(scope: string[], answers: Record<string, unknown>) {
  const calls: { get: string[]; tryGet: string[] } = { get: [], tryGet: [] };
  const ctx: ProfileFetchContext = {
    scope,
    tokens: { accessToken: 'gho_test' },
    get: async (url) => {
      calls.get.push(url);
      if (!(url in answers)) throw new Error(`unexpected GET ${url}`);
      return answers[url];
    },
    tryGet: async (url) => {
      calls.tryGet.push(url);
      return answers[url];
    },
  };
  return { ctx, calls };
}

test('mapGithubProfile maps the documented payload (github-profile.json)', () => {
  assert.deepEqual(mapGithubProfile(fixture), { id: '1', username: 'octocat', name: 'monalisa octocat', email: 'octocat@github.com', avatarUrl: 'https://github.com/images/error/octocat_happy.gif' });
});

test('mapGithubProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapGithubProfile({ id: 583231 }), { id: '583231' });
  assert.deepEqual(mapGithubProfile({ id: 583231, login: 'octocat', name: null, email: null, avatar_url: null }), { id: '583231', username: 'octocat' });
  assert.deepEqual(mapGithubProfile({ id: 1, login: 'octocat', email: 'octo@github.com', email_verified: true }), { id: '1', username: 'octocat', email: 'octo@github.com', emailVerified: true });
});

test('mapGithubProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapGithubProfile({ login: 'octocat' }), TypeError);
  assert.throws(() => mapGithubProfile({}), TypeError);
  assert.throws(() => mapGithubProfile(null), TypeError);
});

test('github() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = github(required);
  assert.equal(p.name, 'github');
  assert.equal(p.displayName, 'GitHub');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://github.com/login/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://github.com/login/oauth/access_token');
  assert.equal(p.userinfoEndpoint, 'https://api.github.com/user');
  assert.equal(p.apiBaseUrl, 'https://api.github.com/');
  assert.equal(p.issuer, 'https://github.com/login/oauth');
  assert.deepEqual(p.scope, ['read:user', 'user:email']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.deepEqual(p.apiHeaders, { 'User-Agent': 'express-oauth-kit', Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' });
  assert.equal(typeof p.fetchProfile, 'function');
  assert.equal(p.profile, mapGithubProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/github\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('github() returns a frozen provider', () => {
  const p = github(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('github() applies overrides', () => {
  const p = github({
    ...required,
    name: 'github-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'github-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/github-two\/callback/);
});

test('github() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => github({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => github({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('github() enterpriseUrl switches every endpoint to the GHES host', () => {
  const p = github({ ...required, enterpriseUrl: 'https://ghe.example.com/' });
  assert.equal(p.authorizationEndpoint, 'https://ghe.example.com/login/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://ghe.example.com/login/oauth/access_token');
  assert.equal(p.apiBaseUrl, 'https://ghe.example.com/api/v3/');
  assert.equal(p.userinfoEndpoint, 'https://ghe.example.com/api/v3/user');
  assert.equal(p.issuer, 'https://ghe.example.com/login/oauth');
  assert.throws(() => github({ ...required, enterpriseUrl: 'ghe.example.com' }), OAuthConfigError);
});

test('github fetchProfile: a private email comes from the primary verified /user/emails entry', async () => {
  const { ctx, calls } = fakeCtx(['read:user', 'user:email'], {
    '/user': { id: 1, login: 'octocat', email: null },
    '/user/emails': [
      { email: 'old@example.com', primary: false, verified: true, visibility: null },
      { email: 'unverified@example.com', primary: false, verified: false, visibility: null },
      { email: 'octocat@github.com', primary: true, verified: true, visibility: 'private' },
    ],
  });
  const raw = await github(required).fetchProfile!(ctx);
  assert.deepEqual(calls, { get: ['/user'], tryGet: ['/user/emails'] });
  assert.deepEqual(raw, { id: 1, login: 'octocat', email: 'octocat@github.com', email_verified: true });
  assert.deepEqual(mapGithubProfile(raw), { id: '1', username: 'octocat', email: 'octocat@github.com', emailVerified: true });
});

test('github fetchProfile: without user:email (or user) in scope, /user/emails is not called', async () => {
  const { ctx, calls } = fakeCtx(['read:user'], { '/user': { id: 1, login: 'octocat', email: null } });
  const raw = await github(required).fetchProfile!(ctx);
  assert.deepEqual(calls, { get: ['/user'], tryGet: [] });
  assert.deepEqual(raw, { id: 1, login: 'octocat', email: null });
  assert.equal(mapGithubProfile(raw).email, undefined);
});

test('github fetchProfile: the broader user scope also allows /user/emails', async () => {
  const { ctx, calls } = fakeCtx(['user'], {
    '/user': { id: 2, login: 'hubot', email: null },
    '/user/emails': [{ email: 'hubot@github.com', primary: true, verified: true }],
  });
  const raw = (await github(required).fetchProfile!(ctx)) as Record<string, unknown>;
  assert.deepEqual(calls.tryGet, ['/user/emails']);
  assert.equal(raw.email, 'hubot@github.com');
});

test('github fetchProfile: a public email, an unverified primary, or a refused /user/emails leave the profile as is', async () => {
  const publicEmail = fakeCtx(['user:email'], { '/user': { id: 1, email: 'public@example.com' } });
  assert.deepEqual(await github(required).fetchProfile!(publicEmail.ctx), { id: 1, email: 'public@example.com' });
  assert.deepEqual(publicEmail.calls.tryGet, []);

  const unverified = fakeCtx(['user:email'], {
    '/user': { id: 1, email: null },
    '/user/emails': [{ email: 'new@example.com', primary: true, verified: false }],
  });
  assert.deepEqual(await github(required).fetchProfile!(unverified.ctx), { id: 1, email: null });

  const refused = fakeCtx(['user:email'], { '/user': { id: 1, email: null } }); // tryGet resolves undefined (403)
  assert.deepEqual(await github(required).fetchProfile!(refused.ctx), { id: 1, email: null });
  assert.deepEqual(refused.calls.tryGet, ['/user/emails']);
});

test('github fetchProfile: a userinfoEndpoint override is used for the profile call', async () => {
  const { ctx, calls } = fakeCtx(['read:user'], { 'http://127.0.0.1:4000/user': { id: 9, login: 'emu' } });
  const p = github({ ...required, userinfoEndpoint: 'http://127.0.0.1:4000/user' });
  assert.deepEqual(await p.fetchProfile!(ctx), { id: 9, login: 'emu' });
  assert.deepEqual(calls.get, ['http://127.0.0.1:4000/user']);
});
