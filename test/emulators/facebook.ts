/**
 * Facebook Login + Graph API emulator, as Meta documents the manual login
 * flow: the versioned `/vNN.N/dialog/oauth`, `/vNN.N/oauth/access_token`
 * (client_id + client_secret as parameters, `{ access_token, token_type,
 * expires_in }`, errors as `{ error: { message, type: 'OAuthException',
 * code, fbtrace_id } }`), and Graph calls `/vNN.N/me?fields=…`,
 * `/vNN.N/me/permissions`. With "Require App Secret" on (default here) a
 * Graph call without `appsecret_proof` = hex HMAC-SHA256(access token, app
 * secret) fails with code 100. Unversioned paths are refused (404) so a test
 * sees which version was called.
 */
import { createHmac } from 'node:crypto';
import {
  GrantStore,
  bearerToken,
  createCommonKnobs,
  handleAuthorize,
  param,
  randomToken,
  sendJson,
  sendText,
  startRecordingServer,
  tokenParams,
  type CommonKnobs,
  type CommonOptions,
  type Emulator,
  type Params,
  type RequestContext,
} from './recorder.ts';

/** The Graph user node fields the emulator knows. */
export interface FacebookUser {
  id: string;
  name: string;
  first_name: string;
  last_name: string;
  email: string | null;
  picture: { data: { height: number; width: number; is_silhouette: boolean; url: string } };
}

export interface FacebookEmulatorOptions extends CommonOptions<FacebookUser> {
  redirectUris: string[];
  /** Graph versions answered, default ['v21.0']. */
  versions?: string[];
  /** "Require App Secret" (Settings → Advanced): Graph calls need appsecret_proof. Default true. */
  requireAppSecretProof?: boolean;
}

export interface FacebookEmulator extends Emulator, CommonKnobs<FacebookUser> {
  /** Every Graph call (path, version, fields, appsecret_proof as received). */
  graphCalls: { version: string; path: string; fields?: string; proof?: string; proofValid: boolean }[];
}

const DEFAULT_USER: FacebookUser = {
  id: '10158472613917281',
  name: 'Mark Otto',
  first_name: 'Mark',
  last_name: 'Otto',
  email: 'mark.otto@example.com',
  picture: { data: { height: 50, width: 50, is_silhouette: false, url: 'https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=10158472613917281' } },
};

const PERMISSIONS = ['email', 'public_profile', 'user_friends'];

function graphError(message: string, code: number, type = 'OAuthException'): Record<string, unknown> {
  return { error: { message, type, code, fbtrace_id: randomToken('A', 9) } };
}

export async function startFacebookEmulator(options: FacebookEmulatorOptions): Promise<FacebookEmulator> {
  const clientId = options.clientId ?? '1234567890123456';
  const clientSecret = options.clientSecret ?? randomToken('', 16);
  const versions = options.versions ?? ['v21.0'];
  const requireProof = options.requireAppSecretProof ?? true;
  const store = new GrantStore<FacebookUser>((options.codeTtlSeconds ?? 600) * 1000);
  const knobs = createCommonKnobs(DEFAULT_USER, options.user, store);

  function token(ctx: RequestContext): void {
    // Facebook documents a GET with query parameters; the kit (RFC 6749) POSTs a form. Both are answered.
    let p: Params;
    if (ctx.method === 'GET') p = ctx.query;
    else {
      const parsed = tokenParams(ctx);
      if (!parsed.ok) return sendJson(ctx.res, 400, graphError(parsed.error, 100));
      p = parsed.params;
    }
    if (param(p, 'client_id') !== clientId || param(p, 'client_secret') !== clientSecret) {
      return sendJson(ctx.res, 400, graphError('Error validating client secret.', 1));
    }
    if (param(p, 'grant_type') !== undefined && param(p, 'grant_type') !== 'authorization_code') {
      return sendJson(ctx.res, 400, graphError('Unsupported grant_type', 100));
    }
    const redeemed = store.redeem({ code: param(p, 'code'), clientId, redirectUri: param(p, 'redirect_uri'), codeVerifier: param(p, 'code_verifier') });
    if (!redeemed.ok) return sendJson(ctx.res, 400, graphError('This authorization code has been used.', 100));
    const c = redeemed.code;
    const access = store.issue('access', { grantId: c.grantId, clientId, scope: c.scope, user: c.user, ttlSeconds: 5183944, value: randomToken('EAA', 48) });
    sendJson(ctx.res, 200, { access_token: access.value, token_type: 'bearer', expires_in: 5183944 });
  }

  function graph(ctx: RequestContext, version: string, path: string): void {
    const value = bearerToken(ctx.req, ['bearer', 'oauth']) ?? param(ctx.query, 'access_token');
    const proof = param(ctx.query, 'appsecret_proof');
    const proofValid = value !== undefined && proof === createHmac('sha256', clientSecret).update(value).digest('hex');
    emu.graphCalls.push({ version, path, fields: param(ctx.query, 'fields'), proof, proofValid });
    const checked = store.checkAccess(value);
    if (!checked.ok || !checked.token.user) return sendJson(ctx.res, 400, graphError('Invalid OAuth access token - Cannot parse access token', 190));
    if (proof !== undefined && !proofValid) return sendJson(ctx.res, 400, graphError('Invalid appsecret_proof provided in the API argument', 100, 'GraphMethodException'));
    if (requireProof && proof === undefined) return sendJson(ctx.res, 400, graphError('API calls from the server require an appsecret_proof argument', 100, 'GraphMethodException'));
    const user = checked.token.user;
    if (path === '/me') {
      const fields = (param(ctx.query, 'fields') ?? 'id,name').split(',');
      const body: Record<string, unknown> = {};
      for (const f of fields) {
        if (f === 'email' && !checked.token.scope.includes('email')) continue;
        if (f in user && (user as unknown as Record<string, unknown>)[f] !== null) body[f] = (user as unknown as Record<string, unknown>)[f];
      }
      body.id = user.id;
      return sendJson(ctx.res, 200, body);
    }
    if (path === '/me/permissions') {
      return sendJson(ctx.res, 200, { data: PERMISSIONS.map((permission) => ({ permission, status: checked.token.scope.includes(permission) ? 'granted' : 'declined' })) });
    }
    sendJson(ctx.res, 404, graphError(`Unknown path components: ${path}`, 2500));
  }

  const server = await startRecordingServer((ctx) => {
    const m = /^\/(v\d+\.\d+)(\/.*)$/.exec(ctx.path);
    if (!m || !versions.includes(m[1]!)) return sendJson(ctx.res, 404, graphError('Unsupported or missing Graph API version', 2635));
    const [, version, path] = m;
    if (path === '/dialog/oauth') {
      return handleAuthorize(ctx, {
        clientId,
        redirectUris: options.redirectUris,
        anyRedirectUri: options.anyRedirectUri ?? false,
        store,
        knobs: emu,
        pkce: 'optional',
        responseTypeOptional: true,
        // "A comma or space separated list of Permissions to request from the person."
        scope: (raw) => ({ scope: [...new Set((raw ?? 'public_profile').split(/[ ,]+/).filter(Boolean))] }),
      });
    }
    if (path === '/oauth/access_token') return token(ctx);
    if (ctx.method !== 'GET') return sendText(ctx.res, 405, 'Method Not Allowed');
    return graph(ctx, version!, path!);
  });

  const emu: FacebookEmulator = Object.assign(knobs, {
    url: server.url,
    clientId,
    clientSecret,
    requests: server.requests,
    requestsTo: server.requestsTo,
    close: server.close,
    graphCalls: [] as FacebookEmulator['graphCalls'],
  });
  return emu;
}
