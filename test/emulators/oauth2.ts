/**
 * A generic, configurable RFC 6749 authorization server with a protected API,
 * for the kit's token-lifecycle tests: expiry (RFC 6750 `invalid_token`),
 * refresh with rotation and reuse detection (RFC 9700 §4.14.2), revocation
 * (RFC 7009), client_credentials, RFC 9207 `iss`, and slow/hanging endpoints.
 *
 * Endpoints: `/authorize`, `/token`, `/userinfo`, `/revoke`, `/api/echo`,
 * `/.well-known/oauth-authorization-server` (RFC 8414).
 */
import {
  answerEarlyFault,
  authenticateClient,
  bearerToken,
  createCommonKnobs,
  GrantStore,
  handleAuthorize,
  NO_STORE,
  param,
  randomToken,
  scopeFrom,
  sendAnswer,
  sendJson,
  sendText,
  startRecordingServer,
  takeFault,
  tokenParams,
  type ClientAuthMethod,
  type CommonKnobs,
  type CommonOptions,
  type Emulator,
  type RequestContext,
  type TokenFailure,
  type TokenRecord,
} from './recorder.ts';

export interface OAuth2User {
  id: string;
  login: string;
  name: string;
  email: string;
  avatar_url: string;
}

export interface OAuth2EmulatorOptions extends CommonOptions<OAuth2User> {
  redirectUris: string[];
  /** Default 'client_secret_basic'; the other method is refused with 401 invalid_client. */
  clientAuth?: ClientAuthMethod;
  /** Default 3600. */
  accessTokenTtlSeconds?: number;
  /** Default true: each refresh returns a new refresh token; without rotation none is returned and the old one stays valid. */
  rotateRefreshTokens?: boolean;
  /** Default true. */
  issueRefreshToken?: boolean;
  /** When set, callbacks carry `iss` (RFC 9207) and the metadata advertises it. */
  issuer?: string;
  /** Delay before a refresh_token grant is processed (widens race windows). Default 0. */
  refreshDelayMs?: number;
  /** The revocation endpoint records the request and never answers. Default false. */
  revocationHang?: boolean;
  /** Refuse authorization requests without code_challenge. Default false (PKCE optional, S256 only). */
  requirePkce?: boolean;
}

export interface OAuth2Emulator extends Emulator, CommonKnobs<OAuth2User> {
  /** Successful grants per grant type. */
  grants: { authorization_code: number; refresh_token: number; client_credentials: number };
  issuer: string | undefined;
  refreshDelayMs: number;
  revocationHang: boolean;
  /**
   * Rewrites every successful token answer before it is sent (a hostile or broken provider:
   * a control character in the token, `expires_in: "abc"`). Sees the real tokens, so a test can
   * collect them and grep for them afterwards. Default null.
   */
  tokenAnswerRewrite: ((body: Record<string, unknown>) => Record<string, unknown>) | null;
  /** Every access and refresh token value issued so far (to grep stores and errors for them). */
  issuedTokens: string[];
}

const DEFAULT_USER: OAuth2User = {
  id: 'u-1001',
  login: 'alice',
  name: 'Alice Example',
  email: 'alice@example.com',
  avatar_url: 'https://example.com/avatars/alice.png',
};

const DESCRIPTIONS: Record<TokenFailure, string> = {
  unknown: 'The access token is unknown',
  expired: 'The access token expired',
  revoked: 'The access token was revoked',
  rotated_reuse: 'The access token was revoked',
  client_mismatch: 'The access token belongs to another client',
  wrong_kind: 'Not an access token',
};

