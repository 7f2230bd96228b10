import { booleanClaim, compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

const IDENTITY_URL =
  'https://www.patreon.com/api/oauth2/v2/identity?fields%5Buser%5D=email,full_name,image_url,is_email_verified,vanity';

/**
 * Map Patreon's API v2 `GET /identity` JSON:API document
 * (`{ data: { id, type: 'user', attributes } }`) to the kit's profile.
 *
 * @throws TypeError when `data.id` is missing.
 * @example
 * ```ts
 * mapPatreonProfile({ data: { id: '12345', type: 'user', attributes: { full_name: 'Corgi The Dev', email: 'corgi@example.com', is_email_verified: true } } });
 * // { id: '12345', name: 'Corgi The Dev', email: 'corgi@example.com', emailVerified: true }
 * ```
 */
export function mapPatreonProfile(raw: any): MappedProfile {
  const data = raw?.data;
  const id = str(data?.id);
  if (!id) throw new TypeError('Patreon profile has no data.id');
  const a = data.attributes ?? {};
  const email = str(a.email);
  return compact({
    id,
    username: str(a.vanity),
    name: str(a.full_name),
    email,
    emailVerified: email ? booleanClaim(a.is_email_verified) : undefined,
    avatarUrl: str(a.image_url),
  });
}

/**
 * Patreon over OAuth 2.0 (API v2). Attributes come only when asked for with
 * `fields[user]`, which the profile URL does; the email needs `identity[email]`.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `identity identity[email]`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://docs.patreon.com/#oauth
 * @example
 * ```ts
 * auth.register(patreon({ clientId: process.env.PATREON_CLIENT_ID!, clientSecret: process.env.PATREON_CLIENT_SECRET! }));
 * ```
 */
export function patreon(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'patreon';
  return defineOAuth2Provider({
    name,
    displayName: 'Patreon',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['identity', 'identity[email]'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://www.patreon.com/oauth2/authorize',
      tokenEndpoint: 'https://www.patreon.com/api/oauth2/token',
      userinfoEndpoint: IDENTITY_URL,
      apiBaseUrl: 'https://www.patreon.com/api/oauth2/v2/',
    }),
    profile: mapPatreonProfile,
    quirks: ['json-api-sparse-fields'],
    docs: {
      kind: 'social',
      registerUrl: 'https://www.patreon.com/portal/registration/register-clients',
      notes: `Create Client (API version 2); Redirect URIs: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
