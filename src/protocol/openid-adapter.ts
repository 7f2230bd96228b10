/**
 * The protocol adapter: the only file that imports openid-client. Everything
 * OAuth 2.0 / OIDC — authorization URL, PKCE, code exchange, id_token
 * validation, userinfo, refresh, revocation, discovery — goes through here,
 * with the library defaults SECURITY.md §0 says we must override:
 * signatures verified (D1), alg pinned (D2), nonce and `sub` passed (D6),
 * redirect_uri from configuration (D7), bounded fetch (D8).
 */
import * as client from 'openid-client';
import { OAuthError } from '../errors.ts';
import type { OAuth2Provider, ProfileFetchContext, TokenSet } from '../types.ts';
import { resolveApiUrl } from './api-url.ts';
import { answerText, boundedFetch, boundedRequest, toBufferedResponse, type FetchLimits, type ProviderAnswer } from './bounded-fetch.ts';
import { checkClientAuth, importClientSigningKey, type ClientSigningKey } from './client-auth.ts';
import { createDPoPKey, DPoPKeyCache, importDPoPKeyPair, isDPoPKey, isDPoPTokenType } from './dpop.ts';
import { errorCode, mapCallError, mapExchangeError, mapProfileError, mapRefreshError, TokenResponseError, WWW_AUTHENTICATE_CHALLENGE, type ExchangeStage } from './error-map.ts';
import { usesPushedAuthorization } from './par.ts';
import { fitsTemplate, tenantIssuer, tenantTemplate, unverifiedClaims, wellKnownUrl } from './tenant-issuer.ts';
import type { FinishedLogin, PendingSecrets, ProtocolClient, StartedLogin } from './protocol-client.ts';
import { checkAcr, grantRecord } from './auth-checks.ts';
import { calculateCodeChallenge, createLoginSecrets, type LoginSecrets } from './login-secrets.ts';
import { checkTokenResponse } from './token-response.ts';
import { loginParamsToRequest, type LoginParams } from './login-params.ts';
import { remoteKeySet, validateLogoutToken, type LogoutTokenExpectations } from './logout-token.ts';

/** What a finished code exchange yields. */
export interface CodeExchangeResult {
  tokens: TokenSet;
  claims?: Record<string, unknown>;
}

// The stage an exchange reached, found by its authorization code in the token request body
// (cheaper than AsyncLocalStorage, which would slow every request of the process down).
interface CallStage extends ExchangeStage {
  /** Multi-tenant: the id_token's own tenant issuer, approved by `acceptIssuer`, to verify the token against. */
  tenantIssuer?: string;
  /** Multi-tenant: the token response, replayed (not re-requested) when the exchange is checked against the tenant issuer. */
  replayBody?: string;
  replaying?: boolean;
}

const stageByCode = new Map<string, CallStage>();
const MAX_TENANT_CONFIGS = 100;
// Callback parameters that must never log anyone in (implicit / hybrid flow injection, SECURITY C-23).
const IMPLICIT_PARAMS = ['access_token', 'id_token', 'token'];

function toTokenSet(response: client.TokenEndpointResponse, claims: Record<string, unknown> | undefined, previous?: TokenSet, dpopKey = previous?.dpopKey): TokenSet {
  const tokens: TokenSet = {
    accessToken: response.access_token,
    tokenType: response.token_type,
  };
  if (dpopKey) tokens.dpopKey = dpopKey;
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  if (refreshToken) tokens.refreshToken = refreshToken;
  const idToken = response.id_token ?? previous?.idToken;
  if (idToken) tokens.idToken = idToken;
  if (typeof response.expires_in === 'number') tokens.expiresAt = Math.floor(Date.now() / 1000) + response.expires_in;
  if (typeof response.scope === 'string') tokens.scope = response.scope;
  const iss = (claims?.iss as string | undefined) ?? previous?.iss;
  const sub = (claims?.sub as string | undefined) ?? previous?.sub;
  if (iss) tokens.iss = iss;
  if (sub) tokens.sub = sub;
  return tokens;
}

/**
 * One provider's view of openid-client, as a {@link ProtocolClient}. Created
 * once per registered provider; OIDC discovery is lazy and cached, and retried
 * on the next call after a failure.
 */
