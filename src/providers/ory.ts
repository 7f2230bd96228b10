import { compact, defineOAuth2Provider, domainIssuer, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link ory}: the project's `domain` (`<slug>.projects.oryapis.com`
 * or its custom domain) or a full `issuer` (e.g. a self-hosted Ory Hydra).
 *
 * @example
 * ```ts
 * const options: OryOptions = { clientId, clientSecret, domain: 'affectionate-hopper-abc123.projects.oryapis.com' };
 * ```
 */
export interface OryOptions extends PresetOptions {
  /** Project domain, e.g. `<slug>.projects.oryapis.com` → issuer `https://<slug>.projects.oryapis.com`. */
  domain?: string;
  /** Full issuer instead of `domain` (self-hosted Hydra: its `urls.self.issuer`). */
  issuer?: string;
}

/**
 * Map Ory's OIDC claims (id_token / `/userinfo`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapOryProfile({ sub: '5b4c6f4e-1a9f-4d54-8a42-2d1f0a5e8c11', email: 'jane@example.org', email_verified: true, name: 'Jane Doe' });
 * // { id: '5b4c6f4e-1a9f-4d54-8a42-2d1f0a5e8c11', name: 'Jane Doe', email: 'jane@example.org', emailVerified: true }
 * ```
 */
export function mapOryProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Ory profile has no sub');
  return compact({ id, username: str(raw.preferred_username) ?? str(raw.nickname), ...standardClaims(raw) });
}

/**
 * Ory Network (OAuth2 & OpenID Connect, powered by Ory Hydra) or a
 * self-hosted Ory Hydra, over OpenID Connect with discovery and PKCE. Each
 * project is its own issuer. The OAuth2 client must allow the scopes you
 * request (`openid`, plus `offline_access` for a refresh token). An Ory
 * Network issuer has no trailing slash (`https://<slug>.projects.oryapis.com`);
 * a self-hosted Hydra adds one to `urls.self.issuer` (ory/hydra#1482), so pass
 * it as `issuer` exactly as its discovery document prints it.
 *
 * Unverified (also in `docs.unverified`): Whether id_tokens name the custom domain or the project
 * domain as iss when a custom domain is set (ory/network#319 reported the project domain); use the
 * domain your discovery document shows; Which profile/email claims reach userinfo depends on the
 * login & consent app (Ory Account Experience maps identity traits); the fixture is illustrative.
 *
 * @param options `clientId`, `clientSecret`, `domain` or `issuer`, `scope` (default `openid profile email`).
 * @throws OAuthConfigError when clientId / clientSecret is missing, or neither domain nor issuer is given.
 * @see https://www.ory.sh/docs/oauth2-oidc
 * @example
 * ```ts
 * auth.register(ory({ clientId, clientSecret, domain: 'affectionate-hopper-abc123.projects.oryapis.com' }));
 * ```
 */
export function ory(options: OryOptions): OAuth2Provider {
  const name = options.name ?? 'ory';
  return defineOAuth2Provider({
    name,
    displayName: 'Ory',
    protocol: 'oidc',
    issuer: domainIssuer(name, options, { example: '<slug>.projects.oryapis.com', path: '' }),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options),
    profile: mapOryProfile,
    quirks: ['project-domain'],
    docs: {
      registerUrl: 'https://console.ory.sh/',
      notes: `Console → OAuth 2 → OAuth2 Clients → Create (client_secret_basic, scopes openid profile email); Redirect URIs: <baseUrl>/auth/${name}/callback.`,
      kind: 'enterprise',
      unverified: [
        'Whether id_tokens name the custom domain or the project domain as iss when a custom domain is set (ory/network#319 reported the project domain); use the domain your discovery document shows.',
        'Which profile/email claims reach userinfo depends on the login & consent app (Ory Account Experience maps identity traits); the fixture is illustrative.',
      ],
    },
  });
}
