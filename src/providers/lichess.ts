import { compact, defineOAuth2Provider, joinName, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider, ProfileFetchContext } from '../types.ts';

const API = 'https://lichess.org/api/';

/**
 * Map Lichess's `GET /api/account` (with `email` from `/api/account/email`
 * merged in by the preset) to the kit's profile. The `id` is the lowercased username.
 *
 * @throws TypeError when the account has no `id`.
 * @example
 * ```ts
 * mapLichessProfile({ id: 'georges', username: 'Georges', profile: { realName: 'Georges Dupont' }, email: 'georges@example.com' });
 * // { id: 'georges', username: 'Georges', name: 'Georges Dupont', email: 'georges@example.com' }
 * ```
 */
export function mapLichessProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Lichess account has no id');
  const profile = raw.profile ?? {};
  return compact({
    id,
    username: str(raw.username),
    name: str(profile.realName) ?? joinName(profile.firstName, profile.lastName),
    email: str(raw.email),
  });
}

/**
 * Lichess over OAuth 2.0 with PKCE, which Lichess requires: there is no app
 * registration and no client secret; `clientId` is any name for your app
 * (shown to the user). The profile is `GET /api/account`; with the
 * `email:read` scope the preset also reads `/api/account/email`.
 *
 * Unverified (also in `docs.unverified`): whether Lichess marks the address from
 * /api/account/email as verified (no flag is mapped).
 *
 * @param options `clientId` (your app's name, e.g. `example.com`), `scope` (default `email:read`; `[]` for no email), endpoint overrides.
 * @throws OAuthConfigError when clientId is missing.
 * @see https://lichess.org/api#tag/OAuth
 * @example
 * ```ts
 * auth.register(lichess({ clientId: 'example.com' }));
 * ```
 */
export function lichess(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'lichess';
  const endpoints = presetEndpoints(options, {
    authorizationEndpoint: 'https://lichess.org/oauth',
    tokenEndpoint: 'https://lichess.org/api/token',
    userinfoEndpoint: `${API}account`,
    apiBaseUrl: API,
  });
  const scope = options.scope ?? ['email:read'];
  const account = endpoints.userinfoEndpoint!;
  return defineOAuth2Provider({
    name,
    displayName: 'Lichess',
    clientId: options.clientId,
    // Lichess has public clients only: no secret, PKCE instead.
    clientAuth: 'none',
    scope,
    ...endpoints,
    pkce: true,
    fetchProfile: async (ctx: ProfileFetchContext) => {
      const raw = (await ctx.get(account)) as Record<string, unknown>;
      if (!ctx.scope.includes('email:read')) return raw;
      // https://lichess.org/api#tag/Account/operation/accountEmail (needs email:read; missing if not granted)
      const mail = (await ctx.tryGet(`${account.replace(/\/+$/, '')}/email`)) as { email?: unknown } | undefined;
      return mail && typeof mail.email === 'string' ? { ...raw, email: mail.email } : raw;
    },
    profile: mapLichessProfile,
    quirks: ['pkce-required', 'no-client-secret', 'email-endpoint'],
    docs: {
      registerUrl: 'https://lichess.org/api#tag/OAuth',
      notes: `No registration needed: pick any clientId (e.g. your domain) and send users to /auth/${name}/login; Lichess redirects back to <baseUrl>/auth/${name}/callback.`,
      kind: 'social',
      unverified: ['whether Lichess marks the address from /api/account/email as verified (no flag is mapped)'],
    },
  });
}