export class OpenIdAdapter implements ProtocolClient {
  readonly unauthorizedEndsGrant = false;
  readonly provider: OAuth2Provider;
  private readonly limits: FetchLimits;
  private configPromise: Promise<client.Configuration> | undefined;
  private configSecret: string | undefined;
  private readonly signingKey: ClientSigningKey | undefined;
  private readonly dpopHandles = new DPoPKeyCache<Promise<client.DPoPHandle>>();
  private logoutKeys: { jwksUri: string; keys: LogoutTokenExpectations['keys'] } | undefined;
  /** OIDC only: RP-initiated logout (see {@link ProtocolClient.endSessionUrl}). */
  readonly endSessionUrl?: ProtocolClient['endSessionUrl'];
  /** OIDC only: Back-Channel Logout (see {@link ProtocolClient.validateLogoutToken}). */
  readonly validateLogoutToken?: ProtocolClient['validateLogoutToken'];

  /** @throws OAuthConfigError for a JWT client authentication without its secret or key (at `register()`). */
  constructor(provider: OAuth2Provider, limits: FetchLimits) {
    this.provider = provider;
    this.limits = limits;
    this.signingKey = checkClientAuth(provider);
    if (provider.protocol === 'oidc') {
      this.endSessionUrl = (params) => this.buildEndSessionUrl(params);
      this.validateLogoutToken = async (token) => validateLogoutToken(token, await this.logoutTokenExpectations());
    }
  }

  /**
   * OIDC RP-initiated logout 1.0: the provider's `end_session_endpoint` URL
   * with `id_token_hint`, `client_id`, `post_logout_redirect_uri` and `state`,
   * or undefined when discovery names no such endpoint.
   * @throws OAuthError provider_error when discovery fails.
   */
  private async buildEndSessionUrl(params: { idTokenHint?: string; postLogoutRedirectUri: string; state: string }): Promise<URL | undefined> {
    const config = await this.configuration();
    if (typeof config.serverMetadata().end_session_endpoint !== 'string') return undefined;
    const query: Record<string, string> = { client_id: this.provider.clientId, post_logout_redirect_uri: params.postLogoutRedirectUri, state: params.state };
    if (params.idTokenHint) query.id_token_hint = params.idTokenHint;
    return client.buildEndSessionUrl(config, query);
  }

  /**
   * What a Back-Channel Logout Token of this provider is checked against:
   * the discovered issuer and JWKS (fetched through the bounded fetch, cached
   * by jose), the client id, the pinned id_token alg.
   * @throws OAuthError provider_error when discovery fails or names no jwks_uri.
   */
  private async logoutTokenExpectations(): Promise<LogoutTokenExpectations> {
    const config = await this.configuration();
    const meta = config.serverMetadata();
    const jwksUri = meta.jwks_uri;
    if (typeof jwksUri !== 'string') throw new OAuthError('provider_error', { provider: this.provider.name, message: 'The provider publishes no jwks_uri.' });
    if (this.logoutKeys?.jwksUri !== jwksUri) this.logoutKeys = { jwksUri, keys: remoteKeySet(jwksUri, this.limits) };
    return { issuer: meta.issuer, clientId: this.provider.clientId, alg: this.provider.idTokenSigningAlg ?? 'RS256', keys: this.logoutKeys.keys };
  }

  /** The DPoP handle of a token set's key (cached: it remembers the servers' nonces), when DPoP is on. */
  private async dpop(tokens: TokenSet | undefined): Promise<{ DPoP?: client.DPoPHandle }> {
    const key = tokens?.dpopKey;
    if (!this.provider.dpop || !isDPoPKey(key) || (tokens!.tokenType !== undefined && !isDPoPTokenType(tokens!.tokenType))) return {};
    const config = await this.configuration();
    const handle = this.dpopHandles.get(key, () => importDPoPKeyPair(key).then((pair) => client.getDPoPHandle(config, pair)));
    return { DPoP: await handle };
  }

  private get insecure(): boolean {
    const p = this.provider;
    return [p.issuer, p.authorizationEndpoint, p.tokenEndpoint, p.userinfoEndpoint].some((u) => u?.startsWith('http:'));
  }

