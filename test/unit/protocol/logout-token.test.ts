import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { BACKCHANNEL_LOGOUT_EVENT, LogoutTokenError, validateLogoutToken } from '../../../src/protocol/logout-token.ts';

const issuer = 'https://op.example.com';
const clientId = 'client-1';
const { privateKey, publicKey } = await generateKeyPair('RS256');
const other = await generateKeyPair('RS256');
const es = await generateKeyPair('ES256');
const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }, { ...(await exportJWK(es.publicKey)), kid: 'k2', alg: 'ES256' }] });
const now = 1_800_000_000;
const expected = { issuer, clientId, alg: 'RS256', keys };

async function token(claims: Record<string, unknown>, key = privateKey, alg = 'RS256', kid = 'k1'): Promise<string> {
  const payload: Record<string, unknown> = { iss: issuer, aud: clientId, iat: now, jti: 'j1', events: { [BACKCHANNEL_LOGOUT_EVENT]: {} }, sub: 'u1', sid: 's1', ...claims };
  for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
  return new SignJWT(payload).setProtectedHeader({ alg, kid, typ: 'logout+jwt' }).sign(key);
}

async function reason(t: unknown): Promise<string> {
  try {
    await validateLogoutToken(t, expected, now);
  } catch (err) {
    assert.ok(err instanceof LogoutTokenError);
    return err.reason;
  }
  return 'valid';
}

test('a valid Logout Token yields iss, jti, iat, sub, sid', async () => {
  assert.deepEqual(await validateLogoutToken(await token({}), expected, now), { iss: issuer, jti: 'j1', iat: now, sub: 'u1', sid: 's1' });
  assert.deepEqual(await validateLogoutToken(await token({ sid: undefined, aud: ['x', clientId] }), expected, now), { iss: issuer, jti: 'j1', iat: now, sub: 'u1' });
  assert.deepEqual(await validateLogoutToken(await token({ sub: undefined }), expected, now), { iss: issuer, jti: 'j1', iat: now, sid: 's1' });
});

test('every §2.6 check refuses', async () => {
  assert.notEqual(await reason(await token({}, other.privateKey)), 'valid', 'another key');
  assert.notEqual(await reason(await token({}, es.privateKey, 'ES256', 'k2')), 'valid', 'an alg other than the pinned one');
  assert.notEqual(await reason(await token({ iss: 'https://evil' })), 'valid');
  assert.notEqual(await reason(await token({ aud: 'other' })), 'valid');
  assert.notEqual(await reason(await token({ iat: undefined })), 'valid');
  assert.equal(await reason(await token({ iat: now - 400 })), 'iat_range');
  assert.equal(await reason(await token({ iat: now + 120 })), 'iat_range');
  assert.notEqual(await reason(await token({ jti: undefined })), 'valid');
  assert.notEqual(await reason(await token({ events: undefined })), 'valid');
  assert.equal(await reason(await token({ events: { other: {} } })), 'events');
  assert.equal(await reason(await token({ events: { [BACKCHANNEL_LOGOUT_EVENT]: [] } })), 'events');
  assert.equal(await reason(await token({ events: [] })), 'events');
  assert.equal(await reason(await token({ nonce: 'n' })), 'nonce');
  assert.equal(await reason(await token({ sub: undefined, sid: undefined })), 'sub_or_sid');
  assert.equal(await reason(await token({ sub: 42 })), 'sub');
  assert.notEqual(await reason(await token({ exp: now - 100 })), 'valid');
  assert.equal(await reason(undefined), 'missing');
  assert.equal(await reason('a.b.c.d.e'), 'not_a_jws');
  const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: issuer, aud: clientId, iat: now, jti: 'x', sub: 'u', events: { [BACKCHANNEL_LOGOUT_EVENT]: {} } })).toString('base64url')}.`;
  assert.notEqual(await reason(unsigned), 'valid', 'alg none');
});
