/**
 * Optional at-rest encryption of stored tokens: AES-256-GCM with several keys
 * for rotation (the first seals, any opens). Pure, on node:crypto.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { OAuthConfigError } from '../errors.ts';

const PREFIX = 'eok2';
// Values sealed before purposes existed: opened for session tokens only, with their old AAD.
const LEGACY_PREFIX = 'eok1';
const TAG_BYTES = 16;

/**
 * What a sealed value is for; it is bound into the AAD, so a value sealed for
 * one purpose (a browser-bound pending login) cannot be opened as another
 * (a session's tokens).
 */
export type SealPurpose = 'session-tokens' | 'latest-tokens' | 'pending-login' | 'client-credentials' | (string & {});

/** Seals and opens JSON values. */
export interface TokenCipher {
  seal(value: unknown, purpose: SealPurpose): string;
  /** @throws Error when no key opens it, it was tampered with, its tag is not 16 bytes, or it was sealed for another purpose. */
  open(sealed: string, purpose: SealPurpose): unknown;
}

function toKey(raw: string | Uint8Array): Buffer {
  const buf = typeof raw === 'string' ? Buffer.from(raw, /^[0-9a-f]{64}$/i.test(raw) ? 'hex' : 'base64') : Buffer.from(raw);
  if (buf.length !== 32) {
    throw new OAuthConfigError('tokenEncryptionKeys: each key must be 32 bytes (64 hex characters or base64), e.g. crypto.randomBytes(32).toString("base64").');
  }
  return buf;
}

/**
 * Make a cipher from `tokenEncryptionKeys`: AES-256-GCM, 96-bit random IV,
 * 128-bit tag (any other tag length is refused), the key id and the purpose
 * in the AAD.
 * @throws OAuthConfigError for an empty list or a key that is not 32 bytes.
 * @example
 * ```ts
 * const cipher = createTokenCipher([process.env.TOKEN_KEY_NEW!, process.env.TOKEN_KEY_OLD!]);
 * cipher.open(cipher.seal({ accessToken: 'x' }, 'session-tokens'), 'session-tokens');
 * ```
 */
export function createTokenCipher(keys: readonly (string | Uint8Array)[]): TokenCipher {
  if (!Array.isArray(keys) || keys.length === 0) throw new OAuthConfigError('tokenEncryptionKeys must be a non-empty array of 32-byte keys.');
  const entries = keys.map((k) => {
    const key = toKey(k);
    return { id: createHash('sha256').update(key).digest('base64url').slice(0, 8), key };
  });
  const byId = new Map(entries.map((e) => [e.id, e.key]));
  const current = entries[0]!;
  return {
    seal(value, purpose) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(`${PREFIX}.${current.id}.${purpose}`));
      const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return [PREFIX, current.id, iv.toString('base64url'), ct.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed, purpose) {
      const [prefix, id, iv, ct, tag, extra] = String(sealed).split('.');
      const key = byId.get(id ?? '');
      const legacy = prefix === LEGACY_PREFIX && purpose === 'session-tokens';
      if ((prefix !== PREFIX && !legacy) || !key || !iv || ct === undefined || !tag || extra !== undefined) throw new Error('sealed tokens: unknown format or key');
      const tagBytes = Buffer.from(tag, 'base64url');
      const ivBytes = Buffer.from(iv, 'base64url');
      if (tagBytes.length !== TAG_BYTES || ivBytes.length !== 12) throw new Error('sealed tokens: bad tag or IV length');
      const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(legacy ? `${LEGACY_PREFIX}.${id}` : `${PREFIX}.${id}.${purpose}`));
      decipher.setAuthTag(tagBytes);
      const plain = Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
      return JSON.parse(plain.toString('utf8'));
    },
  };
}
