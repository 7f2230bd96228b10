import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { OAuthConfigError } from '../errors.ts';
import { booleanishClaim, compact, defineOAuth2Provider, joinName, presetEndpoints, requireOption, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider, ProfileFetchContext } from '../types.ts';

const APPLE = 'https://appleid.apple.com';
/** Apple refuses client secrets valid for more than 6 months. */
const MAX_LIFETIME_SECONDS = 15_777_000;

/**
 * Options of {@link apple}: either a ready `clientSecret` JWT, or the
 * `teamId` + `keyId` + `privateKey` to sign one (renewed before it expires).
 *
 * @example
 * ```ts
 * const options: AppleOptions = { clientId: 'com.example.web', teamId: 'ABCDE12345', keyId: 'XYZ987WVU6', privateKey: pem };
 * ```
 */
export interface AppleOptions extends PresetOptions {
  /** Apple Developer Team ID (the JWT `iss`). */
  teamId?: string;
  /** Key ID of the "Sign in with Apple" private key (the JWT `kid`). */
  keyId?: string;
  /** The `.p8` private key (PKCS#8 PEM, EC P-256). */
  privateKey?: string;
  /** Lifetime of each generated client secret in seconds (default 3600, at most 15 777 000). */
  clientSecretLifetime?: number;
  /** Issuer override (local emulators); default `https://appleid.apple.com`. */
  issuer?: string;
}

/**
 * Map Sign in with Apple id_token claims to the kit's profile. Apple sends
 * the user's name only on the first login (in the `user` form field, not the
 * id_token), so `name` is usually absent; an `email_verified` of `"true"`
 * (string) counts as true.
 *
 * @throws TypeError when the claims have no `sub`.
 * @example
 * ```ts
 * mapAppleProfile({ sub: '001234.abcd', email: 'x@privaterelay.appleid.com', email_verified: 'true' });
 * // { id: '001234.abcd', email: 'x@privaterelay.appleid.com', emailVerified: true }
 * ```
 */
export function mapAppleProfile(raw: any): MappedProfile {
  const id = str(raw?.sub);
  if (!id) throw new TypeError('Apple profile has no sub');
  return compact({
    id,
    name: appleName(raw.name) ?? appleName(raw.user?.name),
    email: str(raw.email) ?? str(raw.user?.email),
    emailVerified: booleanishClaim(raw.email_verified),
  });
}

/** Longest `user` form field read (Apple's is a small JSON object). */
const MAX_USER_FIELD = 2048;

/**
 * The name from Apple's first-login `user` form field
 * (`{"name":{"firstName":"Jane","lastName":"Appleseed"},"email":"…"}`), as
 * `{ firstName, lastName }` strings; undefined when the field is absent,
 * too long, not JSON or has no name. The field is not signed, so only the
 * name is taken from it, never the email.
 *
 * @example
 * ```ts
 * appleFirstLoginName('{"name":{"firstName":"Jane","lastName":"Appleseed"},"email":"x@y"}'); // { firstName: 'Jane', lastName: 'Appleseed' }
 * appleFirstLoginName(null); // undefined
 * ```
 */
export function appleFirstLoginName(field: string | null | undefined): { firstName?: string; lastName?: string } | undefined {
  if (!field || field.length > MAX_USER_FIELD) return undefined;
  let parsed: any;
  try {
    parsed = JSON.parse(field);
  } catch {
    return undefined;
  }
  const firstName = str(parsed?.name?.firstName);
  const lastName = str(parsed?.name?.lastName);
  return firstName || lastName ? compactName(firstName, lastName) : undefined;
}

function compactName(firstName: string | undefined, lastName: string | undefined): { firstName?: string; lastName?: string } {
  const out: { firstName?: string; lastName?: string } = {};
  if (firstName) out.firstName = firstName.slice(0, 100);
  if (lastName) out.lastName = lastName.slice(0, 100);
  return out;
}

/** `{ firstName, lastName }` (Apple's `user` form field) or a plain string. */
function appleName(value: unknown): string | undefined {
  if (typeof value === 'string') return str(value);
  if (!value || typeof value !== 'object') return undefined;
  const { firstName, lastName } = value as { firstName?: unknown; lastName?: unknown };
  return joinName(firstName, lastName);
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/**
 * Sign Apple's client-secret JWT (ES256): `iss` team id, `sub` client id
 * (Services ID), `aud` `https://appleid.apple.com`, `kid` key id.
 *
 * @throws OAuthConfigError when the private key is not an EC P-256 PKCS#8 PEM or the lifetime is out of range.
 * @see https://developer.apple.com/documentation/accountorganizationaldatasharing/creating-a-client-secret
 * @example
 * ```ts
 * const secret = createAppleClientSecret({ teamId: 'ABCDE12345', keyId: 'XYZ987WVU6', clientId: 'com.example.web', privateKey: pem });
 * ```
 */
export function createAppleClientSecret(input: {
  teamId: string;
  keyId: string;
  clientId: string;
  privateKey: string | KeyObject;
  /** Seconds (default 3600). */
  lifetime?: number;
  /** Epoch seconds "now" (tests). */
  now?: number;
}): string {
  const lifetime = input.lifetime ?? 3600;
  if (!Number.isInteger(lifetime) || lifetime < 60 || lifetime > MAX_LIFETIME_SECONDS) {
    throw new OAuthConfigError(`apple: the client secret lifetime must be 60..${MAX_LIFETIME_SECONDS} seconds, got ${lifetime}.`);
  }
  const key = applePrivateKey(input.privateKey);
  const iat = input.now ?? Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'ES256', kid: input.keyId, typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ iss: input.teamId, iat, exp: iat + lifetime, aud: APPLE, sub: input.clientId }));
  // JWS ES256 wants the raw r||s signature (IEEE P1363), not DER.
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), { key, dsaEncoding: 'ieee-p1363' });
  return `${header}.${payload}.${base64url(signature)}`;
}

