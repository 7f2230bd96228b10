import { compact, defineOAuth2Provider, presetEndpoints, standardClaims, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link slack}.
 *
 * @example
 * ```ts
 * const options: SlackOptions = { clientId, clientSecret, team: 'T0R7GR' };
 * ```
 */
export interface SlackOptions extends PresetOptions {
  /** Pre-select a workspace (`team` authorize parameter). */
  team?: string;
  /** Issuer override (local emulators); default `https://slack.com`. */
  issuer?: string;
}

/**
 * Map "Sign in with Slack" claims (`openid.connect.userInfo`) to the kit's profile.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapSlackProfile({ sub: 'U0R7JM', name: 'krane', email: 'krane@slack-corp.com', email_verified: true });
 * // { id: 'U0R7JM', name: 'krane', email: 'krane@slack-corp.com', emailVerified: true }
 * ```
 */
export function mapSlackProfile(raw: any): MappedProfile {
  const id = str(raw?.sub) ?? str(raw?.['https://slack.com/user_id']);
  if (!id) throw new TypeError('Slack profile has no sub');
  return compact({ id, ...standardClaims(raw) });
}

/**
 * "Sign in with Slack" over OpenID Connect (issuer `https://slack.com`).
 * PKCE is off: Slack's `openid.connect.token` refuses a confidential client
 * that also sends a `code_verifier`. The kit always sends a nonce, which
 * Slack needs (it puts an empty `nonce` in the id_token otherwise).
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `openid email profile`), `team`, `issuer`.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://api.slack.com/authentication/sign-in-with-slack
 * @example
 * ```ts
 * auth.register(slack({ clientId: process.env.SLACK_CLIENT_ID!, clientSecret: process.env.SLACK_CLIENT_SECRET! }));
 * ```
 */
export function slack(options: SlackOptions): OAuth2Provider {
  const name = options.name ?? 'slack';
  return defineOAuth2Provider({
    name,
    displayName: 'Slack',
    protocol: 'oidc',
    issuer: options.issuer ?? 'https://slack.com',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'email', 'profile'],
    pkce: false,
    ...presetEndpoints(options, {
      apiBaseUrl: 'https://slack.com/api/',
      authorizationParams: options.team ? { team: options.team } : undefined,
    }),
    profile: mapSlackProfile,
    quirks: ['no-pkce-with-secret', 'nonce-required', 'https-redirect-only'],
    docs: {
      kind: 'developer',
      registerUrl: 'https://api.slack.com/apps',
      notes: `OAuth & Permissions → Redirect URLs: <baseUrl>/auth/${name}/callback (Slack accepts https redirect URLs only, also in development).`,
    },
  });
}
