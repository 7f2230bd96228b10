import { compact, defineOAuth2Provider, joinName, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Webex's `GET /v1/people/me` (a Person) to the kit's profile; the first
 * of `emails` is the sign-in address.
 *
 * @throws TypeError when the person has no `id`.
 * @example
 * ```ts
 * mapWebexProfile({ id: 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mNWIzNjE4Ny1jOGRkLTQ3MjctOGIyZi1mOWM0NDdmMjkwNDY', emails: ['john.andersen@example.com'], displayName: 'John Andersen', avatar: 'https://1efa7a94ed21783e352-c62266528714497a17239ececf39e9e2.ssl.cf1.rackcdn.com/V1~54c844c89e678e5a7b16a306bc2897b9~wx29yGtlTpilEFlYzqPKag==~1600' });
 * // { id: 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mNWIzNjE4Ny1jOGRkLTQ3MjctOGIyZi1mOWM0NDdmMjkwNDY', name: 'John Andersen', email: 'john.andersen@example.com', avatarUrl: 'https://1efa7a94ed21783e352-c62266528714497a17239ececf39e9e2.ssl.cf1.rackcdn.com/V1~54c844c89e678e5a7b16a306bc2897b9~wx29yGtlTpilEFlYzqPKag==~1600' }
 * ```
 */
export function mapWebexProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Webex person has no id');
  return compact({
    id,
    name: str(raw.displayName) ?? joinName(raw.firstName, raw.lastName),
    email: Array.isArray(raw.emails) ? str(raw.emails[0]) : undefined,
    avatarUrl: str(raw.avatar),
  });
}

/**
 * Cisco Webex (an Integration) over OAuth 2.0 at `webexapis.com`, with the
 * client secret in the token request body and `spark:people_read` for the
 * profile (`GET /v1/people/me`). Scopes must also be ticked on the integration.
 *
 * Unverified (see `docs.unverified`): PKCE support.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `spark:people_read`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developer.webex.com/docs/integrations
 * @example
 * ```ts
 * auth.register(webex({ clientId: process.env.WEBEX_CLIENT_ID!, clientSecret: process.env.WEBEX_CLIENT_SECRET! }));
 * ```
 */
export function webex(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'webex';
  return defineOAuth2Provider({
    name,
    displayName: 'Webex',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['spark:people_read'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://webexapis.com/v1/authorize',
      tokenEndpoint: 'https://webexapis.com/v1/access_token',
      userinfoEndpoint: 'https://webexapis.com/v1/people/me',
      apiBaseUrl: 'https://webexapis.com/v1/',
    }),
    profile: mapWebexProfile,
    quirks: ['client-secret-post', 'scopes-also-set-on-app', 'emails-array'],
    docs: {
      registerUrl: 'https://developer.webex.com/my-apps/new/integration',
      notes: `My Webex Apps → Create a New App → Integration, tick spark:people_read; Redirect URI(s): <baseUrl>/auth/${name}/callback.`,
      kind: 'enterprise',
      unverified: ['PKCE support', 'client authentication client_secret_post (the guide shows the secret as a form parameter)'],
    },
  });
}
