import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Calendly's `GET /users/me` (`{ resource: { uri, name, slug, email, avatar_url } }`)
 * to the kit's profile. The id is the user's canonical resource URI.
 *
 * @throws TypeError when the user has no `uri`.
 * @example
 * ```ts
 * mapCalendlyProfile({ resource: { uri: 'https://api.calendly.com/users/AAAAAAAAAAAAAAAA', name: 'John Doe', slug: 'acmesales', email: 'test@example.com' } });
 * // { id: 'https://api.calendly.com/users/AAAAAAAAAAAAAAAA', username: 'acmesales', name: 'John Doe', email: 'test@example.com' }
 * ```
 */
export function mapCalendlyProfile(raw: any): MappedProfile {
  const user = raw?.resource ?? raw;
  const id = str(user?.uri);
  if (!id) throw new TypeError('Calendly user has no uri');
  return compact({ id, username: str(user.slug), name: str(user.name), email: str(user.email), avatarUrl: str(user.avatar_url) });
}

/**
 * Calendly (API v2) over OAuth 2.0 with PKCE (which Calendly recommends for
 * every app) and HTTP Basic client authentication for web clients; the
 * profile is `GET https://api.calendly.com/users/me`. Access tokens last two
 * hours; refresh tokens do not expire until used.
 *
 * Unverified (also in `docs.unverified`): The developer-console URL for creating apps, and whether
 * the revoke endpoint takes RFC 7009 form parameters.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default none), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developer.calendly.com/api-docs/calendly-o-auth/o-auth/get-oauth-authorize
 * @example
 * ```ts
 * auth.register(calendly({ clientId: process.env.CALENDLY_CLIENT_ID!, clientSecret: process.env.CALENDLY_CLIENT_SECRET! }));
 * ```
 */
export function calendly(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'calendly';
  return defineOAuth2Provider({
    name,
    displayName: 'Calendly',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_basic',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://auth.calendly.com/oauth/authorize',
      tokenEndpoint: 'https://auth.calendly.com/oauth/token',
      revocationEndpoint: 'https://auth.calendly.com/oauth/revoke',
      userinfoEndpoint: 'https://api.calendly.com/users/me',
      apiBaseUrl: 'https://api.calendly.com/',
    }),
    profile: mapCalendlyProfile,
    quirks: ['resource-wrapper', 'uri-as-id'],
    docs: {
      registerUrl: 'https://developer.calendly.com/console/apps',
      notes: `Developer console → Create new app (kind: web, Sandbox or Production); Redirect URI: <baseUrl>/auth/${name}/callback.`,
      kind: 'developer',
      unverified: ['The developer-console URL for creating apps, and whether the revoke endpoint takes RFC 7009 form parameters.'],
    },
  });
}
