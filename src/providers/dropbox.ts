import { booleanClaim, compact, defineOAuth2Provider, joinName, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider, ProfileFetchContext } from '../types.ts';

/**
 * Options of {@link dropbox}.
 *
 * @example
 * ```ts
 * const options: DropboxOptions = { clientId: appKey, clientSecret: appSecret, offline: true };
 * ```
 */
export interface DropboxOptions extends PresetOptions {
  /** Ask for a refresh token (`token_access_type=offline`). */
  offline?: boolean;
  /** Issuer override (local emulators); default `https://www.dropbox.com`. */
  issuer?: string;
}

/**
 * Map Dropbox id_token claims (`sub` is the `dbid:` account id) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapDropboxProfile({ sub: 'dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc', given_name: 'Franz', family_name: 'Ferdinand', email: 'franz@dropbox.com', email_verified: true });
 * // { id: 'dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc', name: 'Franz Ferdinand', email: 'franz@dropbox.com', emailVerified: true }
 * ```
 */
export function mapDropboxProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Dropbox profile has no sub');
  return compact({
    id,
    name: joinName(raw.given_name, raw.family_name),
    email: str(raw.email),
    emailVerified: booleanClaim(raw.email_verified),
  });
}

/**
 * Dropbox over OpenID Connect (issuer `https://www.dropbox.com`). Dropbox's
 * discovery document has no userinfo endpoint (its `/2/openid/userinfo` is a
 * POST RPC), so the profile is the validated id_token.
 *
 * @param options `clientId` (app key), `clientSecret` (app secret), `scope` (default `openid email profile`), `offline`, `issuer`.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developers.dropbox.com/oidc-guide
 * @example
 * ```ts
 * auth.register(dropbox({ clientId: process.env.DROPBOX_APP_KEY!, clientSecret: process.env.DROPBOX_APP_SECRET! }));
 * ```
 */
export function dropbox(options: DropboxOptions): OAuth2Provider {
  const name = options.name ?? 'dropbox';
  return defineOAuth2Provider({
    name,
    displayName: 'Dropbox',
    protocol: 'oidc',
    issuer: options.issuer ?? 'https://www.dropbox.com',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'email', 'profile'],
    ...presetEndpoints(options, {
      apiBaseUrl: 'https://api.dropboxapi.com/2/',
      authorizationParams: options.offline ? { token_access_type: 'offline' } : undefined,
    }),
    profile: mapDropboxProfile,
    fetchProfile: async (ctx: ProfileFetchContext) => (options.userinfoEndpoint ? ctx.get(options.userinfoEndpoint) : (ctx.claims ?? {})),
    quirks: ['no-userinfo', 'offline-token-access-type'],
    docs: {
      kind: 'developer',
      registerUrl: 'https://www.dropbox.com/developers/apps',
      notes: `Create app (Scoped access), Permissions: openid, email, profile; Redirect URIs: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
