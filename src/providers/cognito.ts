import { OAuthConfigError } from '../errors.ts';
import { booleanishClaim, claimsName, compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/**
 * Options of {@link cognito}: `region` + `userPoolId`, or a full `issuer`.
 *
 * @example
 * ```ts
 * const options: CognitoOptions = { clientId, clientSecret, region: 'eu-west-1', userPoolId: 'eu-west-1_AbCdEf123' };
 * ```
 */
export interface CognitoOptions extends PresetOptions {
  /** AWS region of the user pool, e.g. `eu-west-1`. */
  region?: string;
  /** User pool id, e.g. `eu-west-1_AbCdEf123`. */
  userPoolId?: string;
  /** Full issuer instead of region + userPoolId. */
  issuer?: string;
}

/**
 * Map Amazon Cognito claims (id_token / `/oauth2/userInfo`) to the kit's
 * profile. Cognito sends `email_verified` as the string `"true"`.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapCognitoProfile({ sub: '4d8e1c4b-7f1a-4f0e-9b7e-2f6c1a3b5d7e', username: 'bob', email: 'bob@example.com', email_verified: 'true' });
 * // { id: '4d8e1c4b-7f1a-4f0e-9b7e-2f6c1a3b5d7e', username: 'bob', email: 'bob@example.com', emailVerified: true }
 * ```
 */
export function mapCognitoProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Cognito profile has no sub');
  return compact({
    id,
    username: str(raw.username) ?? str(raw['cognito:username']) ?? str(raw.preferred_username),
    name: claimsName(raw),
    email: str(raw.email),
    emailVerified: booleanishClaim(raw.email_verified),
    avatarUrl: str(raw.picture),
  });
}

/**
 * Amazon Cognito user pools over OpenID Connect. The issuer is
 * `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`; discovery finds
 * the pool's hosted-UI / managed-login domain for the authorize and token
 * endpoints.
 *
 * @param options `clientId`, `clientSecret`, `region` + `userPoolId` or `issuer`, `scope` (default `openid email profile`).
 * @throws OAuthConfigError when clientId is missing or the pool is not identified.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/federation-endpoints.html
 * @example
 * ```ts
 * auth.register(cognito({ clientId, clientSecret, region: 'eu-west-1', userPoolId: 'eu-west-1_AbCdEf123' }));
 * ```
 */
export function cognito(options: CognitoOptions): OAuth2Provider {
  const name = options.name ?? 'cognito';
  let issuer = options.issuer;
  if (!issuer) {
    const { region, userPoolId } = options;
    if (!region || !userPoolId) throw new OAuthConfigError(`${name}: give region + userPoolId (e.g. eu-west-1 and eu-west-1_AbCdEf123) or issuer.`);
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region) || !/^[a-z]{2}(-[a-z]+)+-\d_[A-Za-z0-9]+$/.test(userPoolId)) {
      throw new OAuthConfigError(`${name}: region / userPoolId look wrong (${JSON.stringify(region)}, ${JSON.stringify(userPoolId)}); expected e.g. eu-west-1 and eu-west-1_AbCdEf123.`);
    }
    issuer = `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  }
  return defineOAuth2Provider({
    name,
    displayName: 'Amazon Cognito',
    protocol: 'oidc',
    issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['openid', 'email', 'profile'],
    ...presetEndpoints(options),
    profile: mapCognitoProfile,
    quirks: ['string-email-verified', 'pool-issuer'],
    docs: {
      kind: 'enterprise',
      registerUrl: 'https://console.aws.amazon.com/cognito/v2/idp/user-pools',
      notes: `User pool → App clients → Login pages: Allowed callback URLs: <baseUrl>/auth/${name}/callback (the pool needs a domain for its login pages).`,
    },
  });
}
