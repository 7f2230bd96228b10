import { booleanClaim, compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map DigitalOcean's `GET /v2/account` (`{ account: { uuid, email, … } }`) to
 * the kit's profile; a bare account object is accepted too.
 *
 * @throws TypeError when the account has no `uuid`.
 * @example
 * ```ts
 * mapDigitaloceanProfile({ account: { uuid: 'b6fr89dbf6d9156cace5f3c78dc9851d957381ef', email: 'sammy@digitalocean.com', email_verified: true, name: 'Sammy the Shark' } });
 * // { id: 'b6fr89dbf6d9156cace5f3c78dc9851d957381ef', name: 'Sammy the Shark', email: 'sammy@digitalocean.com', emailVerified: true }
 * ```
 */
export function mapDigitaloceanProfile(raw: any): MappedProfile {
  const account = raw?.account ?? raw;
  const id = str(account?.uuid);
  if (!id) throw new TypeError('DigitalOcean account has no uuid');
  const email = str(account.email);
  return compact({ id, name: str(account.name), email, emailVerified: email ? booleanClaim(account.email_verified) : undefined });
}

/**
 * DigitalOcean over OAuth 2.0 with PKCE; the client secret goes in the token
 * request body, and the profile is `GET https://api.digitalocean.com/v2/account`
 * (`read` scope). Tokens are granted for a team the user picks.
 *
 * Unverified (also in `docs.unverified`): Whether confidential clients may send PKCE (documented
 * for public clients; the kit sends it); Whether the revoke endpoint follows RFC 7009 (token in
 * the body).
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `read`; `read write` for changes), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://docs.digitalocean.com/reference/api/oauth/
 * @example
 * ```ts
 * auth.register(digitalocean({ clientId: process.env.DO_CLIENT_ID!, clientSecret: process.env.DO_CLIENT_SECRET! }));
 * ```
 */
export function digitalocean(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'digitalocean';
  return defineOAuth2Provider({
    name,
    displayName: 'DigitalOcean',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['read'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://cloud.digitalocean.com/v1/oauth/authorize',
      tokenEndpoint: 'https://cloud.digitalocean.com/v1/oauth/token',
      revocationEndpoint: 'https://cloud.digitalocean.com/v1/oauth/revoke',
      userinfoEndpoint: 'https://api.digitalocean.com/v2/account',
      apiBaseUrl: 'https://api.digitalocean.com/v2/',
    }),
    profile: mapDigitaloceanProfile,
    quirks: ['account-wrapper', 'client-secret-post'],
    docs: {
      registerUrl: 'https://cloud.digitalocean.com/account/api/applications',
      notes: `API → OAuth Applications → Register OAuth Application; Callback URL: <baseUrl>/auth/${name}/callback.`,
      kind: 'developer',
      unverified: [
        'Whether confidential clients may send PKCE (documented for public clients; the kit sends it).',
        'Whether the revoke endpoint follows RFC 7009 (token in the body).',
      ],
    },
  });
}
