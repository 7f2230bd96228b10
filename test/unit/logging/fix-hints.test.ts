import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OAuthError } from '../../../src/errors.ts';
import { fixHintFor } from '../../../src/logging/fix-hints.ts';

const ctx = { baseUrl: new URL('http://localhost:3000'), routePrefix: '/auth', providers: ['github', 'google'] };

test('redirect_uri_mismatch: register the exact callback URL', () => {
  for (const code of ['provider_error', 'token_exchange_failed'] as const) {
    const hint = fixHintFor(new OAuthError(code, { provider: 'github', cause: { error: 'redirect_uri_mismatch' } }), ctx);
    assert.equal(hint, 'register `http://localhost:3000/auth/github/callback` as the callback URL of the github app at the provider');
  }
  const under = fixHintFor(new OAuthError('provider_error', { provider: 'gh', cause: { error: 'redirect_uri_mismatch' } }), { ...ctx, baseUrl: new URL('https://x.example/app/') });
  assert.match(under!, /`https:\/\/x\.example\/app\/auth\/gh\/callback`/);
});

test('each code gets a hint that fits it; the user saying no gets none', () => {
  assert.match(fixHintFor(new OAuthError('token_exchange_failed', { provider: 'github', cause: { error: 'incorrect_client_credentials' } }), ctx)!, /clientId and clientSecret/);
  assert.match(fixHintFor(new OAuthError('token_exchange_failed', { provider: 'github', cause: { error: 'bad_verification_code' } }), ctx)!, /used twice or expired/);
  assert.match(fixHintFor(new OAuthError('provider_error', { provider: 'corp', cause: { code: 'ECONNREFUSED' } }), ctx)!, /could not be reached.*ECONNREFUSED/);
  assert.match(fixHintFor(new OAuthError('unknown_provider'), ctx)!, /registered providers: github, google/);
  assert.match(fixHintFor(new OAuthError('unknown_provider'), { ...ctx, providers: [] })!, /no provider is registered/);
  assert.match(fixHintFor(new OAuthError('state_mismatch', { provider: 'github' }), ctx)!, /sameSite 'lax'.*http:\/\/localhost:3000/);
  assert.match(fixHintFor(new OAuthError('session_unavailable'), ctx)!, /before app\.use\(auth\.router\(\)\)/);
  assert.equal(fixHintFor(new OAuthError('access_denied', { provider: 'github' }), ctx), undefined);
});