  private customFetch: client.CustomFetch = async (url, options) => {
    const isToken = url === this.tokenEndpointHref;
    const code = isToken && options.body instanceof URLSearchParams ? options.body.get('code') : null;
    const current = code === null ? undefined : stageByCode.get(code);
    if (current?.replaying && current.replayBody !== undefined) return new Response(current.replayBody, { status: 200, headers: { 'content-type': 'application/json' } });
    if (current) current.tokenRequested = true;
    if (!isToken) return boundedFetch(url, options as RequestInit, this.limits);
    const res = await boundedRequest(url, options as RequestInit, this.limits);
    // GitHub (and others) answer token errors with HTTP 200 and an `error` member:
    // turn those into the 400 RFC 6749 §5.2 says they are, so openid-client reports them.
    const text = answerText(res);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    let record = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
    let out = text;
    if (record && res.status === 200 && this.provider.normalizeTokenResponse) {
      record = this.provider.normalizeTokenResponse({ ...record });
      out = JSON.stringify(record);
    }
    let status = res.status;
    if (status === 200 && record && typeof record.error === 'string' && !record.access_token) status = 400;
    if (status === 200 && record) {
      // A token the kit cannot send (a control character, a non-string) or a nonsense lifetime ends the exchange here.
      const unusable = checkTokenResponse(record);
      if (unusable) throw new TokenResponseError(`the token endpoint answered an unusable ${unusable}`);
      if (current) current.tokenResponseUsable = true;
      const template = this.issuerTemplate;
      if (current && template && this.provider.acceptIssuer) {
        // Multi-tenant: which tenant's issuer to verify this id_token against (the token is verified in full there).
        current.tenantIssuer = tenantIssuer(template, this.provider.acceptIssuer, unverifiedClaims(record.id_token));
        if (current.tenantIssuer) current.replayBody = out;
      }
    }
    return toBufferedResponse(res, out, status);
  };

  private tokenEndpointHref: string | undefined;
  private issuerHref: string | undefined;
  // `Configuration#serverMetadata()` deep-clones on every call: read it once per configuration.
  private readonly metadataOf = new WeakMap<client.Configuration, client.ServerMetadata>();

  /** The configuration's server metadata (read once; treat as read-only). */
  private metadata(config: client.Configuration): client.ServerMetadata {
    let metadata = this.metadataOf.get(config);
    if (!metadata) this.metadataOf.set(config, (metadata = config.serverMetadata()));
    return metadata;
  }
  /** OIDC: whether the discovered metadata promises RFC 9207 `iss` on every callback. */
  private issParameterRequired: boolean | undefined;
  /** Multi-tenant (`acceptIssuer`): the discovered `{tenantid}` issuer template. */
  private issuerTemplate: string | undefined;
  private readonly tenantConfigs = new Map<string, Promise<client.Configuration>>();

  private async clientAuth(): Promise<{ auth: client.ClientAuth; secret?: string }> {
    const p = this.provider;
    const secret = p.clientSecretFactory ? await p.clientSecretFactory() : p.clientSecret;
    switch (p.clientAuth) {
      case 'client_secret_post':
        return { auth: client.ClientSecretPost(secret), secret };
      case 'client_secret_basic':
        return { auth: client.ClientSecretBasic(secret), secret };
      case 'client_secret_jwt':
        return { auth: client.ClientSecretJwt(secret), secret };
      case 'private_key_jwt': {
        const signing = this.signingKey!;
        const key = await importClientSigningKey(signing);
        // oauth4webapi names an Ed25519 JWS "Ed25519" (RFC 9864); keep "EdDSA" unless the JWK asked otherwise.
        const options = signing.alg === 'EdDSA' ? { [client.modifyAssertion]: (header: Record<string, unknown>) => void (header.alg = 'EdDSA') } : undefined;
        return { auth: client.PrivateKeyJwt({ key, kid: signing.kid }, options), secret };
      }
      default:
        return { auth: client.None(), secret };
    }
  }

