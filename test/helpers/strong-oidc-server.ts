/**
 * oidc-provider set up for the "stronger clients" tests: clients registered
 * for private_key_jwt and client_secret_jwt, pushed authorization requests and
 * DPoP (optionally with required nonces), refresh tokens, and a record of
 * what each token / PAR request carried.
 */
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { createHash } from 'node:crypto';
import Provider from 'oidc-provider';
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify } from 'jose';

export interface RecordedRequest {
  path: string;
  body: Record<string, string>;
  authorization?: string;
  dpop?: string;
  status: number;
}

export interface StrongOidcServer {
  issuer: string;
  provider: Provider;
  /** Token, PAR and revocation requests as the provider parsed them. */
  received: RecordedRequest[];
  close(): Promise<void>;
}

export interface StrongClient {
  client_id: string;
  client_secret?: string;
  token_endpoint_auth_method: string;
  jwks?: { keys: object[] };
}

export interface StrongServerOptions {
  redirectUris: string[];
  clients: StrongClient[];
  requirePar?: boolean;
  /** Require DPoP nonces at the token endpoint (a `use_dpop_nonce` challenge first). */
  dpopNonce?: boolean;
  accessTokenTtl?: number;
}

export async function startStrongOidcServer(options: StrongServerOptions): Promise<StrongOidcServer> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      ...c,
      redirect_uris: options.redirectUris,
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
    })),
    cookies: { keys: ['strong-test-cookie-key'] },
    pkce: { required: () => true },
    ttl: { AccessToken: options.accessTokenTtl ?? 3600 },
    issueRefreshToken: async () => true,
    features: {
      devInteractions: { enabled: true },
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: options.requirePar === true },
      dPoP: { enabled: true, nonceSecret: Buffer.alloc(32, 7), requireNonce: () => options.dpopNonce === true },
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    async findAccount(_ctx: unknown, sub: string) {
      return { accountId: sub, async claims() { return { sub, email: `${sub}@example.test`, email_verified: true, name: `User ${sub}` }; } };
    },
  } as never);
  const received: RecordedRequest[] = [];
  provider.use(async (ctx: any, next: () => Promise<void>) => {
    await next();
    if (ctx.method === 'POST' && /\/(token|request|token\/revocation)$/.test(ctx.path)) {
      received.push({ path: ctx.path, body: { ...(ctx.oidc?.body ?? {}) }, authorization: ctx.headers.authorization, dpop: ctx.headers.dpop, status: ctx.status });
    }
  });
  const callback = provider.callback();
  server.on('request', (req, res) => callback(req, res));
  return {
    issuer,
    provider,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The decoded header and payload of a compact JWT (no verification). */
export function decodeJwt(jwt: string): { header: Record<string, any>; payload: Record<string, any> } {
  const [h, p] = jwt.split('.');
  return { header: JSON.parse(Buffer.from(h!, 'base64url').toString()), payload: JSON.parse(Buffer.from(p!, 'base64url').toString()) };
}

export interface ResourceServer {
  url: string;
  /** Every call and what the proof check found. */
  calls: { ok: boolean; reason?: string; jkt?: string; nonce?: string; htu?: string; htm?: string; token?: string }[];
  close(): Promise<void>;
}

/**
 * A resource server that accepts only DPoP-bound tokens of `op`: the proof
 * is verified (typ, ES256 signature by its embedded key, htm, htu, ath, iat,
 * the current nonce) and its key's thumbprint must be the token's `cnf.jkt`.
 * The first call without the current nonce gets a `use_dpop_nonce` challenge.
 */
export async function startResourceServer(op: StrongOidcServer): Promise<ResourceServer> {
  const calls: ResourceServer['calls'] = [];
  let nonce = 'rs-nonce-1';
  const server = http.createServer(async (req, res) => {
    const url = `http://${req.headers.host}${(req.url ?? '/').split('?')[0]}`;
    const deny = (reason: string, status = 401, challenge = `DPoP error="invalid_token"`) => {
      calls.push({ ok: false, reason });
      res.writeHead(status, { 'www-authenticate': challenge, 'dpop-nonce': nonce, 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: reason }));
    };
    const auth = req.headers.authorization ?? '';
    const proof = req.headers.dpop;
    if (!auth.startsWith('DPoP ') || typeof proof !== 'string') return deny('not_dpop');
    const token = auth.slice(5);
    try {
      const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: ['ES256'] });
      if (payload.htm !== req.method) return deny('htm');
      if (payload.htu !== url) return deny('htu');
      if (payload.ath !== createHash('sha256').update(token).digest('base64url')) return deny('ath');
      if (Math.abs(Number(payload.iat) - Date.now() / 1000) > 60) return deny('iat');
      if (payload.nonce !== nonce) return deny('nonce', 401, 'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"');
      const jkt = await calculateJwkThumbprint(protectedHeader.jwk!);
      const stored = await (op.provider as any).AccessToken.find(token);
      if (!stored) return deny('unknown_token');
      if (stored.jkt !== jkt) return deny('jkt');
      calls.push({ ok: true, jkt, nonce: payload.nonce as string, htu: payload.htu as string, htm: payload.htm as string, token });
      nonce = `rs-nonce-${calls.length + 1}`;
      res.writeHead(200, { 'content-type': 'application/json', 'dpop-nonce': nonce });
      res.end(JSON.stringify({ ok: true, sub: stored.accountId, jkt }));
    } catch (err) {
      deny(`invalid_proof:${(err as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
