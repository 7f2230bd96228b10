/**
 * The kit's own types. Providers are plain data (a frozen {@link Provider});
 * nothing here depends on openid-client.
 */
import type { Request } from 'express';
import type { JsonWebKey, KeyObject } from 'node:crypto';

/** The normalised profile every provider maps to. `id` is always a string. */
export interface Profile {
  provider: string;
  id: string;
  username?: string;
  name?: string;
  email?: string;
  emailVerified?: boolean;
  avatarUrl?: string;
}

/** What a provider's pure `profile(raw)` mapper returns (the kit adds `provider`). */
export type MappedProfile = Omit<Profile, 'provider'>;

/** A stored token set (server-side only). Times are epoch seconds. */
export interface TokenSet {
  /** OAuth 2.0 access token, or the OAuth 1.0a token. */
  accessToken: string;
  tokenType?: string;
  refreshToken?: string;
  idToken?: string;
  /** Epoch seconds when the access token expires; absent when unknown. */
  expiresAt?: number;
  scope?: string;
  /** OAuth 1.0a token secret. */
  tokenSecret?: string;
  /** Claims the refresh must keep (OIDC Core §12.2). */
  iss?: string;
  sub?: string;
  /** Random id of this grant's token family (refreshes keep it), and its version (+1 per refresh). */
  family?: string;
  version?: number;
  /**
   * DPoP (RFC 9449): the private key (an ES256 JWK) the tokens are bound to.
   * Kept server-side with the tokens (sealed with them under
   * `tokenEncryptionKeys`); never in a cookie, URL, log or error.
   */
  dpopKey?: DPoPKeyJwk;
}

/** The serialisable DPoP key of a token set: a private EC P-256 JWK. */
export interface DPoPKeyJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  d: string;
}

/** How the client authenticates at the token endpoint. */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'client_secret_jwt' | 'private_key_jwt' | 'none';

/** A `private_key_jwt` signing key: a private JWK object, a PKCS#8 PEM string, or a node:crypto `KeyObject`. */
export type PrivateKeyInput = JsonWebKey | string | KeyObject;

/** Fetches JSON from a provider API with the user's access token (used by profile hooks). */
export type ApiGet = (url: string, init?: { headers?: Record<string, string> }) => Promise<unknown>;

/** Context handed to a provider's `fetchProfile` quirk hook. */
export interface ProfileFetchContext {
  /** GET a URL (absolute, or relative to `apiBaseUrl`) with the token; JSON, size-capped. Throws on non-2xx. */
  get: ApiGet;
  /** GET, but resolve `undefined` on 401/403/404 instead of throwing (optional data such as emails). */
  tryGet: ApiGet;
  tokens: TokenSet;
  /** OIDC: the validated id_token claims. */
  claims?: Record<string, unknown>;
  scope: readonly string[];
  /**
   * The callback's parameters (a copy; for form_post, the posted fields), e.g.
   * Apple's first-login `user` JSON. Unsigned browser input: never an identity
   * or an email, at most a display name.
   */
  callbackParams?: URLSearchParams;
}

/** Fields shared by every provider object. */
interface ProviderBase {
  /** Registry key and the `:provider` route segment (`[a-z0-9_-]+`). */
  readonly name: string;
  /** Human name for buttons and the chooser page. */
  readonly displayName: string;
  /** Default or configured scopes. */
  readonly scope: readonly string[];
  /** How scopes are joined in the authorize URL (default `' '`). */
  readonly scopeSeparator: string;
  /** Base for relative `req.oauth.fetch()` paths. */
  readonly apiBaseUrl?: string;
  /** Headers sent on every API call (e.g. GitHub's required `User-Agent`). */
  readonly apiHeaders?: Readonly<Record<string, string>>;
  /** Allow `http:` endpoints off loopback (development only). */
  readonly allowInsecureRequests?: boolean;
  /** Pure mapper from the raw profile payload to the normalised profile. */
  readonly profile: (raw: any) => MappedProfile;
  /** Names of the quirks this provider handles (documentation, README table). */
  readonly quirks: readonly string[];
  /** Where to register an app and what to give as callback (README table). */
  readonly docs?: {
    readonly registerUrl?: string;
    readonly notes?: string;
    /** README grouping: `social`, `developer` (tools and platforms), `enterprise` (identity providers), `self-hosted`. */
    readonly kind?: 'social' | 'developer' | 'enterprise' | 'self-hosted';
    /** Facts that could not be confirmed from the provider's documentation (shown in the preset's docs). */
    readonly unverified?: readonly string[];
  };
}

