/**
 * The kit's own types. Providers are plain data (a frozen {@link Provider});
 * nothing here depends on openid-client.
 */
import type { Request } from 'express';
import type { JsonWebKey, KeyObject } from 'node:crypto';

/**
 * The normalised profile every provider maps to. `id` is always a string.
 * Without `onLogin`, it is what `req.user` holds after a login.
 *
 * @example
 * ```ts
 * app.get('/me', loginRequired(), (req, res) => {
 *   const user = req.user as Profile; // no onLogin: the user is the profile
 *   res.json({ id: `${user.provider}:${user.id}`, name: user.name ?? user.username, email: user.emailVerified ? user.email : undefined });
 * });
 * ```
 */
export interface Profile {
  provider: string;
  id: string;
  username?: string;
  name?: string;
  email?: string;
  emailVerified?: boolean;
  avatarUrl?: string;
}

/**
 * What a provider's pure `profile(raw)` mapper returns (the kit adds `provider`).
 *
 * @example
 * ```ts
 * const mapAcmeProfile = (raw: { uid: number; handle: string; mail?: string }): MappedProfile => ({
 *   id: String(raw.uid),
 *   username: raw.handle,
 *   ...(raw.mail !== undefined && { email: raw.mail }),
 * });
 * auth.register(oauth2({
 *   name: 'acme', clientId, clientSecret,
 *   authorizationEndpoint: 'https://acme.example/oauth/authorize',
 *   tokenEndpoint: 'https://acme.example/oauth/token',
 *   userinfoEndpoint: 'https://api.acme.example/me',
 *   profile: mapAcmeProfile,
 * }));
 * ```
 */
export type MappedProfile = Omit<Profile, 'provider'>;

/**
 * A stored token set (server-side only). Times are epoch seconds.
 *
 * @example
 * ```ts
 * app.get('/token-info', loginRequired({ provider: 'github' }), async (req, res) => {
 *   const tokens: TokenSet = await req.oauth.tokens('github'); // refreshed first when due
 *   const expiresIn = tokens.expiresAt === undefined ? null : tokens.expiresAt - Math.floor(Date.now() / 1000);
 *   res.json({ scope: tokens.scope, expiresIn }); // never send the tokens themselves to the browser
 * });
 * ```
 */
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

/**
 * The serialisable DPoP key of a token set: a private EC P-256 JWK. The kit
 * makes one per login when the provider has `dpop: true`; a custom
 * {@link TokenStore} stores it with the rest of the token set.
 *
 * @example
 * ```ts
 * auth.register(oidc({ name: 'corp', issuer: 'https://id.example.com', clientId, clientSecret, dpop: true }));
 * const tokens = await req.oauth.tokens('corp');
 * const key: DPoPKeyJwk | undefined = tokens.dpopKey; // present: the tokens are DPoP-bound
 * assert.equal(key?.crv, 'P-256');
 * ```
 */
export interface DPoPKeyJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  d: string;
}

/**
 * How the client authenticates at the token endpoint.
 *
 * @example
 * ```ts
 * const clientAuth: ClientAuthMethod = process.env.OIDC_PRIVATE_KEY ? 'private_key_jwt' : 'client_secret_basic';
 * auth.register(oidc({ name: 'corp', issuer: 'https://id.example.com', clientId, clientSecret, clientAuth, privateKey: process.env.OIDC_PRIVATE_KEY }));
 * ```
 */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'client_secret_jwt' | 'private_key_jwt' | 'none';

/**
 * A `private_key_jwt` signing key: a private JWK object, a PKCS#8 PEM string, or a node:crypto `KeyObject`.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 *
 * const privateKey: PrivateKeyInput = readFileSync('/run/secrets/oidc-client-key.pem', 'utf8'); // PKCS#8 PEM
 * auth.register(oidc({ name: 'corp', issuer: 'https://id.example.com', clientId, clientAuth: 'private_key_jwt', privateKey, privateKeyId: 'key-2026' }));
 * ```
 */
export type PrivateKeyInput = JsonWebKey | string | KeyObject;

