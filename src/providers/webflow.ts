import { compact, defineOAuth2Provider, joinName, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Map Webflow's `GET /v2/token/authorized_by` (`{ id, email, firstName, lastName }`)
 * to the kit's profile.
 *
 * @throws TypeError when the user has no `id`.
 * @example
 * ```ts
 * mapWebflowProfile({ id: 'Ja1hw9dRFNk3ReSt2sGm2A', email: 'some.one@home.com', firstName: 'Some', lastName: 'One' });
 * // { id: 'Ja1hw9dRFNk3ReSt2sGm2A', name: 'Some One', email: 'some.one@home.com' }
 * ```
 */
export function mapWebflowProfile(raw: any): MappedProfile {
  const id = str(raw?.id) ?? str(raw?._id);
  if (!id) throw new TypeError('Webflow user has no id');
  return compact({ id, name: joinName(raw.firstName, raw.lastName), email: str(raw.email) });
}

/**
 * Webflow (Data API v2) over OAuth 2.0; the client secret goes in the token
 * request body, and the profile is `GET https://api.webflow.com/v2/token/authorized_by`,
 * which needs the `authorized_user:read` scope.
 *
 * Unverified (also in `docs.unverified`): Whether Webflow accepts or ignores PKCE parameters (the
 * kit sends them); The v2 authorized_by example payload (the fixture follows the documented fields
 * id / email / firstName / lastName).
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `authorized_user:read`; add `sites:read`, …), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developers.webflow.com/data/reference/oauth-app
 * @example
 * ```ts
 * auth.register(webflow({ clientId: process.env.WEBFLOW_CLIENT_ID!, clientSecret: process.env.WEBFLOW_CLIENT_SECRET! }));
 * ```
 */
export function webflow(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'webflow';
  return defineOAuth2Provider({
    name,
    displayName: 'Webflow',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['authorized_user:read'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://webflow.com/oauth/authorize',
      tokenEndpoint: 'https://api.webflow.com/oauth/access_token',
      userinfoEndpoint: 'https://api.webflow.com/v2/token/authorized_by',
      apiBaseUrl: 'https://api.webflow.com/v2/',
    }),
    profile: mapWebflowProfile,
    quirks: ['client-secret-post'],
    docs: {
      registerUrl: 'https://webflow.com/dashboard',
      notes: `Workspace settings → Apps & Integrations → Develop → Create an App (Data client); Redirect URI: <baseUrl>/auth/${name}/callback.`,
      kind: 'developer',
      unverified: [
        'Whether Webflow accepts or ignores PKCE parameters (the kit sends them).',
        'The v2 authorized_by example payload (the fixture follows the documented fields id / email / firstName / lastName).',
      ],
    },
  });
}