  private async buildConfiguration(): Promise<client.Configuration> {
    const p = this.provider;
    const { auth, secret } = await this.clientAuth();
    this.configSecret = secret;
    const metadata: Partial<client.ClientMetadata> = {
      id_token_signed_response_alg: p.idTokenSigningAlg ?? 'RS256',
    };
    let config: client.Configuration;
    if (p.protocol === 'oidc') {
      const execute = this.insecure ? [client.allowInsecureRequests] : [];
      // A multi-tenant issuer's document names a `{tenantid}` template, not the configured issuer:
      // fetch the document itself and check the issuer here (tenantTemplate).
      const multiTenant = p.acceptIssuer !== undefined;
      config = await client.discovery(multiTenant ? wellKnownUrl(p.issuer!) : new URL(p.issuer!), p.clientId, metadata, auth, {
        execute,
        [client.customFetch]: this.customFetch,
        timeout: Math.ceil(this.limits.timeoutMs / 1000) + 1,
      });
      const discovered = config.serverMetadata();
      this.issuerTemplate = multiTenant ? tenantTemplate(p.issuer!, discovered.issuer) : undefined;
      this.tenantConfigs.clear();
      this.issParameterRequired = discovered.authorization_response_iss_parameter_supported === true;
      // Endpoint overrides win over discovery (tests against local servers, regional hosts). Multi-tenant: the
      // callback's `iss` is checked here against the template (exchangeCode), so openid-client is not asked to.
      if (p.authorizationEndpoint || p.tokenEndpoint || p.userinfoEndpoint || p.revocationEndpoint || p.jwksUri || this.issuerTemplate) {
        config = new client.Configuration(
          {
            ...discovered,
            ...(this.issuerTemplate ? { authorization_response_iss_parameter_supported: false } : {}),
            authorization_endpoint: p.authorizationEndpoint ?? discovered.authorization_endpoint,
            token_endpoint: p.tokenEndpoint ?? discovered.token_endpoint,
            userinfo_endpoint: p.userinfoEndpoint ?? discovered.userinfo_endpoint,
            revocation_endpoint: p.revocationEndpoint ?? discovered.revocation_endpoint,
            jwks_uri: p.jwksUri ?? discovered.jwks_uri,
          } as unknown as client.ServerMetadata,
          p.clientId,
          metadata,
          auth,
        );
      }
      client.enableNonRepudiationChecks(config);
    } else {
      config = new client.Configuration(
        {
          // Without a configured issuer there is no RFC 9207 value to compare: `iss` is dropped from callbacks.
          issuer: p.issuer ?? new URL(p.authorizationEndpoint!).origin,
          authorization_endpoint: p.authorizationEndpoint,
          token_endpoint: p.tokenEndpoint,
          userinfo_endpoint: p.userinfoEndpoint,
          revocation_endpoint: p.revocationEndpoint,
          jwks_uri: p.jwksUri,
          pushed_authorization_request_endpoint: p.pushedAuthorizationRequestEndpoint,
        },
        p.clientId,
        metadata,
        auth,
      );
    }
    this.applyCallSettings(config);
    const server = this.metadata(config);
    this.tokenEndpointHref = server.token_endpoint;
    this.issuerHref = server.issuer;
    return config;
  }

  private applyCallSettings(config: client.Configuration): void {
    if (this.insecure) client.allowInsecureRequests(config);
    config[client.customFetch] = this.customFetch;
    // No per-call AbortSignal.timeout from openid-client: every call goes through boundedFetch,
    // whose timeout covers the whole exchange (connect, headers and body) and is the shorter one.
    config.timeout = 0;
  }

  /**
   * Multi-tenant: the configuration of one tenant, whose issuer is that
   * tenant's (the discovered template with its id), so openid-client checks
   * id_tokens against exactly it. Cached per tenant.
   */
  private tenantConfiguration(iss: string): Promise<client.Configuration> {
    let config = this.tenantConfigs.get(iss);
    if (!config) {
      config = (async () => {
        const base = await this.configuration();
        const { auth } = await this.clientAuth();
        const tenant = new client.Configuration(
          { ...base.serverMetadata(), issuer: iss } as unknown as client.ServerMetadata,
          this.provider.clientId,
          { id_token_signed_response_alg: this.provider.idTokenSigningAlg ?? 'RS256' },
          auth,
        );
        client.enableNonRepudiationChecks(tenant);
        this.applyCallSettings(tenant);
        return tenant;
      })();
      if (this.tenantConfigs.size >= MAX_TENANT_CONFIGS) this.tenantConfigs.delete(this.tenantConfigs.keys().next().value!);
      this.tenantConfigs.set(iss, config);
      config.catch(() => this.tenantConfigs.delete(iss));
    }
    return config;
  }

  /**
   * The provider's openid-client Configuration (discovered once; a failed
   * discovery is forgotten so the next call tries again).
   * @throws OAuthError provider_error when discovery fails.
   */
  async configuration(): Promise<client.Configuration> {
    if (this.provider.clientSecretFactory && this.configPromise) {
      const secret = await this.provider.clientSecretFactory();
      if (secret !== this.configSecret) this.configPromise = undefined;
    }
    if (!this.configPromise) {
      const pending = this.buildConfiguration();
      this.configPromise = pending;
      pending.catch(() => {
        if (this.configPromise === pending) this.configPromise = undefined;
      });
    }
    try {
      return await this.configPromise;
    } catch (err) {
      throw mapCallError(err, this.provider.name);
    }
  }

