import { booleanClaim, compact, defineOAuth2Provider, domainIssuer, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link passage}: the app's hosted-login domain, or its full issuer.
 *
 * @example
 * ```ts
 * const options: PassageOptions = { clientId, clientSecret, domain: 'my-app.withpassage.com' };
 * ```
 */
export interface PassageOptions extends PresetOptions {
  /** The app's auth domain from the Passage Console, e.g. `my-app.withpassage.com` (or a custom domain). */
  domain?: string;
  /** Full issuer, e.g. `https://my-app.withpassage.com`; wins over `domain`. */
  issuer?: string;
}

/**
 * Map Passage's OIDC claims (id_token / userinfo) to the kit's profile. Passage
 * users are identified by email or phone; there is no name claim.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapPassageProfile({ sub: 'Hs3n6XzLLXoNhUyZ8rNvYtDC', email: 'user@example.com', email_verified: true });
 * // { id: 'Hs3n6XzLLXoNhUyZ8rNvYtDC', email: 'user@example.com', emailVerified: true }
 * ```
 */
export function mapPassageProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Passage profile has no sub');
  const email = str(raw.email);
  return compact({
    id,
    // a phone-only user has no email; the phone number is its handle
    username: email ? undefined : (str(raw.phone) ?? str(raw.phone_number)),
    email,
    emailVerified: email ? booleanClaim(raw.email_verified) : undefined,
  });
}

/**
 * Passage by 1Password (hosted login) over OpenID Connect with discovery.
 * Each Passage app is its own issuer, so `domain` or `issuer` is required.
 *
 * Unverified (see `docs.unverified`): the issuer form (`https://<app domain>`),
 * the `phone` claim names, and whether the service still accepts new apps.
 *
 * @param options `clientId`, `clientSecret`, `domain` or `issuer`, `scope` (default `openid email`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing, or neither domain nor issuer is given.
 * @see https://docs.passage.id/hosted-login/oidc-client-configuration
 * @example
 * ```ts
 * auth.register(passage({ clientId, clientSecret, domain: 'my-app.withpassage.com' }));
 * ```
 */
export function passage(options: PassageOptions): OAuth2Provider {
  const name = options.name ?? 'passage';
  return defineOAuth2Provider({
    name,
    displayName: 'Passage',
    protocol: 'oidc',
    issuer: domainIssuer(name, options, { example: 'my-app.withpassage.com', path: '' }),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'email'],
    ...presetEndpoints(options),
    profile: mapPassageProfile,
    quirks: ['per-app-issuer', 'phone-only-users'],
    docs: {
      registerUrl: 'https://console.passage.id/',
      notes: `Passage Console → your app → Hosted login → OIDC client (confidential); Redirect URI: <baseUrl>/auth/${name}/callback.`,
      kind: 'developer',
      unverified: [
        'issuer is https://<the app auth domain> (taken from the OIDC client page, not checked against a discovery document)',
        'claim names for phone users (phone / phone_number)',
        'whether Passage still accepts new apps',
      ],
    },
  });
}
