import { booleanClaim, compact, defineOAuth2Provider, joinName, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Eventbrite's `GET /v3/users/me/` to the kit's profile; the address is
 * the primary (else first) entry of `emails`, with its `verified` flag.
 *
 * @throws TypeError when the user has no `id`.
 * @example
 * ```ts
 * mapEventbriteProfile({ id: '1234567890', name: 'John Smith', emails: [{ email: 'john.smith@example.com', verified: true, primary: true }] });
 * // { id: '1234567890', name: 'John Smith', email: 'john.smith@example.com', emailVerified: true }
 * ```
 */
export function mapEventbriteProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Eventbrite user has no id');
  const emails = Array.isArray(raw.emails) ? raw.emails : [];
  const entry = emails.find((e: any) => e?.primary === true) ?? emails[0];
  const email = str(entry?.email);
  return compact({
    id,
    name: str(raw.name) ?? joinName(raw.first_name, raw.last_name),
    email,
    emailVerified: email ? booleanClaim(entry.verified) : undefined,
  });
}

/**
 * Eventbrite over OAuth 2.0; Eventbrite has no scopes (a token can do what
 * the user can), the client secret goes in the token request body, and the
 * profile is `GET https://www.eventbriteapi.com/v3/users/me/`.
 *
 * Unverified (also in `docs.unverified`): Whether Eventbrite accepts or ignores PKCE parameters
 * (the kit sends them).
 *
 * @param options `clientId` (the app's API key), `clientSecret`, endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://www.eventbrite.com/platform/docs/authentication
 * @example
 * ```ts
 * auth.register(eventbrite({ clientId: process.env.EVENTBRITE_API_KEY!, clientSecret: process.env.EVENTBRITE_CLIENT_SECRET! }));
 * ```
 */
export function eventbrite(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'eventbrite';
  return defineOAuth2Provider({
    name,
    displayName: 'Eventbrite',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://www.eventbrite.com/oauth/authorize',
      tokenEndpoint: 'https://www.eventbrite.com/oauth/token',
      userinfoEndpoint: 'https://www.eventbriteapi.com/v3/users/me/',
      apiBaseUrl: 'https://www.eventbriteapi.com/v3/',
    }),
    profile: mapEventbriteProfile,
    quirks: ['no-scopes', 'emails-array', 'client-secret-post'],
    docs: {
      registerUrl: 'https://www.eventbrite.com/account-settings/apps',
      notes: `Account settings → Developer links → API keys → Create API key; OAuth Redirect URI: <baseUrl>/auth/${name}/callback.`,
      kind: 'developer',
      unverified: ['Whether Eventbrite accepts or ignores PKCE parameters (the kit sends them).'],
    },
  });
}
