import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map ClickUp's `GET /api/v2/user` (`{ user: { id, username, email, profilePicture } }`) to the kit's profile.
 *
 * @throws TypeError when there is no `user.id`.
 * @example
 * ```ts
 * mapClickupProfile({ user: { id: 123, username: 'John Doe', email: 'john@example.com', profilePicture: 'https://attachments.clickup.com/profilePictures/123_abc.jpg' } });
 * // { id: '123', username: 'John Doe', name: 'John Doe', email: 'john@example.com', avatarUrl: 'https://attachments.clickup.com/profilePictures/123_abc.jpg' }
 * ```
 */
export function mapClickupProfile(raw: any): MappedProfile {
  const user = raw?.user;
  const id = str(user?.id);
  if (!id) throw new TypeError('ClickUp profile has no user.id');
  return compact({
    id,
    username: str(user.username),
    name: str(user.username),
    email: str(user.email),
    avatarUrl: str(user.profilePicture),
  });
}

/**
 * ClickUp over OAuth 2.0: the user is sent to `https://app.clickup.com/api`
 * and picks the Workspaces to authorize; ClickUp has no scopes, so none are
 * sent. The token is exchanged at `POST /api/v2/oauth/token` and does not expire.
 *
 * Unverified: that the token endpoint takes the credentials in a form body
 * (ClickUp's reference lists `client_id`, `client_secret`, `code` as query
 * parameters); whether its answer carries `token_type` (filled in as
 * `bearer` when absent); whether ClickUp accepts PKCE
 * parameters (not documented; Auth.js turns PKCE off for ClickUp); the
 * `Bearer` scheme for OAuth tokens (ClickUp's docs show `Authorization: <token>`).
 *
 * @param options `clientId`, `clientSecret`, endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developer.clickup.com/docs/authentication
 * @see https://developer.clickup.com/reference/getaccesstoken
 * @example
 * ```ts
 * auth.register(clickup({ clientId: process.env.CLICKUP_CLIENT_ID!, clientSecret: process.env.CLICKUP_CLIENT_SECRET! }));
 * ```
 */
export function clickup(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'clickup';
  return defineOAuth2Provider({
    name,
    displayName: 'ClickUp',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://app.clickup.com/api',
      tokenEndpoint: 'https://api.clickup.com/api/v2/oauth/token',
      userinfoEndpoint: 'https://api.clickup.com/api/v2/user',
      apiBaseUrl: 'https://api.clickup.com/api/v2/',
    }),
    // Defensive: RFC 6749 §5.1 requires token_type; ClickUp's reference does not show one.
    normalizeTokenResponse: (body) => (body.token_type === undefined ? { ...body, token_type: 'bearer' } : body),
    profile: mapClickupProfile,
    quirks: ['no-scopes', 'workspace-picker', 'response-wrapper'],
    docs: {
      registerUrl: 'https://app.clickup.com/settings/apps',
      notes: `Settings → ClickUp API → Create an App; Redirect URL(s): <baseUrl>/auth/${name}/callback.`,
      kind: 'developer',
      unverified: ['form-body credentials at the token endpoint (documented as query parameters)', 'token_type in the token answer', 'PKCE acceptance', 'Bearer scheme for OAuth access tokens', 'fixture payload reconstructed from the documented user fields'],
    },
  });
}
