import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider, ProfileFetchContext } from '../types.ts';

/**
 * Map Mailchimp's `GET https://login.mailchimp.com/oauth2/metadata` to the
 * kit's profile: `login.login_id` is the id, `login.login_name` the username,
 * `accountname` the name. The `dc` / `api_endpoint` fields (the account's
 * data centre) stay in the raw payload for your `onLogin`.
 *
 * @throws TypeError when there is no `login.login_id` (or `user_id`).
 * @example
 * ```ts
 * mapMailchimpProfile({ dc: 'us1', accountname: 'Freddie Co', user_id: 42, login: { login_id: 42, login_name: 'freddie', email: 'freddie@example.com', avatar: null } });
 * // { id: '42', username: 'freddie', name: 'Freddie Co', email: 'freddie@example.com' }
 * ```
 */
export function mapMailchimpProfile(raw: any): MappedProfile {
  const login = raw?.login;
  const id = str(login?.login_id) ?? str(raw?.user_id);
  if (!id) throw new TypeError('Mailchimp profile has no login.login_id');
  return compact({
    id,
    username: str(login?.login_name),
    name: str(raw.accountname),
    email: str(login?.email) ?? str(login?.login_email),
    avatarUrl: str(login?.avatar),
  });
}

/**
 * Mailchimp (Marketing API) over OAuth 2.0. Mailchimp has no scopes and its
 * tokens do not expire; the token answer says `expires_in: 0`, which the
 * preset drops (it means "never", not "now"), and may lack `token_type`. The
 * profile is the metadata call, which Mailchimp documents with the
 * `Authorization: OAuth <token>` scheme; API calls then go to the account's
 * own `api_endpoint` (`https://<dc>.api.mailchimp.com/3.0/`), so there is no
 * fixed `apiBaseUrl`.
 *
 * Unverified: PKCE acceptance; that the token answer omits `token_type`.
 *
 * @param options `clientId`, `clientSecret`, endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://mailchimp.com/developer/marketing/guides/access-user-data-oauth-2/
 * @example
 * ```ts
 * auth.register(mailchimp({ clientId: process.env.MAILCHIMP_CLIENT_ID!, clientSecret: process.env.MAILCHIMP_CLIENT_SECRET! }));
 * ```
 */
export function mailchimp(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'mailchimp';
  const metadata = options.userinfoEndpoint ?? 'https://login.mailchimp.com/oauth2/metadata';
  return defineOAuth2Provider({
    name,
    displayName: 'Mailchimp',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://login.mailchimp.com/oauth2/authorize',
      tokenEndpoint: 'https://login.mailchimp.com/oauth2/token',
      userinfoEndpoint: metadata,
    }),
    normalizeTokenResponse: (body) => {
      const out = { ...body };
      if (out.expires_in === 0) delete out.expires_in;
      if (out.scope === null) delete out.scope;
      if (out.token_type === undefined) out.token_type = 'bearer';
      return out;
    },
    // https://mailchimp.com/developer/marketing/guides/access-user-data-oauth-2/ : `Authorization: OAuth <token>`.
    fetchProfile: async (ctx: ProfileFetchContext) => ctx.get(metadata, { headers: { Authorization: `OAuth ${ctx.tokens.accessToken}` } }),
    profile: mapMailchimpProfile,
    quirks: ['oauth-authorization-scheme', 'non-expiring-token', 'no-scopes', 'data-centre-api-endpoint'],
    docs: {
      registerUrl: 'https://admin.mailchimp.com/account/oauth2/',
      notes: `Account → Extras → Registered apps → Register an app; Redirect URI: <baseUrl>/auth/${name}/callback.`,
      kind: 'developer',
      unverified: ['PKCE acceptance', 'token answer without token_type', 'fixture payload reconstructed from documented field names, not a verbatim documented example'],
    },
  });
}