  /**
   * The authorization URL for one login: `response_type=code`, the configured
   * redirect_uri, scope, state, PKCE S256 challenge, nonce for OIDC.
   */
  async buildAuthorizationUrl(redirectUri: string, secrets: LoginSecrets, login?: LoginParams): Promise<URL> {
    const p = this.provider;
    const config = await this.configuration();
    const perLogin = loginParamsToRequest(login);
    // The prebuilt fixed part only serves logins without per-login parameters (login-params.ts).
    const plain = Object.keys(perLogin).length === 0 && !login?.extraScope?.length;
    const base = plain ? this.authorizationUrlBase(config, redirectUri) : undefined;
    if (base !== undefined) {
      // What openid-client's buildAuthorizationUrl gives for the same parameters (base64url values need no escaping).
      let href = `${base}&state=${secrets.state}`;
      if (secrets.codeVerifier) href += `&code_challenge=${calculateCodeChallenge(secrets.codeVerifier)}`;
      if (secrets.nonce) href += `&nonce=${secrets.nonce}`;
      return new URL(href);
    }
    const params: Record<string, string> = {
      ...p.authorizationParams,
      ...perLogin,
      response_type: 'code',
      redirect_uri: redirectUri,
      state: secrets.state,
    };
    const scope = [...p.scope, ...(login?.extraScope ?? [])];
    if (scope.length > 0) params.scope = scope.join(p.scopeSeparator);
    if (secrets.codeVerifier) {
      params.code_challenge = calculateCodeChallenge(secrets.codeVerifier);
      params.code_challenge_method = 'S256';
    }
    if (secrets.nonce) params.nonce = secrets.nonce;
    if (p.responseMode === 'form_post') params.response_mode = 'form_post';
    if (!usesPushedAuthorization(p, this.metadata(config))) return client.buildAuthorizationUrl(config, params);
    try {
      // RFC 9126: the whole request goes server-to-server with client auth; the browser gets client_id + request_uri.
      return await client.buildAuthorizationUrlWithPAR(config, params);
    } catch (err) {
      throw mapCallError(err, p.name);
    }
  }

  /**
   * Begin a login: fresh state, PKCE verifier and nonce, and the authorization URL (pushed first under PAR),
   * with the per-login parameters (already filtered by login-params.ts). What the login asked for
   * (`max_age`, `acr_values`, scope) is kept with the secrets, to be checked on the way back.
   */
  async startLogin(redirectUri: string, login?: LoginParams): Promise<StartedLogin> {
    const secrets = createLoginSecrets(this.provider);
    const redirectUrl = await this.buildAuthorizationUrl(redirectUri, secrets, login);
    const kept: PendingSecrets = { codeVerifier: secrets.codeVerifier, nonce: secrets.nonce, scope: [...this.provider.scope, ...(login?.extraScope ?? [])] };
    if (login?.max_age !== undefined) kept.maxAge = login.max_age;
    if (login?.acr_values !== undefined) kept.acrValues = login.acr_values;
    return { key: secrets.state, redirectUrl, secrets: kept };
  }

  /** OAuth 2.0 callbacks carry the pending login's key as `state`. */
  pendingKey(params: URLSearchParams): string | null {
    return params.get('state');
  }

  /** Exchange the code (every check) and fetch the raw profile. */
  async finishLogin(key: string, pending: PendingSecrets & { redirectUri: string }, params: URLSearchParams): Promise<FinishedLogin> {
    const { tokens, claims } = await this.exchangeCode(pending.redirectUri, params, {
      state: key,
      codeVerifier: pending.codeVerifier,
      nonce: pending.nonce,
      maxAge: pending.maxAge,
      acrValues: pending.acrValues,
    });
    const raw = await this.fetchProfile(tokens, claims, params);
    return { tokens, raw, grant: grantRecord(this.provider, tokens, claims, pending.scope ?? this.provider.scope) };
  }

  /** @throws OAuthError provider_error for a path off the provider's API origins. */
  apiUrl(pathOrUrl: string | URL): URL {
    try {
      return resolveApiUrl(this.provider, pathOrUrl);
    } catch (err) {
      throw mapCallError(err, this.provider.name, 'provider_error', 'The API path is not on the provider\'s API origin; the token was not sent.');
    }
  }

