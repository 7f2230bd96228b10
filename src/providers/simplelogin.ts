import { booleanClaim, compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map "Sign in with SimpleLogin" claims (id_token / `oauth2/userinfo`) to the
 * kit's profile. The email is the one the user chose to share, often an alias.
 *
 * @throws TypeError when the claims have neither `sub` nor `id`.
 * @example
 * ```ts
 * mapSimpleloginProfile({ sub: '2', id: 2, name: 'John Wick', email: 'john.wick@sl.local', email_verified: true, avatar_url: 'https://app.simplelogin.io/avatar.png' });
 * // { id: '2', name: 'John Wick', email: 'john.wick@sl.local', emailVerified: true, avatarUrl: 'https://app.simplelogin.io/avatar.png' }
 * ```
 */
export function mapSimpleloginProfile(raw: any): MappedProfile {
  // userinfo carries both: `sub` (string) and the same value as a number in `id`
  const id = str(raw?.sub) ?? str(raw?.id);
  if (!id) throw new TypeError('SimpleLogin profile has no sub');
  const email = str(raw.email);
  return compact({
    id,
    name: str(raw.name),
    email,
    emailVerified: email ? booleanClaim(raw.email_verified) : undefined,
    avatarUrl: str(raw.avatar_url) ?? str(raw.picture),
  });
}

/**
 * "Sign in with SimpleLogin" (Proton) over OAuth 2.0 with the documented
 * `/oauth2/authorize`, `/oauth2/token` and `/oauth2/userinfo` endpoints.
 * SimpleLogin also publishes OIDC discovery, but its id_tokens are reported
 * to omit the `nonce`, which an OIDC login must reject; so the preset does
 * not ask for `openid` and reads the profile from userinfo, which SimpleLogin
 * answers without any scope. SimpleLogin allows any `http://localhost`
 * redirect for development; other redirect URIs must be https.
 *
 * Unverified (see `docs.unverified`): PKCE (reported as not implemented; the
 * challenge is assumed to be ignored) and the nonce behaviour of current id_tokens.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default none), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://simplelogin.io/docs/siwsl/intro/
 * @example
 * ```ts
 * auth.register(simplelogin({ clientId: process.env.SIMPLELOGIN_CLIENT_ID!, clientSecret: process.env.SIMPLELOGIN_CLIENT_SECRET! }));
 * ```
 */
export function simplelogin(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'simplelogin';
  return defineOAuth2Provider({
    name,
    displayName: 'SimpleLogin',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://app.simplelogin.io/oauth2/authorize',
      tokenEndpoint: 'https://app.simplelogin.io/oauth2/token',
      userinfoEndpoint: 'https://app.simplelogin.io/oauth2/userinfo',
    }),
    profile: mapSimpleloginProfile,
    quirks: ['alias-email', 'numeric-id-duplicate', 'no-openid-scope'],
    docs: {
      registerUrl: 'https://app.simplelogin.io/developer',
      notes: `Developer → New website; Authorized redirect URIs: <baseUrl>/auth/${name}/callback (https, or any http://localhost).`,
      kind: 'social',
      unverified: [
        'PKCE: reported as not implemented by SimpleLogin; the challenge is assumed to be ignored',
        'whether current id_tokens carry the nonce (the reason this preset is OAuth 2.0, not OIDC)',
      ],
    },
  });
}
