/**
 * X (Twitter) OAuth 2.0 emulator (PROVIDERS.md d.3): Authorization Code with
 * PKCE required (S256 here), `state` required, confidential clients MUST use
 * HTTP Basic at the token endpoints (a client_secret in the body is refused),
 * access tokens valid 2 hours, a refresh token only with `offline.access`,
 * rotating refresh tokens with reuse detection (RFC 9700 §4.14.2), and
 * `GET /2/users/me` answering `{ data: … }` with optional `user.fields`.
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
  type TokenRecord,
} from './recorder.ts';

export interface XUser {
  id: string;
  name: string;
  username: string;
  profile_image_url: string;
  /** Sent only for `user.fields=confirmed_email` with the `users.email` scope. */
  confirmed_email: string | null;
  description: string;
  created_at: string;
  location: string;
  url: string;
  verified: boolean;
  protected: boolean;
}

export interface XEmulatorOptions extends CommonOptions<XUser> {
  redirectUris: string[];
  /** Default 7200 (2 hours). */
  accessTokenTtlSeconds?: number;
  /** Default true: every refresh returns a new refresh token and retires the old one. */
  rotateRefreshTokens?: boolean;
}

export interface XEmulator extends Emulator, CommonKnobs<XUser> {
  /** Successful grants per grant type. */
  grants: { authorization_code: number; refresh_token: number };
}

export const X_SCOPES = [
  'tweet.read', 'tweet.write', 'tweet.moderate.write', 'users.read', 'users.email', 'follows.read',
  'follows.write', 'offline.access', 'space.read', 'mute.read', 'mute.write', 'like.read', 'like.write',
  'list.read', 'list.write', 'block.read', 'block.write', 'bookmark.read', 'bookmark.write', 'dm.read',
  'dm.write', 'media.write',
] as const;

const USER_FIELDS = [
  'affiliation', 'confirmed_email', 'connection_status', 'created_at', 'description', 'entities', 'id',
  'location', 'most_recent_tweet_id', 'name', 'pinned_tweet_id', 'profile_banner_url', 'profile_image_url',
  'protected', 'public_metrics', 'receives_your_dm', 'subscription_type', 'url', 'username', 'verified',
  'verified_type', 'withheld',
];

const DEFAULT_USER: XUser = {
  id: '2244994945',
  name: 'Developers',
  username: 'XDevelopers',
  profile_image_url: 'https://pbs.twimg.com/profile_images/1683325380441128960/yRsRRjGO_normal.jpg',
  confirmed_email: 'devs@example.com',
  description: 'The voice of the X Dev team.',
  created_at: '2013-12-14T04:35:55.000Z',
  location: '127.0.0.1',
  url: 'https://developer.x.com',
  verified: false,
  protected: false,
};

const UNAUTHORIZED = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };
const FORBIDDEN = { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'Forbidden' };

