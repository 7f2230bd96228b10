/**
 * The express-oauth-kit demo: an Express 5 app that uses the kit exactly as
 * an app would. Configure it with environment variables (see .env.example);
 * with no provider credentials it starts a local OpenID provider, so the
 * whole login works offline.
 *
 *   npm start                      # http://localhost:3000
 *   PORT=3999 node --import tsx demo-app/server.ts
 */
import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import session from 'express-session';
import { RedisStore } from 'connect-redis';
import helmet from 'helmet';
import { Redis } from 'ioredis';
import { createRegistry, github, twitter, x, google, oidc, loginRequired, OAuthError, safeReturnTo, type Provider } from 'express-oauth-kit';
import { startLocalIdp, type LocalIdp } from './local-idp.ts';
import { ERROR_MESSAGES, FAVICON_SVG, STYLESHEET, homePage, loginPage, logoutEverywherePage, messagePage, profilePage, reposPage, type PageContext, type ProviderLink, type RepoView } from './views.ts';

/** Options of {@link startDemo}; each falls back to its environment variable. */
export interface DemoOptions {
  /** Port to listen on (`PORT`, default 3000; 0 = a free port). */
  port?: number;
  /** Interface to listen on (`HOST`; default: 127.0.0.1 for port 0, else all interfaces). */
  host?: string;
  /** Public origin (`BASE_URL`; default http://localhost:<port>, or http://127.0.0.1:<port> for port 0). */
  baseUrl?: string;
  /** Session secret(s), comma-separated for rotation (`SESSION_SECRET`; default: random, with a warning). */
  sessionSecret?: string;
  /** Redis for sessions and refresh locks (`REDIS_URL`; default: the memory store, with a warning). */
  redisUrl?: string;
  /** Port of the bundled local provider (`LOCAL_IDP_PORT`; default a free port). */
  localIdpPort?: number;
  /** Interface the local provider listens on (`LOCAL_IDP_HOST`; default 127.0.0.1; 0.0.0.0 in a container). */
  localIdpHost?: string;
  /** Where configuration is read from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Startup notes and warnings (default `console.warn`). */
  log?: (line: string) => void;
}

/** A running demo. */
export interface Demo {
  /** The demo's public URL (its BASE_URL). */
  url: string;
  /** The port it listens on (useful with port 0 behind a BASE_URL). */
  port: number;
  /** The local provider's issuer, when it runs. */
  localIssuer?: string;
  close(): Promise<void>;
}

const SESSION_COOKIE = 'demo.sid';

function numberOption(value: number | string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got ${JSON.stringify(value)}.`);
  return n;
}

/** SECURITY S-22: at least 32 characters each; several (comma-separated) rotate, the first signs. */
function sessionSecrets(value: string | undefined, log: (line: string) => void): string[] {
  if (!value) {
    log('demo: SESSION_SECRET is not set; using a random one, so sessions end when the server restarts.');
    return [randomBytes(32).toString('base64url')];
  }
  const secrets = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (secrets.length === 0 || secrets.some((s) => s.length < 32)) {
    throw new Error('SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`); several, comma-separated, rotate.');
  }
  return secrets;
}

/** Real providers switch on when both of their variables are set. */
function realProviders(env: NodeJS.ProcessEnv, log: (line: string) => void): Provider[] {
  const pair = (idVar: string, secretVar: string, label: string): [string, string] | undefined => {
    const id = env[idVar];
    const secret = env[secretVar];
    if (id && secret) return [id, secret];
    if (id || secret) log(`demo: ${label} is off: set both ${idVar} and ${secretVar}.`);
    return undefined;
  };
  const providers: Provider[] = [];
  const gh = pair('GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET', 'GitHub');
  if (gh) providers.push(github({ clientId: gh[0], clientSecret: gh[1], scope: ['read:user', 'user:email'] }));
  const tw = pair('TWITTER_CONSUMER_KEY', 'TWITTER_CONSUMER_SECRET', 'Twitter');
  if (tw) providers.push(twitter({ consumerKey: tw[0], consumerSecret: tw[1] }));
  const xx = pair('X_CLIENT_ID', 'X_CLIENT_SECRET', 'X');
  if (xx) providers.push(x({ clientId: xx[0], clientSecret: xx[1] }));
  const gg = pair('GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET', 'Google');
  if (gg) providers.push(google({ clientId: gg[0], clientSecret: gg[1] }));
  return providers;
}

function wantsHtml(req: Request): boolean {
  return typeof req.headers.accept === 'string' && req.headers.accept.includes('text/html');
}

function httpsUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return new URL(value).protocol === 'https:' ? value : undefined;
  } catch {
    return undefined;
  }
}