/** An OAuth 2.0 or OpenID Connect provider. */
export interface OAuth2Provider extends ProviderBase {
  readonly protocol: 'oauth2' | 'oidc';
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly clientAuth: ClientAuthMethod;
  /** `private_key_jwt`: the client's private key (checked at `register()`). */
  readonly privateKey?: PrivateKeyInput;
  /** `private_key_jwt`: the `kid` of the key, sent in the assertion header. */
  readonly privateKeyId?: string;
  /** RFC 9126: push every authorization request to the PAR endpoint first (also on when discovery requires it). */
  readonly pushedAuthorizationRequests?: boolean;
  /** OAuth 2.0 (no discovery): the PAR endpoint. */
  readonly pushedAuthorizationRequestEndpoint?: string;
  /** RFC 9449: DPoP-bound tokens (an ES256 key per login). */
  readonly dpop?: boolean;
  /**
   * OIDC: the issuer to discover (and expect in id_tokens).
   * OAuth 2.0: the RFC 9207 `iss` value the provider may send on callbacks;
   * when set, a different `iss` is rejected and a missing one accepted.
   */
  readonly issuer?: string;
  /** OIDC multi-tenant issuers (Entra `{tenantid}`): accept an id_token issuer this function approves. */
  readonly acceptIssuer?: (iss: string, claims: Record<string, unknown>) => boolean;
  readonly authorizationEndpoint?: string;
  readonly tokenEndpoint?: string;
  readonly userinfoEndpoint?: string;
  readonly revocationEndpoint?: string;
  readonly jwksUri?: string;
  /** PKCE S256 (on by default; only off for a provider that rejects it). */
  readonly pkce: boolean;
  /** Pinned id_token `alg` (default `RS256`; `none` only when set here). */
  readonly idTokenSigningAlg?: string;
  /** Extra fixed authorize parameters (e.g. `access_type=offline`). */
  readonly authorizationParams?: Readonly<Record<string, string>>;
  /** `form_post` makes the callback a POST (Apple). */
  readonly responseMode?: 'query' | 'form_post';
  /** Quirk hook: fetch the raw profile (default: GET `userinfoEndpoint`; OIDC: userinfo with `sub` check). */
  readonly fetchProfile?: (ctx: ProfileFetchContext) => Promise<unknown>;
  /** Quirk hook: adjust an outgoing API request (e.g. Facebook's `appsecret_proof`). */
  readonly decorateApiRequest?: (url: URL, tokens: TokenSet) => URL;
  /**
   * Quirk hook: repair a provider's token-endpoint JSON before it is validated
   * (e.g. Twitch's `scope` array, VK's missing `token_type`). Pure.
   */
  readonly normalizeTokenResponse?: (body: Record<string, unknown>) => Record<string, unknown>;
  /** Quirk hook: the client secret to send, computed per request (Apple's client-secret JWT). */
  readonly clientSecretFactory?: () => Promise<string> | string;
}

/** An OAuth 1.0a provider (Twitter's classic login). */
export interface OAuth1Provider extends ProviderBase {
  readonly protocol: 'oauth1';
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly requestTokenEndpoint: string;
  /** The page the user is sent to (`oauth/authenticate`). */
  readonly authorizationEndpoint: string;
  readonly accessTokenEndpoint: string;
  /** The profile call (`account/verify_credentials.json`). */
  readonly userinfoEndpoint: string;
  /** Extra fixed parameters for the authorize redirect (e.g. `force_login=true`). */
  readonly authorizationParams?: Readonly<Record<string, string>>;
  /** Extra parameters for the request-token call (e.g. `x_auth_access_type=read`). */
  readonly requestTokenParams?: Readonly<Record<string, string>>;
}

/** Any provider the registry accepts. */
export type Provider = OAuth2Provider | OAuth1Provider;

/**
 * What `onLogin` receives. `User` is the app's user type, as given to
 * `createRegistry<User>()` (default: the {@link Profile}).
 */
export interface LoginEvent<User = Profile> {
  provider: string;
  profile: Profile;
  /** The raw provider payload (never stored in the session). */
  raw: unknown;
  tokens: Readonly<TokenSet>;
  /** The user already logged in on this session, for account linking. */
  currentUser: User | undefined;
  req: Request;
}

/**
 * What `onLogin` may return: the app user, or `false` / `null` to refuse the
 * login (`access_denied`).
 */
export type OnLoginResult<User> = User | false | null;

/**
 * A logger the kit writes to: pino-compatible, an object first, then a fixed
 * message (`logger.warn({ event, provider, code }, 'login failed')`). `console` works too.
 *
 * @example
 * ```ts
 * createRegistry({ baseUrl: 'https://app.example.com', logger: console });   // or a pino logger: logger: pino()
 * ```
 */
export interface KitLogger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/** What every audit event carries: never a token. */
export interface AuditEvent {
  /** The provider's registered name. */
  provider: string;
  /** The provider account id (`profile.id`), when the kit knows it. */
  accountId?: string;
  /** The app user (what `onLogin` returned), when there is one. */
  user?: unknown;
  /** `req.id` (pino-http, express-request-id), else a valid `X-Request-Id`, else one the kit made for this request. */
  requestId: string;
}

