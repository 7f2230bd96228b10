/**
 * Pushed authorization requests (RFC 9126): when the login route pushes the
 * request server-to-server instead of putting it in the browser's URL. Pure.
 */
import type { OAuth2Provider } from '../types.ts';

/** The discovered (or configured) server metadata PAR depends on. */
export interface ParMetadata {
  pushed_authorization_request_endpoint?: unknown;
  require_pushed_authorization_requests?: unknown;
}

/**
 * True when logins of this provider go through PAR: `pushedAuthorizationRequests: true`,
 * or the server's metadata says `require_pushed_authorization_requests: true`.
 *
 * @example
 * ```ts
 * const provider = oidc({ name: 'corp', issuer: 'https://id.example.com', clientId, clientSecret });
 * usesPushedAuthorization(provider, { require_pushed_authorization_requests: true }); // true: the server requires PAR
 * usesPushedAuthorization({ ...provider, pushedAuthorizationRequests: true }, {}); // true: the app asked for it
 * ```
 */
export function usesPushedAuthorization(provider: Pick<OAuth2Provider, 'pushedAuthorizationRequests'>, metadata: ParMetadata): boolean {
  return provider.pushedAuthorizationRequests === true || metadata.require_pushed_authorization_requests === true;
}
