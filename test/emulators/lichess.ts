/**
 * Lichess emulator, as its API documents OAuth: public clients only (no
 * registration, no secret: `client_id` is any app name), PKCE S256 required
 * at `/oauth`, `POST /api/token` with `code_verifier` (a long-lived
 * `lio_…` token, no refresh token), `GET /api/account`, and
 * `GET /api/account/email` (only with the `email:read` scope).
 * A token request that carries a client secret (body or Basic) is refused,
 * so a test sees the kit acting as a public client.
 */
import {
  GrantStore,
  bearerToken,
  createCommonKnobs,
  handleAuthorize,
  param,
  randomToken,
  scopeFrom,
  sendJson,
  sendText,
  startRecordingServer,
  tokenParams,
  type CommonKnobs,
  type CommonOptions,
  type Emulator,
  type RequestContext,
} from './recorder.ts';

export interface LichessUser {
  id: string;
  username: string;
  email: string;
  profile: { realName?: string; firstName?: string; lastName?: string; bio?: string };
}

export interface LichessEmulatorOptions extends CommonOptions<LichessUser> {
  redirectUris: string[];
  /** The app name the kit will send as client_id. */
  clientId: string;
}

export interface LichessEmulator extends Emulator, CommonKnobs<LichessUser> {}

export const LICHESS_SCOPES = [
  'preference:read', 'preference:write', 'email:read', 'challenge:read', 'challenge:write', 'challenge:bulk',
  'study:read', 'study:write', 'tournament:write', 'racer:write', 'puzzle:read', 'team:read', 'team:write',
  'team:lead', 'follow:read', 'follow:write', 'msg:write', 'board:play', 'bot:play', 'engine:read', 'engine:write', 'web:mod',
] as const;

const DEFAULT_USER: LichessUser = {
  id: 'thibault',
  username: 'thibault',
  email: 'thibault@lichess.example',
  profile: { realName: 'Thibault Duplessis', bio: 'I turn coffee into bugs.' },
};

export async function startLichessEmulator(options: LichessEmulatorOptions): Promise<LichessEmulator> {
  const clientId = options.clientId;
  const store = new GrantStore<LichessUser>((options.codeTtlSeconds ?? 60) * 1000);
  const knobs = createCommonKnobs(DEFAULT_USER, options.user, store);

  function token(ctx: RequestContext): void {
    if (ctx.method !== 'POST') return sendJson(ctx.res, 405, { error: 'Method Not Allowed' });
    const parsed = tokenParams(ctx);
    if (!parsed.ok) return sendJson(ctx.res, 400, { error: 'invalid_request', error_description: parsed.error });
    const p = parsed.params;
    if (ctx.req.headers.authorization !== undefined || param(p, 'client_secret') !== undefined) {
      return sendJson(ctx.res, 400, { error: 'invalid_client', error_description: 'public clients only: no client secret' });
    }
    if (param(p, 'grant_type') !== 'authorization_code') return sendJson(ctx.res, 400, { error: 'unsupported_grant_type' });
    if (param(p, 'code_verifier') === undefined) return sendJson(ctx.res, 400, { error: 'invalid_request', error_description: 'code_verifier required' });
    const redeemed = store.redeem({ code: param(p, 'code'), clientId: param(p, 'client_id') ?? '', redirectUri: param(p, 'redirect_uri'), codeVerifier: param(p, 'code_verifier') });
    if (!redeemed.ok) return sendJson(ctx.res, 400, { error: 'invalid_grant', error_description: `hash of code_verifier does not match code_challenge or code invalid (${redeemed.reason})` });
    const c = redeemed.code;
    const access = store.issue('access', { grantId: c.grantId, clientId, scope: c.scope, user: c.user, ttlSeconds: 31536000, value: randomToken('lio_', 24) });
    sendJson(ctx.res, 200, { token_type: 'Bearer', access_token: access.value, expires_in: 31536000 });
  }

  function account(ctx: RequestContext, email: boolean): void {
    const checked = store.checkAccess(bearerToken(ctx.req));
    if (!checked.ok || !checked.token.user) return sendJson(ctx.res, 401, { error: 'No such token' });
    const { email: address, ...user } = checked.token.user;
    if (!email) return sendJson(ctx.res, 200, { ...user, perfs: {}, createdAt: 1290415680000, seenAt: Date.now(), playTime: { total: 0, tv: 0 } });
    if (!checked.token.scope.includes('email:read')) return sendJson(ctx.res, 403, { error: 'Missing scope: email:read' });
    sendJson(ctx.res, 200, { email: address });
  }

  const server = await startRecordingServer((ctx) => {
    switch (ctx.path) {
      case '/oauth':
        return handleAuthorize(ctx, {
          clientId,
          redirectUris: options.redirectUris,
          anyRedirectUri: options.anyRedirectUri ?? false,
          store,
          knobs: emu,
          pkce: 'required',
          scope: scopeFrom(LICHESS_SCOPES, false),
        });
      case '/api/token':
        return token(ctx);
      case '/api/account':
        return account(ctx, false);
      case '/api/account/email':
        return account(ctx, true);
      default:
        return sendText(ctx.res, 404, 'Not Found');
    }
  });

  const emu: LichessEmulator = Object.assign(knobs, {
    url: server.url,
    clientId,
    clientSecret: '',
    requests: server.requests,
    requestsTo: server.requestsTo,
    close: server.close,
  });
  return emu;
}
