/**
 * Sign in with Apple emulator, as Apple documents the REST flow:
 * discovery, `/auth/authorize` answered with an auto-submitting form that
 * POSTs `code`, `state` and — only the first time this user authorizes this
 * Services ID — the `user` JSON (`{ name: { firstName, lastName }, email }`)
 * to the redirect URI (`response_mode=form_post`, required when `name` or
 * `email` is asked for); `/auth/token`, where the client secret is an ES256
 * JWT signed with the developer's key (`kid` = key id, `iss` = team id,
 * `sub` = client id, `aud` = https://appleid.apple.com, at most 6 months
 * long); an RS256 id_token with the nonce, `email_verified` / `is_private_email`
 * as strings; `/auth/keys`; `/auth/revoke`. No userinfo endpoint.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify, decodeProtectedHeader, type JWK } from 'jose';
import {
  GrantStore,
  param,
  randomToken,
  sendJson,
  sendText,
  startRecordingServer,
  tokenParams,
  type Emulator,
  type RequestContext,
} from './recorder.ts';

export interface AppleUser {
  /** Team-scoped stable id, e.g. 001234.0a1b2c….1234 */
  sub: string;
  email: string;
  firstName: string;
  lastName: string;
  isPrivateEmail: boolean;
}

export interface AppleEmulatorOptions {
  redirectUris: string[];
  /** The Services ID (the client_id). */
  clientId?: string;
  teamId: string;
  keyId: string;
  /** The public half of the developer's Sign in with Apple key (.p8). */
  publicKey: KeyObject | string;
  user?: Partial<AppleUser>;
}

export interface AppleEmulator extends Emulator {
  issuer: string;
  teamId: string;
  user: AppleUser;
  /** Client-secret JWTs received at the token endpoint, with the verdict. */
  clientSecrets: { jwt: string; valid: boolean; reason?: string }[];
  /** Whether the next authorization of `user.sub` is its first (the `user` field is sent only then). */
  authorizedBefore: Set<string>;
}

