/**
 * protocol/error-map.ts: openid-client / oauth4webapi failures become
 * OAuthErrors by their `code` and OAuth `error` (never by message text), with
 * the library's real error classes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { OAuthError } from '../../../src/errors.ts';
import { ProviderHttpError } from '../../../src/protocol/bounded-fetch.ts';
import { errorCode, mapCallError, mapExchangeError, mapProfileError, mapRefreshError, TokenResponseError } from '../../../src/protocol/error-map.ts';

const bodyError = (error: string, status = 400) =>
  new client.ResponseBodyError('server responded with an error in the response body', { cause: { error, error_description: 'no' }, response: new Response('{}', { status }) });
const authError = (error: string) => new client.AuthorizationResponseError('authorization response from the server is an error', { cause: new URLSearchParams({ error }) });
const clientError = (code: string) => new client.ClientError('unexpected JWT claim value encountered', { code, cause: { claim: 'iss' } } as ErrorOptions);
const before = { tokenRequested: false, tokenResponseUsable: false };
const usable = { tokenRequested: true, tokenResponseUsable: true };

test('errorCode finds the first code on the error or its causes', () => {
  assert.equal(errorCode(bodyError('invalid_grant')), 'OAUTH_RESPONSE_BODY_ERROR');
  assert.equal(errorCode(new Error('outer', { cause: clientError('OAUTH_JWT_CLAIM_COMPARISON_FAILED') })), 'OAUTH_JWT_CLAIM_COMPARISON_FAILED');
  assert.equal(errorCode(new Error('no code')), undefined);
});

test('mapExchangeError: before the token request, by the callback\'s own error', () => {
  assert.equal(mapExchangeError(authError('access_denied'), 'p', true, before).code, 'access_denied');
  assert.equal(mapExchangeError(authError('server_error'), 'p', true, before).code, 'provider_error');
  assert.equal(mapExchangeError(new ProviderHttpError('timeout', 't'), 'p', true, before).code, 'provider_error');
  assert.equal(mapExchangeError(clientError('OAUTH_INVALID_RESPONSE'), 'p', true, before).code, 'state_mismatch');
});

test('mapExchangeError: after the token request, the token answer or the id_token is to blame', () => {
  assert.equal(mapExchangeError(bodyError('invalid_grant'), 'p', true, usable).code, 'token_exchange_failed');
  assert.equal(mapExchangeError(new TokenResponseError('unusable access_token'), 'p', true, { tokenRequested: true, tokenResponseUsable: false }).code, 'token_exchange_failed');
  assert.equal(mapExchangeError(clientError('OAUTH_JWT_CLAIM_COMPARISON_FAILED'), 'p', false, usable).code, 'token_exchange_failed', 'OAuth 2.0 has no id_token');
  assert.equal(mapExchangeError(clientError('OAUTH_JWT_CLAIM_COMPARISON_FAILED'), 'p', true, usable).code, 'id_token_invalid');
  assert.equal(mapExchangeError(new Error('jwks', { cause: new ProviderHttpError('network', 'down') }), 'p', true, usable).code, 'provider_error');
  assert.equal(mapExchangeError(clientError('OAUTH_RESPONSE_IS_NOT_JSON'), 'p', true, usable).code, 'token_exchange_failed');
  const own = new OAuthError('access_denied', { provider: 'p' });
  assert.equal(mapExchangeError(own, 'p', true, usable), own);
});

test('mapRefreshError: invalid_grant ends the login; an id_token check is id_token_invalid only for OIDC', () => {
  assert.equal(mapRefreshError(bodyError('invalid_grant'), 'p', true).code, 'login_required');
  assert.equal(mapRefreshError(bodyError('invalid_client', 401), 'p', true).code, 'token_exchange_failed');
  assert.equal(mapRefreshError(clientError('OAUTH_JWT_TIMESTAMP_CHECK_FAILED'), 'p', true).code, 'id_token_invalid');
  assert.equal(mapRefreshError(clientError('OAUTH_JWT_TIMESTAMP_CHECK_FAILED'), 'p', false).code, 'token_exchange_failed');
});

test('mapProfileError and mapCallError', () => {
  assert.equal(mapProfileError(clientError('OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED'), 'p').code, 'id_token_invalid');
  assert.equal(mapProfileError(new Error('profile endpoint answered 500'), 'p').code, 'profile_fetch_failed');
  const call = mapCallError(new ProviderHttpError('timeout', 'slow'), 'p');
  assert.equal(call.code, 'provider_error');
  assert.equal(call.status, 502);
  assert.equal(call.expose, false);
  assert.equal(call.provider, 'p');
  assert.deepEqual(call.cause, { code: 'timeout' });
  assert.equal(mapCallError(new TypeError('bad'), 'p', 'token_exchange_failed').code, 'token_exchange_failed');
});
