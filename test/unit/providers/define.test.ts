import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OAuthConfigError } from '../../../src/errors.ts';
import {
  booleanClaim,
  booleanishClaim,
  claimsName,
  compact,
  defineOAuth2Provider,
  domainIssuer,
  instanceUrl,
  joinName,
  presetEndpoints,
  standardClaims,
} from '../../../src/providers/define.ts';

test('presetEndpoints: an option wins over the default; unset fields stay present as undefined', () => {
  const defaults = { authorizationEndpoint: 'https://a.example/authorize', tokenEndpoint: 'https://a.example/token', apiBaseUrl: 'https://api.a.example/' };
  assert.deepEqual(presetEndpoints({}, defaults), {
    authorizationEndpoint: 'https://a.example/authorize',
    tokenEndpoint: 'https://a.example/token',
    userinfoEndpoint: undefined,
    revocationEndpoint: undefined,
    apiBaseUrl: 'https://api.a.example/',
    allowInsecureRequests: undefined,
    authorizationParams: undefined,
  });
  const out = presetEndpoints(
    { tokenEndpoint: 'http://127.0.0.1:4000/token', revocationEndpoint: 'https://r.example/revoke', allowInsecureRequests: true, authorizationParams: { hd: 'x' } },
    defaults,
  );
  assert.equal(out.authorizationEndpoint, 'https://a.example/authorize');
  assert.equal(out.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(out.revocationEndpoint, 'https://r.example/revoke');
  assert.equal(out.allowInsecureRequests, true);
  assert.deepEqual(out.authorizationParams, { hd: 'x' });
});

test('presetEndpoints without defaults copies the overrides (OIDC presets)', () => {
  assert.deepEqual(presetEndpoints({ userinfoEndpoint: 'https://u.example/me' }), {
    authorizationEndpoint: undefined,
    tokenEndpoint: undefined,
    userinfoEndpoint: 'https://u.example/me',
    revocationEndpoint: undefined,
    apiBaseUrl: undefined,
    allowInsecureRequests: undefined,
    authorizationParams: undefined,
  });
});

test('presetEndpoints puts the preset authorize parameters first; the user ones win on a clash', () => {
  const fixed = { audience: 'api.example', prompt: 'consent' };
  assert.deepEqual(presetEndpoints({}, { authorizationParams: fixed }).authorizationParams, fixed);
  assert.deepEqual(presetEndpoints({ authorizationParams: { prompt: 'none', x: '1' } }, { authorizationParams: fixed }).authorizationParams, {
    audience: 'api.example',
    prompt: 'none',
    x: '1',
  });
  assert.notEqual(presetEndpoints({}, { authorizationParams: fixed }).authorizationParams, fixed, 'a copy');
});

test('presetEndpoints output feeds defineOAuth2Provider, which still validates the URLs', () => {
  const p = defineOAuth2Provider({
    name: 'acme',
    displayName: 'Acme',
    clientId: 'id',
    scope: [],
    profile: (raw) => ({ id: String(raw.id) }),
    ...presetEndpoints({}, { authorizationEndpoint: 'https://acme.example/authorize', tokenEndpoint: 'https://acme.example/token' }),
  });
  assert.equal(p.tokenEndpoint, 'https://acme.example/token');
  assert.throws(
    () =>
      defineOAuth2Provider({
        name: 'acme',
        displayName: 'Acme',
        clientId: 'id',
        scope: [],
        profile: (raw) => ({ id: String(raw.id) }),
        ...presetEndpoints({ tokenEndpoint: 'http://acme.example/token' }, { authorizationEndpoint: 'https://acme.example/authorize' }),
      }),
    OAuthConfigError,
  );
});

test('domainIssuer: issuer wins, else https://<host><path> from a bare or pasted domain', () => {
  const tenant = { example: 'dev-123456.okta.com', path: '/oauth2/default' };
  assert.equal(domainIssuer('okta', { issuer: 'https://x.okta.com', domain: 'y.okta.com' }, tenant), 'https://x.okta.com');
  assert.equal(domainIssuer('okta', { domain: 'y.okta.com' }, tenant), 'https://y.okta.com/oauth2/default');
  assert.equal(domainIssuer('okta', { domain: 'HTTPS://y.okta.com//' }, tenant), 'https://y.okta.com/oauth2/default');
  assert.equal(domainIssuer('auth0', { domain: 'id.example.com:8443' }, { example: 'example.us.auth0.com', path: '/' }), 'https://id.example.com:8443/');
});

test('domainIssuer errors name the provider and the example', () => {
  const tenant = { example: 'example.us.auth0.com', path: '/' };
  assert.throws(() => domainIssuer('auth0', {}, tenant), {
    name: 'OAuthConfigError',
    message: 'auth0: give domain (e.g. example.us.auth0.com) or issuer (e.g. https://example.us.auth0.com/).',
  });
  assert.throws(() => domainIssuer('corp', { domain: 'a.example/evil path' }, tenant), {
    name: 'OAuthConfigError',
    message: 'corp: domain must be a host name such as example.us.auth0.com, got "a.example/evil path".',
  });
  assert.throws(() => domainIssuer('auth0', { domain: 'http://a.example' }, tenant), OAuthConfigError);
});

test('instanceUrl keeps origin and path, drops trailing slashes, and names the option on error', () => {
  assert.equal(instanceUrl('gitlab', 'baseUrl', 'https://gitlab.example.com', 'https://gitlab.example.com'), 'https://gitlab.example.com');
  assert.equal(instanceUrl('gitlab', 'baseUrl', 'https://gitlab.example.com/gl//', 'https://gitlab.example.com'), 'https://gitlab.example.com/gl');
  assert.equal(instanceUrl('github', 'enterpriseUrl', 'https://ghe.example.com:8443/?q=1#x', 'https://ghe.example.com'), 'https://ghe.example.com:8443');
  assert.throws(() => instanceUrl('github', 'enterpriseUrl', 'ghe.example.com', 'https://ghe.example.com'), {
    name: 'OAuthConfigError',
    message: 'github: enterpriseUrl must be an absolute URL such as https://ghe.example.com, got "ghe.example.com".',
  });
});

test('joinName and claimsName', () => {
  assert.equal(joinName('Franz', 'Ferdinand'), 'Franz Ferdinand');
  assert.equal(joinName(undefined, 'Ferdinand'), 'Ferdinand');
  assert.equal(joinName('', null), undefined);
  assert.equal(joinName(), undefined);
  assert.equal(claimsName({ name: 'J Smith', given_name: 'Jane', family_name: 'Doe' }), 'J Smith');
  assert.equal(claimsName({ name: '', given_name: 'J', family_name: 'Smith' }), 'J Smith');
  assert.equal(claimsName({}), undefined);
  assert.equal(claimsName(undefined), undefined);
});

test('booleanClaim takes real booleans only; booleanishClaim also the strings "true" / "false"', () => {
  assert.deepEqual([true, false, 'true', 'false', 1, undefined].map(booleanClaim), [true, false, undefined, undefined, undefined, undefined]);
  assert.deepEqual([true, false, 'true', 'false', 1, 'yes', undefined].map(booleanishClaim), [true, false, true, false, undefined, undefined, undefined]);
});

test('standardClaims maps name, email, email_verified and picture (compact drops the missing ones)', () => {
  assert.deepEqual(compact({ id: '1', ...standardClaims({ given_name: 'J', family_name: 'Smith', email: 'j@example.com', email_verified: false, picture: 'https://p.example/j.png' }) }), {
    id: '1',
    name: 'J Smith',
    email: 'j@example.com',
    emailVerified: false,
    avatarUrl: 'https://p.example/j.png',
  });
  assert.deepEqual(compact({ id: '1', ...standardClaims({ email_verified: 'true', nickname: 'n' }) }), { id: '1' });
});
