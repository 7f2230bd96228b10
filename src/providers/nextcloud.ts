import { OAuthConfigError } from '../errors.ts';
import { compact, defineOAuth2Provider, instanceUrl, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link nextcloud}.
 *
 * @example
 * ```ts
 * const options: NextcloudOptions = { clientId, clientSecret, instanceUrl: 'https://cloud.example.org' };
 * ```
 */
export interface NextcloudOptions extends PresetOptions {
  /** The Nextcloud server, e.g. `https://cloud.example.org` (with a subdirectory if Nextcloud lives in one). */
  instanceUrl: string;
  /** Nextcloud without pretty URLs needs `/index.php/` before `apps/oauth2/…` (default false). */
  indexPhp?: boolean;
}

/**
 * Map Nextcloud's OCS `GET /ocs/v2.php/cloud/user?format=json` answer
 * (`{ ocs: { meta, data } }`) to the kit's profile.
 *
 * @throws TypeError when `ocs.data.id` is missing.
 * @example
 * ```ts
 * mapNextcloudProfile({ ocs: { meta: { status: 'ok', statuscode: 200 }, data: { id: 'jane', displayname: 'Jane Doe', email: 'jane@example.org' } } });
 * // { id: 'jane', username: 'jane', name: 'Jane Doe', email: 'jane@example.org' }
 * ```
 */
export function mapNextcloudProfile(raw: any): MappedProfile {
  const user = raw?.ocs?.data;
  const id = str(user?.id);
  if (!id) throw new TypeError('Nextcloud profile has no ocs.data.id');
  return compact({
    id,
    username: id,
    name: str(user['display-name']) ?? str(user.displayname),
    email: str(user.email),
  });
}

/**
 * Nextcloud (self-hosted) as an OAuth 2.0 server. Nextcloud has no scopes: a
 * token has full access to the account. The profile is the OCS user call,
 * which needs the `OCS-APIRequest: true` header (sent on every API call).
 * Nextcloud only supports confidential clients; access tokens last an hour
 * and every refresh rotates the refresh token.
 *
 * Unverified (also in `docs.unverified`): PKCE (S256) is verified by current server code; older
 * servers are assumed to ignore the challenge; the OCS user call is not on the OAuth 2.0 page; it
 * is the OCS Provisioning API.
 *
 * @param options `clientId`, `clientSecret`, `instanceUrl` (required), `indexPhp`, endpoint overrides.
 * @throws OAuthConfigError when instanceUrl, clientId or clientSecret is missing, or instanceUrl is not a URL.
 * @see https://docs.nextcloud.com/server/latest/admin_manual/configuration_server/oauth2.html
 * @example
 * ```ts
 * auth.register(nextcloud({ clientId, clientSecret, instanceUrl: 'https://cloud.example.org' }));
 * ```
 */
export function nextcloud(options: NextcloudOptions): OAuth2Provider {
  const name = options.name ?? 'nextcloud';
  if (!options.instanceUrl) throw new OAuthConfigError(`${name}: instanceUrl is required (your Nextcloud server, e.g. https://cloud.example.org).`);
  const base = instanceUrl(name, 'instanceUrl', options.instanceUrl, 'https://cloud.example.org');
  // https://docs.nextcloud.com/…/oauth2.html: "you must include index.php if pretty URL is not configured" (OCS never takes it).
  const apps = `${base}${options.indexPhp ? '/index.php' : ''}/apps/oauth2`;
  return defineOAuth2Provider({
    name,
    displayName: 'Nextcloud',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    // Nextcloud reads Basic credentials or client_id / client_secret from the body; the body survives
    // servers that drop the Authorization header (php-fpm behind Apache without CGIPassAuth).
    clientAuth: 'client_secret_post',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: `${apps}/authorize`,
      tokenEndpoint: `${apps}/api/v1/token`,
      userinfoEndpoint: `${base}/ocs/v2.php/cloud/user?format=json`,
      apiBaseUrl: `${base}/`,
    }),
    apiHeaders: { 'OCS-APIRequest': 'true' },
    profile: mapNextcloudProfile,
    quirks: ['self-hosted-instance', 'no-scopes', 'ocs-api-request-header', 'index-php-urls'],
    docs: {
      registerUrl: `${base}/settings/admin/security`,
      notes: `Administration settings → Security → OAuth 2.0 clients → Add client; Redirection URI: <baseUrl>/auth/${name}/callback. Apache must pass the Authorization header through (mod_headers / mod_rewrite / mod_env).`,
      kind: 'self-hosted',
      unverified: [
        'PKCE (S256) is verified by current server code; older servers are assumed to ignore the challenge',
        'the OCS user call is not on the OAuth 2.0 page; it is the OCS Provisioning API',
      ],
    },
  });
}
