import { OAuthConfigError } from '../errors.ts';
import { compact, defineOAuth2Provider, instanceUrl, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link mastodon}: the server's URL, and the client registered on that server.
 *
 * @example
 * ```ts
 * const options: MastodonOptions = { clientId, clientSecret, instanceUrl: 'https://mastodon.social' };
 * ```
 */
export interface MastodonOptions extends PresetOptions {
  /** The Mastodon server, e.g. `https://mastodon.social` (client ids are per server). */
  instanceUrl: string;
}

/**
 * Map Mastodon's `GET /api/v1/accounts/verify_credentials` (a CredentialAccount) to the kit's profile.
 * Mastodon gives no email address to apps.
 *
 * @throws TypeError when the account has no `id`.
 * @example
 * ```ts
 * mapMastodonProfile({ id: '14715', username: 'trwnh', acct: 'trwnh', display_name: 'infinite love ⴳ', avatar: 'https://files.mastodon.social/accounts/avatars/000/014/715/original/34aa222f4ae2e0a9.png' });
 * // { id: '14715', username: 'trwnh', name: 'infinite love ⴳ', avatarUrl: 'https://files.mastodon.social/accounts/avatars/000/014/715/original/34aa222f4ae2e0a9.png' }
 * ```
 */
export function mapMastodonProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Mastodon account has no id');
  return compact({
    id,
    username: str(raw.username) ?? str(raw.acct),
    name: str(raw.display_name),
    avatarUrl: str(raw.avatar),
  });
}

/**
 * Mastodon (one server) over OAuth 2.0. Apps are registered per server
 * (`POST /api/v1/apps`, or Preferences → Development), so the same login
 * button cannot serve every server: register one preset per server, with
 * `name` to tell them apart. The account id is only unique on its server.
 *
 * Unverified (see `docs.unverified`): PKCE (documented for Mastodon 4.3+,
 * older servers are assumed to ignore it) and the narrower `profile` scope (4.3+).
 *
 * @param options `clientId`, `clientSecret`, `instanceUrl` (required), `scope` (default `read:accounts`), endpoint overrides.
 * @throws OAuthConfigError when instanceUrl, clientId or clientSecret is missing, or instanceUrl is not a URL.
 * @see https://docs.joinmastodon.org/spec/oauth/
 * @example
 * ```ts
 * auth.register(mastodon({ clientId, clientSecret, instanceUrl: 'https://mastodon.social' }));
 * auth.register(mastodon({ name: 'fosstodon', clientId: process.env.FOSSTODON_ID!, clientSecret: process.env.FOSSTODON_SECRET!, instanceUrl: 'https://fosstodon.org' }));
 * ```
 */
export function mastodon(options: MastodonOptions): OAuth2Provider {
  const name = options.name ?? 'mastodon';
  if (!options.instanceUrl) throw new OAuthConfigError(`${name}: instanceUrl is required (the Mastodon server, e.g. https://mastodon.social).`);
  const base = instanceUrl(name, 'instanceUrl', options.instanceUrl, 'https://mastodon.social');
  return defineOAuth2Provider({
    name,
    displayName: 'Mastodon',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['read:accounts'],
    ...presetEndpoints(options, {
      authorizationEndpoint: `${base}/oauth/authorize`,
      tokenEndpoint: `${base}/oauth/token`,
      userinfoEndpoint: `${base}/api/v1/accounts/verify_credentials`,
      revocationEndpoint: `${base}/oauth/revoke`,
      apiBaseUrl: `${base}/api/`,
    }),
    profile: mapMastodonProfile,
    quirks: ['per-instance-client', 'no-email'],
    docs: {
      registerUrl: `${base}/settings/applications`,
      notes: `On that server: Preferences → Development → New application (or POST /api/v1/apps), scopes read:accounts; Redirect URI: <baseUrl>/auth/${name}/callback. One client per server.`,
      kind: 'social',
      unverified: [
        'PKCE: documented for Mastodon 4.3+; servers before 4.3 are assumed to ignore code_challenge',
        'the narrower `profile` scope exists from Mastodon 4.3 only, so `read:accounts` is the default',
      ],
    },
  });
}
