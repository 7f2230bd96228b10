/**
 * A Microsoft Entra ID (v2.0 endpoints) emulator on 127.0.0.1 for the
 * multi-tenant login: `/{common|organizations|consumers|<tenant id>}/v2.0`
 * discovery documents whose issuer is the template `<origin>/{tenantid}/v2.0`
 * (a tenant id gets its own issuer), authorize / token (code with PKCE,
 * refresh), JWKS and userinfo. id_tokens name the user's own tenant:
 * `iss` = `<origin>/<tid>/v2.0` with a `tid` claim.
 *
 * Like a misconfigured or hostile server, it lets any user in at any tenant
 * endpoint (real Entra refuses a personal account at `/organizations`), so
 * the tests see the kit's own tenant check. Faults: an `iss` naming another
 * tenant than `tid`, a bad signature. Records every request.
 */
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';

/** The tenant id of personal Microsoft accounts. */
export const CONSUMERS_TID = '9188040d-6c67-4c5b-b112-36a304b66dad';

export interface EntraUser {
  /** Object id in its tenant (the id_token `oid`; `sub` is derived per app). */
  oid: string;
  tid: string;
  name: string;
  preferredUsername: string;
}

export type EntraFault = 'other_tenant_iss' | 'bad_signature' | null;

export interface EntraEmulator {
  origin: string;
  clientId: string;
  clientSecret: string;
  users: EntraUser[];
  /** The `oid` of the user the next authorization approves. */
  approveAs: string;
  fault: EntraFault;
  accessTokenTtlSeconds: number;
  requests: { method: string; path: string }[];
  /** The id_tokens issued, newest last (for assertions on `iss`). */
  issuedIdTokens: string[];
  close(): Promise<void>;
}