/** Fetches JSON from a provider API with the user's access token (used by profile hooks). */
export type ApiGet = (url: string, init?: { headers?: Record<string, string> }) => Promise<unknown>;

/**
 * Context handed to a provider's `fetchProfile` quirk hook.
 *
 * @example
 * ```ts
 * auth.register(oauth2({
 *   name: 'acme', clientId, clientSecret, apiBaseUrl: 'https://api.acme.example',
 *   authorizationEndpoint: 'https://acme.example/oauth/authorize',
 *   tokenEndpoint: 'https://acme.example/oauth/token',
 *   // The profile lives at /me; the verified email at /me/emails (absent without the scope).
 *   fetchProfile: async (ctx: ProfileFetchContext) => {
 *     const me = (await ctx.get('/me')) as Record<string, unknown>;
 *     const emails = (await ctx.tryGet('/me/emails')) as { address: string; primary: boolean }[] | undefined;
 *     return { ...me, email: emails?.find((e) => e.primary)?.address };
 *   },
 * }));
 * ```
 */
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

/**
 * An OAuth 2.0 or OpenID Connect provider: what a preset, `oauth2()` or
 * `oidc()` returns (frozen data).
 *
 * @example
 * ```ts
 * const gh: OAuth2Provider = github({ clientId, clientSecret, scope: ['read:user', 'repo'] });
 * console.log(gh.name, gh.protocol, gh.scope.join(gh.scopeSeparator)); // github oauth2 read:user repo
 * auth.register(gh);
 * ```
 */
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
  /** Per-login parameters a login link may forward (default `prompt`, `login_hint`, `max_age`, `acr_values`, `ui_locales`). */
  readonly loginParams?: readonly ('prompt' | 'login_hint' | 'max_age' | 'acr_values' | 'ui_locales')[];
  /** Scopes a login link may add with `?scope=` (default none; the configured scope is always sent). */
  readonly allowedScopes?: readonly string[];
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

/**
 * An OAuth 1.0a provider (Twitter's classic login): what `oauth1()`,
 * `twitter()`, `tumblr()` and `trello()` return.
 *
 * @example
 * ```ts
 * const tw: OAuth1Provider = twitter({ consumerKey, consumerSecret });
 * auth.register(tw);
 * console.log(tw.requestTokenEndpoint); // https://api.x.com/oauth/request_token
 * ```
 */
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

/**
 * Any provider the registry accepts; `protocol` tells the two shapes apart.
 *
 * @example
 * ```ts
 * const protocolNames = { oauth2: 'OAuth 2.0', oidc: 'OpenID Connect', oauth1: 'OAuth 1.0a' } as const;
 * const describe = (p: Provider) => `${p.displayName} (${protocolNames[p.protocol]})`;
 * const providers: Provider[] = auth.providerNames().flatMap((name) => auth.provider(name) ?? []);
 * console.log(providers.map(describe));
 * ```
 */
export type Provider = OAuth2Provider | OAuth1Provider;

/**
 * What `onLogin` receives. `User` is the app's user type, as given to
 * `createRegistry<User>()` (default: the {@link Profile}).
 *
 * @example
 * ```ts
 * interface User { id: number; name: string }
 * declare const db: { findOrCreateUser(provider: string, accountId: string, name?: string): Promise<User>; link(user: User, provider: string, accountId: string): Promise<void> };
 *
 * const auth = createRegistry({
 *   baseUrl: 'https://app.example.com',
 *   async onLogin(event: LoginEvent<User>) {
 *     if (event.currentUser) {
 *       // Already logged in: link this provider account to the same user.
 *       await db.link(event.currentUser, event.provider, event.profile.id);
 *       return event.currentUser;
 *     }
 *     return db.findOrCreateUser(event.provider, event.profile.id, event.profile.name);
 *   },
 * });
 * ```
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
 *
 * @example
 * ```ts
 * interface User { id: number; banned: boolean }
 * declare const db: { userFor(provider: string, accountId: string): Promise<User | undefined> };
 *
 * async function onLogin({ provider, profile }: LoginEvent<User>): Promise<OnLoginResult<User>> {
 *   const user = await db.userFor(provider, profile.id);
 *   if (!user || user.banned) return false; // refused: the callback answers access_denied
 *   return user;
 * }
 * const auth = createRegistry<User>({ baseUrl: 'https://app.example.com', onLogin });
 * ```
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

/**
 * What every audit event carries: never a token.
 *
 * @example
 * ```ts
 * const record = (kind: string) => (e: AuditEvent) => console.info(kind, { provider: e.provider, account: e.accountId, request: e.requestId });
 * createRegistry({ baseUrl: 'https://app.example.com', events: { login: record('login'), logout: record('logout'), link: record('link') } });
 * ```
 */
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