function applePrivateKey(value: string | KeyObject): KeyObject {
  let key: KeyObject;
  try {
    key = typeof value === 'string' ? createPrivateKey(value) : value;
  } catch {
    throw new OAuthConfigError('apple: privateKey must be the PKCS#8 PEM of the .p8 key downloaded from Apple (-----BEGIN PRIVATE KEY-----).');
  }
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new OAuthConfigError('apple: privateKey must be an EC P-256 private key (Sign in with Apple keys are).');
  }
  return key;
}

/**
 * Sign in with Apple over OpenID Connect: `response_mode=form_post` (the
 * callback is a POST), the client secret is a short-lived ES256 JWT signed
 * with your key, there is no userinfo endpoint (the profile is the
 * id_token), and the name arrives only on the first login: Apple posts it
 * (unsigned) in the callback's `user` field, which the preset reads for the
 * name alone (never the email). Save it in `onLogin`; later logins have none.
 *
 * @param options `clientId` (Services ID), then `teamId` + `keyId` + `privateKey` (or a ready `clientSecret`), `scope` (default `openid name email`).
 * @throws OAuthConfigError when clientId is missing, neither a secret nor a complete key is given, or the key is not EC P-256.
 * @see https://developer.apple.com/documentation/signinwithapplerestapi
 * @example
 * ```ts
 * auth.register(apple({
 *   clientId: 'com.example.web',
 *   teamId: process.env.APPLE_TEAM_ID!, keyId: process.env.APPLE_KEY_ID!, privateKey: process.env.APPLE_PRIVATE_KEY!,
 * }));
 * ```
 */
export function apple(options: AppleOptions): OAuth2Provider {
  const name = options.name ?? 'apple';
  const clientId = requireOption(name, 'clientId', options.clientId);
  const signing = options.teamId !== undefined || options.keyId !== undefined || options.privateKey !== undefined;
  let clientSecretFactory: (() => string) | undefined;
  if (signing) {
    const teamId = requireOption(name, 'teamId', options.teamId);
    const keyId = requireOption(name, 'keyId', options.keyId);
    const key = applePrivateKey(requireOption(name, 'privateKey', options.privateKey));
    const lifetime = options.clientSecretLifetime ?? 3600;
    createAppleClientSecret({ teamId, keyId, clientId, privateKey: key, lifetime }); // fail at setup, not at login
    let cached: { value: string; renewAt: number } | undefined;
    clientSecretFactory = () => {
      const now = Math.floor(Date.now() / 1000);
      if (!cached || now >= cached.renewAt) {
        cached = { value: createAppleClientSecret({ teamId, keyId, clientId, privateKey: key, lifetime, now }), renewAt: now + Math.max(30, lifetime - 300) };
      }
      return cached.value;
    };
  } else if (!options.clientSecret) {
    throw new OAuthConfigError(`${name}: give teamId, keyId and privateKey (the kit signs the client secret), or a ready clientSecret JWT.`);
  }
  return defineOAuth2Provider({
    name,
    displayName: 'Apple',
    protocol: 'oidc',
    issuer: options.issuer ?? APPLE,
    clientId,
    clientSecret: signing ? undefined : options.clientSecret,
    clientSecretFactory,
    clientAuth: 'client_secret_post',
    scope: options.scope ?? ['openid', 'name', 'email'],
    responseMode: 'form_post', // required by Apple whenever name or email is requested
    ...presetEndpoints(options),
    profile: mapAppleProfile,
    // Apple has no userinfo endpoint: the validated id_token claims are the profile, plus the
    // name Apple posts (unsigned) in the `user` field of the first login's callback only.
    fetchProfile: async (ctx: ProfileFetchContext) => {
      const claims = options.userinfoEndpoint ? await ctx.get(options.userinfoEndpoint) : (ctx.claims ?? {});
      const name = appleFirstLoginName(ctx.callbackParams?.get('user'));
      return name && claims && typeof claims === 'object' ? { ...claims, user: { name } } : claims;
    },
    quirks: ['form-post-callback', 'client-secret-jwt', 'no-userinfo', 'name-on-first-login-only'],
    docs: {
      kind: 'social',
      registerUrl: 'https://developer.apple.com/account/resources/identifiers/list/serviceId',
      notes: `Create a Services ID with "Sign in with Apple"; Return URL: <baseUrl>/auth/${name}/callback (https only). Apple POSTs the callback (form_post), a cross-site POST on which SameSite=Lax cookies are not sent. Create a key with Sign in with Apple for keyId / privateKey.`,
    },
  });
}
