import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Coinbase's `GET /v2/user` (`{ data: { id, name, username, email, avatar_url } }`) to the kit's profile.
 * `email` needs the `wallet:user:email` scope.
 *
 * @throws TypeError when there is no `data.id`.
 * @example
 * ```ts
 * mapCoinbaseProfile({ data: { id: '9da7a204-544e-5fd1-9a12-61176c5d4cd8', name: 'User One', username: 'user1', email: 'user1@example.com', avatar_url: 'https://images.coinbase.com/avatar?s=128' } });
 * // { id: '9da7a204-544e-5fd1-9a12-61176c5d4cd8', username: 'user1', name: 'User One', email: 'user1@example.com', avatarUrl: 'https://images.coinbase.com/avatar?s=128' }
 * ```
 */
export function mapCoinbaseProfile(raw: any): MappedProfile {
  const user = raw?.data;
  const id = str(user?.id);
  if (!id) throw new TypeError('Coinbase profile has no data.id');
  return compact({
    id,
    username: str(user.username),
    name: str(user.name),
    email: str(user.email),
    avatarUrl: str(user.avatar_url),
  });
}

/**
 * Coinbase (Coinbase App OAuth2) over OAuth 2.0 at `login.coinbase.com`;
 * the profile is `GET https://api.coinbase.com/v2/user`. Access tokens live
 * about an hour and come with a refresh token.
 *
 * Coinbase documents PKCE (S256) as optional and recommended, and
 * `offline_access` for a refresh token; scopes must be declared when the
 * OAuth client is registered (new clients are limited to approved partners).
 *
 * Unverified: client auth method (the preset sends the secret in the body);
 * the scope separator (the reference says comma-separated, its example URL
 * uses `+`, i.e. spaces; the preset sends spaces); that `/v2/user` answers for
 * tokens from the `login.coinbase.com` endpoints.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `wallet:user:read wallet:user:email`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://docs.cdp.coinbase.com/coinbase-app/oauth2-integration/reference
 * @example
 * ```ts
 * auth.register(coinbase({ clientId: process.env.COINBASE_CLIENT_ID!, clientSecret: process.env.COINBASE_CLIENT_SECRET! }));
 * ```
 */
export function coinbase(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'coinbase';
  return defineOAuth2Provider({
    name,
    displayName: 'Coinbase',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['wallet:user:read', 'wallet:user:email'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://login.coinbase.com/oauth2/auth',
      tokenEndpoint: 'https://login.coinbase.com/oauth2/token',
      revocationEndpoint: 'https://login.coinbase.com/oauth2/revoke',
      userinfoEndpoint: 'https://api.coinbase.com/v2/user',
      apiBaseUrl: 'https://api.coinbase.com/v2/',
    }),
    profile: mapCoinbaseProfile,
    quirks: ['response-wrapper', 'email-scope'],
    docs: {
      registerUrl: 'https://portal.cdp.coinbase.com/',
      notes: `CDP Portal → API Keys → OAuth → Create client (declare the scopes, add offline_access for refresh tokens); Redirect URI: <baseUrl>/auth/${name}/callback.`,
      kind: 'social',
      unverified: ['client_secret_post vs client_secret_basic', 'scope separator (comma in the reference, space in its example)', '/v2/user with login.coinbase.com tokens', 'fixture payload reconstructed from the documented user fields'],
    },
  });
}
