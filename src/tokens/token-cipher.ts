/**
 * Optional at-rest encryption of stored tokens: AES-256-GCM with several keys
 * for rotation (the first seals, any opens). Pure, on node:crypto.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { OAuthConfigError } from '../errors.ts';

const PREFIX = 'eok1';

/** Seals and opens JSON values. */
export interface TokenCipher {
  seal(value: unknown): string;
  /** @throws Error when no key opens it or it was tampered with. */
  open(sealed: string): unknown;
}

function toKey(raw: string | Uint8Array): Buffer {
  const buf = typeof raw === 'string' ? Buffer.from(raw, /^[0-9a-f]{64}$/i.test(raw) ? 'hex' : 'base64') : Buffer.from(raw);
  if (buf.length !== 32) {
    throw new OAuthConfigError('tokenEncryptionKeys: each key must be 32 bytes (64 hex characters or base64), e.g. crypto.randomBytes(32).toString("base64").');
  }
  return buf;
}

/**
 * Make a cipher from `tokenEncryptionKeys`.
 * @throws OAuthConfigError for an empty list or a key that is not 32 bytes.
 * @example
 * ```ts
 * const cipher = createTokenCipher([process.env.TOKEN_KEY_NEW!, process.env.TOKEN_KEY_OLD!]);
 * cipher.open(cipher.seal({ accessToken: 'x' }));
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
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(Buffer.from(`${PREFIX}.${current.id}`));
      const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return [PREFIX, current.id, iv.toString('base64url'), ct.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed) {
      const [prefix, id, iv, ct, tag] = String(sealed).split('.');
      const key = byId.get(id ?? '');
      if (prefix !== PREFIX || !key || !iv || ct === undefined || !tag) throw new Error('sealed tokens: unknown format or key');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(`${PREFIX}.${id}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
      return JSON.parse(plain.toString('utf8'));
    },
  };
}