  // Per configuration and redirect_uri: the authorization URL up to the per-login parameters.
  private readonly urlBases = new WeakMap<client.Configuration, Map<string, string | undefined>>();

  /**
   * The authorization URL without state, code_challenge and nonce, built once
   * per configuration and redirect_uri by openid-client's buildAuthorizationUrl
   * (endpoint, client_id, response_type, redirect_uri, scope, PKCE method, the
   * provider's extra parameters). Undefined when the per-request path must be
   * taken: PAR, a parameter of the provider's own among the per-login ones, an
   * endpoint with a fragment, or too many redirect_uris to cache.
   */
  private authorizationUrlBase(config: client.Configuration, redirectUri: string): string | undefined {
    let bases = this.urlBases.get(config);
    if (!bases) this.urlBases.set(config, (bases = new Map()));
    if (bases.has(redirectUri)) return bases.get(redirectUri);
    const p = this.provider;
    const extra = p.authorizationParams ?? {};
    let base: string | undefined;
    if (!usesPushedAuthorization(p, this.metadata(config)) && !['state', 'code_challenge', 'nonce', 'client_id'].some((k) => k in extra)) {
      const params: Record<string, string> = { ...extra, response_type: 'code', redirect_uri: redirectUri };
      if (p.scope.length > 0) params.scope = p.scope.join(p.scopeSeparator);
      if (p.pkce) params.code_challenge_method = 'S256';
      if (p.responseMode === 'form_post') params.response_mode = 'form_post';
      const url = client.buildAuthorizationUrl(config, params);
      base = url.hash === '' && url.search !== '' ? url.href : undefined;
    }
    if (bases.size < 32) bases.set(redirectUri, base);
    return base;
  }

  /**
   * Validate the callback and exchange the code: state, RFC 9207 `iss`,
   * PKCE verifier, and for OIDC the full id_token check (signature, alg, iss,
   * aud, exp, nonce).
   * @throws OAuthError access_denied | provider_error | state_mismatch | token_exchange_failed | id_token_invalid
   */
  async exchangeCode(redirectUri: string, callbackParams: URLSearchParams, secrets: LoginSecrets): Promise<CodeExchangeResult> {
    const p = this.provider;
    const config = await this.configuration();
    const currentUrl = new URL(redirectUri);
    for (const [k, v] of callbackParams) {
      if (IMPLICIT_PARAMS.includes(k)) continue;
      if (k === 'iss' && !p.issuer && p.protocol !== 'oidc') continue;
      if (k === 'iss' && this.issuerTemplate) continue; // checked below against the template
      currentUrl.searchParams.append(k, v);
    }
    const oidc = p.protocol === 'oidc';
    // RFC 9207: an `iss` on the callback must be the issuer; a server that advertises it must send it.
    if (oidc || p.issuer) {
      const iss = callbackParams.get('iss');
      const required = this.issParameterRequired ?? this.metadata(config).authorization_response_iss_parameter_supported === true;
      const expected = iss !== null && this.issuerTemplate ? fitsTemplate(this.issuerTemplate, iss) : iss === this.issuerHref;
      if (iss === null ? required : !expected) {
        throw new OAuthError('id_token_invalid', { provider: p.name, cause: { code: iss === null ? 'iss_missing' : 'iss_mismatch' } });
      }
    }
    const current: CallStage = { tokenRequested: false, tokenResponseUsable: false };
    const code = callbackParams.get('code');
    if (code !== null) stageByCode.set(code, current);
    // DPoP: a new key pair for this login; openid-client retries once on `use_dpop_nonce`.
    const dpopKey = p.dpop ? createDPoPKey() : undefined;
    const dpop = await this.dpop(dpopKey && { accessToken: '', dpopKey });
    const grant = (at: client.Configuration) =>
      client.authorizationCodeGrant(at, currentUrl, {
        expectedState: secrets.state,
        pkceCodeVerifier: secrets.codeVerifier,
        expectedNonce: secrets.nonce,
        idTokenExpected: oidc,
        ...(oidc && secrets.maxAge !== undefined ? { maxAge: secrets.maxAge } : {}),
      }, undefined, dpop);
    try {
      let response: Awaited<ReturnType<typeof grant>>;
      try {
        response = await grant(config);
      } catch (err) {
        // Multi-tenant: the id_token names its tenant's issuer, not the template. When acceptIssuer approved
        // that tenant, check the same token response again, in full, against exactly that issuer.
        if (!current.tenantIssuer) throw err;
        current.replaying = true;
        response = await grant(await this.tenantConfiguration(current.tenantIssuer));
      }
      const claims = response.claims() as Record<string, unknown> | undefined;
      // A login asked with acr_values must come back with one of them (DESIGN "Per-login authorization parameters").
      if (oidc && secrets.acrValues !== undefined && !checkAcr(claims, secrets.acrValues)) {
        throw new OAuthError('id_token_invalid', { provider: p.name, cause: { code: 'acr_mismatch' } });
      }
      if (oidc && p.acceptIssuer && !this.issuerTemplate && (!claims || !p.acceptIssuer(String(claims.iss), claims))) {
        throw new OAuthError('id_token_invalid', { provider: p.name, message: 'The identity token names an issuer this provider does not accept.' });
      }
      if (!['bearer', undefined, ...(p.dpop ? ['dpop'] : [])].includes(response.token_type?.toLowerCase())) {
        throw new OAuthError('token_exchange_failed', { provider: p.name, message: 'The provider issued a token type the kit does not use.' });
      }
      return { tokens: toTokenSet(response, claims, undefined, dpopKey), claims };
    } catch (err) {
      throw mapExchangeError(err, p.name, oidc, current);
    } finally {
      if (code !== null && stageByCode.get(code) === current) stageByCode.delete(code);
    }
  }

