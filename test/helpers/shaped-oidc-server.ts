/**
 * The real oidc-provider, shaped like one hosted provider: its issuer path
 * (Okta's `/oauth2/default`, Auth0's trailing slash, Cognito's pool id, a
 * self-managed GitLab's relative URL root, Entra's `/{tenant}/v2.0`), its
 * client authentication, PKCE rule, claims, extra authorize parameters, the
 * documented oddities of its token endpoint (Twitch's `scope` array, Slack's
 * HTTP-200 `ok:false` errors) and a protected API next to it that checks the
 * access token with the provider itself. Every request is recorded.
 */
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import Provider from 'oidc-provider';

export interface ShapedRequest {
  method: string;
  /** Path as the client sent it (before any alias rewrite), without the query. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

/** What the token endpoint received and answered (as oidc-provider parsed it). */
export interface ShapedTokenExchange {
  body: Record<string, string>;
  authorization?: string;
  status: number;
  answer: Record<string, unknown>;
}

/** A protected API route: gets the account id of the presented access token, returns the JSON to send (or an {@link apiAnswer}). */
export type ShapedApiRoute = (accountId: string, req: ShapedRequest) => unknown;

const ANSWER = Symbol('api answer');

/** An API answer with its own status (e.g. Twitch's 401 for a missing Client-Id). */
export function apiAnswer(status: number, body: unknown): { [ANSWER]: true; status: number; body: unknown } {
  return { [ANSWER]: true, status, body };
}

export interface ShapedOidcOptions {
  redirectUris: string[];
  /** The issuer's path after the origin: '' (root), '/' (Auth0), '/oauth2/default' (Okta), … */
  issuerPath?: string;
  clientAuth?: 'client_secret_basic' | 'client_secret_post';
  /** Default true (oidc-provider's own rule); false for a provider that does not take PKCE. */
  requirePkce?: boolean;
  /** The account's claims (sub is the login name typed at the dev login page). */
  claims(sub: string): Record<string, unknown>;
  /** Scope → claims; default openid/email/profile with the standard claims. */
  scopeClaims?: Record<string, string[]>;
  /** Authorize parameters the provider accepts besides the standard ones (access_type, audience, team). */
  extraParams?: string[];
  /**
   * Google's shape: a refresh token only for `access_type=offline` (mapped onto
   * `offline_access`, which oidc-provider honours only with `prompt=consent`).
   */
  offlineByAccessType?: boolean;
  /** Rewrite a successful token answer (Twitch: scope as an array). */
  rewriteTokenAnswer?: (body: Record<string, unknown>) => Record<string, unknown>;
  /** Answer token errors as this provider does (Slack: HTTP 200 `{ ok: false, error }`). */
  tokenErrorAnswer?: (error: string) => { status: number; body: Record<string, unknown> };
  /** Protected API routes by full path (e.g. `/gitlab/api/v4/user`). */
  api?: Record<string, ShapedApiRoute>;
  /** The API's answer to a missing or unknown token; default 401 `{ error: 'invalid_token' }` (Slack: 200 `ok:false`). */
  apiUnauthorized?: { status: number; body: unknown };
  /**
   * The provider's id_token signing: its private JWKs and the client's
   * `id_token_signed_response_alg` (Logto: an EC P-384 key, ES384). Default:
   * oidc-provider's development RS256 key.
   */
  idTokenSigning?: { keys: object[]; alg: string };
  /** Entra multi-tenant shape: paths under `from` are served as if under `to` (e.g. /common/v2.0 → /<tid>/v2.0). */
  pathAlias?: { from: string; to: string };
  /** Rewrite the discovery document served under the alias (Entra: `issuer` with `{tenantid}`). */
  aliasDiscovery?: (doc: Record<string, unknown>) => Record<string, unknown>;
}

export interface ShapedOidcServer {
  origin: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  provider: Provider;
  requests: ShapedRequest[];
  /** Authorization requests' query parameters, in order. */
  authorizeRequests(): URLSearchParams[];
  tokenExchanges: ShapedTokenExchange[];
  /** One-shot: the next token request is answered with this error (in the provider's own shape). */
  nextTokenError: string | null;
  requestsTo(path: string): ShapedRequest[];
  close(): Promise<void>;
}

const DEFAULT_SCOPE_CLAIMS = {
  openid: ['sub'],
  email: ['email', 'email_verified'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username', 'nickname', 'picture', 'locale'],
};

function parseQuery(url: string): URLSearchParams {
  const i = url.indexOf('?');
  return new URLSearchParams(i === -1 ? '' : url.slice(i + 1));
}

export async function startShapedOidcServer(options: ShapedOidcOptions): Promise<ShapedOidcServer> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${origin}${options.issuerPath ?? ''}`;
  const mount = new URL(issuer).pathname.replace(/\/+$/, '');
  const clientId = 'shaped-client-id';
  const clientSecret = 'shaped-client-secret-0123456789abcdef';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: options.clientAuth ?? 'client_secret_basic',
        ...(options.idTokenSigning ? { id_token_signed_response_alg: options.idTokenSigning.alg } : {}),
      },
    ],
    ...(options.idTokenSigning
      ? { jwks: { keys: options.idTokenSigning.keys }, enabledJWA: { idTokenSigningAlgValues: [options.idTokenSigning.alg] } }
      : {}),
    cookies: { keys: ['shaped-oidc-cookie-key'] },
    pkce: { required: () => options.requirePkce ?? true },
    extraParams: options.extraParams ?? [],
    features: { devInteractions: { enabled: true }, claimsParameter: { enabled: true } },
    claims: options.scopeClaims ?? DEFAULT_SCOPE_CLAIMS,
    async findAccount(_ctx: unknown, sub: string) {
      return { accountId: sub, async claims() { return { ...options.claims(sub), sub }; } };
    },
  } as never);

  const state: ShapedOidcServer = {
    origin,
    issuer,
    clientId,
    clientSecret,
    provider,
    requests: [],
    tokenExchanges: [],
    nextTokenError: null,
    authorizeRequests: () => state.requests.filter((r) => r.method === 'GET' && r.path === `${mount}/auth`).map((r) => r.query),
    requestsTo: (path) => state.requests.filter((r) => r.path === path),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  provider.use(async (ctx: any, next: () => Promise<void>) => {
    // ctx.path is below the mount path (req.url was cut to it).
    const isToken = ctx.method === 'POST' && ctx.path === '/token';
    if (isToken && state.nextTokenError && options.tokenErrorAnswer) {
      const { status, body } = options.tokenErrorAnswer(state.nextTokenError);
      state.nextTokenError = null;
      ctx.status = status;
      ctx.body = body;
      state.tokenExchanges.push({ body: {}, authorization: ctx.headers.authorization, status, answer: body });
      return;
    }
    if (ctx.method === 'GET' && ctx.path === '/auth' && options.offlineByAccessType) {
      // Google: access_type=offline asks for a refresh token; oidc-provider's word for it is offline_access.
      const q = { ...ctx.query };
      if (q.access_type === 'offline' && typeof q.scope === 'string') ctx.query = { ...q, scope: `${q.scope} offline_access` };
    }
    await next();
    if (isToken) {
      let answer = ctx.body && typeof ctx.body === 'object' ? { ...(ctx.body as Record<string, unknown>) } : {};
      if (ctx.status === 200 && options.rewriteTokenAnswer) ctx.body = answer = options.rewriteTokenAnswer(answer);
      if (ctx.status >= 400 && typeof answer.error === 'string' && options.tokenErrorAnswer) {
        const shaped = options.tokenErrorAnswer(answer.error);
        ctx.status = shaped.status;
        ctx.body = answer = shaped.body;
      }
      state.tokenExchanges.push({ body: { ...(ctx.oidc?.body ?? {}) }, authorization: ctx.headers.authorization, status: ctx.status, answer });
    }
  });

  const callback = provider.callback();
  server.on('request', async (req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    const record: ShapedRequest = { method: req.method ?? 'GET', path, query: parseQuery(url), headers: req.headers };
    state.requests.push(record);
    const route = options.api?.[path];
    if (route) return answerApi(req, res, route, record);
    let target = url;
    const alias = options.pathAlias;
    if (alias && (path === alias.from || path.startsWith(`${alias.from}/`))) {
      target = alias.to + url.slice(alias.from.length);
      if (path === `${alias.from}/.well-known/openid-configuration` && options.aliasDiscovery) {
        return answerAliasDiscovery(res, target);
      }
    }
    // oidc-provider finds its mount path from originalUrl minus url.
    (req as http.IncomingMessage & { originalUrl?: string }).originalUrl = target;
    req.url = target.slice(mount.length) || '/';
    callback(req, res);
  });

  async function answerApi(req: http.IncomingMessage, res: http.ServerResponse, route: ShapedApiRoute, record: ShapedRequest): Promise<void> {
    const auth = req.headers.authorization ?? '';
    const m = /^(?:Bearer|OAuth) (\S+)$/i.exec(auth);
    const token = m ? await provider.AccessToken.find(m[1]!) : undefined;
    res.setHeader('content-type', 'application/json');
    if (!token || !token.accountId) {
      const answer = options.apiUnauthorized ?? { status: 401, body: { error: 'invalid_token' } };
      res.statusCode = answer.status;
      res.end(JSON.stringify(answer.body));
      return;
    }
    const out = route(token.accountId, record) as { [ANSWER]?: true; status: number; body: unknown };
    if (out && typeof out === 'object' && out[ANSWER]) {
      res.statusCode = out.status;
      res.end(JSON.stringify(out.body));
      return;
    }
    res.end(JSON.stringify(out));
  }

  async function answerAliasDiscovery(res: http.ServerResponse, target: string): Promise<void> {
    const upstream = await fetch(`${origin}${target}`);
    const doc = (await upstream.json()) as Record<string, unknown>;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(options.aliasDiscovery!(doc)));
  }

  return state;
}
