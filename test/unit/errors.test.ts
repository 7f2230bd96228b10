/** OAuthError keeps a sanitised cause only: never the library's error or a response body. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { OAuthError, sanitizeCause } from '../../src/errors.ts';
import { checkTokenResponse } from '../../src/protocol/token-response.ts';
import { isLoopbackHost } from '../../src/rules.ts';
import { oidc } from '../../src/index.ts';

test('sanitizeCause keeps error, error_description, status and code, walking causes, and nothing else', () => {
  const libraryError = Object.assign(new Error('unexpected response'), {
    code: 'OAUTH_RESPONSE_BODY_ERROR',
    error: 'invalid_grant',
    error_description: 'Refresh token\nexpired',
    status: 400,
    cause: { body: { access_token: 'AT-SECRET', refresh_token: 'RT-SECRET' } },
  });
  const err = new OAuthError('token_exchange_failed', { provider: 'p', cause: libraryError });
  assert.deepEqual({ ...err.cause }, { error: 'invalid_grant', error_description: 'Refresh token expired', status: 400, code: 'OAUTH_RESPONSE_BODY_ERROR' });
  const text = inspect(err, { depth: 10 });
  assert.ok(!text.includes('AT-SECRET') && !text.includes('RT-SECRET'));
  assert.deepEqual({ ...sanitizeCause(new Error('x', { cause: Object.assign(new Error('y'), { code: 'ECONNREFUSED' }) })) }, { code: 'ECONNREFUSED' });
  assert.equal(sanitizeCause({ error: '<script>alert(1)</script> long' })?.error, 'invalid');
  assert.equal(sanitizeCause(new Error('plain')), undefined);
  assert.equal(sanitizeCause('AT-SECRET'), undefined);
});

test('OAuthError.expose is true only for the user\'s side (status < 500)', () => {
  assert.equal(new OAuthError('state_mismatch').expose, true);
  assert.equal(new OAuthError('provider_error').expose, false);
  assert.equal(new OAuthError('session_unavailable').expose, false);
});

test('checkTokenResponse: header-safe tokens, a numeric expires_in, string members', () => {
  assert.equal(checkTokenResponse({ access_token: 'at-1', token_type: 'Bearer', expires_in: 3600 }), undefined);
  assert.equal(checkTokenResponse({ access_token: 'at-1', token_type: 'bearer', expires_in: '3600' }), undefined);
  assert.equal(checkTokenResponse({ access_token: 'AT\u0001x' }), 'access_token');
  assert.equal(checkTokenResponse({ access_token: 'a b' }), 'access_token');
  assert.equal(checkTokenResponse({ access_token: 'a', refresh_token: 'r\nx' }), 'refresh_token');
  assert.equal(checkTokenResponse({ access_token: 'a', expires_in: 'abc' }), 'expires_in');
  assert.equal(checkTokenResponse({ access_token: 'a', expires_in: -1 }), 'expires_in');
  assert.equal(checkTokenResponse({ access_token: 'a', scope: ['x'] }), 'scope');
});

test('isLoopbackHost: 127.0.0.0/8 literals, localhost and ::1 — not 127.evil.com', () => {
  for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]']) assert.equal(isLoopbackHost(h), true, h);
  for (const h of ['127.evil.com', '127.0.0.1.nip.io', '127.0.0.256', 'evil.127.0.0.1']) assert.equal(isLoopbackHost(h), false, h);
  assert.throws(() => oidc({ name: 'x', issuer: 'http://127.evil.com', clientId: 'c', clientSecret: 's' }), /https/);
});

test('OAuthConfigError carries a code: invalid_option unless the thrower says', async () => {
  const { OAuthConfigError } = await import('../../src/errors.ts');
  const { github } = await import('../../src/index.ts');
  assert.equal(new OAuthConfigError('x').code, 'invalid_option');
  assert.equal(new OAuthConfigError('x', 'invalid_base_url').code, 'invalid_base_url');
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return err instanceof OAuthConfigError ? err.code : 'not a config error';
    }
    return 'no error';
  };
  assert.equal(codeOf(() => github({ clientId: '', clientSecret: 's' })), 'missing_option');
  assert.equal(codeOf(() => github({ clientId: 'c', clientSecret: 's', tokenEndpoint: 'http://evil.example/token' })), 'insecure_endpoint');
  assert.equal(codeOf(() => github({ name: 'Bad Name', clientId: 'c', clientSecret: 's' })), 'invalid_provider_name');
});

test('OAuthConfigError codes: a bad signing key is invalid_key', async () => {
  const { OAuthConfigError } = await import('../../src/errors.ts');
  const { createRegistry, oidc } = await import('../../src/index.ts');
  const { generateKeyPairSync } = await import('node:crypto');
  const auth = createRegistry({ baseUrl: 'https://app.example.com' });
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const provider = oidc({ name: 'corp', issuer: 'https://id.example.com', clientId: 'c', clientAuth: 'private_key_jwt', privateKey: publicKey });
  assert.throws(() => auth.register(provider), (err: unknown) => err instanceof OAuthConfigError && err.code === 'invalid_key');
});
