import { compact, defineOAuth2Provider, domainIssuer, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link kinde}: the business `domain`, or a full `issuer`.
 *
 * @example
 * ```ts
 * const options: KindeOptions = { clientId, clientSecret, domain: 'myapp.kinde.com' };
 * ```
 */
export interface KindeOptions extends PresetOptions {
  /** Kinde domain, e.g. `myapp.kinde.com` (or your custom domain) → issuer `https://myapp.kinde.com`. */
  domain?: string;
  /** Full issuer (local emulators). */
  issuer?: string;
}

/**
 * Map Kinde's OIDC claims (id_token / `oauth2/v2/user_profile`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapKindeProfile({ sub: 'kp_c3143a4b50ad43c88e541d9077681782', given_name: 'John', family_name: 'Snow', email: 'john@example.com', picture: 'https://example.com/john.jpg' });
 * // { id: 'kp_c3143a4b50ad43c88e541d9077681782', name: 'John Snow', email: 'john@example.com', avatarUrl: 'https://example.com/john.jpg' }
 * ```
 */
export function mapKindeProfile(raw: any): MappedProfile {
  const id = str(raw?.sub) ?? str(raw?.id);
  if (!id) throw new TypeError('Kinde profile has no sub');
  return compact({ id, username: str(raw.preferred_username), ...standardClaims(raw) });
}

/**
 * Kinde over OpenID Connect with discovery; the business domain is the
 * issuer (`https://<business>.kinde.com`, or a custom domain).
 *
 * Unverified: whether Kinde's id_token carries `email_verified` as a
 * boolean; client auth method (Basic assumed).
 *
 * @param options `clientId`, `clientSecret`, `domain` or `issuer`, `scope` (default `openid profile email offline`).
 * @throws OAuthConfigError when clientId is missing, or neither domain nor issuer is given.
 * @see https://docs.kinde.com/build/tokens/about-id-tokens/
 * @example
 * ```ts
 * auth.register(kinde({ clientId, clientSecret, domain: 'myapp.kinde.com' }));
 * ```
 */
export function kinde(options: KindeOptions): OAuth2Provider {
  const name = options.name ?? 'kinde';
  return defineOAuth2Provider({
    name,
    displayName: 'Kinde',
    protocol: 'oidc',
    issuer: domainIssuer(name, options, { example: 'myapp.kinde.com', path: '' }),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'profile', 'email', 'offline'],
    ...presetEndpoints(options),
    profile: mapKindeProfile,
    quirks: ['tenant-domain', 'offline-scope'],
    docs: {
      registerUrl: 'https://app.kinde.com/',
      notes: `Settings → Applications → Add application (Back-end web); Allowed callback URLs: <baseUrl>/auth/${name}/callback.`,
      kind: 'enterprise',
      unverified: ['email_verified claim type', 'client_secret_basic accepted', 'fixture payload reconstructed from documented field names, not a verbatim documented example'],
    },
  });
}
