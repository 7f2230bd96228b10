/**
 * Discord OAuth2 emulator: `/oauth2/authorize`, `/api/oauth2/token` (Basic or
 * post, form body only, `expires_in: 604800` and a rotating refresh token),
 * `/api/oauth2/token/revoke` and `/api/users/@me` (email and verified only with
 * the `email` scope). API paths also answer under a version, e.g. `/api/v10/...`.
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
  type CommonKnobs,
  type CommonOptions,
  type Emulator,
  type RequestContext,
} from './recorder.ts';

/** The documented user object (subset). */
export interface DiscordUser {
  /** Snowflake, as a string. */
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  /** Avatar hash, or null. */
  avatar: string | null;
  banner: string | null;
  accent_color: number | null;
  locale: string;
  mfa_enabled: boolean;
  premium_type: number;
  flags: number;
  public_flags: number;
  /** Sent only with the `email` scope (with `verified`). */
  email: string | null;
  verified: boolean;
}

export interface DiscordEmulatorOptions extends CommonOptions<DiscordUser> {
  redirectUris: string[];
  /** Default 604800 (7 days). */
  accessTokenTtlSeconds?: number;
  /** Default true. */
  rotateRefreshTokens?: boolean;
}

export interface DiscordEmulator extends Emulator, CommonKnobs<DiscordUser> {
  grants: { authorization_code: number; refresh_token: number };
}

export const DISCORD_SCOPES = [
  'activities.read', 'activities.write', 'applications.builds.read', 'applications.commands',
  'applications.entitlements', 'bot', 'connections', 'dm_channels.read', 'email', 'gdm.join', 'guilds',
  'guilds.join', 'guilds.members.read', 'identify', 'messages.read', 'openid', 'relationships.read',
  'role_connections.write', 'rpc', 'voice', 'webhook.incoming',
] as const;

const DEFAULT_USER: DiscordUser = {
  id: '80351110224678912',
  username: 'nelly',
  discriminator: '0',
  global_name: 'Nelly',
  avatar: '8342729096ea3675442027381ff50dfe',
  banner: null,
  accent_color: null,
  locale: 'en-US',
  mfa_enabled: true,
  premium_type: 1,
  flags: 64,
  public_flags: 64,
  email: 'nelly@discord.com',
  verified: true,
};

const UNAUTHORIZED = { message: '401: Unauthorized', code: 0 };

