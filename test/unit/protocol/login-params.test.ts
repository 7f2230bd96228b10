import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLoginHint, checkMaxAge, checkPrompt, loginParamsToRequest, loginQuery, pickLoginParams } from '../../../src/protocol/login-params.ts';
import { checkAcr, grantRecord, splitScope } from '../../../src/protocol/auth-checks.ts';
import { github, oidc, twitter } from '../../../src/index.ts';

const corp = oidc({ name: 'corp', issuer: 'https://id.example.com', clientId: 'c', clientSecret: 's', allowedScopes: ['api:read', 'offline_access'] });

test('prompt: only none, login, consent, select_account; none alone', () => {
  for (const ok of ['none', 'login', 'consent', 'select_account', 'login consent']) assert.equal(checkPrompt(ok), ok);
  for (const bad of ['create', 'none login', '', ' ', 'LOGIN', 'login\nconsent', 'login,consent']) assert.equal(checkPrompt(bad), undefined, bad);
  assert.equal(checkPrompt('login login'), 'login');
});

test('max_age: non-negative integer only; login_hint: at most 256 characters, no control characters', () => {
  assert.equal(checkMaxAge('0'), 0);
  assert.equal(checkMaxAge('3600'), 3600);
  assert.equal(checkMaxAge(5), 5);
  for (const bad of ['-1', '1.5', '1e3', '', ' 5', '0x10', '9999999999']) assert.equal(checkMaxAge(bad), undefined, bad);
  assert.equal(checkMaxAge(-1), undefined);
  assert.equal(checkLoginHint('a'.repeat(256)), 'a'.repeat(256));
  assert.equal(checkLoginHint('a'.repeat(257)), undefined);
  assert.equal(checkLoginHint('a\u0000b'), undefined);
  assert.equal(checkLoginHint(''), undefined);
});

test('pickLoginParams keeps only the allow-list and allowedScopes; nothing else passes', () => {
  const raw = { prompt: 'consent', login_hint: 'bob', max_age: '10', acr_values: 'urn:a  urn:b', ui_locales: 'en-GB', scope: 'api:read admin openid', redirect_uri: 'https://evil', state: 'x' } as never;
  assert.deepEqual(pickLoginParams(corp, raw), { prompt: 'consent', login_hint: 'bob', max_age: 10, acr_values: 'urn:a urn:b', ui_locales: 'en-GB', extraScope: ['api:read'] });
  const request = loginParamsToRequest(pickLoginParams(corp, raw));
  assert.deepEqual(Object.keys(request).sort(), ['acr_values', 'login_hint', 'max_age', 'prompt', 'ui_locales']);
  // A guard's own scope is trusted; the configured scope is never duplicated.
  assert.deepEqual(pickLoginParams(corp, {}, { scope: ['repo', 'openid'] }).extraScope, ['repo']);
  assert.deepEqual(pickLoginParams(corp, { max_age: '9' }, { maxAge: 0, acr: ['urn:mfa'] }), { max_age: 0, prompt: 'login', acr_values: 'urn:mfa' }, 'a guard\'s ask wins');
  assert.deepEqual(pickLoginParams(github({ clientId: 'c', clientSecret: 's' }), {}, { maxAge: 0 }), {}, 'no id_token: no max_age');
  // OAuth 2.0 without OIDC: no max_age / acr_values (no id_token to check them); OAuth 1.0a: nothing.
  const gh = github({ clientId: 'c', clientSecret: 's' });
  assert.deepEqual(pickLoginParams(gh, { prompt: 'select_account', max_age: '0', acr_values: 'x' }), { prompt: 'select_account' });
  assert.deepEqual(pickLoginParams(twitter({ consumerKey: 'k', consumerSecret: 's' }), { prompt: 'login', scope: 'x' }), {});
  const narrow = oidc({ name: 'n', issuer: 'https://id.example.com', clientId: 'c', loginParams: ['ui_locales'] });
  assert.deepEqual(pickLoginParams(narrow, { prompt: 'login', ui_locales: 'fr' }), { ui_locales: 'fr' });
});

test('loginQuery: camelCase options to the route query; arrays and strings for lists', () => {
  assert.equal(loginQuery({}), '');
  assert.equal(loginQuery({ returnTo: '/a?b=1', maxAge: 0, scope: ['repo', 'gist'], acrValues: 'urn:mfa' }), 'returnTo=%2Fa%3Fb%3D1&max_age=0&acr_values=urn%3Amfa&scope=repo%20gist');
});

test('acr check and the per-account grant record', () => {
  assert.equal(checkAcr({ acr: 'urn:mfa' }, 'urn:basic urn:mfa'), true);
  assert.equal(checkAcr({ acr: 'urn:mf' }, 'urn:mfa'), false);
  assert.equal(checkAcr(undefined, 'urn:mfa'), false);
  assert.deepEqual(splitScope('repo,user  gist', ','), ['repo', 'user', 'gist']);
  assert.deepEqual(grantRecord(corp, { accessToken: 'a', scope: 'openid email' }, { sub: 'u1', sid: 's1', acr: 'urn:mfa', auth_time: 1700000000.7 }, ['x']), {
    scope: ['openid', 'email'],
    authTime: 1700000000,
    acr: 'urn:mfa',
    sid: 's1',
    sub: 'u1',
  });
  assert.deepEqual(grantRecord(corp, { accessToken: 'a' }, { sub: 'u1', auth_time: 'soon' }, ['openid']), { scope: ['openid'], sub: 'u1' }, 'no scope in the answer: what was asked');
  const gh = github({ clientId: 'c', clientSecret: 's' });
  assert.deepEqual(grantRecord(gh, { accessToken: 'a', scope: 'repo,user' }, { sid: 'ignored' }, []), { scope: ['repo', 'user'] });
});
