import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as openidClient from 'openid-client';
import { calculateCodeChallenge, createLoginSecrets } from '../../../src/protocol/login-secrets.ts';
import { oauth2, oidc, OAuthError, ERROR_STATUS, createRegistry, OAuthConfigError } from '../../../src/index.ts';

test('PKCE S256: RFC 7636 Appendix B vector', () => {
  assert.equal(calculateCodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
});

test('PKCE S256: the synchronous challenge equals openid-client\'s WebCrypto one', async () => {
  const p = oidc({ name: 'o', issuer: 'https://id.example', clientId: 'c', clientSecret: 's' });
  for (let i = 0; i < 50; i++) {
    const verifier = i % 2 ? createLoginSecrets(p).codeVerifier! : openidClient.randomPKCECodeVerifier();
    assert.equal(calculateCodeChallenge(verifier), await openidClient.calculatePKCECodeChallenge(verifier));
  }
});

test('state, verifier and nonce are fresh, long and well-formed', () => {
  const p = oidc({ name: 'o', issuer: 'https://id.example', clientId: 'c', clientSecret: 's' });
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const s = createLoginSecrets(p);
    assert.match(s.state, /^[A-Za-z0-9_-]{22,}$/);
    assert.match(s.codeVerifier!, /^[A-Za-z0-9._~-]{43,128}$/);
    assert.match(s.nonce!, /^[A-Za-z0-9_-]{22,}$/);
    for (const v of [s.state, s.codeVerifier!, s.nonce!]) {
      assert.ok(!seen.has(v));
      seen.add(v);
    }
  }
  const plain = oauth2({ name: 'p', clientId: 'c', clientSecret: 's', authorizationEndpoint: 'https://a.example/a', tokenEndpoint: 'https://a.example/t' });
  assert.equal(createLoginSecrets(plain).nonce, undefined, 'no nonce without OIDC');
});

test('error codes map to the contract statuses; messages never carry input', () => {
  const expected = { unknown_provider: 404, state_mismatch: 400, access_denied: 403, provider_error: 502, token_exchange_failed: 502, id_token_invalid: 401, profile_fetch_failed: 502, cross_site_request: 403, session_unavailable: 503, login_required: 401, insufficient_scope: 403, insufficient_user_authentication: 401 };
  assert.deepEqual({ ...ERROR_STATUS }, expected);
  for (const code of Object.keys(expected) as (keyof typeof expected)[]) {
    const err = new OAuthError(code, { provider: 'github', cause: { error: '<script>' } });
    assert.ok(err instanceof Error && err instanceof OAuthError);
    assert.equal(err.status, expected[code]);
    assert.equal(err.statusCode, expected[code]);
    assert.equal(err.provider, 'github');
    assert.ok(!err.message.includes('<script>'));
  }
});

test('setup mistakes throw at setup with a message that says what to fix', () => {
  assert.throws(() => createRegistry({ baseUrl: 'not a url' }), (e: Error) => e instanceof OAuthConfigError && /baseUrl/.test(e.message));
  assert.throws(() => createRegistry({ baseUrl: 'http://app.example.com' }), /https/);
  assert.doesNotThrow(() => createRegistry({ baseUrl: 'http://localhost:3000' }));
  assert.throws(() => oauth2({ name: 'a', clientId: '', clientSecret: 's', authorizationEndpoint: 'https://a.example/a', tokenEndpoint: 'https://a.example/t' }), /clientId/);
  assert.throws(() => oauth2({ name: 'a', clientId: 'c', clientSecret: 's', authorizationEndpoint: 'http://a.example/a', tokenEndpoint: 'https://a.example/t' }), /https/);
  assert.doesNotThrow(() => oauth2({ name: 'a', clientId: 'c', clientSecret: 's', authorizationEndpoint: 'http://a.example/a', tokenEndpoint: 'http://a.example/t', allowInsecureRequests: true }));
  assert.throws(() => oidc({ name: 'Bad Name', issuer: 'https://id.example', clientId: 'c' }), /name/);
  const auth = createRegistry({ baseUrl: 'https://app.example.com' });
  const p = oidc({ name: 'corp', issuer: 'https://id.example', clientId: 'c', clientSecret: 's' });
  auth.register(p);
  assert.throws(() => auth.register(p), /already registered/);
  assert.ok(Object.isFrozen(p));
});
