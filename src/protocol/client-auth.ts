/**
 * Client authentication at the token endpoint with a signed JWT (RFC 7523,
 * OIDC Core §9): `client_secret_jwt` (HS256 with the secret) and
 * `private_key_jwt` (the client's own private key). Pure key handling on
 * node:crypto; the protocol adapter turns the result into openid-client's
 * `PrivateKeyJwt` / `ClientSecretJwt`.
 */
import { createPrivateKey, KeyObject, webcrypto, type JsonWebKey } from 'node:crypto';
import { OAuthConfigError } from '../errors.ts';
import type { OAuth2Provider, PrivateKeyInput } from '../types.ts';

/** JWS algs the kit signs client assertions with. */
export type ClientAssertionAlg = 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512' | 'EdDSA' | 'Ed25519';

/** A checked `private_key_jwt` key: the private KeyObject and the alg it signs with. */
export interface ClientSigningKey {
  readonly key: KeyObject;
  readonly alg: ClientAssertionAlg;
  readonly kid?: string;
}

const CURVE_ALG: Record<string, ClientAssertionAlg> = { 'P-256': 'ES256', 'prime256v1': 'ES256', 'P-384': 'ES384', 'secp384r1': 'ES384', 'P-521': 'ES512', 'secp521r1': 'ES512' };
const RSA_ALGS = new Set(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']);

function toKeyObject(name: string, input: PrivateKeyInput): { key: KeyObject; jwkAlg?: string } {
  if (input instanceof KeyObject) {
    if (input.type !== 'private') throw new OAuthConfigError(`${name}: privateKey is a ${input.type} key; private_key_jwt needs the private key (keep the public one at the provider).`, 'invalid_key');
    return { key: input };
  }
  if (typeof input === 'string') {
    if (/-----BEGIN (RSA |EC )?PUBLIC KEY-----|-----BEGIN CERTIFICATE-----/.test(input)) {
      throw new OAuthConfigError(`${name}: privateKey is a public key or certificate; give the PKCS#8 private key ("-----BEGIN PRIVATE KEY-----").`, 'invalid_key');
    }
    try {
      return { key: createPrivateKey({ key: input, format: 'pem' }) };
    } catch {
      throw new OAuthConfigError(`${name}: privateKey is not a PKCS#8 PEM private key ("-----BEGIN PRIVATE KEY-----").`, 'invalid_key');
    }
  }
  if (input && typeof input === 'object') {
    const jwk = input as JsonWebKey;
    if (typeof jwk.kty !== 'string') throw new OAuthConfigError(`${name}: privateKey must be a private JWK, a PKCS#8 PEM string or a KeyObject.`, 'invalid_key');
    if (jwk.d === undefined) throw new OAuthConfigError(`${name}: privateKey is a public JWK (no "d"); private_key_jwt needs the private JWK.`, 'invalid_key');
    try {
      return { key: createPrivateKey({ key: jwk, format: 'jwk' }), jwkAlg: typeof jwk.alg === 'string' ? jwk.alg : undefined };
    } catch {
      throw new OAuthConfigError(`${name}: privateKey is not a usable private JWK.`, 'invalid_key');
    }
  }
  throw new OAuthConfigError(`${name}: privateKey must be a private JWK, a PKCS#8 PEM string or a KeyObject.`, 'invalid_key');
}

/**
 * The alg a key signs with: a JWK's own `alg` when it has one (and fits the
 * key), else RS256 for RSA, ES256/384/512 by curve, EdDSA for Ed25519. PS256
 * is a plain RSA key whose JWK says `"alg": "PS256"` (WebCrypto cannot import
 * an `rsa-pss` typed PKCS#8 key).
 * @throws OAuthConfigError for another key type, or an `alg` that does not fit the key.
 */
export function signingAlgOf(name: string, key: KeyObject, jwkAlg?: string): ClientAssertionAlg {
  const type = key.asymmetricKeyType;
  let fallback: ClientAssertionAlg | undefined;
  let fits: (alg: string) => boolean = () => false;
  if (type === 'rsa') {
    fallback = 'RS256';
    fits = (alg) => RSA_ALGS.has(alg);
  } else if (type === 'ec') {
    fallback = CURVE_ALG[key.asymmetricKeyDetails?.namedCurve ?? ''];
    fits = (alg) => alg === fallback;
  } else if (type === 'ed25519') {
    fallback = 'EdDSA';
    fits = (alg) => alg === 'EdDSA' || alg === 'Ed25519';
  }
  if (!fallback) throw new OAuthConfigError(`${name}: privateKey must be an RSA, EC (P-256/384/521) or Ed25519 key, got ${type} (for PS256 give an RSA JWK with "alg": "PS256").`, 'invalid_key');
  if (jwkAlg === undefined) return fallback;
  if (!fits(jwkAlg)) throw new OAuthConfigError(`${name}: the privateKey JWK's alg ${JSON.stringify(jwkAlg)} does not fit its ${type} key.`, 'invalid_key');
  return jwkAlg as ClientAssertionAlg;
}

/**
 * Check a `private_key_jwt` key and find its alg.
 *
 * @param name the provider name, for error messages.
 * @throws OAuthConfigError for a missing key, a public key given as private, or an unsupported key type.
 * @example
 * ```ts
 * import { generateKeyPairSync } from 'node:crypto';
 *
 * const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
 * parseClientSigningKey('corp', privateKey.export({ format: 'jwk' }), 'key-1').alg; // 'ES256'
 * ```
 */
export function parseClientSigningKey(name: string, input: PrivateKeyInput | undefined, kid?: string): ClientSigningKey {
  if (input === undefined || input === null || input === '') throw new OAuthConfigError(`${name}: clientAuth private_key_jwt needs privateKey (a private JWK, a PKCS#8 PEM string or a KeyObject).`, 'invalid_key');
  if (kid !== undefined && (typeof kid !== 'string' || kid.length === 0)) throw new OAuthConfigError(`${name}: privateKeyId must be a non-empty string (the key's kid).`, 'invalid_key');
  const { key, jwkAlg } = toKeyObject(name, input);
  const ownKid = kid ?? (input && typeof input === 'object' && !(input instanceof KeyObject) && typeof (input as JsonWebKey).kid === 'string' ? ((input as JsonWebKey).kid as string) : undefined);
  return Object.freeze({ key, alg: signingAlgOf(name, key, jwkAlg), kid: ownKid });
}

/**
 * The setup check run at `register()` for the JWT client authentication
 * methods: `client_secret_jwt` needs `clientSecret`, `private_key_jwt` a
 * usable private key. Returns the checked key (or undefined for other methods).
 * @throws OAuthConfigError naming what to fix.
 */
export function checkClientAuth(provider: OAuth2Provider): ClientSigningKey | undefined {
  if (provider.clientAuth === 'client_secret_jwt' && !provider.clientSecret && !provider.clientSecretFactory) {
    throw new OAuthConfigError(`${provider.name}: clientAuth client_secret_jwt needs clientSecret.`);
  }
  if (provider.clientAuth !== 'private_key_jwt') return undefined;
  return parseClientSigningKey(provider.name, provider.privateKey, provider.privateKeyId);
}

function webCryptoAlgorithm(alg: ClientAssertionAlg): Parameters<typeof webcrypto.subtle.importKey>[2] {
  if (alg.startsWith('RS')) return { name: 'RSASSA-PKCS1-v1_5', hash: `SHA-${alg.slice(2)}` };
  if (alg.startsWith('PS')) return { name: 'RSA-PSS', hash: `SHA-${alg.slice(2)}` };
  if (alg.startsWith('ES')) return { name: 'ECDSA', namedCurve: { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' }[alg as 'ES256'] };
  return { name: 'Ed25519' };
}

/** The WebCrypto signing key openid-client needs (non-extractable), for the key's alg. */
export async function importClientSigningKey(signing: ClientSigningKey): Promise<CryptoKey> {
  const der = signing.key.export({ type: 'pkcs8', format: 'der' });
  return webcrypto.subtle.importKey('pkcs8', der, webCryptoAlgorithm(signing.alg), false, ['sign']) as Promise<CryptoKey>;
}
