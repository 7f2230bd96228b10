import { compact, defineOAuth2Provider, domainIssuer, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';
import { strongClient, type StrongClientOptions } from './strong-client.ts';

/**
 * Options of {@link zitadel}: the instance `domain` (ZITADEL Cloud or a
 * custom / self-hosted domain) or a full `issuer`.
 *
 * @example
 * ```ts
 * const options: ZitadelOptions = { clientId, clientSecret, domain: 'my-instance-abc123.zitadel.cloud' };
 * ```
 */
export interface ZitadelOptions extends PresetOptions, StrongClientOptions {
  /** Instance domain, e.g. `my-instance-abc123.zitadel.cloud` → issuer `https://my-instance-abc123.zitadel.cloud`. */
  domain?: string;
  /** Full issuer instead of `domain`, e.g. `https://auth.example.com` (self-hosted). */
  issuer?: string;
}

/**
 * Map ZITADEL's OIDC claims (id_token / `/oidc/v1/userinfo`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapZitadelProfile({ sub: '77776025198584418', preferred_username: 'road.runner@acme.zitadel.cloud', name: 'Road Runner', email: 'road.runner@acme.ch', email_verified: true });
 * // { id: '77776025198584418', username: 'road.runner@acme.zitadel.cloud', name: 'Road Runner', email: 'road.runner@acme.ch', emailVerified: true }
 * ```
 */
export function mapZitadelProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('ZITADEL profile has no sub');
  return compact({ id, username: str(raw.preferred_username), ...standardClaims(raw) });
}

/**
 * ZITADEL (Cloud or self-hosted) over OpenID Connect with discovery and PKCE.
 * Each instance is its own issuer: `https://<instance domain>`. Profile
 * claims arrive at userinfo (ZITADEL keeps them out of the id_token when an
 * access token is issued), which the kit merges over the id_token claims.
 *
 * Unverified (see `docs.unverified`): the default client authentication of a
 * Web application depends on the method chosen in the console (Basic is the
 * preset's default; pick "Post" there and pass nothing else, or set it to Basic).
 *
 * @param options `clientId`, `clientSecret`, `domain` or `issuer`, `scope` (default `openid profile email`).
 * @throws OAuthConfigError when clientId / clientSecret is missing, or neither domain nor issuer is given.
 * @see https://zitadel.com/docs/apis/openidoauth/endpoints
 * @example
 * ```ts
 * auth.register(zitadel({ clientId, clientSecret, domain: 'my-instance-abc123.zitadel.cloud' }));
 * ```
 */
export function zitadel(options: ZitadelOptions): OAuth2Provider {
  const name = options.name ?? 'zitadel';
  const issuer = domainIssuer(name, options, { example: 'my-instance-abc123.zitadel.cloud', path: '' });
  return defineOAuth2Provider({
    name,
    displayName: 'ZITADEL',
    protocol: 'oidc',
    issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ...strongClient(options),
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options),
    profile: mapZitadelProfile,
    quirks: ['instance-domain', 'claims-at-userinfo'],
    docs: {
      registerUrl: `${issuer.replace(/\/+$/, '')}/ui/console/`,
      notes: `Console → Project → New application (Web, authentication method Basic or PKCE); Redirect URIs: <baseUrl>/auth/${name}/callback.`,
      kind: 'enterprise',
      unverified: [
        'The console path /ui/console/ holds for ZITADEL Cloud and default self-hosted setups; a custom base path changes it.',
        'Which token-endpoint auth method the application uses is set per application in the console (Basic assumed).',
      ],
    },
  });
}
