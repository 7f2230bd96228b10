import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Login with Amazon's `GET /user/profile` to the kit's profile.
 *
 * @throws TypeError when the profile has no `user_id`.
 * @example
 * ```ts
 * mapAmazonProfile({ user_id: 'amzn1.account.K2LI23KL2LK2', email: 'mhashimoto-04@plaxo.com', name: 'Mork Hashimoto' });
 * // { id: 'amzn1.account.K2LI23KL2LK2', name: 'Mork Hashimoto', email: 'mhashimoto-04@plaxo.com' }
 * ```
 */
export function mapAmazonProfile(raw: any): MappedProfile {
  const id = str(raw?.user_id);
  if (!id) throw new TypeError('Amazon profile has no user_id');
  return compact({ id, name: str(raw.name), email: str(raw.email) });
}

/**
 * Login with Amazon over OAuth 2.0 with PKCE; the profile is
 * `GET https://api.amazon.com/user/profile` (`profile` scope).
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `profile`), endpoint overrides (e.g. `api.amazon.co.uk` / `api.amazon.co.jp` hosts).
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developer.amazon.com/docs/login-with-amazon/authorization-code-grant.html
 * @example
 * ```ts
 * auth.register(amazon({ clientId: process.env.LWA_CLIENT_ID!, clientSecret: process.env.LWA_CLIENT_SECRET! }));
 * ```
 */
export function amazon(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'amazon';
  return defineOAuth2Provider({
    name,
    displayName: 'Amazon',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['profile'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://www.amazon.com/ap/oa',
      tokenEndpoint: 'https://api.amazon.com/auth/o2/token',
      userinfoEndpoint: 'https://api.amazon.com/user/profile',
      apiBaseUrl: 'https://api.amazon.com/',
    }),
    profile: mapAmazonProfile,
    quirks: ['regional-endpoints'],
    docs: {
      kind: 'social',
      registerUrl: 'https://developer.amazon.com/loginwithamazon/console/site/lwa/overview.html',
      notes: `Create a security profile, Web Settings → Allowed Return URLs: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