const MULTI = new Set(['common', 'organizations', 'consumers']);
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function startEntraEmulator(options: { users: EntraUser[]; accessTokenTtlSeconds?: number }): Promise<EntraEmulator> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'entra-k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { nonce?: string; challenge?: string; redirectUri: string; user: EntraUser }>();
  const refreshTokens = new Map<string, EntraUser>();
  const accessTokens = new Map<string, EntraUser>();
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const emu: EntraEmulator = {
    origin,
    clientId: '00000000-0000-0000-0000-0000000c1e47',
    clientSecret: 'entra-secret-0123456789',
    users: options.users,
    approveAs: options.users[0]!.oid,
    fault: null,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    requests: [],
    issuedIdTokens: [],
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const subOf = (u: EntraUser) => createHash('sha256').update(`${u.tid}:${u.oid}:${emu.clientId}`).digest('base64url').slice(0, 43);

  async function idToken(user: EntraUser, nonce: string | undefined): Promise<string> {
    const iss = `${origin}/${emu.fault === 'other_tenant_iss' ? '72f988bf-86f1-41af-91ab-2d7cd011db47' : user.tid}/v2.0`;
    const now = Math.floor(Date.now() / 1000);
    const signed = await new SignJWT({ sub: subOf(user), oid: user.oid, tid: user.tid, name: user.name, preferred_username: user.preferredUsername, ver: '2.0', ...(nonce ? { nonce } : {}) })
      .setProtectedHeader({ alg: 'RS256', kid: 'entra-k1', typ: 'JWT' })
      .setIssuer(iss)
      .setAudience(emu.clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(privateKey);
    let out = signed;
    if (emu.fault === 'bad_signature') {
      const [h, p, s] = signed.split('.');
      const sig = Buffer.from(s!, 'base64url');
      sig[0] = sig[0]! ^ 1;
      out = `${h}.${p}.${sig.toString('base64url')}`;
    }
    emu.issuedIdTokens.push(out);
    return out;
  }

  function clientOk(req: http.IncomingMessage, form: URLSearchParams): boolean {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (basic) {
      const [id, secret] = Buffer.from(basic, 'base64').toString().split(':').map((v) => decodeURIComponent(v));
      return id === emu.clientId && secret === emu.clientSecret;
    }
    return form.get('client_id') === emu.clientId && form.get('client_secret') === emu.clientSecret;
  }

  async function tokenEndpoint(req: http.IncomingMessage, body: string, json: (s: number, d: unknown) => void): Promise<void> {
    const form = new URLSearchParams(body);
    if (!clientOk(req, form)) return json(401, { error: 'invalid_client' });
    let user: EntraUser | undefined;
    let nonce: string | undefined;
    if (form.get('grant_type') === 'authorization_code') {
      const code = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (!code || code.redirectUri !== form.get('redirect_uri')) return json(400, { error: 'invalid_grant' });
      if (code.challenge && createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url') !== code.challenge) return json(400, { error: 'invalid_grant' });
      user = code.user;
      nonce = code.nonce;
    } else if (form.get('grant_type') === 'refresh_token') {
      user = refreshTokens.get(form.get('refresh_token') ?? '');
      refreshTokens.delete(form.get('refresh_token') ?? '');
      if (!user) return json(400, { error: 'invalid_grant' });
    } else {
      return json(400, { error: 'unsupported_grant_type' });
    }
    const at = randomBytes(16).toString('hex');
    const rt = randomBytes(16).toString('hex');
    accessTokens.set(at, user);
    refreshTokens.set(rt, user);
    return json(200, { token_type: 'Bearer', access_token: at, refresh_token: rt, expires_in: emu.accessTokenTtlSeconds, scope: 'openid profile email', id_token: await idToken(user, nonce) });
  }

  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', origin);
      const body = Buffer.concat(chunks).toString();
      emu.requests.push({ method: req.method ?? 'GET', path: url.pathname });
      const json = (status: number, data: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(data));
      };
      try {
        const [, segment = '', ...rest] = url.pathname.split('/');
        const tail = rest.join('/');
        const knownSegment = MULTI.has(segment) || TENANT_ID.test(segment);
        if (knownSegment && tail === 'v2.0/.well-known/openid-configuration') {
          const issuer = `${origin}/${MULTI.has(segment) ? '{tenantid}' : segment}/v2.0`;
          return json(200, {
            issuer,
            authorization_endpoint: `${origin}/${segment}/oauth2/v2.0/authorize`,
            token_endpoint: `${origin}/${segment}/oauth2/v2.0/token`,
            userinfo_endpoint: `${origin}/oidc/userinfo`,
            jwks_uri: `${origin}/${segment}/discovery/v2.0/keys`,
            response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
            response_modes_supported: ['query', 'fragment', 'form_post'],
            subject_types_supported: ['pairwise'],
            id_token_signing_alg_values_supported: ['RS256'],
            token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
            scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
            claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'name', 'preferred_username', 'oid', 'tid', 'ver'],
            tenant_region_scope: null,
          });
        }
        if (knownSegment && tail === 'discovery/v2.0/keys') return json(200, { keys: [jwk] });
        if (knownSegment && tail === 'oauth2/v2.0/authorize') {
          const q = url.searchParams;
          if (q.get('client_id') !== emu.clientId || q.get('response_type') !== 'code') return json(400, { error: 'invalid_request' });
          const user = emu.users.find((u) => u.oid === emu.approveAs)!;
          const code = randomBytes(16).toString('hex');
          codes.set(code, { nonce: q.get('nonce') ?? undefined, challenge: q.get('code_challenge') ?? undefined, redirectUri: q.get('redirect_uri')!, user });
          const back = new URL(q.get('redirect_uri')!);
          back.searchParams.set('code', code);
          if (q.get('state')) back.searchParams.set('state', q.get('state')!);
          res.writeHead(302, { location: back.href });
          return res.end();
        }
        // `/proxy/token`: the same token endpoint at another path, for an endpoint override.
        if ((knownSegment && tail === 'oauth2/v2.0/token') || url.pathname === '/proxy/token') {
          if (req.method !== 'POST') return json(405, { error: 'invalid_request' });
          return await tokenEndpoint(req, body, json);
        }
        if (url.pathname === '/oidc/userinfo') {
          const user = accessTokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
          if (!user) return json(401, { error: 'invalid_token' });
          return json(200, { sub: subOf(user), name: user.name, preferred_username: user.preferredUsername });
        }
        return json(404, { error: 'not_found' });
      } catch (err) {
        json(500, { error: 'server_error', detail: String(err) });
      }
    });
  });
  return emu;
}
