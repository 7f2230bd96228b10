/**
 * A real authorization server for tests: oidc-provider on 127.0.0.1:0 with its
 * development login and consent pages, driven over HTTP like a browser would.
 */
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import Provider from 'oidc-provider';
import type { Browser, Hop } from './http-client.ts';

export interface OidcServer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  provider: Provider;
  /** Every request path the server received. */
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

export async function startOidcServer(redirectUris: string[], options: { clientAuth?: string } = {}): Promise<OidcServer> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'kit-test-client';
  const clientSecret = 'kit-test-secret-0123456789';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: options.clientAuth ?? 'client_secret_basic',
      },
    ],
    cookies: { keys: ['oidc-test-cookie-key'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, revocation: { enabled: true } },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username', 'picture'] },
    async findAccount(_ctx: unknown, sub: string) {
      return {
        accountId: sub,
        async claims() {
          return { sub, email: `${sub}@example.test`, email_verified: true, name: `User ${sub}`, preferred_username: sub };
        },
      };
    },
  } as never);
  const requests: { method: string; path: string }[] = [];
  const callback = provider.callback();
  server.on('request', (req, res) => {
    requests.push({ method: req.method ?? 'GET', path: (req.url ?? '').split('?')[0]! });
    callback(req, res);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    provider,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
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
 * Walk the provider's dev login + consent pages from the authorize URL until
 * the browser is sent back to the app (`appOrigin`); returns that redirect hop.
 */
export async function signInAtProvider(browser: Browser, authorizeUrl: string, appOrigin: string, login = 'alice'): Promise<Hop> {
  let hop = await browser.follow(authorizeUrl, { stopAt: (next) => next.origin === appOrigin });
  for (let i = 0; i < 4; i++) {
    if (hop.location && new URL(hop.location, hop.url).origin === appOrigin) return hop;
    const form = parseForm(hop.body);
    if (!form) throw new Error(`no form on provider page (status ${hop.status})`);
    if ('login' in form.fields || /name="login"/.test(hop.body)) {
      form.fields.login = login;
      form.fields.password = 'any-password';
    }
    const action = new URL(form.action, hop.url).href;
    const origin = new URL(hop.url).origin;
    hop = await browser.request(action, {
      method: 'POST',
      body: new URLSearchParams(form.fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    });
    if (hop.status >= 300 && hop.status < 400 && hop.location) {
      const next = new URL(hop.location, hop.url);
      if (next.origin === appOrigin) return hop;
      hop = await browser.follow(next.href, { stopAt: (n) => n.origin === appOrigin });
    }
  }
  throw new Error('provider never redirected back to the app');
}