export async function startOAuth2Emulator(options: OAuth2EmulatorOptions): Promise<OAuth2Emulator> {
  const clientId = options.clientId ?? 'test-client';
  const clientSecret = options.clientSecret ?? randomToken('', 24);
  const clientAuth = options.clientAuth ?? 'client_secret_basic';
  const ttl = options.accessTokenTtlSeconds ?? 3600;
  const rotate = options.rotateRefreshTokens ?? true;
  const issueRefresh = options.issueRefreshToken ?? true;
  const store = new GrantStore<OAuth2User>((options.codeTtlSeconds ?? 600) * 1000);
  const knobs = createCommonKnobs(DEFAULT_USER, options.user, store);

  const oauthError = (ctx: RequestContext, status: number, error: string, description: string): void => {
    const headers: Record<string, string> = { ...NO_STORE };
    // RFC 6749 §5.2: a failed Basic authentication is answered 401 with WWW-Authenticate.
    if (status === 401 && ctx.req.headers.authorization) headers['www-authenticate'] = 'Basic realm="emulator"';
    sendJson(ctx.res, status, { error, error_description: description }, headers);
  };

  function tokenBody(grantId: string, scope: string[], user: OAuth2User | undefined, refresh: boolean): Record<string, unknown> {
    const access = store.issue('access', { grantId, clientId, scope, user, ttlSeconds: ttl, value: randomToken('at-', 24) });
    const body: Record<string, unknown> = { access_token: access.value, token_type: 'Bearer', expires_in: ttl, scope: scope.join(' ') };
    if (refresh) body.refresh_token = store.issue('refresh', { grantId, clientId, scope, user, ttlSeconds: null, value: randomToken('rt-', 24) }).value;
    return body;
  }

  async function token(ctx: RequestContext): Promise<void> {
    if (ctx.method !== 'POST') return sendText(ctx.res, 405, 'Method Not Allowed');
    const fault = takeFault(emu, 'token');
    if (answerEarlyFault(ctx.res, fault)) return;
    const parsed = tokenParams(ctx);
    if (!parsed.ok) return oauthError(ctx, 400, 'invalid_request', parsed.error);
    const p = parsed.params;
    const auth = authenticateClient(ctx.req, p, { id: clientId, secret: clientSecret }, [clientAuth]);
    if (!auth.ok) return oauthError(ctx, 401, 'invalid_client', `Client authentication failed (${auth.reason}); this server uses ${clientAuth}`);
    const grantType = param(p, 'grant_type');
    const ok = (body: Record<string, unknown>): void => {
      for (const k of ['access_token', 'refresh_token']) if (typeof body[k] === 'string') emu.issuedTokens.push(body[k] as string);
      sendAnswer(ctx.res, { status: 200, body: emu.tokenAnswerRewrite ? emu.tokenAnswerRewrite({ ...body }) : body, headers: NO_STORE }, fault);
    };

    if (grantType === 'authorization_code') {
      const redeemed = store.redeem({ code: param(p, 'code'), clientId, redirectUri: param(p, 'redirect_uri'), codeVerifier: param(p, 'code_verifier') });
      if (!redeemed.ok) return oauthError(ctx, 400, 'invalid_grant', `Authorization code rejected: ${redeemed.reason}`);
      const c = redeemed.code;
      emu.grants.authorization_code += 1;
      return ok(tokenBody(c.grantId, c.scope, c.user, issueRefresh));
    }
    if (grantType === 'refresh_token') {
      if (emu.refreshDelayMs > 0) await new Promise((r) => setTimeout(r, emu.refreshDelayMs));
      const checked = store.checkRefresh(param(p, 'refresh_token'), clientId);
      if (!checked.ok) return oauthError(ctx, 400, 'invalid_grant', `Refresh token rejected: ${checked.reason}`);
      const old: TokenRecord<OAuth2User> = checked.token;
      const asked = param(p, 'scope');
      const scope = asked === undefined ? old.scope : asked.split(' ').filter(Boolean);
      if (scope.some((s) => !old.scope.includes(s))) return oauthError(ctx, 400, 'invalid_scope', 'The requested scope exceeds the granted scope');
      if (rotate) old.rotated = true;
      const body = tokenBody(old.grantId, scope, old.user, rotate);
      emu.grants.refresh_token += 1;
      return ok(body);
    }
    if (grantType === 'client_credentials') {
      const scope = (param(p, 'scope') ?? '').split(' ').filter(Boolean);
      emu.grants.client_credentials += 1;
      return ok(tokenBody(randomToken('g-', 9), scope, undefined, false));
    }
    if (grantType === undefined) return oauthError(ctx, 400, 'invalid_request', 'grant_type is required');
    oauthError(ctx, 400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
  }

  /** RFC 6750 §3: 401 with WWW-Authenticate; no error code when the request had no token at all. */
  function protectedResource(ctx: RequestContext): TokenRecord<OAuth2User> | undefined {
    const value = bearerToken(ctx.req);
    if (value === undefined) {
      sendJson(ctx.res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer realm="emulator"' });
      return undefined;
    }
    const checked = store.checkAccess(value);
    if (!checked.ok) {
      const description = DESCRIPTIONS[checked.reason];
      sendJson(
        ctx.res,
        401,
        { error: 'invalid_token', error_description: description },
        { 'www-authenticate': `Bearer realm="emulator", error="invalid_token", error_description="${description}"` },
      );
      return undefined;
    }
    return checked.token;
  }

  function userinfo(ctx: RequestContext): void {
    const t = protectedResource(ctx);
    if (!t) return;
    if (!t.user) {
      return sendJson(ctx.res, 403, { error: 'insufficient_scope' }, { 'www-authenticate': 'Bearer realm="emulator", error="insufficient_scope"' });
    }
    const fault = takeFault(emu, 'user');
    if (answerEarlyFault(ctx.res, fault)) return;
    const { id, login, name, email, avatar_url } = t.user;
    sendAnswer(ctx.res, { status: 200, body: { id, login, name, email, avatar_url } }, fault, (b) => {
      if (!Array.isArray(b)) delete b.id;
    });
  }

  function revoke(ctx: RequestContext): void {
    if (ctx.method !== 'POST') return sendText(ctx.res, 405, 'Method Not Allowed');
    if (emu.revocationHang) return; // recorded, never answered
    const parsed = tokenParams(ctx);
    if (!parsed.ok) return oauthError(ctx, 400, 'invalid_request', parsed.error);
    const auth = authenticateClient(ctx.req, parsed.params, { id: clientId, secret: clientSecret }, [clientAuth]);
    if (!auth.ok) return oauthError(ctx, 401, 'invalid_client', 'Client authentication failed');
    const value = param(parsed.params, 'token');
    if (value === undefined) return oauthError(ctx, 400, 'invalid_request', 'token is required');
    const t = store.tokens.get(value);
    // RFC 7009 §2.2: unknown or foreign tokens are answered 200 as well.
    if (t && t.clientId === clientId) store.revokeToken(value);
    ctx.res.writeHead(200, { 'content-length': 0, ...NO_STORE }).end();
  }

  function metadata(ctx: RequestContext): void {
    const base = server.url;
    sendJson(ctx.res, 200, {
      issuer: emu.issuer ?? base,
      authorization_endpoint: `${base}/authorize`,
      token_endpoint: `${base}/token`,
      revocation_endpoint: `${base}/revoke`,
      userinfo_endpoint: `${base}/userinfo`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: [clientAuth],
      revocation_endpoint_auth_methods_supported: [clientAuth],
      authorization_response_iss_parameter_supported: emu.issuer !== undefined,
    });
  }

  const server = await startRecordingServer(async (ctx) => {
    switch (ctx.path) {
      case '/authorize':
        return handleAuthorize(ctx, {
          clientId,
          redirectUris: options.redirectUris,
          anyRedirectUri: options.anyRedirectUri ?? false,
          store,
          knobs: emu,
          pkce: options.requirePkce ? 'required' : 'optional',
          scope: scopeFrom(null, false),
          iss: () => emu.issuer,
        });
      case '/token':
        return token(ctx);
      case '/userinfo':
        return userinfo(ctx);
      case '/revoke':
        return revoke(ctx);
      case '/api/echo': {
        const t = protectedResource(ctx);
        if (t) sendJson(ctx.res, 200, { ok: true, token: t.value.slice(-4) });
        return;
      }
      case '/.well-known/oauth-authorization-server':
        return metadata(ctx);
      default:
        return sendText(ctx.res, 404, 'Not Found');
    }
  });

  const emu: OAuth2Emulator = Object.assign(knobs, {
    url: server.url,
    clientId,
    clientSecret,
    requests: server.requests,
    requestsTo: server.requestsTo,
    close: server.close,
    grants: { authorization_code: 0, refresh_token: 0, client_credentials: 0 },
    issuer: options.issuer,
    refreshDelayMs: options.refreshDelayMs ?? 0,
    revocationHang: options.revocationHang ?? false,
    tokenAnswerRewrite: null,
    issuedTokens: [] as string[],
  });
  return emu;
}
