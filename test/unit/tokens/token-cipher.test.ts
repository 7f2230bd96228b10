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

/** Split a sealed value into its five dot-separated parts. */
function parts(sealed: string): string[] {
  const p = sealed.split('.');
  assert.equal(p.length, 5, sealed);
  return p;
}

/** The key id the cipher writes for this key (first 8 chars of its SHA-256, base64url). */
const keyIdOf = (k: Uint8Array) => createHash('sha256').update(k).digest('base64url').slice(0, 8);

test('only 128-bit tags open: a genuine 12-byte tag (valid GCM) and an over-long tag are refused', () => {
  // Sealed by hand exactly as the cipher does, but with a 96-bit tag: GCM itself would verify it.
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 12 });
  c.setAAD(Buffer.from(`eok2.${keyIdOf(key)}.session-tokens`));
  const ct = Buffer.concat([c.update(JSON.stringify({ accessToken: 'x' })), c.final()]);
  const short = ['eok2', keyIdOf(key), iv.toString('base64url'), ct.toString('base64url'), c.getAuthTag().toString('base64url')].join('.');
  assert.equal(c.getAuthTag().length, 12);
  assert.throws(() => cipher.open(short, 'session-tokens'), /bad tag or IV length/);

  const p = parts(cipher.seal({ accessToken: 'x' }, 'session-tokens'));
  const long = [...p];
  long[4] = Buffer.concat([Buffer.from(p[4]!, 'base64url'), Buffer.alloc(1)]).toString('base64url');
  assert.throws(() => cipher.open(long.join('.'), 'session-tokens'), /bad tag or IV length/);
  const badIv = [...p];
  badIv[2] = randomBytes(16).toString('base64url');
  assert.throws(() => cipher.open(badIv.join('.'), 'session-tokens'), /bad tag or IV length/);
  assert.deepEqual(cipher.open(p.join('.'), 'session-tokens'), { accessToken: 'x' }, 'the untouched value still opens');
});

test('every purpose is bound: a value opens under its own purpose only (custom purposes too)', () => {
  const purposes = ['session-tokens', 'latest-tokens', 'pending-login', 'client-credentials', 'app:custom'];
  for (const sealedFor of purposes) {
    const sealed = cipher.seal({ for: sealedFor }, sealedFor);
    for (const openAs of purposes) {
      if (openAs === sealedFor) assert.deepEqual(cipher.open(sealed, openAs), { for: sealedFor });
      else assert.throws(() => cipher.open(sealed, openAs), `${sealedFor} must not open as ${openAs}`);
    }
  }
  // Relabelling the prefix as the legacy (purpose-less) format does not get around the binding.
  const relabelled = parts(cipher.seal({ a: 1 }, 'latest-tokens'));
  relabelled[0] = 'eok1';
  assert.throws(() => cipher.open(relabelled.join('.'), 'session-tokens'));
});

test('rotation: the first key seals (its id in the value); a removed key no longer opens old values', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const before = createTokenCipher([oldKey]);
  const during = createTokenCipher([newKey, oldKey]);
  const after = createTokenCipher([newKey]);

  const old = before.seal({ v: 'old' }, 'session-tokens');
  assert.equal(parts(old)[1], keyIdOf(oldKey));
  const fresh = during.seal({ v: 'new' }, 'session-tokens');
  assert.equal(parts(fresh)[1], keyIdOf(newKey), 'the first key of the list seals');

  assert.deepEqual(during.open(old, 'session-tokens'), { v: 'old' }, 'the old key still opens during rotation');
  assert.deepEqual(after.open(fresh, 'session-tokens'), { v: 'new' });
  assert.throws(() => after.open(old, 'session-tokens'), /unknown format or key/, 'the old key was removed');
  assert.throws(() => before.open(fresh, 'session-tokens'), /unknown format or key/, 'an instance without the new key cannot open its values');

  // A value claiming another key's id does not open with this key.
  const swapped = parts(old);
  swapped[1] = keyIdOf(newKey);
  assert.throws(() => during.open(swapped.join('.'), 'session-tokens'));
});

test('the same key as hex, base64 or bytes is one key; each seal uses a fresh IV', () => {
  const raw = randomBytes(32);
  const fromBytes = createTokenCipher([raw]);
  const fromHex = createTokenCipher([raw.toString('hex')]);
  const fromBase64 = createTokenCipher([raw.toString('base64')]);
  const sealed = fromBytes.seal({ x: 1 }, 'latest-tokens');
  assert.deepEqual(fromHex.open(sealed, 'latest-tokens'), { x: 1 });
  assert.deepEqual(fromBase64.open(sealed, 'latest-tokens'), { x: 1 });
  const again = fromBytes.seal({ x: 1 }, 'latest-tokens');
  assert.notEqual(again, sealed);
  assert.notEqual(parts(again)[2], parts(sealed)[2], 'a new 96-bit IV per seal');
});

test('malformed sealed values are refused with an Error, never opened or crashed on', () => {
  const good = cipher.seal({ a: 1 }, 'session-tokens');
  for (const bad of ['', 'eok2', `${good}.extra`, good.replace(/^eok2/, 'eok3'), parts(good).slice(0, 4).join('.'), 'eok2.....', `eok2.${keyIdOf(key)}.${'A'.repeat(16)}.${'B'.repeat(8)}.${'C'.repeat(22)}`]) {
    assert.throws(() => cipher.open(bad, 'session-tokens'), Error, JSON.stringify(bad));
  }
  assert.throws(() => cipher.open(undefined as unknown as string, 'session-tokens'), Error);
});

test('setup errors name what to fix: not a list, a 31-byte hex key, a 33-byte key', () => {
  assert.throws(() => createTokenCipher('k'.repeat(64) as unknown as string[]), OAuthConfigError);
  assert.throws(() => createTokenCipher([randomBytes(31).toString('hex')]), (err: Error) => err instanceof OAuthConfigError && /32 bytes/.test(err.message));
  assert.throws(() => createTokenCipher([randomBytes(33)]), OAuthConfigError);
  assert.throws(() => createTokenCipher([randomBytes(32), randomBytes(8)]), OAuthConfigError, 'every key is checked, not just the first');
});