/** A failed login or refresh, with the `OAuthError` code. */
export interface AuditFailureEvent extends AuditEvent {
  code: string;
}

/**
 * `createRegistry({ events })`: called after each of these happened. A
 * handler that throws or rejects is logged and otherwise ignored.
 *
 * @example
 * ```ts
 * const failures = new Map<string, number>();
 * createRegistry({ baseUrl: 'https://app.example.com', events: {
 *   login: (e) => console.info('login', { provider: e.provider, account: e.accountId, request: e.requestId }),
 *   loginFailed: (e) => void failures.set(e.code, (failures.get(e.code) ?? 0) + 1),
 * } });
 * ```
 */
export interface AuditEvents {
  /** A login finished (the first account of a session, or another user). */
  login?: (event: AuditEvent) => void | Promise<void>;
  /** A callback failed (`code`: `state_mismatch`, `access_denied`, `token_exchange_failed`, ...). */
  loginFailed?: (event: AuditFailureEvent) => void | Promise<void>;
  /** A session's login ended (`POST /auth/logout` or `req.oauth.logout()`), once per linked account. */
  logout?: (event: AuditEvent) => void | Promise<void>;
  /** Another provider account was linked to the logged-in user. */
  link?: (event: AuditEvent) => void | Promise<void>;
  /** An account was unlinked (`req.oauth.unlink(name)`, or dropped after a refused refresh). */
  unlink?: (event: AuditEvent) => void | Promise<void>;
  /** Tokens were refreshed at the provider. */
  refresh?: (event: AuditEvent) => void | Promise<void>;
  /** A refresh failed (`code`: `login_required` when the provider refused it, else the failure's code). */
  refreshFailed?: (event: AuditFailureEvent) => void | Promise<void>;
}

/** Pluggable token storage (e.g. your own database), like Authlib's fetch_token / update_token. */
export interface TokenStore {
  get(key: TokenStoreKey): Promise<TokenSet | undefined>;
  set(key: TokenStoreKey, tokens: TokenSet): Promise<void>;
  delete(key: TokenStoreKey): Promise<void>;
}

/** Identifies one user's tokens at one provider. */
export interface TokenStoreKey {
  provider: string;
  /** The provider account id (profile.id). */
  accountId: string;
  /** The app user (whatever `onLogin` returned). */
  user: unknown;
}

/** Structural subset of an ioredis `Redis` / `Cluster` client used for cross-instance locks. */
export interface RedisLike {
  set(key: string, value: string, ...args: any[]): Promise<unknown>;
  get(key: string): Promise<string | null>;
  del(...keys: string[]): Promise<number>;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/**
 * Options of {@link createRegistry}; `User` is the type `onLogin` returns.
 * `createRegistry()` infers it (the {@link Profile} without `onLogin`); the
 * bare `RegistryOptions` accepts any user, as it always did.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bare type keeps accepting any onLogin result
export interface RegistryOptions<User = any> {
  /** Public origin (and optional base path) of the app; redirect_uri is built from it. */
  baseUrl: string;
  /** Where the kit's routes live (default `/auth`). */
  routePrefix?: string;
  /** Where to go after login when no safe `returnTo` was given (default `/`). */
  defaultReturnTo?: string;
  /** Your login page; the guard sends browsers there when several providers could apply. */
  loginPage?: string;
  /** Map the profile to your app's user (get-or-create). Default: the profile. */
  onLogin?: (event: LoginEvent<User>) => OnLoginResult<User> | Promise<OnLoginResult<User>>;
  /** Where the kit logs (pino, or anything with `debug` / `info` / `warn` / `error` taking an object first; `console` works). Default: only `DEBUG=express-oauth-kit:*`. */
  logger?: KitLogger;
  /** Audit events: `login`, `loginFailed`, `logout`, `link`, `unlink`, `refresh`, `refreshFailed`. */
  events?: AuditEvents;
  /** ioredis client or cluster: cross-instance refresh locks and single-use state markers. */
  redis?: RedisLike;
  /** Timeout of every provider call (default 10 000 ms). */
  httpTimeoutMs?: number;
  /** Response-size cap of every provider call (default 1 MiB). */
  maxResponseBytes?: number;
  /** Refresh tokens that expire within this many seconds (default 60). */
  refreshSkewSeconds?: number;
  /** Keep tokens in your own store instead of the session. */
  tokenStore?: TokenStore;
  /**
   * Keep the app's own session fields when the logged-in user changes at a
   * callback (another user, or a first login from an anonymous session).
   * Default false: they are dropped, as Passport ≥ 0.6 does, so one person's
   * session data never reaches the next.
   */
  keepSessionData?: boolean;
  /** AES-256-GCM keys (32 bytes, base64 or Buffer) to encrypt stored tokens; the first encrypts. */
  tokenEncryptionKeys?: readonly (string | Uint8Array)[];
}
