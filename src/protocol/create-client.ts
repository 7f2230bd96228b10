/**
 * The one place that picks a protocol: a provider's data in, its
 * {@link ProtocolClient} out.
 */
import type { Provider } from '../types.ts';
import { createBoundedFetch, type FetchLimits } from './bounded-fetch.ts';
import { OAuth1Client } from './oauth1-client.ts';
import { OpenIdAdapter } from './openid-adapter.ts';
import type { ProtocolClient } from './protocol-client.ts';

/**
 * The protocol client of a provider: openid-client for OAuth 2.0 / OIDC, the
 * kit's signer for OAuth 1.0a. Every provider call is bounded by `limits`.
 *
 * @throws OAuthConfigError for a JWT client authentication without its secret or key.
 * @example
 * ```ts
 * const client = createProtocolClient(github({ clientId, clientSecret }), { timeoutMs: 10_000, maxBytes: 1 << 20 });
 * ```
 */
export function createProtocolClient(provider: Provider, limits: FetchLimits): ProtocolClient {
  return provider.protocol === 'oauth1' ? new OAuth1Client(provider, createBoundedFetch(limits)) : new OpenIdAdapter(provider, limits);
}
