import { compact, defineOAuth2Provider, domainIssuer, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link onelogin}: your account's `domain` (`acme.onelogin.com`)
 * or a full `issuer`.
 *
 * @example
 * ```ts
 * const options: OneLoginOptions = { clientId, clientSecret, domain: 'acme.onelogin.com' };
 * ```
 */
export interface OneLoginOptions extends PresetOptions {
  /** The account's host, e.g. `acme.onelogin.com` (a pasted `https://` URL works too). */
  domain?: string;
  /** Issuer override (another host, local emulators); default `https://<domain>/oidc/2`. */
  issuer?: string;
}

/**
 * Map OneLogin OpenID Connect claims (id_token + userinfo) to the kit's
 * profile: `sub`, `preferred_username`, `name` (or `given_name` +
 * `family_name`), `email`. OneLogin sends no `email_verified` that this
 * preset could confirm, so a real boolean is mapped only when present.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapOneLoginProfile({ sub: '52815349', preferred_username: 'kelly', name: 'Kelly Young', email: 'kelly@acme.example' });
 * // { id: '52815349', username: 'kelly', name: 'Kelly Young', email: 'kelly@acme.example' }
 * ```
 */
export function mapOneLoginProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('OneLogin profile has no sub');
  return compact({ id, username: str(raw.preferred_username), ...standardClaims(raw) });
}

/**
 * OneLogin over OpenID Connect with discovery: issuer
 * `https://<subdomain>.onelogin.com/oidc/2` (the `/2` is the version of
 * OneLogin's OIDC API), PKCE, and HTTP Basic client authentication
 * (OneLogin's default "Token Endpoint: Basic" on the app's SSO tab; keep it,
 * this preset sends Basic).
 *
 * Added in place of Passage by 1Password, which was retired on 2026-01-16.
 *
 * Unverified (also in `docs.unverified`): the issuer path and the Basic
 * default come from several independent integration guides, not from
 * OneLogin's own pages (not reached while writing this preset); the exact
 * userinfo claim set (the fixture is assembled from OIDC standard claims).
 *
 * @param options `clientId`, `clientSecret`, `domain` or `issuer`, `scope` (default `openid profile email`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing, or neither domain nor issuer is given.
 * @see https://developers.onelogin.com/openid-connect
 * @example
 * ```ts
 * auth.register(onelogin({ clientId: process.env.ONELOGIN_CLIENT_ID!, clientSecret: process.env.ONELOGIN_CLIENT_SECRET!, domain: 'acme.onelogin.com' }));
 * ```
 */
export function onelogin(options: OneLoginOptions): OAuth2Provider {
  const name = options.name ?? 'onelogin';
  return defineOAuth2Provider({
    name,
    displayName: 'OneLogin',
    protocol: 'oidc',
    issuer: domainIssuer(name, options, { example: 'acme.onelogin.com', path: '/oidc/2' }),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_basic',
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options),
    profile: mapOneLoginProfile,
    quirks: ['versioned-issuer-path'],
    docs: {
      registerUrl: 'https://www.onelogin.com/',
      notes: `Administration → Applications → Add App → "OpenId Connect (OIDC)"; Configuration → Redirect URIs: <baseUrl>/auth/${name}/callback; SSO tab: Token Endpoint "Basic", copy Client ID / Secret.`,
      kind: 'enterprise',
      unverified: [
        'issuer https://<subdomain>.onelogin.com/oidc/2 and the Basic token-endpoint default: from independent integration guides, not OneLogin\'s own pages',
        'fixture payload reconstructed from OIDC standard claims, not a verbatim documented example',
      ],
    },
  });
}
