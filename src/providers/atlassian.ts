import { booleanClaim, compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Atlassian's `GET https://api.atlassian.com/me` to the kit's profile.
 *
 * @throws TypeError when the account has no `account_id`.
 * @example
 * ```ts
 * mapAtlassianProfile({ account_id: '112233aa-bb11-cc22-33dd-445566abcabc', name: 'Mia Krystof', nickname: 'mkrystof', email: 'mia@example.com' });
 * // { id: '112233aa-bb11-cc22-33dd-445566abcabc', username: 'mkrystof', name: 'Mia Krystof', email: 'mia@example.com' }
 * ```
 */
export function mapAtlassianProfile(raw: any): MappedProfile {
  const id = str(raw?.account_id);
  if (!id) throw new TypeError('Atlassian profile has no account_id');
  return compact({
    id,
    username: str(raw.nickname),
    name: str(raw.name),
    email: str(raw.email),
    emailVerified: booleanClaim(raw.email_verified),
    avatarUrl: str(raw.picture),
  });
}

/**
 * Atlassian (Jira, Confluence) OAuth 2.0 (3LO): `audience=api.atlassian.com`
 * and `prompt=consent` on the authorize URL, `GET /me` as the profile.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `read:me`; add `offline_access` for refresh tokens), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/
 * @example
 * ```ts
 * auth.register(atlassian({ clientId, clientSecret, scope: ['read:me', 'read:jira-work', 'offline_access'] }));
 * ```
 */
export function atlassian(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'atlassian';
  return defineOAuth2Provider({
    name,
    displayName: 'Atlassian',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['read:me'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://auth.atlassian.com/authorize',
      tokenEndpoint: 'https://auth.atlassian.com/oauth/token',
      userinfoEndpoint: 'https://api.atlassian.com/me',
      apiBaseUrl: 'https://api.atlassian.com/',
      authorizationParams: { audience: 'api.atlassian.com', prompt: 'consent' },
    }),
    profile: mapAtlassianProfile,
    quirks: ['audience-parameter', 'prompt-consent'],
    docs: {
      kind: 'developer',
      registerUrl: 'https://developer.atlassian.com/console/myapps/',
      notes: `Create → OAuth 2.0 integration; Permissions: User identity API (read:me); Authorization callback URL: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
