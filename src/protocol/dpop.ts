/**
 * DPoP (RFC 9449) key material: one ES256 key pair per login, kept as a
 * private JWK with the tokens (sealed with them under `tokenEncryptionKeys`)
 * so any instance can refresh and call APIs with the same key. Pure, on
 * node:crypto; the protocol adapter makes the proofs through openid-client.
 */
import { generateKeyPairSync, webcrypto } from 'node:crypto';
import type { DPoPKeyJwk } from '../types.ts';

const ES256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/**
 * A fresh ES256 key pair as a private JWK (what {@link TokenSet.dpopKey} holds).
 *
 * @example
 * ```ts
 * const key = createDPoPKey(); // { kty: 'EC', crv: 'P-256', x, y, d }
 * ```
 */
export function createDPoPKey(): DPoPKeyJwk {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { x, y, d } = privateKey.export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: x!, y: y!, d: d! };
}

/** True for a value shaped like a stored DPoP key (anything else is not used). */
export function isDPoPKey(value: unknown): value is DPoPKeyJwk {
  const k = value as Partial<DPoPKeyJwk> | null;
  return !!k && k.kty === 'EC' && k.crv === 'P-256' && [k.x, k.y, k.d].every((v) => typeof v === 'string' && /^[A-Za-z0-9_-]{40,50}$/.test(v));
}

/** The WebCrypto key pair of a stored DPoP key: the private key non-extractable, the public one extractable (openid-client needs its JWK). */
export async function importDPoPKeyPair(key: DPoPKeyJwk): Promise<CryptoKeyPair> {
  const { kty, crv, x, y, d } = key;
  const [privateKey, publicKey] = await Promise.all([
    webcrypto.subtle.importKey('jwk', { kty, crv, x, y, d }, ES256, false, ['sign']),
    webcrypto.subtle.importKey('jwk', { kty, crv, x, y }, ES256, true, ['verify']),
  ]);
  return { privateKey, publicKey } as CryptoKeyPair;
}

/** True when a token type is DPoP (RFC 9449 §5: compared case-insensitively). */
export function isDPoPTokenType(tokenType: string | undefined): boolean {
  return tokenType?.toLowerCase() === 'dpop';
}

/**
 * A small LRU of values made from stored DPoP keys (imported key pairs and
 * their openid-client handles, which remember the servers' nonces), so a
 * proof per API call costs one signature, not a key import.
 */
export class DPoPKeyCache<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly max = 1000) {}

  get(key: DPoPKeyJwk, make: () => T): T {
    const id = `${key.x}.${key.y}.${key.d}`;
    let value = this.map.get(id);
    if (value !== undefined) {
      this.map.delete(id);
    } else {
      value = make();
      if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value!);
    }
    this.map.set(id, value);
    return value;
  }
}
