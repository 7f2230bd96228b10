import { OAuthConfigError } from '../errors.ts';
import { booleanClaim, claimsName, compact, defineOAuth2Provider, instanceUrl, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link casdoor}.
 *
 * @example
 * ```ts
 * const options: CasdoorOptions = { clientId, clientSecret, baseUrl: 'https://door.example.com' };
 * ```
 */
export interface CasdoorOptions extends PresetOptions {
  /** The Casdoor server's public URL, e.g. `https://door.example.com` (required; it is the issuer). */
  baseUrl: string;
}

/**
 * Map Casdoor's OIDC claims (id_token / `/api/userinfo`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapCasdoorProfile({ sub: '6f1d3c5e-2b7a-4f7e-9a0c-3e2d1b4a5c6d', preferred_username: 'alice', name: 'Alice', email: 'alice@example.com', picture: 'https://cdn.casbin.org/img/casbin.svg' });
 * // { id: '6f1d3c5e-2b7a-4f7e-9a0c-3e2d1b4a5c6d', username: 'alice', name: 'Alice', email: 'alice@example.com', avatarUrl: 'https://cdn.casbin.org/img/casbin.svg' }
 * ```
 */
export function mapCasdoorProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Casdoor profile has no sub');
  return compact({
    id,
    username: str(raw.preferred_username),
    name: claimsName(raw),
    email: str(raw.email),
    emailVerified: booleanClaim(raw.email_verified),
    avatarUrl: str(raw.picture),
  });
}

/**
 * Casdoor (self-hosted) over OpenID Connect with discovery at
 * `<baseUrl>/.well-known/openid-configuration` and PKCE; the client secret is
 * sent in the token request body, as Casdoor's OAuth docs show.
 *
 * Unverified (also in `docs.unverified`): Whether Casdoor also accepts HTTP Basic client
 * authentication (the preset sends client_secret_post); Whether the discovered issuer equals
 * baseUrl exactly; Casdoor derives it from its origin setting; The userinfo claim set; the fixture
 * is assembled from the documented claims, not a verbatim example.
 *
 * @param options `clientId`, `clientSecret`, `baseUrl` (required), `scope` (default `openid profile email`).
 * @throws OAuthConfigError when clientId / clientSecret / baseUrl is missing or baseUrl is not a URL.
 * @see https://casdoor.org/docs/how-to-connect/oidc
 * @example
 * ```ts
 * auth.register(casdoor({ clientId, clientSecret, baseUrl: 'https://door.example.com' }));
 * ```
 */
export function casdoor(options: CasdoorOptions): OAuth2Provider {
  const name = options.name ?? 'casdoor';
  if (!options.baseUrl) throw new OAuthConfigError(`${name}: baseUrl is required (the Casdoor server URL, e.g. https://door.example.com).`);
  const base = instanceUrl(name, 'baseUrl', options.baseUrl, 'https://door.example.com');
  return defineOAuth2Provider({
    name,
    displayName: 'Casdoor',
    protocol: 'oidc',
    issuer: base,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options, { apiBaseUrl: `${base}/api/` }),
    profile: mapCasdoorProfile,
    quirks: ['self-hosted-issuer', 'client-secret-post'],
    docs: {
      registerUrl: `${base}/applications`,
      notes: `Applications → Add; Redirect URLs: <baseUrl>/auth/${name}/callback; copy the Client ID and Client secret.`,
      kind: 'self-hosted',
      unverified: [
        'Whether Casdoor also accepts HTTP Basic client authentication (the preset sends client_secret_post).',
        'Whether the discovered issuer equals baseUrl exactly; Casdoor derives it from its origin setting.',
        'The userinfo claim set; the fixture is assembled from the documented claims, not a verbatim example.',
      ],
    },
  });
}
