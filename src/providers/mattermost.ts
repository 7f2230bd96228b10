import { OAuthConfigError } from '../errors.ts';
import { booleanClaim, compact, defineOAuth2Provider, instanceUrl, joinName, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link mattermost}.
 *
 * @example
 * ```ts
 * const options: MattermostOptions = { clientId, clientSecret, instanceUrl: 'https://chat.example.com' };
 * ```
 */
export interface MattermostOptions extends PresetOptions {
  /** The Mattermost server (its Site URL), e.g. `https://chat.example.com` or `https://acme.cloud.mattermost.com`. */
  instanceUrl: string;
}

/**
 * Map Mattermost's `GET /api/v4/users/me` (a User) to the kit's profile.
 *
 * @throws TypeError when the user has no `id`.
 * @example
 * ```ts
 * mapMattermostProfile({ id: 'u1x7q', username: 'jdoe', first_name: 'Jane', last_name: 'Doe', email: 'jane@example.com', email_verified: true });
 * // { id: 'u1x7q', username: 'jdoe', name: 'Jane Doe', email: 'jane@example.com', emailVerified: true }
 * ```
 */
export function mapMattermostProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Mattermost user has no id');
  const email = str(raw.email);
  return compact({
    id,
    username: str(raw.username),
    name: joinName(raw.first_name, raw.last_name) ?? str(raw.nickname),
    email,
    emailVerified: email ? booleanClaim(raw.email_verified) : undefined,
  });
}

/**
 * Mattermost (self-hosted or Cloud) as an OAuth 2.0 service provider. OAuth
 * apps must be enabled by the system admin (Integrations → Enable OAuth 2.0
 * Service Provider); Mattermost has no scopes, a token gives the user's full
 * API access. The avatar (`/api/v4/users/<id>/image`) needs the token, so it is
 * not put in the profile.
 *
 * Unverified (also in `docs.unverified`): client authentication: client_secret_post is assumed
 * (secret in the form body); PKCE: whether the server verifies code_verifier; it is sent and
 * assumed to be ignored when unsupported; email_verified is present on the User object of current
 * versions.
 *
 * @param options `clientId`, `clientSecret`, `instanceUrl` (required), endpoint overrides.
 * @throws OAuthConfigError when instanceUrl, clientId or clientSecret is missing, or instanceUrl is not a URL.
 * @see https://docs.mattermost.com/developer/oauth-2-0-applications.html
 * @example
 * ```ts
 * auth.register(mattermost({ clientId, clientSecret, instanceUrl: 'https://chat.example.com' }));
 * ```
 */
export function mattermost(options: MattermostOptions): OAuth2Provider {
  const name = options.name ?? 'mattermost';
  if (!options.instanceUrl) throw new OAuthConfigError(`${name}: instanceUrl is required (your Mattermost Site URL, e.g. https://chat.example.com).`);
  const base = instanceUrl(name, 'instanceUrl', options.instanceUrl, 'https://chat.example.com');
  return defineOAuth2Provider({
    name,
    displayName: 'Mattermost',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    // Mattermost reads client_id / client_secret from the token request's form body.
    clientAuth: 'client_secret_post',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: `${base}/oauth/authorize`,
      tokenEndpoint: `${base}/oauth/access_token`,
      userinfoEndpoint: `${base}/api/v4/users/me`,
      apiBaseUrl: `${base}/api/v4/`,
    }),
    profile: mapMattermostProfile,
    quirks: ['self-hosted-instance', 'no-scopes', 'client-secret-post'],
    docs: {
      registerUrl: `${base}/`,
      notes: `Team → Integrations → OAuth 2.0 Applications → Add (needs "Enable OAuth 2.0 Service Provider" in the System Console); Callback URL: <baseUrl>/auth/${name}/callback.`,
      kind: 'self-hosted',
      unverified: [
        'client authentication: client_secret_post is assumed (secret in the form body)',
        'PKCE: whether the server verifies code_verifier; it is sent and assumed to be ignored when unsupported',
        'email_verified is present on the User object of current versions',
      ],
    },
  });
}
