/** At-rest encryption: AES-256-GCM with 128-bit tags only, the purpose bound in the AAD, key rotation. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createTokenCipher } from '../../../src/tokens/token-cipher.ts';
import { OAuthConfigError } from '../../../src/errors.ts';

const key = randomBytes(32);
const cipher = createTokenCipher([key]);

test('seal and open round-trip; the sealed text holds no plaintext', () => {
  const sealed = cipher.seal({ accessToken: 'at-secret' }, 'session-tokens');
  assert.ok(!sealed.includes('at-secret'));
  assert.deepEqual(cipher.open(sealed, 'session-tokens'), { accessToken: 'at-secret' });
});

test('a tag cut short (4 bytes) is refused, whereas GCM alone would accept a genuine truncated tag', () => {
  const sealed = cipher.seal({ accessToken: 'x' }, 'session-tokens');
  const parts = sealed.split('.');
  parts[4] = Buffer.from(parts[4]!, 'base64url').subarray(0, 4).toString('base64url');
  assert.throws(() => cipher.open(parts.join('.'), 'session-tokens'), /tag/);
});

test('a value sealed for one purpose does not open as another', () => {
  const sealed = cipher.seal({ binding: 'b', login: {} }, 'pending-login');
  assert.throws(() => cipher.open(sealed, 'session-tokens'));
  assert.deepEqual(cipher.open(sealed, 'pending-login'), { binding: 'b', login: {} });
});

test('values sealed before purposes (eok1) still open as session tokens only', () => {
  const id = createHash('sha256').update(key).digest('base64url').slice(0, 8);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  c.setAAD(Buffer.from(`eok1.${id}`));
  const ct = Buffer.concat([c.update(JSON.stringify({ accessToken: 'old' })), c.final()]);
  const legacy = ['eok1', id, iv.toString('base64url'), ct.toString('base64url'), c.getAuthTag().toString('base64url')].join('.');
  assert.deepEqual(cipher.open(legacy, 'session-tokens'), { accessToken: 'old' });
  assert.throws(() => cipher.open(legacy, 'latest-tokens'));
});

test('rotation: the first key seals, any opens; a tampered byte fails; bad keys are setup errors', () => {
  const next = createTokenCipher([randomBytes(32), key]);
  assert.deepEqual(next.open(cipher.seal({ a: 1 }, 'latest-tokens'), 'latest-tokens'), { a: 1 });
  const sealed = cipher.seal({ a: 1 }, 'latest-tokens');
  const parts = sealed.split('.');
  const ct = Buffer.from(parts[3]!, 'base64url');
  ct[0]! ^= 1;
  parts[3] = ct.toString('base64url');
  assert.throws(() => cipher.open(parts.join('.'), 'latest-tokens'));
  assert.throws(() => createTokenCipher([]), OAuthConfigError);
  assert.throws(() => createTokenCipher([randomBytes(16)]), OAuthConfigError);
});
