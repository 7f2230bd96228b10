/**
 * Baseline: express-session and a hand-written check, no auth library.
 *
 *   if (req.session.user) next() else 401
 *
 * The session is filled by a bench-only route, POST /__bench/login, with the
 * same shape and size of data the kit stores after a GitHub login (the
 * profile as `user`, and `accounts.github = { profile, tokens, linkedAt }`),
 * so that the baseline parses as many session bytes as the kit does.
 */
import express from 'express';
import { benchRoutes, protectedAnswer, redisStoreFor, serve, sessionMiddleware } from './common.ts';
import { readServerConfig } from '../lib/config.ts';

declare module 'express-session' {
  interface SessionData {
    user?: { id: string };
    accounts?: Record<string, unknown>;
  }
}

const config = readServerConfig();
const { store, counter } = redisStoreFor(config);

await serve(
  () => {
    const app = express();
    benchRoutes(app, counter);
    app.use(sessionMiddleware(store));
    app.post('/__bench/login', (req, res, next) => {
      const profile = {
        provider: 'github',
        id: '583231',
        username: 'octocat',
        name: 'The Octocat',
        email: 'octocat@github.com',
        avatarUrl: 'https://avatars.githubusercontent.com/u/583231?v=4',
      };
      const tokens = { accessToken: `gho_${'A1b2C3d4E5'.repeat(4).slice(0, 36)}`, tokenType: 'bearer', scope: 'read:user,user:email' };
      req.session.regenerate((err) => {
        if (err) return next(err);
        req.session.user = profile;
        req.session.accounts = { github: { profile, tokens, linkedAt: Math.floor(Date.now() / 1000) } };
        req.session.save((err2) => (err2 ? next(err2) : res.status(204).end()));
      });
    });
    const guard = (req: express.Request, res: express.Response, next: express.NextFunction): void => {
      if (req.session.user) return next();
      res.status(401).json({ error: 'login_required' });
    };
    if (config.noopLayers) {
      // Diagnostics: the same number of layers as the kit's app (router() middleware + guard), doing nothing.
      app.use((_req, _res, next) => next());
      app.get('/protected', guard, (req, res) => protectedAnswer(res, req.session.user!.id));
    } else {
      app.get('/protected', (req, res) => {
        if (req.session.user) return protectedAnswer(res, req.session.user.id);
        res.status(401).json({ error: 'login_required' });
      });
    }
    return app;
  },
  () => counter?.redis.quit().then(() => {}),
);