  private async apiRequest(tokens: TokenSet, url: URL, method: string, body?: client.FetchBody, headers?: Headers): Promise<Response> {
    const config = await this.configuration();
    const p = this.provider;
    const all = new Headers(p.apiHeaders);
    headers?.forEach((v, k) => all.set(k, v));
    const target = p.decorateApiRequest ? p.decorateApiRequest(new URL(url), tokens) : url;
    if (all.has('authorization')) {
      // A provider hook chose its own scheme (Yandex: `Authorization: OAuth <token>`).
      return boundedFetch(target, { method, body: body as BodyInit | undefined, headers: all }, this.limits);
    }
    try {
      return await client.fetchProtectedResource(config, tokens.accessToken, target, method, body, all, await this.dpop(tokens));
    } catch (err) {
      // A 401 with WWW-Authenticate becomes an error in openid-client; hand the Response back instead.
      if (errorCode(err) === WWW_AUTHENTICATE_CHALLENGE) return (err as client.WWWAuthenticateChallengeError).response;
      throw err;
    }
  }

  /**
   * A profile GET with the Bearer token sent straight over {@link boundedRequest}
   * (no `Response` made, the JSON read from the bytes), when it is the request
   * openid-client's `fetchProtectedResource` would send: no DPoP proof, no
   * request hook, no `Authorization` of the provider's own, a User-Agent given,
   * https (or http where the provider's endpoints are http, which openid-client
   * is told to allow). Undefined otherwise: then openid-client sends it.
   */
  private directBearerGet(tokens: TokenSet, url: URL, headers: Headers): Promise<ProviderAnswer> | undefined {
    const p = this.provider;
    if (p.dpop || p.decorateApiRequest || headers.has('authorization') || !headers.has('user-agent')) return undefined;
    if (typeof tokens.accessToken !== 'string' || tokens.accessToken.length === 0) return undefined;
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.insecure)) return undefined;
    headers.set('authorization', `Bearer ${tokens.accessToken}`);
    return boundedRequest(url, { method: 'GET', headers }, this.limits);
  }

  /**
   * Call a provider API with the user's Bearer (or DPoP) token: token only in
   * the header, redirects not followed. Used by `req.oauth.fetch`.
   * @throws OAuthError provider_error when the call fails or times out.
   */
  async callApi(tokens: TokenSet, url: URL, init: RequestInit = {}): Promise<Response> {
    try {
      return await this.apiRequest(tokens, url, init.method ?? 'GET', init.body as client.FetchBody, new Headers(init.headers));
    } catch (err) {
      throw mapCallError(err, this.provider.name, 'provider_error', 'The call to the provider API failed or timed out.');
    }
  }

  /**
   * The raw profile: the provider's `fetchProfile` hook, else OIDC userinfo
   * (with the `sub` compared to the id_token's) merged over the claims, else a
   * GET of `userinfoEndpoint`.
   * @throws OAuthError profile_fetch_failed | id_token_invalid (userinfo sub mismatch)
   */
  async fetchProfile(tokens: TokenSet, claims: Record<string, unknown> | undefined, callbackParams?: URLSearchParams): Promise<unknown> {
    const p = this.provider;
    const get = async (url: string, init?: { headers?: Record<string, string> }, tolerate = false): Promise<unknown> => {
      const target = resolveApiUrl(this.provider, url);
      const headers = new Headers(p.apiHeaders);
      if (init?.headers) for (const [k, v] of Object.entries(init.headers)) headers.set(k, v);
      const direct = this.directBearerGet(tokens, target, headers);
      if (direct) {
        const answer = await direct;
        if (tolerate && [401, 403, 404].includes(answer.status)) return undefined;
        if (answer.status < 200 || answer.status > 299) throw new Error(`profile endpoint answered ${answer.status}`);
        return JSON.parse(answerText(answer));
      }
      const res = await this.apiRequest(tokens, target, 'GET', undefined, new Headers(init?.headers));
      if (tolerate && [401, 403, 404].includes(res.status)) return undefined;
      if (!res.ok) throw new Error(`profile endpoint answered ${res.status}`);
      return res.json();
    };
    try {
      if (p.fetchProfile) {
        const ctx: ProfileFetchContext = {
          get: (url, init) => get(url, init),
          tryGet: (url, init) => get(url, init, true),
          tokens,
          claims,
          scope: p.scope,
          callbackParams: callbackParams ? new URLSearchParams(callbackParams) : undefined,
        };
        return await p.fetchProfile(ctx);
      }
      if (p.protocol === 'oidc') {
        const config = await this.configuration();
        if (!this.metadata(config).userinfo_endpoint || !claims) return claims;
        const info = await client.fetchUserInfo(config, tokens.accessToken, String(claims.sub), await this.dpop(tokens));
        return { ...claims, ...info };
      }
      if (!p.userinfoEndpoint) throw new Error('no userinfoEndpoint configured');
      return await get(p.userinfoEndpoint);
    } catch (err) {
      // openid-client compares the userinfo `sub` with the id_token's (OIDC Core §5.3.2).
      throw mapProfileError(err, p.name);
    }
  }

  /**
   * Refresh grant. A rotated refresh token replaces the old one, a missing one
   * keeps it. An id_token in the answer must keep `iss` and `sub` (OIDC Core §12.2).
   * @throws OAuthError login_required (invalid_grant) | token_exchange_failed | id_token_invalid
   */
  async refresh(tokens: TokenSet): Promise<TokenSet> {
    const p = this.provider;
    if (!tokens.refreshToken) throw new OAuthError('login_required', { provider: p.name, message: 'The access token expired and there is no refresh token.' });
    let config = await this.configuration();
    // Multi-tenant: the login's own tenant issuer (checked at login) is what a refreshed id_token must name.
    if (this.issuerTemplate && tokens.iss && fitsTemplate(this.issuerTemplate, tokens.iss)) config = await this.tenantConfiguration(tokens.iss);
    let response: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
    try {
      response = await client.refreshTokenGrant(config, tokens.refreshToken, undefined, await this.dpop(tokens));
    } catch (err) {
      throw mapRefreshError(err, p.name, p.protocol === 'oidc');
    }
    const claims = response.claims() as Record<string, unknown> | undefined;
    if (claims && ((tokens.iss && claims.iss !== tokens.iss) || (tokens.sub && claims.sub !== tokens.sub))) {
      throw new OAuthError('id_token_invalid', { provider: p.name, message: 'The refreshed id_token names another issuer or subject.' });
    }
    return toTokenSet(response, claims, tokens);
  }

  /** RFC 7009 revocation of the refresh (else access) token. Best effort: callers bound and swallow it. */
  async revoke(tokens: TokenSet): Promise<boolean> {
    const config = await this.configuration();
    if (!this.metadata(config).revocation_endpoint) return false;
    const token = tokens.refreshToken ?? tokens.accessToken;
    await client.tokenRevocation(config, token, { token_type_hint: tokens.refreshToken ? 'refresh_token' : 'access_token' });
    return true;
  }

  /**
   * Client credentials grant (machine-to-machine).
   * @throws OAuthError token_exchange_failed
   */
  async clientCredentials(scope: readonly string[]): Promise<TokenSet> {
    const config = await this.configuration();
    try {
      const response = await client.clientCredentialsGrant(config, scope.length ? { scope: scope.join(this.provider.scopeSeparator) } : {});
      return toTokenSet(response, undefined);
    } catch (err) {
      throw mapCallError(err, this.provider.name, 'token_exchange_failed');
    }
  }
}