/**
 * A failed login or refresh, with the `OAuthError` code.
 *
 * @example
 * ```ts
 * const onFailure = (e: AuditFailureEvent) => {
 *   if (e.code === 'state_mismatch') console.warn('login with a foreign state', { provider: e.provider, request: e.requestId });
 * };
 * createRegistry({ baseUrl: 'https://app.example.com', events: { loginFailed: onFailure, refreshFailed: onFailure } });
 * ```
 */
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

/**
 * Pluggable token storage (e.g. your own database), like Authlib's fetch_token / update_token.
 * Set it as `tokenStore`; the session then keeps no tokens.
 *
 * @example
 * ```ts
 * // Tokens in Redis, one key per provider account. The store receives plain tokens
 * // (`tokenEncryptionKeys` seals only what the kit keeps itself): protect this Redis like a database of secrets.
 * const keyOf = (k: TokenStoreKey) => `tokens:${k.provider}:${k.accountId}`;
 * const redisTokenStore: TokenStore = {
 *   async get(k) {
 *     const json = await redis.get(keyOf(k));
 *     return json === null ? undefined : (JSON.parse(json) as TokenSet);
 *   },
 *   async set(k, tokens) {
 *     await redis.set(keyOf(k), JSON.stringify(tokens), 'EX', 60 * 60 * 24 * 30);
 *   },
 *   async delete(k) {
 *     await redis.del(keyOf(k));
 *   },
 * };
 * const auth = createRegistry({ baseUrl: 'https://app.example.com', tokenStore: redisTokenStore });
 * ```
 */
export interface TokenStore {
  get(key: TokenStoreKey): Promise<TokenSet | undefined>;
  set(key: TokenStoreKey, tokens: TokenSet): Promise<void>;
  delete(key: TokenStoreKey): Promise<void>;
}

/**
 * Identifies one user's tokens at one provider.
 *
 * @example
 * ```ts
 * interface User { id: number }
 * declare const db: { query(sql: string, params: unknown[]): Promise<{ rows: { tokens: TokenSet }[] }> };
 *
 * async function loadTokens(key: TokenStoreKey): Promise<TokenSet | undefined> {
 *   const { rows } = await db.query('select tokens from oauth_tokens where user_id = $1 and provider = $2 and account_id = $3', [(key.user as User).id, key.provider, key.accountId]);
 *   return rows[0]?.tokens;
 * }
 * ```
 */
export interface TokenStoreKey {
  provider: string;
  /** The provider account id (profile.id). */
  accountId: string;
  /** The app user (whatever `onLogin` returned). */
  user: unknown;
}

/**
 * Structural subset of an ioredis `Redis` / `Cluster` client used for cross-instance locks.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 *
 * const client: RedisLike = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
 * const auth = createRegistry({ baseUrl: 'https://app.example.com', redis: client });
 * ```
 */
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
 *
 * @example
 * ```ts
 * const options: RegistryOptions = {
 *   baseUrl: 'https://app.example.com',
 *   routePrefix: '/auth',
 *   defaultReturnTo: '/dashboard',
 *   loginPage: '/login',
 *   redis,
 *   tokenEncryptionKeys: [process.env.TOKEN_KEY!],
 *   onLogin: ({ profile }) => ({ id: `${profile.provider}:${profile.id}`, name: profile.name }),
 * };
 * const auth = createRegistry(options);
 * ```
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
  /** Every `POST {routePrefix}/logout` also logs out at the OpenID Provider (RP-initiated logout), as `?federated=1` does. */
  federatedLogout?: boolean;
}
