/**
 * A local OpenID provider for the demo (oidc-provider with its development
 * login and consent pages), so the login flow works with no credentials and
 * no network. Any name and password sign in; `demo` is the demo user.
 * RP-initiated logout and back-channel logout are on, so the demo's
 * "Log out everywhere (at the provider too)" works end to end.
 * Development only: in-memory storage, keys made at start.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** oidc-provider's own start-up warnings that the demo answers with one line of its own. */
const KNOWN_WARNINGS = /^oidc-provider WARNING: (Unsupported runtime|a quick start development-only)/;

/**
 * Run `fn` with oidc-provider's known start-up warnings held back: "Unsupported
 * runtime. Use Node.js v22.x LTS" at import (oidc-provider 9 supports Node 22
 * LTS and later; on Node 20.19+ it works for this development-only provider,
 * and the kit's own tests run it there) and the "quick start development-only"
 * notes on the in-memory adapter and built-in login pages, which is exactly
 * what the demo wants. Any other warning passes through.
 */
async function withoutKnownWarnings<T>(fn: () => Promise<T> | T): Promise<{ value: T; held: string[] }> {
  const warn = console.warn;
  const held: string[] = [];
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && KNOWN_WARNINGS.test(args[0])) held.push(args[0]);
    else warn.apply(console, args);
  };
  try {
    return { value: await fn(), held };
  } finally {
    console.warn = warn;
  }
}

/** A running local provider. */
export interface LocalIdp {
  /** `http://127.0.0.1:<port>` (the kit allows http on loopback). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/** Options of {@link startLocalIdp}. */
export interface LocalIdpOptions {
  /** Port (default 0: a free port). */
  port?: number;
  /**
   * Interface to listen on (default 127.0.0.1). In a container, 0.0.0.0 lets a
   * published port reach it; the issuer stays http://127.0.0.1:<port> either way.
   */
  host?: string;
  /** The app's callback URLs, e.g. `http://localhost:3000/auth/local/callback`. */
  redirectUris: string[];
  /** Where the provider may send the browser after its logout, e.g. `http://localhost:3000/auth/logout/callback`. */
  postLogoutRedirectUris?: string[];
  /** The app's back-channel logout URI, e.g. `http://localhost:3000/auth/local/backchannel-logout`. */
  backchannelLogoutUri?: string;
  /** Startup notes (default `console.warn`). */
  log?: (line: string) => void;
}

/** The demo user, and a profile for any other name typed at the login page. */
function claimsFor(sub: string): Record<string, unknown> {
  if (sub === 'demo') {
    return { sub, name: 'Ada Lovelace', preferred_username: 'demo', email: 'ada@example.test', email_verified: true };
  }
  return { sub, name: sub, preferred_username: sub, email: `${sub}@example.test`, email_verified: false };
}

/**
 * Start the local provider (issuer http://127.0.0.1:<port>) with one confidential client for the demo.
 * @throws Error when the port is taken.
 */
export async function startLocalIdp(options: LocalIdpOptions): Promise<LocalIdp> {
  const log = options.log ?? ((line: string) => console.warn(line));
  const loaded = await withoutKnownWarnings(async () => (await import('oidc-provider')).default);
  const Provider = loaded.value;
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'express-oauth-kit-demo';
  const clientSecret = randomBytes(32).toString('base64url');
  // Fresh signing key per start (no "development-only signing keys" warning, nothing on disk).
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };

  const made = await withoutKnownWarnings(() => new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        client_name: 'express-oauth-kit demo',
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        ...(options.backchannelLogoutUri ? { backchannel_logout_uri: options.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      backchannelLogout: { enabled: true },
    },
    // oidc-provider refuses to call special-use addresses (its SSRF guard); the demo app is on localhost.
    // Development only: a real provider calls the app's public https URL.
    fetch: (url: string, init: RequestInit & { dispatcher?: unknown }) => {
      delete init.dispatcher;
      return fetch(url, init);
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    async findAccount(_ctx: unknown, sub: string) {
      return { accountId: sub, async claims() { return claimsFor(sub); } };
    },
  } as never));
  const provider = made.value;
  if (loaded.held.some((line) => line.includes('Unsupported runtime'))) {
    log(`demo: the local provider (oidc-provider) is supported on Node 22+; it runs here on Node ${process.versions.node} for development only.`);
  }
  if (made.held.length > 0) log('demo: the local provider keeps everything in memory and uses its built-in login pages (development only).');
  const callback = provider.callback();
  server.on('request', (req, res) => {
    // Browsers ask every origin for a favicon; answer it instead of logging a 404 on the sign-in pages.
    if (req.url === '/favicon.ico') {
      res.writeHead(204, { 'cache-control': 'public, max-age=86400' });
      return res.end();
    }
    callback(req, res);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
