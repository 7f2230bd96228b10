import { booleanClaim, claimsName, compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link paypal}.
 *
 * @example
 * ```ts
 * const options: PaypalOptions = { clientId, clientSecret, sandbox: true };
 * ```
 */
export interface PaypalOptions extends PresetOptions {
  /** Use the sandbox hosts (`www.sandbox.paypal.com`, `api-m.sandbox.paypal.com`) with sandbox credentials. */
  sandbox?: boolean;
}

/** The primary (else first) entry of PayPal's `emails` array. */
function primaryEmail(emails: unknown): any {
  if (!Array.isArray(emails)) return undefined;
  return emails.find((e) => e?.primary === true) ?? emails[0];
}

/**
 * Map "Log in with PayPal" userinfo (`schema=paypalv1.1`) to the kit's
 * profile: `user_id` (else `sub`) is the id, the address comes from the
 * primary entry of `emails` (`confirmed` → emailVerified) or from `email`.
 *
 * @throws TypeError when the payload has neither `user_id` nor `sub`.
 * @example
 * ```ts
 * mapPaypalProfile({ user_id: 'https://www.paypal.com/webapps/auth/identity/user/mWq6_1sU85v5EG9yHdPxJRrhGHrnMJ-1PQKtX6pcsmA', name: 'identity test', emails: [{ value: 'user1@example.com', primary: true, confirmed: true }] });
 * // { id: 'https://www.paypal.com/webapps/auth/identity/user/mWq6_1sU85v5EG9yHdPxJRrhGHrnMJ-1PQKtX6pcsmA', name: 'identity test', email: 'user1@example.com', emailVerified: true }
 * ```
 */
export function mapPaypalProfile(raw: any): MappedProfile {
  const id = str(raw?.user_id) ?? str(raw?.sub);
  if (!id) throw new TypeError('PayPal profile has no user_id or sub');
  const entry = primaryEmail(raw.emails);
  const email = str(entry?.value) ?? str(raw.email);
  return compact({
    id,
    name: claimsName(raw),
    email,
    emailVerified: !email ? undefined : entry ? booleanClaim(entry.confirmed) : booleanClaim(raw.email_verified),
    avatarUrl: str(raw.picture),
  });
}

/**
 * "Log in with PayPal" over OAuth 2.0 with PKCE and HTTP Basic client
 * authentication; the profile is `GET /v1/identity/oauth2/userinfo?schema=paypalv1.1`.
 * `sandbox: true` switches every host to the sandbox. The scopes must also be
 * enabled in the app's "Log in with PayPal" settings.
 *
 * Unverified (also in `docs.unverified`): Whether the authorize endpoint accepts PKCE from a
 * confidential web app (the kit sends it); Why not OIDC discovery: the signing algorithm of
 * PayPal's id_token was not confirmed, so the preset uses OAuth 2.0 + userinfo.
 *
 * @param options `clientId`, `clientSecret`, `sandbox`, `scope` (default `openid profile email`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developer.paypal.com/docs/api/identity/v1/
 * @example
 * ```ts
 * auth.register(paypal({ clientId, clientSecret, sandbox: process.env.NODE_ENV !== 'production' }));
 * ```
 */
export function paypal(options: PaypalOptions): OAuth2Provider {
  const name = options.name ?? 'paypal';
  const web = options.sandbox ? 'https://www.sandbox.paypal.com' : 'https://www.paypal.com';
  const api = options.sandbox ? 'https://api-m.sandbox.paypal.com' : 'https://api-m.paypal.com';
  return defineOAuth2Provider({
    name,
    displayName: 'PayPal',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_basic',
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options, {
      authorizationEndpoint: `${web}/signin/authorize`,
      tokenEndpoint: `${api}/v1/oauth2/token`,
      userinfoEndpoint: `${api}/v1/identity/oauth2/userinfo?schema=paypalv1.1`,
      apiBaseUrl: `${api}/`,
    }),
    profile: mapPaypalProfile,
    quirks: options.sandbox ? ['sandbox-hosts', 'userinfo-schema-parameter', 'emails-array'] : ['userinfo-schema-parameter', 'emails-array'],
    docs: {
      registerUrl: 'https://developer.paypal.com/dashboard/applications',
      notes: `Apps & Credentials → your app → Features → Log in with PayPal (choose the user data); Return URL: <baseUrl>/auth/${name}/callback.`,
      kind: 'social',
      unverified: [
        'Whether the authorize endpoint accepts PKCE from a confidential web app (the kit sends it).',
        "Why not OIDC discovery: the signing algorithm of PayPal's id_token was not confirmed, so the preset uses OAuth 2.0 + userinfo.",
      ],
    },
  });
}
