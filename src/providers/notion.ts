import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Notion's `GET /v1/users/me` (the integration's bot user, whose
 * `bot.owner.user` is the person who authorised it) to the kit's profile. A
 * plain person user object is accepted too.
 *
 * @throws TypeError when no person id is found.
 * @example
 * ```ts
 * mapNotionProfile({ object: 'user', id: 'bot-id', type: 'bot', bot: { owner: { type: 'user', user: { object: 'user', id: '5389a034-eb5c-47b5-8a9e-f79c99ef166c', name: 'christine makenotion', type: 'person', person: { email: 'christine@makenotion.com' } } } } });
 * // { id: '5389a034-eb5c-47b5-8a9e-f79c99ef166c', name: 'christine makenotion', email: 'christine@makenotion.com' }
 * ```
 */
export function mapNotionProfile(raw: any): MappedProfile {
  const user = raw?.type === 'bot' || raw?.bot ? raw.bot?.owner?.user : raw;
  const id = str(user?.id);
  if (!id) throw new TypeError('Notion profile has no bot.owner.user.id (was the integration installed by a workspace owner?)');
  return compact({
    id,
    name: str(user.name),
    email: str(user.person?.email),
    avatarUrl: str(user.avatar_url),
  });
}

/**
 * Notion (public integration) over OAuth 2.0: `owner=user` on the authorize
 * URL, HTTP Basic client authentication, and a `Notion-Version` header on
 * every API call. The access token belongs to the integration's bot; the
 * person is its owner.
 *
 * @param options `clientId` (OAuth client ID), `clientSecret`, endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developers.notion.com/docs/authorization
 * @example
 * ```ts
 * auth.register(notion({ clientId: process.env.NOTION_CLIENT_ID!, clientSecret: process.env.NOTION_CLIENT_SECRET! }));
 * ```
 */
export function notion(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'notion';
  return defineOAuth2Provider({
    name,
    displayName: 'Notion',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_basic',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://api.notion.com/v1/oauth/authorize',
      tokenEndpoint: 'https://api.notion.com/v1/oauth/token',
      userinfoEndpoint: 'https://api.notion.com/v1/users/me',
      apiBaseUrl: 'https://api.notion.com/v1/',
      authorizationParams: { owner: 'user' },
    }),
    apiHeaders: { 'Notion-Version': '2022-06-28' },
    profile: mapNotionProfile,
    quirks: ['owner-user-parameter', 'version-header', 'bot-owner-profile'],
    docs: {
      kind: 'developer',
      registerUrl: 'https://www.notion.so/profile/integrations',
      notes: `New integration → type Public; Redirect URIs: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
