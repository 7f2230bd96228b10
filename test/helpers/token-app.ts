/**
 * An app with routes that call provider APIs through req.oauth, used by the
 * token tests in-process and as a separate instance (child process).
 */
import { pathToFileURL } from 'node:url';
import { startApp, type TestApp, type TestAppOptions } from './app.ts';
import { oauth2 } from '../../src/index.ts';
import type { RegistryOptions } from '../../src/types.ts';

export interface EmulatorRef {
  name: string;
  url: string;
  clientId: string;
  clientSecret: string;
}

export async function startTokenApp(emulators: EmulatorRef[], options: TestAppOptions & { registry?: Omit<RegistryOptions, 'baseUrl'> } = {}): Promise<TestApp> {
  const app = await startApp({
    ...options,
    mount(server, auth) {
      server.get('/call/:name', async (req, res, next) => {
        try {
          const r = await req.oauth.fetch(String(req.params.name), '/api/echo');
          res.status(r.status).json({ status: r.status, body: await r.json().catch(() => null) });
        } catch (err) {
          next(err);
        }
      });
      server.get('/slow-write', async (req, res) => {
        // Loaded before a concurrent refresh, modified, saved after it: the stale-save race.
        await new Promise((r) => setTimeout(r, Number(req.query.ms ?? 300)));
        (req.session as unknown as { visits?: number }).visits = ((req.session as unknown as { visits?: number }).visits ?? 0) + 1;
        res.json({ ok: true });
      });
      server.post('/unlink/:name', async (req, res, next) => {
        try {
          await req.oauth.unlink(String(req.params.name));
          res.json({ accounts: req.oauth.accounts(), authenticated: req.oauth.isAuthenticated() });
        } catch (err) {
          next(err);
        }
      });
      server.get('/tokens/:name', async (req, res, next) => {
        try {
          const t = await req.oauth.tokens(String(req.params.name));
          res.json({ version: t.version, expiresAt: t.expiresAt, hasRefresh: Boolean(t.refreshToken) });
        } catch (err) {
          next(err);
        }
      });
      options.mount?.(server, auth);
    },
  });
  for (const e of emulators) {
    app.auth.register(
      oauth2({
        name: e.name,
        clientId: e.clientId,
        clientSecret: e.clientSecret,
        authorizationEndpoint: `${e.url}/authorize`,
        tokenEndpoint: `${e.url}/token`,
        userinfoEndpoint: `${e.url}/userinfo`,
        revocationEndpoint: `${e.url}/revoke`,
        apiBaseUrl: `${e.url}/`,
      }),
    );
  }
  return app;
}

// As a child process: EMULATORS (JSON), PREFIX, REFRESH_SKEW → prints {"url": ...} and runs until killed.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const emulators = JSON.parse(process.env.EMULATORS ?? '[]') as EmulatorRef[];
  const app = await startTokenApp(emulators, {
    store: 'redis',
    prefix: process.env.PREFIX,
    kitRedis: true,
    registry: { refreshSkewSeconds: Number(process.env.REFRESH_SKEW ?? 60) },
  });
  process.stdout.write(`${JSON.stringify({ url: app.url })}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}