export async function startXEmulator(options: XEmulatorOptions): Promise<XEmulator> {
  const clientId = options.clientId ?? randomToken('', 25);
  const clientSecret = options.clientSecret ?? randomToken('', 38);
  const ttl = options.accessTokenTtlSeconds ?? 7200;
  const rotate = options.rotateRefreshTokens ?? true;
  const store = new GrantStore<XUser>((options.codeTtlSeconds ?? 600) * 1000);
  const knobs = createCommonKnobs(DEFAULT_USER, options.user, store);

  const clientError = (ctx: RequestContext): void =>
    sendJson(ctx.res, 401, { error: 'unauthorized_client', error_description: 'Missing valid authorization header' }, NO_STORE);
  const badRequest = (ctx: RequestContext, error: string, description: string): void =>
    sendJson(ctx.res, 400, { error, error_description: description }, NO_STORE);

  function tokens(grantId: string, scope: string[], user: XUser): Record<string, unknown> {
    const access = store.issue('access', { grantId, clientId, scope, user, ttlSeconds: ttl, value: randomToken('', 64) });
    return { token_type: 'bearer', expires_in: ttl, access_token: access.value, scope: scope.join(' ') };
  }

  function token(ctx: RequestContext): void {
    const { req, res } = ctx;
    if (ctx.method !== 'POST') return sendText(res, 405, 'Method Not Allowed');
    const fault = takeFault(emu, 'token');
    if (answerEarlyFault(res, fault)) return;
    const parsed = tokenParams(ctx);
    if (!parsed.ok) return badRequest(ctx, 'invalid_request', parsed.error);
    const p = parsed.params;
    // Confidential clients: HTTP Basic only (XD user-access-token); secrets in the body are refused.
    const auth = authenticateClient(req, p, { id: clientId, secret: clientSecret }, ['client_secret_basic']);
    if (!auth.ok) return clientError(ctx);
    const grantType = param(p, 'grant_type');
    if (grantType === 'authorization_code') {
      const redeemed = store.redeem({
        code: param(p, 'code'),
        clientId,
        redirectUri: param(p, 'redirect_uri'),
        codeVerifier: param(p, 'code_verifier'),
      });
      if (!redeemed.ok) return badRequest(ctx, 'invalid_grant', `Value passed for the authorization code was invalid (${redeemed.reason}).`);
      const c = redeemed.code;
      const body = tokens(c.grantId, c.scope, c.user);
      if (c.scope.includes('offline.access')) {
        body.refresh_token = store.issue('refresh', { grantId: c.grantId, clientId, scope: c.scope, user: c.user, ttlSeconds: null, value: randomToken('', 64) }).value;
      }
      emu.grants.authorization_code += 1;
      return sendAnswer(res, { status: 200, body, headers: NO_STORE }, fault);
    }
    if (grantType === 'refresh_token') {
      const checked = store.checkRefresh(param(p, 'refresh_token'), clientId);
      if (!checked.ok) return badRequest(ctx, 'invalid_grant', `Value passed for the token was invalid (${checked.reason}).`);
      const old: TokenRecord<XUser> = checked.token;
      const asked = param(p, 'scope');
      const scope = asked === undefined ? old.scope : asked.split(' ').filter(Boolean);
      if (scope.some((s) => !old.scope.includes(s))) return badRequest(ctx, 'invalid_scope', 'The requested scope exceeds the granted scope.');
      const body = tokens(old.grantId, scope, old.user as XUser);
      if (rotate) {
        old.rotated = true;
        body.refresh_token = store.issue('refresh', { grantId: old.grantId, clientId, scope: old.scope, user: old.user, ttlSeconds: null, value: randomToken('', 64) }).value;
      }
      emu.grants.refresh_token += 1;
      return sendAnswer(res, { status: 200, body, headers: NO_STORE }, fault);
    }
    if (grantType === undefined) return badRequest(ctx, 'invalid_request', 'Missing required parameter [grant_type].');
    badRequest(ctx, 'unsupported_grant_type', `Unsupported grant_type: ${grantType}`);
  }

  function revoke(ctx: RequestContext): void {
    if (ctx.method !== 'POST') return sendText(ctx.res, 405, 'Method Not Allowed');
    const parsed = tokenParams(ctx);
    if (!parsed.ok) return badRequest(ctx, 'invalid_request', parsed.error);
    const auth = authenticateClient(ctx.req, parsed.params, { id: clientId, secret: clientSecret }, ['client_secret_basic']);
    if (!auth.ok) return clientError(ctx);
    const value = param(parsed.params, 'token');
    if (value === undefined) return badRequest(ctx, 'invalid_request', 'Missing required parameter [token].');
    store.revokeToken(value);
    sendJson(ctx.res, 200, { revoked: true });
  }

  function me(ctx: RequestContext): void {
    const { req, res, query } = ctx;
    const checked = store.checkAccess(bearerToken(req));
    if (!checked.ok || !checked.token.user) return sendJson(res, 401, UNAUTHORIZED);
    const t = checked.token;
    const u = checked.token.user;
    if (!t.scope.includes('users.read') || !t.scope.includes('tweet.read')) return sendJson(res, 403, FORBIDDEN);
    const rawFields = query['user.fields'];
    if (Array.isArray(rawFields)) return invalidFields(ctx, rawFields.join(','));
    const fields = (rawFields ?? '').split(',').filter(Boolean);
    const unknown = fields.filter((f) => !USER_FIELDS.includes(f));
    if (unknown.length > 0) return invalidFields(ctx, unknown.join(','));
    const fault = takeFault(emu, 'user');
    if (answerEarlyFault(res, fault)) return;
    const data: Record<string, unknown> = { id: u.id, name: u.name, username: u.username };
    for (const f of fields) {
      if (f === 'confirmed_email') {
        // Only with the users.email scope (and the app permission); otherwise silently absent.
        if (t.scope.includes('users.email') && u.confirmed_email) data.confirmed_email = u.confirmed_email;
      } else if (f in u) {
        data[f] = u[f as keyof XUser];
      }
    }
    sendAnswer(res, { status: 200, body: { data } }, fault, (b) => {
      if (!Array.isArray(b)) delete (b.data as Record<string, unknown>).id;
    });
  }

  function invalidFields(ctx: RequestContext, value: string): void {
    sendJson(ctx.res, 400, {
      errors: [
        {
          parameters: { 'user.fields': [value] },
          message: `The \`user.fields\` query parameter value [${value}] is not one of [${USER_FIELDS.join(',')}]`,
        },
      ],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    });
  }

  const server = await startRecordingServer((ctx) => {
    switch (ctx.path) {
      case '/i/oauth2/authorize':
        return handleAuthorize(ctx, {
          clientId,
          redirectUris: options.redirectUris,
          anyRedirectUri: options.anyRedirectUri ?? false,
          store,
          knobs: emu,
          pkce: 'required',
          requireState: true,
          scope: scopeFrom(X_SCOPES, true),
        });
      case '/2/oauth2/token':
        return token(ctx);
      case '/2/oauth2/revoke':
        return revoke(ctx);
      case '/2/users/me':
        if (ctx.method !== 'GET') return sendText(ctx.res, 405, 'Method Not Allowed');
        return me(ctx);
      default:
        return sendJson(ctx.res, 404, { title: 'Not Found Error', type: 'https://api.twitter.com/2/problems/resource-not-found', status: 404, detail: 'Not Found' });
    }
  });

  const emu: XEmulator = Object.assign(knobs, {
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
