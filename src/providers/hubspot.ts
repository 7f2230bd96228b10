import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider, ProfileFetchContext } from '../types.ts';

/**
 * Map HubSpot's access-token metadata (`GET /oauth/v1/access-tokens/{token}`)
 * to the kit's profile: `user_id` is the id, `user` the email. HubSpot shares
 * no display name or picture through OAuth.
 *
 * @throws TypeError when there is no `user_id`.
 * @example
 * ```ts
 * mapHubspotProfile({ user: 'user@example.com', user_id: 123456, hub_id: 62515, hub_domain: 'demo.hubspot.com' });
 * // { id: '123456', username: 'user@example.com', email: 'user@example.com' }
 * ```
 */
export function mapHubspotProfile(raw: any): MappedProfile {
  const id = str(raw?.user_id);
  if (!id) throw new TypeError('HubSpot profile has no user_id');
  const email = str(raw.user);
  return compact({ id, username: email, email });
}

/**
 * HubSpot (public apps) over OAuth 2.0 with the secret in the body: the
 * token endpoint is v3's `POST https://api.hubapi.com/oauth/v3/token`
 * (documented with client_id / client_secret / code_verifier in the form
 * body, so PKCE is confirmed). There is no userinfo endpoint: the profile is
 * the token's own metadata, `GET https://api.hubapi.com/oauth/v1/access-tokens/<token>`
 * (the token sits in the path, as HubSpot documents). The `oauth` scope is required.
 *
 * HubSpot deprecates the v1 OAuth API on 2027-02-16, the metadata call
 * included; v3 replaces it with `POST /oauth/v3/token/introspect`, which
 * needs the client secret in the body and is out of reach of the profile
 * hook (it only makes Bearer GETs). After that date this preset's profile
 * call fails (profile_fetch_failed) until a hook for it exists.
 *
 * Unverified: that `user` is always the user's email.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `oauth`), endpoint overrides (`userinfoEndpoint` is the metadata base).
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developers.hubspot.com/docs/api-reference/auth-oauth-v3/public-token/post-oauth-v3-token
 * @see https://developers.hubspot.com/docs/api-reference/legacy/authentication/oauth-tokens/v1/get-oauth-token-metadata
 * @example
 * ```ts
 * auth.register(hubspot({ clientId: process.env.HUBSPOT_CLIENT_ID!, clientSecret: process.env.HUBSPOT_CLIENT_SECRET! }));
 * ```
 */
export function hubspot(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'hubspot';
  const metadata = (options.userinfoEndpoint ?? 'https://api.hubapi.com/oauth/v1/access-tokens').replace(/\/+$/, '');
  return defineOAuth2Provider({
    name,
    displayName: 'HubSpot',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['oauth'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://app.hubspot.com/oauth/authorize',
      tokenEndpoint: 'https://api.hubapi.com/oauth/v3/token',
      userinfoEndpoint: metadata,
      apiBaseUrl: 'https://api.hubapi.com/',
    }),
    fetchProfile: async (ctx: ProfileFetchContext) => ctx.get(`${metadata}/${encodeURIComponent(ctx.tokens.accessToken)}`),
    profile: mapHubspotProfile,
    quirks: ['token-metadata-profile', 'client-secret-post', 'oauth-scope-required'],
    docs: {
      registerUrl: 'https://app.hubspot.com/developer',
      notes: `Developer account → Apps → Create app → Auth: Redirect URL <baseUrl>/auth/${name}/callback, scope oauth. The v1 token-metadata call used for the profile is deprecated from 2027-02-16.`,
      kind: 'developer',
      unverified: ['user field is always an email address', 'the v1 token-metadata profile call after its 2027-02-16 deprecation'],
    },
  });
}
