/**
 * The two halves of a login, protocol by protocol, as plain functions: the
 * routes call {@link startLogin} and {@link finishLogin} and know nothing of
 * OAuth 2.0 versus OAuth 1.0a.
 */
import { OAuthError } from './errors.ts';
import type { RegisteredProvider } from './kit.ts';
import { accessToken, buildAuthorizeUrl, fetchOAuth1Profile, requestToken } from './protocol/oauth1-client.ts';
import { createLoginSecrets } from './protocol/openid-adapter.ts';
import type { PendingLogin } from './session/pending-logins.ts';
import type { Profile, TokenSet } from './types.ts';

/** A started login: where to send the browser and what to remember. */
export interface StartedLogin {
  /** The pending-login key: OAuth 2.0 `state`, OAuth 1.0a request `oauth_token`. */
  key: string;
  redirectUrl: URL;
  secrets: Pick<PendingLogin, 'codeVerifier' | 'nonce' | 'tokenSecret'>;
}

/** A finished login. */
export interface FinishedLogin {
  tokens: TokenSet;
  profile: Profile;
  raw: unknown;
}

/** Begin a login: new state/PKCE/nonce (OAuth 2.0) or a request token (OAuth 1.0a). */
export async function startLogin(entry: RegisteredProvider, redirectUri: string): Promise<StartedLogin> {
  const { provider } = entry;
  if (provider.protocol === 'oauth1') {
    const temp = await requestToken(provider, redirectUri, entry.fetch);
    return { key: temp.token, redirectUrl: buildAuthorizeUrl(provider, temp.token), secrets: { tokenSecret: temp.tokenSecret } };
  }
  const secrets = createLoginSecrets(provider);
  const redirectUrl = await entry.adapter!.buildAuthorizationUrl(redirectUri, secrets);
  return { key: secrets.state, redirectUrl, secrets: { codeVerifier: secrets.codeVerifier, nonce: secrets.nonce } };
}

/** The pending-login key a callback carries, by protocol. */
export function callbackKey(entry: RegisteredProvider, params: URLSearchParams): string | null {
  if (entry.provider.protocol === 'oauth1') return params.get('oauth_token') ?? params.get('denied');
  return params.get('state');
}

/** Map the raw payload with the provider's pure mapper; never make a user from an empty id. */
export function mapProfile(entry: RegisteredProvider, raw: unknown): Profile {
  const name = entry.provider.name;
  let mapped;
  try {
    mapped = entry.provider.profile(raw);
  } catch (err) {
    throw new OAuthError('profile_fetch_failed', { provider: name, cause: err });
  }
  if (!mapped || typeof mapped.id !== 'string' || mapped.id.length === 0) {
    throw new OAuthError('profile_fetch_failed', { provider: name, message: 'The provider profile has no account id.' });
  }
  const profile: Profile = { provider: name, id: mapped.id.slice(0, 256) };
  // Truncate provider-supplied fields before they reach the session (SECURITY S-19).
  for (const field of ['username', 'name', 'email', 'avatarUrl'] as const) {
    const value = mapped[field];
    if (typeof value === 'string' && value.length > 0) profile[field] = value.slice(0, field === 'avatarUrl' ? 2048 : 320);
  }
  if (typeof mapped.emailVerified === 'boolean') profile.emailVerified = mapped.emailVerified;
  return profile;
}

/**
 * Finish a login from its callback parameters and the consumed pending login:
 * code exchange (with every check) or OAuth 1.0a access token, then the profile.
 * @throws OAuthError access_denied | state_mismatch | provider_error | token_exchange_failed | id_token_invalid | profile_fetch_failed
 */
export async function finishLogin(entry: RegisteredProvider, key: string, pending: PendingLogin, params: URLSearchParams): Promise<FinishedLogin> {
  const { provider } = entry;
  if (provider.protocol === 'oauth1') {
    if (params.has('denied')) throw new OAuthError('access_denied', { provider: provider.name });
    const verifier = params.get('oauth_verifier');
    if (!verifier || !pending.tokenSecret) throw new OAuthError('state_mismatch', { provider: provider.name });
    const creds = await accessToken(provider, { token: key, tokenSecret: pending.tokenSecret, verifier }, entry.fetch);
    const tokens: TokenSet = { accessToken: creds.token, tokenSecret: creds.tokenSecret };
    const raw = await fetchOAuth1Profile(provider, tokens, entry.fetch);
    return { tokens, raw, profile: mapProfile(entry, raw) };
  }
  const adapter = entry.adapter!;
  const { tokens, claims } = await adapter.exchangeCode(pending.redirectUri, params, {
    state: key,
    codeVerifier: pending.codeVerifier,
    nonce: pending.nonce,
  });
  const raw = await adapter.fetchProfile(tokens, claims, params);
  return { tokens, raw, profile: mapProfile(entry, raw) };
}
