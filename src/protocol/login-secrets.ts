/**
 * The random values of one OAuth 2.0 / OIDC login (state, PKCE verifier,
 * nonce) and the S256 code challenge. Pure, on node:crypto.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { OAuth2Provider } from '../types.ts';

/** Fresh random values for one login. */
export interface LoginSecrets {
  state: string;
  codeVerifier?: string;
  nonce?: string;
  /** OIDC: the `max_age` the login asked (auth_time is checked against it). */
  maxAge?: number;
  /** OIDC: the `acr_values` the login asked (the id_token's `acr` must be one of them). */
  acrValues?: string;
}

/**
 * Make a random state, PKCE verifier and nonce as the provider needs them:
 * 32 random bytes each, base64url (as openid-client's `randomState()` and
 * friends), drawn from one `randomBytes` call.
 */
export function createLoginSecrets(provider: OAuth2Provider): LoginSecrets {
  const bytes = randomBytes(96);
  return {
    state: bytes.subarray(0, 32).toString('base64url'),
    codeVerifier: provider.pkce ? bytes.subarray(32, 64).toString('base64url') : undefined,
    nonce: provider.protocol === 'oidc' ? bytes.subarray(64).toString('base64url') : undefined,
  };
}

/**
 * RFC 7636 S256 code challenge, synchronous: node:crypto's SHA-256 gives the
 * challenge openid-client's async WebCrypto `calculatePKCECodeChallenge` gives
 * (the unit test checks both on the RFC vector and random verifiers).
 */
export function calculateCodeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}
