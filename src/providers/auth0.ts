import { booleanClaim, compact, defineOAuth2Provider, domainIssuer, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';
import { strongClient, type StrongClientOptions } from './strong-client.ts';

/**
 * Options of {@link auth0}.
 *
 * @example
 * ```ts
 * const options: Auth0Options = { clientId, clientSecret, domain: 'example.us.auth0.com', audience: 'https://api.example.com' };
 * ```
 */
export interface Auth0Options extends PresetOptions, StrongClientOptions {
  /** Tenant or custom domain, e.g. `example.us.auth0.com` → issuer `https://example.us.auth0.com/`. */
  domain?: string;
  /** Full issuer (with its trailing slash), instead of `domain`. */
  issuer?: string;
  /** API identifier to get an access token for (`audience` parameter). */
  audience?: string;
}

/**
 * Map Auth0's OIDC claims (id_token / `/userinfo`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapAuth0Profile({ sub: 'auth0|248289761001', nickname: 'JJ', name: 'Jane Josephine Doe', email: 'janedoe@exampleco.com', email_verified: true });
 * // { id: 'auth0|248289761001', username: 'JJ', name: 'Jane Josephine Doe', email: 'janedoe@exampleco.com', emailVerified: true }
 * ```
 */
export function mapAuth0Profile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Auth0 profile has no sub');
  return compact({
    id,
    username: str(raw.preferred_username) ?? str(raw.nickname),
    name: str(raw.name),
    email: str(raw.email),
    emailVerified: booleanClaim(raw.email_verified),
    avatarUrl: str(raw.picture),
  });
}

/**
 * Auth0 over OpenID Connect with discovery; the issuer is
 * `https://<domain>/` — with the trailing slash Auth0 puts in `iss`.
 *
 * @param options `clientId`, `clientSecret`, `domain` or `issuer`, `audience`, `scope` (default `openid profile email`).
 * @throws OAuthConfigError when clientId / clientSecret is missing, or neither domain nor issuer is given.
 * @see https://auth0.com/docs/authenticate/login/oidc-conformant-authentication
 * @example
 * ```ts
 * auth.register(auth0({ clientId, clientSecret, domain: 'example.us.auth0.com' }));
 * ```
 */
export function auth0(options: Auth0Options): OAuth2Provider {
  const name = options.name ?? 'auth0';
  return defineOAuth2Provider({
    name,
    displayName: 'Auth0',
    protocol: 'oidc',
    // An empty issuer counts as absent here: the domain decides.
    issuer: domainIssuer(name, { domain: options.domain, issuer: options.issuer || undefined }, { example: 'example.us.auth0.com', path: '/' }),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ...strongClient(options),
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options, {
      authorizationParams: options.audience ? { audience: options.audience } : undefined,
    }),
    profile: mapAuth0Profile,
    quirks: ['issuer-trailing-slash', 'audience-parameter'],
    docs: {
      kind: 'enterprise',
      registerUrl: 'https://manage.auth0.com/#/applications',
      notes: `Create Application → Regular Web Application; Allowed Callback URLs: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
