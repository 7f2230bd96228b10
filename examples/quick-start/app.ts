/**
 * The README's Quick start as an app factory: everything that varies between
 * production and a test (the public origin, the session secret, the GitHub
 * provider) comes in as an argument, so a test can build the same app with a
 * fake provider standing in for GitHub (docs/testing.md).
 */
import express, { type Express } from 'express';
import session from 'express-session';
import { createRegistry, loginRequired, type Provider } from 'express-oauth-kit';

/** What {@link createApp} needs. */
export interface AppOptions {
  /** Public origin, e.g. `http://localhost:3000`; redirect_uri is built from it. */
  baseUrl: string;
  /** express-session secret (32+ random characters). */
  sessionSecret: string;
  /** The GitHub provider: `github({ clientId, clientSecret })`, or `fake.provider({ preset: 'github' })` in tests. */
  github: Provider;
}

/**
 * Build the Quick start app (not listening yet).
 *
 * @example
 * ```ts
 * createApp({ baseUrl: 'http://localhost:3000', sessionSecret: process.env.SESSION_SECRET!,
 *   github: github({ clientId: process.env.GITHUB_CLIENT_ID!, clientSecret: process.env.GITHUB_CLIENT_SECRET! }) }).listen(3000);
 * ```
 */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.use(session({ secret: options.sessionSecret, resave: false, saveUninitialized: false,
                    cookie: { httpOnly: true, sameSite: 'lax' } }));

  const auth = createRegistry({ baseUrl: options.baseUrl });
  auth.register(options.github);
  app.use(auth.router());

  app.get('/', (req, res) => res.send(req.user ? 'hello' : '<a href="/auth/github/login">Log in with GitHub</a>'));
  app.get('/me', loginRequired(), (req, res) => res.json(req.user));
  app.get('/repos', loginRequired({ provider: 'github' }), async (req, res) => {
    const r = await req.oauth.fetch('github', '/user/repos');
    res.json(await r.json());
  });
  app.use(auth.errorHandler());
  return app;
}