const APPLE_AUDIENCE = 'https://appleid.apple.com';
const MAX_SECRET_LIFETIME = 15_777_000;

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function startAppleEmulator(options: AppleEmulatorOptions): Promise<AppleEmulator> {
  const clientId = options.clientId ?? 'com.example.web';
  const developerKey = typeof options.publicKey === 'string' ? createPublicKey(options.publicKey) : options.publicKey;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'apple-emu-1', alg: 'RS256', use: 'sig' };
  const store = new GrantStore<AppleUser>(5 * 60 * 1000); // Apple: codes are valid for five minutes
  const nonces = new Map<string, string | undefined>();

  async function checkClientSecret(jwt: string | undefined): Promise<string | undefined> {
    if (!jwt) return 'missing client_secret';
    try {
      const header = decodeProtectedHeader(jwt);
      if (header.alg !== 'ES256') return `alg ${header.alg}`;
      if (header.kid !== options.keyId) return 'unknown kid';
      const { payload } = await jwtVerify(jwt, developerKey, { algorithms: ['ES256'], issuer: options.teamId, audience: APPLE_AUDIENCE, subject: clientId });
      if (typeof payload.iat !== 'number' || typeof payload.exp !== 'number' || payload.exp - payload.iat > MAX_SECRET_LIFETIME) return 'lifetime';
      return undefined;
    } catch (err) {
      return (err as Error).message;
    }
  }

  function authorize(ctx: RequestContext): void {
    if (ctx.method !== 'GET') return sendText(ctx.res, 405, 'Method Not Allowed');
    const q = ctx.query;
    if (param(q, 'client_id') !== clientId) return sendText(ctx.res, 400, 'invalid_client');
    const redirectUri = param(q, 'redirect_uri');
    if (!redirectUri || !options.redirectUris.includes(redirectUri)) return sendText(ctx.res, 400, 'invalid_request: Invalid web redirect url.');
    if (param(q, 'response_type') !== 'code') return sendText(ctx.res, 400, 'unsupported_response_type');
    const scope = (param(q, 'scope') ?? '').split(' ').filter(Boolean);
    const wantsUserData = scope.includes('name') || scope.includes('email');
    if (wantsUserData && param(q, 'response_mode') !== 'form_post') {
      return sendText(ctx.res, 400, 'invalid_request: response_mode must be form_post when name or email scope is requested.');
    }
    const user = emu.user;
    const code = store.createCode({ clientId, redirectUri, redirectUriSent: true, scope, user: structuredClone(user) });
    nonces.set(code, param(q, 'nonce'));
    const fields: Record<string, string> = { code };
    const state = param(q, 'state');
    if (state !== undefined) fields.state = state;
    const first = !emu.authorizedBefore.has(user.sub);
    emu.authorizedBefore.add(user.sub);
    if (first && wantsUserData) {
      const data: Record<string, unknown> = {};
      if (scope.includes('name')) data.name = { firstName: user.firstName, lastName: user.lastName };
      if (scope.includes('email')) data.email = user.email;
      fields.user = JSON.stringify(data);
    }
    const inputs = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('');
    sendText(
      ctx.res,
      200,
      `<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(redirectUri)}">${inputs}</form></body></html>`,
      'text/html; charset=utf-8',
    );
  }

  async function token(ctx: RequestContext): Promise<void> {
    if (ctx.method !== 'POST') return sendText(ctx.res, 405, 'Method Not Allowed');
    const parsed = tokenParams(ctx);
    if (!parsed.ok) return sendJson(ctx.res, 400, { error: 'invalid_request' });
    const p = parsed.params;
    if (param(p, 'client_id') !== clientId) return sendJson(ctx.res, 400, { error: 'invalid_client' });
    const jwt = param(p, 'client_secret');
    const reason = await checkClientSecret(jwt);
    emu.clientSecrets.push({ jwt: jwt ?? '', valid: reason === undefined, reason });
    if (reason) return sendJson(ctx.res, 400, { error: 'invalid_client' });
    if (param(p, 'grant_type') !== 'authorization_code') return sendJson(ctx.res, 400, { error: 'unsupported_grant_type' });
    const code = param(p, 'code');
    // Apple documents no PKCE for the web flow: a code_verifier is not checked.
    const redeemed = store.redeem({ code, clientId, redirectUri: param(p, 'redirect_uri'), codeVerifier: undefined });
    if (!redeemed.ok) return sendJson(ctx.res, 400, { error: 'invalid_grant', error_description: 'The code has expired or has been revoked.' });
    const c = redeemed.code;
    const access = store.issue('access', { grantId: c.grantId, clientId, scope: c.scope, user: c.user, ttlSeconds: 3600, value: randomToken('a', 24) });
    const refresh = store.issue('refresh', { grantId: c.grantId, clientId, scope: c.scope, user: c.user, ttlSeconds: null, value: randomToken('r', 24) });
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = { sub: c.user.sub, auth_time: now, nonce_supported: true };
    const nonce = nonces.get(c.code);
    if (nonce) claims.nonce = nonce;
    if (c.scope.includes('email')) Object.assign(claims, { email: c.user.email, email_verified: 'true', is_private_email: String(c.user.isPrivateEmail) });
    const idToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
      .setIssuer(emu.issuer)
      .setAudience(clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(privateKey);
    sendJson(ctx.res, 200, { access_token: access.value, token_type: 'Bearer', expires_in: 3600, refresh_token: refresh.value, id_token: idToken });
  }

  const server = await startRecordingServer(async (ctx) => {
    switch (ctx.path) {
      case '/.well-known/openid-configuration':
        return sendJson(ctx.res, 200, {
          issuer: emu.issuer,
          authorization_endpoint: `${emu.issuer}/auth/authorize`,
          token_endpoint: `${emu.issuer}/auth/token`,
          revocation_endpoint: `${emu.issuer}/auth/revoke`,
          jwks_uri: `${emu.issuer}/auth/keys`,
          response_types_supported: ['code'],
          response_modes_supported: ['query', 'fragment', 'form_post'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          scopes_supported: ['openid', 'email', 'name'],
          token_endpoint_auth_methods_supported: ['client_secret_post'],
          claims_supported: ['aud', 'email', 'email_verified', 'exp', 'iat', 'is_private_email', 'iss', 'nonce', 'nonce_supported', 'real_user_status', 'sub', 'transfer_sub'],
        });
      case '/auth/keys':
        return sendJson(ctx.res, 200, { keys: [jwk] });
      case '/auth/authorize':
        return authorize(ctx);
      case '/auth/token':
        return token(ctx);
      case '/auth/revoke': {
        const parsed = tokenParams(ctx);
        if (parsed.ok) {
          const value = param(parsed.params, 'token');
          if (value) store.revokeToken(value);
        }
        return sendText(ctx.res, 200, '');
      }
      default:
        return sendText(ctx.res, 404, 'Not Found');
    }
  });

  const emu: AppleEmulator = {
    url: server.url,
    issuer: server.url,
    clientId,
    clientSecret: '',
    teamId: options.teamId,
    requests: server.requests,
    requestsTo: server.requestsTo,
    close: server.close,
    user: {
      sub: '001234.0a1b2c3d4e5f60718293a4b5c6d7e8f9.1234',
      email: 'dq7kx5qp2z@privaterelay.appleid.com',
      firstName: 'Jane',
      lastName: 'Appleseed',
      isPrivateEmail: true,
      ...options.user,
    },
    clientSecrets: [],
    authorizedBefore: new Set(),
  };
  return emu;
}
