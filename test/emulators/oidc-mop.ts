/**
 * A mock OpenID Provider ("MOP") that can be told to misbehave: it issues
 * id_tokens with a wrong iss / aud / nonce, a bad signature, alg none, an
 * expired exp, and userinfo with another sub — the faults of SECURITY.md §1.5.
 * Honest by default. Records every request.
 */
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';

export type IdTokenFault =
  | 'wrong_iss'
  | 'wrong_aud'
  | 'wrong_nonce'
  | 'no_nonce'
  | 'bad_signature'
  | 'other_key'
  | 'alg_none'
  | 'expired'
  | 'hs256'
  | 'no_id_token'
  | null;

export interface MopRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export interface Mop {
  issuer: string;
  clientId: string;
  clientSecret: string;
  requests: MopRequest[];
  requestsTo(path: string): MopRequest[];
  idTokenFault: IdTokenFault;
  userinfoSub: string | null;
  /** Extra query added to the redirect back (e.g. a wrong `iss`). */
  callbackExtra: Record<string, string>;
  sub: string;
  close(): Promise<void>;
}

function b64url(buf: Buffer): string {
  return buf.toString('base64url');
}

export async function startMop(): Promise<Mop> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { nonce?: string; challenge?: string; redirectUri: string }>();
  const tokens = new Map<string, string>();
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mop: Mop = {
    issuer,
    clientId: 'mop-client',
    clientSecret: 'mop-secret-0123456789',
    requests: [],
    requestsTo: (p) => mop.requests.filter((r) => r.path === p),
    idTokenFault: null,
    userinfoSub: null,
    callbackExtra: {},
    sub: 'mop-user-1',
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };

  async function idToken(nonce: string | undefined): Promise<string | undefined> {
    const f = mop.idTokenFault;
    if (f === 'no_id_token') return undefined;
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      sub: mop.sub,
      email: 'mop@example.test',
      nonce: f === 'wrong_nonce' ? 'not-the-nonce' : f === 'no_nonce' ? undefined : nonce,
    };
    const jwt = new SignJWT(claims)
      .setIssuer(f === 'wrong_iss' ? 'https://evil.example' : issuer)
      .setAudience(f === 'wrong_aud' ? 'someone-else' : mop.clientId)
      .setIssuedAt(f === 'expired' ? now - 7200 : now)
      .setExpirationTime(f === 'expired' ? now - 3600 : now + 600);
    if (f === 'alg_none') {
      const header = b64url(Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })));
      const payload = b64url(
        Buffer.from(JSON.stringify({ ...claims, iss: issuer, aud: mop.clientId, iat: now, exp: now + 600 })),
      );
      return `${header}.${payload}.`;
    }
    if (f === 'hs256') {
      return jwt.setProtectedHeader({ alg: 'HS256', kid: 'k1' }).sign(new TextEncoder().encode(mop.clientSecret));
    }
    const signed = await jwt.setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(f === 'other_key' ? other.privateKey : privateKey);
    if (f === 'bad_signature') {
      const [h, p, s] = signed.split('.');
      const sig = Buffer.from(s!, 'base64url');
      sig[0] = sig[0]! ^ 1;
      return `${h}.${p}.${b64url(sig)}`;
    }
    return signed;
  }

  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', issuer);
      const body = Buffer.concat(chunks).toString();
      mop.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body, headers: req.headers });
      const json = (status: number, data: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(data));
      };
      try {
        switch (url.pathname) {
          case '/.well-known/openid-configuration':
            return json(200, {
              issuer,
              authorization_endpoint: `${issuer}/authorize`,
              token_endpoint: `${issuer}/token`,
              userinfo_endpoint: `${issuer}/userinfo`,
              jwks_uri: `${issuer}/jwks`,
              response_types_supported: ['code'],
              subject_types_supported: ['public'],
              id_token_signing_alg_values_supported: ['RS256', 'none', 'HS256'],
              code_challenge_methods_supported: ['S256'],
              authorization_response_iss_parameter_supported: true,
            });
          case '/jwks':
            return json(200, { keys: [jwk] });
          case '/authorize': {
            const q = url.searchParams;
            const code = randomBytes(16).toString('hex');
            codes.set(code, { nonce: q.get('nonce') ?? undefined, challenge: q.get('code_challenge') ?? undefined, redirectUri: q.get('redirect_uri')! });
            const back = new URL(q.get('redirect_uri')!);
            back.searchParams.set('code', code);
            if (q.get('state')) back.searchParams.set('state', q.get('state')!);
            back.searchParams.set('iss', issuer);
            for (const [k, v] of Object.entries(mop.callbackExtra)) back.searchParams.set(k, v);
            res.writeHead(302, { location: back.href });
            return res.end();
          }
          case '/token': {
            const form = new URLSearchParams(body);
            const code = codes.get(form.get('code') ?? '');
            codes.delete(form.get('code') ?? '');
            if (!code) return json(400, { error: 'invalid_grant' });
            const verifier = form.get('code_verifier') ?? '';
            if (code.challenge && createHash('sha256').update(verifier).digest('base64url') !== code.challenge) {
              return json(400, { error: 'invalid_grant', error_description: 'PKCE' });
            }
            const at = randomBytes(16).toString('hex');
            tokens.set(at, mop.sub);
            const id = await idToken(code.nonce);
            return json(200, { access_token: at, token_type: 'Bearer', expires_in: 600, ...(id ? { id_token: id } : {}) });
          }
          case '/userinfo': {
            const at = (req.headers.authorization ?? '').replace(/^Bearer /, '');
            if (!tokens.has(at)) return json(401, { error: 'invalid_token' });
            return json(200, { sub: mop.userinfoSub ?? mop.sub, email: 'mop@example.test', name: 'Mop User' });
          }
          default:
            return json(404, { error: 'not_found' });
        }
      } catch (err) {
        json(500, { error: 'server_error', detail: String(err) });
      }
    });
  });
  return mop;
}
