/**
 * oidc-provider set up for the "OpenID Connect sessions" tests: RP-initiated
 * logout and back-channel logout enabled, `sid` in id_tokens, an `acr` chosen
 * per login (`server.nextAcr`), extra scopes (`api:read`, `api:write`), and a
 * known signing key so tests can also sign their own (forged) Logout Tokens.
 */
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import Provider from 'oidc-provider';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { Browser, Hop } from './http-client.ts';

export interface SessionOidcServer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  provider: Provider;
  /** The OP's private signing key (RS256, kid `op-key-1`). */
  signingKey: CryptoKey;
  /** The `acr` the next login at the OP gets (undefined: none). */
  nextAcr: string | undefined;
  /** Back-channel logout deliveries the OP made: the target and the status it got. */
  backchannel: { uri: string; ok: boolean; error?: string }[];
  /** Sign a Logout Token with the OP's key (or `key`), claims merged over valid defaults. */
  logoutToken(claims: Record<string, unknown>, options?: { key?: CryptoKey; kid?: string; alg?: string; typ?: string }): Promise<string>;
  close(): Promise<void>;
}

export interface SessionOidcOptions {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri?: string;
}

export async function startSessionOidcServer(options: SessionOidcOptions): Promise<SessionOidcServer> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'kit-session-client';
  const clientSecret = 'kit-session-secret-0123456789';
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: 'op-key-1', alg: 'RS256', use: 'sig' };
  const backchannel: { uri: string; ok: boolean; error?: string }[] = [];
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        ...(options.backchannelLogoutUri ? { backchannel_logout_uri: options.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    // oidc-provider refuses outgoing calls to special-use addresses (SSRF guard); the test app is on 127.0.0.1.
    fetch: (url: string, init: RequestInit & { dispatcher?: unknown }) => {
      delete init.dispatcher;
      return fetch(url, init);
    },
    cookies: { keys: ['session-test-cookie-key'] },
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', 'api:read', 'api:write'],
    acrValues: ['urn:basic', 'urn:mfa'],
    features: {
      devInteractions: { enabled: true },
      revocation: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    async findAccount(_ctx: unknown, sub: string) {
      return {
        accountId: sub,
        async claims() {
          return { sub, email: `${sub}@example.test`, email_verified: true, name: `User ${sub}`, preferred_username: sub };
        },
      };
    },
  } as never);
  const state = { nextAcr: undefined as string | undefined };
  // The dev login page, with an `acr` of the test's choosing: the login POST is answered here.
  provider.use(async (ctx: any, next: () => Promise<void>) => {
    if (ctx.method === 'POST' && /^\/interaction\/[^/]+$/.test(ctx.path)) {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      if (details.prompt.name === 'login') {
        let text = '';
        for await (const chunk of ctx.req) text += chunk;
        const body = new URLSearchParams(text);
        const result = { login: { accountId: body.get('login')!, ...(state.nextAcr ? { acr: state.nextAcr } : {}) } };
        const url = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
        ctx.status = 303;
        ctx.redirect(url);
        return;
      }
    }
    await next();
  });
  (provider as any).on('backchannel.success', (_ctx: unknown, client: { backchannelLogoutUri: string }) => backchannel.push({ uri: client.backchannelLogoutUri, ok: true }));
  (provider as any).on('backchannel.error', (_ctx: unknown, err: Error, client: { backchannelLogoutUri: string }) =>
    backchannel.push({ uri: client.backchannelLogoutUri, ok: false, error: String(err?.message ?? err) }),
  );
  server.on('request', provider.callback());
  const out: SessionOidcServer = {
    issuer,
    clientId,
    clientSecret,
    provider,
    signingKey: privateKey,
    get nextAcr() {
      return state.nextAcr;
    },
    set nextAcr(v) {
      state.nextAcr = v;
    },
    backchannel,
    async logoutToken(claims, opts = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = {
        iss: issuer,
        aud: clientId,
        iat: now,
        jti: `jti-${Math.random().toString(36).slice(2)}`,
        events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
        ...claims,
      };
      for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
      return new SignJWT(payload)
        .setProtectedHeader({ alg: opts.alg ?? 'RS256', kid: opts.kid ?? 'op-key-1', typ: opts.typ ?? 'logout+jwt' })
        .sign(opts.key ?? privateKey);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return out;
}

function parseForm(html: string): { action: string; fields: Record<string, string> } | undefined {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const fields: Record<string, string> = {};
  for (const m of form[2]!.matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]+)"/.exec(m[0])?.[1];
    const value = /value="([^"]*)"/.exec(m[0])?.[1] ?? '';
    if (name) fields[name] = value;
  }
  return { action: form[1]!.replace(/&amp;/g, '&'), fields };
}

/**
 * Walk the OP's login and consent pages from an authorize URL until the OP
 * sends the browser back to the app; returns that redirect hop.
 */
export async function signIn(browser: Browser, authorizeUrl: string, appOrigin: string, login = 'alice'): Promise<Hop> {
  const isApp = (u: URL) => u.origin === appOrigin;
  let hop = await browser.follow(authorizeUrl, { stopAt: isApp });
  for (let i = 0; i < 5; i++) {
    if (hop.location && isApp(new URL(hop.location, hop.url))) return hop;
    const form = parseForm(hop.body);
    if (!form) throw new Error(`no form on provider page (status ${hop.status}): ${hop.body.slice(0, 300)}`);
    if (/name="login"/.test(hop.body)) {
      form.fields.login = login;
      form.fields.password = 'any-password';
    }
    hop = await browser.request(new URL(form.action, hop.url).href, {
      method: 'POST',
      body: new URLSearchParams(form.fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(hop.url).origin },
    });
    if (hop.status >= 300 && hop.status < 400 && hop.location) {
      const next = new URL(hop.location, hop.url);
      if (isApp(next)) return hop;
      hop = await browser.follow(next.href, { stopAt: isApp });
    }
  }
  throw new Error('provider never redirected back to the app');
}

/**
 * Log in through the app's login route (a path with query) end to end: the
 * OP's pages, then the app's callback. Returns the callback's answer.
 */
export async function loginThrough(browser: Browser, appUrl: string, loginPath: string, login = 'alice'): Promise<Hop> {
  const start = await browser.request(`${appUrl}${loginPath}`);
  if (start.status !== 302 || !start.location) throw new Error(`login route answered ${start.status}`);
  const back = await signIn(browser, start.location, appUrl, login);
  return browser.request(new URL(back.location!, back.url).href);
}

/**
 * Confirm the OP's end_session page (RP-initiated logout) the way a user
 * would ("Yes, sign me out"); returns the OP's redirect hop (to the app's
 * post_logout_redirect_uri).
 */
export async function confirmLogoutAtProvider(browser: Browser, endSessionUrl: string): Promise<Hop> {
  const page = await browser.request(endSessionUrl);
  const form = parseForm(page.body);
  if (!form) throw new Error(`no logout form at the provider (status ${page.status}): ${page.body.slice(0, 300)}`);
  return browser.request(new URL(form.action, page.url).href, {
    method: 'POST',
    body: new URLSearchParams({ ...form.fields, logout: 'yes' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(page.url).origin },
  });
}
