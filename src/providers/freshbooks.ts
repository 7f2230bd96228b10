import { compact, defineOAuth2Provider, joinName, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map FreshBooks' `GET /auth/api/v1/users/me` (`{ response: { id, first_name, last_name, email, … } }`) to the kit's profile.
 *
 * @throws TypeError when there is no `response.id`.
 * @example
 * ```ts
 * mapFreshbooksProfile({ response: { id: 2192788, first_name: 'Jane', last_name: 'Doe', email: 'jane@example.com', confirmed_at: '2020-03-23T21:16:19Z' } });
 * // { id: '2192788', name: 'Jane Doe', email: 'jane@example.com', emailVerified: true }
 * ```
 */
export function mapFreshbooksProfile(raw: any): MappedProfile {
  const user = raw?.response;
  const id = str(user?.id);
  if (!id) throw new TypeError('FreshBooks profile has no response.id');
  const email = str(user.email);
  // `confirmed_at` is set once the user confirmed the address; null before that.
  const confirmed = 'confirmed_at' in user ? Boolean(str(user.confirmed_at)) : undefined;
  return compact({ id, name: joinName(user.first_name, user.last_name), email, emailVerified: email ? confirmed : undefined });
}

/**
 * FreshBooks over OAuth 2.0: authorize at `my.freshbooks.com/service/auth/oauth/authorize`, token at
 * `api.freshbooks.com/auth/oauth/token` (secret in the body), profile
 * `GET /auth/api/v1/users/me` (scope `user:profile:read`).
 *
 * Unverified: the authorize host (`my.freshbooks.com/service/auth/…` in
 * FreshBooks' Postman-based examples; Auth.js uses `auth.freshbooks.com`);
 * that the token endpoint takes a form body (FreshBooks' examples send
 * JSON); PKCE acceptance; reading `confirmed_at` as email verification.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `user:profile:read`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://www.freshbooks.com/api/authenticating-with-oauth-2-0-on-the-new-freshbooks-api
 * @example
 * ```ts
 * auth.register(freshbooks({ clientId: process.env.FRESHBOOKS_CLIENT_ID!, clientSecret: process.env.FRESHBOOKS_CLIENT_SECRET! }));
 * ```
 */
export function freshbooks(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'freshbooks';
  return defineOAuth2Provider({
    name,
    displayName: 'FreshBooks',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['user:profile:read'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://my.freshbooks.com/service/auth/oauth/authorize',
      tokenEndpoint: 'https://api.freshbooks.com/auth/oauth/token',
      revocationEndpoint: 'https://api.freshbooks.com/auth/oauth/revoke',
      userinfoEndpoint: 'https://api.freshbooks.com/auth/api/v1/users/me',
      apiBaseUrl: 'https://api.freshbooks.com/',
    }),
    profile: mapFreshbooksProfile,
    quirks: ['response-wrapper', 'client-secret-post'],
    docs: {
      registerUrl: 'https://my.freshbooks.com/#/developer',
      notes: `Developer portal → Create an App; Redirect URIs (https): <baseUrl>/auth/${name}/callback; scope user:profile:read.`,
      kind: 'developer',
      unverified: ['authorize host (my.freshbooks.com vs auth.freshbooks.com)', 'form-encoded token request', 'PKCE acceptance', 'confirmed_at as email verification', 'fixture payload reconstructed from the documented identity fields'],
    },
  });
}
