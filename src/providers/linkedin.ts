import { compact, defineOAuth2Provider, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link linkedin}.
 *
 * @example
 * ```ts
 * const options: LinkedinOptions = { clientId, clientSecret };
 * ```
 */
export interface LinkedinOptions extends PresetOptions {
  /** Issuer override (local emulators); default `https://www.linkedin.com/oauth`. */
  issuer?: string;
}

/**
 * Map "Sign In with LinkedIn using OpenID Connect" claims (`/v2/userinfo`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapLinkedinProfile({ sub: '782bbtaQ', name: 'John Doe', email: 'doe@email.com', email_verified: true });
 * // { id: '782bbtaQ', name: 'John Doe', email: 'doe@email.com', emailVerified: true }
 * ```
 */
export function mapLinkedinProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('LinkedIn profile has no sub');
  return compact({ id, ...standardClaims(raw) });
}

/**
 * LinkedIn over OpenID Connect ("Sign In with LinkedIn using OpenID
 * Connect"). The issuer is `https://www.linkedin.com/oauth` (the discovery
 * document lives under it); the token endpoint takes the secret in the body.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `openid profile email`), `issuer`.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2
 * @example
 * ```ts
 * auth.register(linkedin({ clientId: process.env.LINKEDIN_CLIENT_ID!, clientSecret: process.env.LINKEDIN_CLIENT_SECRET! }));
 * ```
 */
export function linkedin(options: LinkedinOptions): OAuth2Provider {
  const name = options.name ?? 'linkedin';
  return defineOAuth2Provider({
    name,
    displayName: 'LinkedIn',
    protocol: 'oidc',
    issuer: options.issuer ?? 'https://www.linkedin.com/oauth',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['openid', 'profile', 'email'],
    ...presetEndpoints(options, {
      apiBaseUrl: 'https://api.linkedin.com/v2/',
    }),
    profile: mapLinkedinProfile,
    quirks: ['issuer-under-oauth-path', 'client-secret-post'],
    docs: {
      kind: 'social',
      registerUrl: 'https://www.linkedin.com/developers/apps',
      notes: `Add the product "Sign In with LinkedIn using OpenID Connect"; Auth tab → Authorized redirect URLs: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