export async function startDiscordEmulator(options: DiscordEmulatorOptions): Promise<DiscordEmulator> {
  const clientId = options.clientId ?? '157730590492196864';
  const clientSecret = options.clientSecret ?? randomToken('', 24);
  const ttl = options.accessTokenTtlSeconds ?? 604800;
  const rotate = options.rotateRefreshTokens ?? true;
  const store = new GrantStore<DiscordUser>((options.codeTtlSeconds ?? 600) * 1000);
  const knobs = createCommonKnobs(DEFAULT_USER, options.user, store);
  const allowed = ['client_secret_basic', 'client_secret_post'] as const;

  const fail = (ctx: RequestContext, status: number, error: string, description?: string): void =>
    sendJson(ctx.res, status, description ? { error, error_description: description } : { error }, NO_STORE);

  function issue(grantId: string, scope: string[], user: DiscordUser, refresh: boolean): Record<string, unknown> {
    const access = store.issue('access', { grantId, clientId, scope, user, ttlSeconds: ttl, value: randomToken('', 22) });
    const body: Record<string, unknown> = { token_type: 'Bearer', access_token: access.value, expires_in: ttl };
    if (refresh) body.refresh_token = store.issue('refresh', { grantId, clientId, scope, user, ttlSeconds: null, value: randomToken('', 22) }).value;
    body.scope = scope.join(' ');
    return body;
  }

  function token(ctx: RequestContext): void {
    if (ctx.method !== 'POST') return sendJson(ctx.res, 405, { message: '405: Method Not Allowed', code: 0 });
    const fault = takeFault(emu, 'token');
    if (answerEarlyFault(ctx.res, fault)) return;
    const parsed = tokenParams(ctx);
    if (!parsed.ok) return fail(ctx, 400, 'invalid_request', parsed.error);
    const p = parsed.params;
    const auth = authenticateClient(ctx.req, p, { id: clientId, secret: clientSecret }, [...allowed]);
    if (!auth.ok) return fail(ctx, 401, 'invalid_client');
    const grantType = param(p, 'grant_type');
    if (grantType === 'authorization_code') {
      const redeemed = store.redeem({ code: param(p, 'code'), clientId, redirectUri: param(p, 'redirect_uri'), codeVerifier: param(p, 'code_verifier') });
      if (!redeemed.ok) return fail(ctx, 400, 'invalid_grant', 'Invalid "code" in request.');
      const c = redeemed.code;
      emu.grants.authorization_code += 1;
      return sendAnswer(ctx.res, { status: 200, body: issue(c.grantId, c.scope, c.user, true), headers: NO_STORE }, fault);
    }
    if (grantType === 'refresh_token') {
      const checked = store.checkRefresh(param(p, 'refresh_token'), clientId);
      if (!checked.ok) return fail(ctx, 400, 'invalid_grant', 'Invalid "refresh_token" in request.');
      const old = checked.token;
      const body = issue(old.grantId, old.scope, old.user as DiscordUser, rotate);
      if (rotate) old.rotated = true;
      emu.grants.refresh_token += 1;
      return sendAnswer(ctx.res, { status: 200, body, headers: NO_STORE }, fault);
    }
    fail(ctx, 400, 'unsupported_grant_type');
  }

  function revoke(ctx: RequestContext): void {
    if (ctx.method !== 'POST') return sendJson(ctx.res, 405, { message: '405: Method Not Allowed', code: 0 });
    const parsed = tokenParams(ctx);
    if (!parsed.ok) return fail(ctx, 400, 'invalid_request', parsed.error);
    const auth = authenticateClient(ctx.req, parsed.params, { id: clientId, secret: clientSecret }, [...allowed]);
    if (!auth.ok) return fail(ctx, 401, 'invalid_client');
    const value = param(parsed.params, 'token');
    if (value === undefined) return fail(ctx, 400, 'invalid_request', 'Missing "token" in request.');
    store.revokeToken(value);
    sendJson(ctx.res, 200, {});
  }

  function me(ctx: RequestContext): void {
    if (ctx.method !== 'GET') return sendJson(ctx.res, 405, { message: '405: Method Not Allowed', code: 0 });
    const checked = store.checkAccess(bearerToken(ctx.req));
    if (!checked.ok || !checked.token.user || !checked.token.scope.includes('identify')) return sendJson(ctx.res, 401, UNAUTHORIZED);
    const fault = takeFault(emu, 'user');
    if (answerEarlyFault(ctx.res, fault)) return;
    const { email, verified, ...rest } = checked.token.user;
    const body: Record<string, unknown> = { ...rest };
    if (checked.token.scope.includes('email')) Object.assign(body, { email, verified });
    sendAnswer(ctx.res, { status: 200, body }, fault, (b) => {
      if (!Array.isArray(b)) delete b.id;
    });
  }

  const server = await startRecordingServer((ctx) => {
    const path = ctx.path.replace(/^\/api\/v\d+\//, '/api/');
    switch (path) {
      case '/oauth2/authorize':
      case '/api/oauth2/authorize':
        return handleAuthorize(ctx, {
          clientId,
          redirectUris: options.redirectUris,
          anyRedirectUri: options.anyRedirectUri ?? false,
          store,
          knobs: emu,
          pkce: 'optional',
          scope: scopeFrom(DISCORD_SCOPES, true),
        });
      case '/api/oauth2/token':
        return token(ctx);
      case '/api/oauth2/token/revoke':
        return revoke(ctx);
      case '/api/users/@me':
        return me(ctx);
      default:
        return path.startsWith('/api/') ? sendJson(ctx.res, 404, { message: '404: Not Found', code: 0 }) : sendText(ctx.res, 404, 'Not Found');
    }
  });

  const emu: DiscordEmulator = Object.assign(knobs, {
    url: server.url,
    clientId,
    clientSecret,
    requests: server.requests,
    requestsTo: server.requestsTo,
    close: server.close,
    grants: { authorization_code: 0, refresh_token: 0 },
  });
  return emu;
}