function toRepoView(raw: unknown): RepoView | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.full_name !== 'string' && typeof r.name !== 'string') return undefined;
  return {
    name: String(r.full_name ?? r.name),
    description: typeof r.description === 'string' ? r.description : undefined,
    url: httpsUrl(r.html_url),
    private: r.private === true,
    stars: typeof r.stargazers_count === 'number' ? r.stargazers_count : 0,
  };
}

/**
 * Start the demo: listen, start the local provider when no real one is
 * configured, and serve the pages.
 *
 * @throws Error for a bad PORT / LOCAL_IDP_PORT, a short SESSION_SECRET, or a setup mistake the kit reports.
 * @example
 * ```ts
 * const demo = await startDemo({ port: 0 });
 * const res = await fetch(demo.url);
 * await demo.close();
 * ```
 */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.warn(line));
  const port = numberOption(options.port ?? env.PORT, 'PORT', 3000);
  const host = options.host ?? env.HOST ?? (port === 0 ? '127.0.0.1' : undefined);
  const secrets = sessionSecrets(options.sessionSecret ?? env.SESSION_SECRET, log);
  const redisUrl = options.redisUrl ?? env.REDIS_URL;

  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const baseUrl = (options.baseUrl ?? env.BASE_URL ?? (port === 0 ? `http://127.0.0.1:${actualPort}` : `http://localhost:${actualPort}`)).replace(/\/+$/, '');
  const https = new URL(baseUrl).protocol === 'https:';

  const cleanups: (() => Promise<void>)[] = [];
  const closeAll = async (): Promise<void> => {
    for (const fn of cleanups.reverse()) await fn().catch(() => {});
  };
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  try {
    let redis: Redis | undefined;
    if (redisUrl) {
      redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
      const client = redis;
      cleanups.push(async () => {
        await client.quit();
      });
    } else {
      log('demo: REDIS_URL is not set; sessions are kept in memory (one process only, lost on restart).');
    }

    const auth = createRegistry({ baseUrl, redis, loginPage: '/login' });
    const providers = realProviders(env, log);
    let idp: LocalIdp | undefined;
    if (providers.length === 0) {
      idp = await startLocalIdp({
        port: numberOption(options.localIdpPort ?? env.LOCAL_IDP_PORT, 'LOCAL_IDP_PORT', 0),
        host: options.localIdpHost ?? (env.LOCAL_IDP_HOST || undefined),
        redirectUris: [`${baseUrl}/auth/local/callback`],
        postLogoutRedirectUris: [`${baseUrl}/auth/logout/callback`],
        backchannelLogoutUri: `${baseUrl}/auth/local/backchannel-logout`,
        log,
      });
      const local = idp;
      cleanups.push(() => local.close());
      providers.push(oidc({ name: 'local', displayName: 'Local', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret }));
      log(`demo: no provider credentials set; a local OpenID provider runs at ${idp.issuer} (any name and password sign in).`);
    }
    for (const provider of providers) auth.register(provider);
    const links: ProviderLink[] = providers.map((p) => ({ name: p.name, displayName: p.displayName }));
    const hasGithub = providers.some((p) => p.name === 'github');

    const app = express();
    app.disable('x-powered-by');
    if (https) app.set('trust proxy', 1); // TLS ends at the proxy: req.secure from X-Forwarded-Proto, so Secure cookies are sent
    app.use(
      helmet({
        contentSecurityPolicy: {
          useDefaults: false,
          directives: auth.contentSecurityPolicy({
            'style-src': ["'self'"],
            'font-src': ["'self'"],
            'img-src': ["'self'", 'data:', 'https:'], // provider avatars
            'frame-ancestors': ["'none'"],
          }),
        },
        strictTransportSecurity: https ? { maxAge: 180 * 24 * 3600 } : false,
        xFrameOptions: { action: 'deny' }, // same as frame-ancestors 'none', for old browsers
      }),
    );
    app.use(
      session({
        name: SESSION_COOKIE,
        secret: secrets,
        resave: false,
        saveUninitialized: false,
        store: redis ? new RedisStore({ client: redis, prefix: 'demo:sess:' }) : undefined,
        cookie: { httpOnly: true, sameSite: 'lax', secure: https, path: '/', maxAge: 8 * 3600 * 1000 },
      }),
    );
    app.use(auth.router());

    const ctx = (req: Request): PageContext => ({ user: req.user as PageContext['user'], hasGithub });
    const html = (res: Response, status: number, body: string): void => {
      res.status(status).set('Cache-Control', 'no-store').type('html').send(body);
    };

    app.get('/style.css', (_req, res) => {
      res.type('css').set('Cache-Control', 'public, max-age=3600').send(STYLESHEET);
    });
    app.get('/favicon.svg', (_req, res) => {
      res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(FAVICON_SVG);
    });
    app.get('/favicon.ico', (_req, res) => {
      res.redirect(301, '/favicon.svg');
    });
    app.get('/', (req, res) => html(res, 200, homePage(ctx(req), links, idp !== undefined)));
    app.get('/login', (req, res) => {
      const returnTo = safeReturnTo(typeof req.query.returnTo === 'string' ? req.query.returnTo : undefined, '/profile');
      html(res, 200, loginPage(ctx(req), links, returnTo));
    });
    app.get('/profile', loginRequired(), (req, res) => html(res, 200, profilePage(ctx(req), req.oauth.accounts(), links)));
    // "Log out everywhere (at the provider too)": every other session of this account ends (on every
    // instance), then the kit's federated logout ends this one and the provider's (RP-initiated logout).
    app.get('/logout/everywhere', loginRequired(), (req, res) => html(res, 200, logoutEverywherePage(ctx(req))));
    app.post('/logout/everywhere', loginRequired(), async (req, res, next) => {
      try {
        if (!sameOrigin(req, new URL(baseUrl).origin)) return html(res, 403, messagePage(ctx(req), 'Refused', 'This request came from another site.'));
        const user = req.user as { provider?: string; id?: string };
        if (user.provider && user.id) await auth.endSessions({ provider: user.provider, accountId: user.id, except: req.sessionID });
        res.redirect(307, '/auth/logout?federated=1&returnTo=%2F'); // 307: the browser POSTs the logout itself
      } catch (err) {
        next(err);
      }
    });
    if (hasGithub) {
      app.get('/repos', loginRequired({ provider: 'github' }), async (req, res) => {
        const r = await req.oauth.fetch('github', '/user/repos?per_page=20');
        if (!r.ok) {
          await r.body?.cancel();
          return html(res, 502, messagePage(ctx(req), 'GitHub is unavailable', `GitHub did not return your repositories (HTTP ${r.status}). Try again later.`));
        }
        const list: unknown = await r.json();
        const repos = Array.isArray(list) ? list.map(toRepoView).filter((v): v is RepoView => v !== undefined) : [];
        html(res, 200, reposPage(ctx(req), repos));
      });
    } else {
      app.get('/repos', (req, res) =>
        html(res, 404, messagePage(ctx(req), 'GitHub is not configured', 'Set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET to list your repositories.')),
      );
    }
    app.use((req, res) => {
      if (wantsHtml(req)) html(res, 404, messagePage(ctx(req), 'Not found', 'There is no page at this address.'));
      else res.status(404).json({ error: 'not_found' });
    });
    // Only the error code and a fixed message reach the page; never text a provider sent.
    const errorPage: ErrorRequestHandler = (err, req, res, next) => {
      if (res.headersSent) return next(err);
      const oauth = err instanceof OAuthError;
      const clientStatus = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? (err.status as number) : undefined;
      const status = oauth ? err.status : (clientStatus ?? 500);
      const code = oauth ? err.code : clientStatus ? 'bad_request' : 'internal_error';
      if (!oauth && !clientStatus) log(`demo: ${req.method} ${req.path} failed: ${err instanceof Error ? err.name : 'error'}`);
      res.set('X-Content-Type-Options', 'nosniff');
      if (wantsHtml(req)) {
        const message = ERROR_MESSAGES[code] ?? ERROR_MESSAGES.internal_error!;
        html(res, status, messagePage(ctx(req), status >= 500 ? 'Something went wrong' : 'Login problem', message, code));
      } else {
        res.status(status).set('Cache-Control', 'no-store').json({ error: code });
      }
    };
    app.use(errorPage);

    server.on('request', app);
    return {
      url: baseUrl,
      port: actualPort,
      localIssuer: idp?.issuer,
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

/** A same-origin browser request (Fetch Metadata, else Origin), as the kit's own logout checks. */
function sameOrigin(req: Request, origin: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  return req.headers.origin === undefined || req.headers.origin === origin;
}

function isEntryPoint(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/**
 * `npm start` runs the demo through `sh -c`, and a shell that gets SIGTERM
 * from npm dies without passing it on: `kill <npm's pid>` would leave the demo
 * holding its port. So the demo stops when the process that started it is
 * gone (its parent id changes), whatever started it.
 */
function stopWhenOrphaned(stop: () => void): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 500).unref();
}

if (isEntryPoint()) {
  const demo = await startDemo();
  console.log(`express-oauth-kit demo on ${demo.url}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    demo.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  stopWhenOrphaned(stop);
}
