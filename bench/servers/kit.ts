/**
 * express-oauth-kit: express-session, `app.use(auth.router())`, then
 * `auth.loginRequired()` on the guarded route. GitHub points at the GitHub
 * emulator; with `withGeneric` a generic OAuth 2.0 provider (refresh tokens)
 * points at the OAuth 2.0 emulator and GET /refresh-probe calls
 * `req.oauth.fetch('generic', 'api/echo')`; with `withOidc` an `oidc()`
 * provider `mop` points at the mock OpenID provider. On the Redis store the
 * registry gets the same ioredis client as its `redis` option (README's
 * production setup). Started with BENCH_SWITCH_OFF (bench/lib/switch-off.mjs),
 * it runs the kit with one security property switched off, for price tags.
 */
import express from 'express';
import { createRegistry, github, oauth2, oidc } from '../../src/index.ts';
import { benchRoutes, protectedAnswer, redisStoreFor, serve, sessionMiddleware } from './common.ts';
import { readServerConfig } from '../lib/config.ts';

const config = readServerConfig();
const { store, counter } = redisStoreFor(config);
const gh = config.emulators.github;
const o2 = config.emulators.oauth2;

await serve(
  (url) => {
    const app = express();
    benchRoutes(app, counter);
    app.use(sessionMiddleware(store));
    if (config.setupRoute) {
      // Bench only (diagnostics): the session a GitHub login against the emulator writes, without the login.
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
          req.session.oauth = { user: profile, accounts: { github: { profile, tokens, linkedAt: Math.floor(Date.now() / 1000) } }, pending: {} };
          req.session.save((err2) => (err2 ? next(err2) : res.status(204).end()));
        });
      });
    }
    const auth = createRegistry({
      baseUrl: url,
      refreshSkewSeconds: config.refreshSkewSeconds,
      ...(config.kitRedisOption && counter ? { redis: counter.redis } : {}),
    });
    auth.register(
      github({
        clientId: gh.clientId,
        clientSecret: gh.clientSecret,
        authorizationEndpoint: `${gh.url}/login/oauth/authorize`,
        tokenEndpoint: `${gh.url}/login/oauth/access_token`,
        userinfoEndpoint: `${gh.url}/user`,
        apiBaseUrl: `${gh.url}/`,
      }),
    );
    if (config.withGeneric) {
      auth.register(
        oauth2({
          name: 'generic',
          clientId: o2.clientId,
          clientSecret: o2.clientSecret,
          authorizationEndpoint: `${o2.url}/authorize`,
          tokenEndpoint: `${o2.url}/token`,
          userinfoEndpoint: `${o2.url}/userinfo`,
          apiBaseUrl: `${o2.url}/`,
          clientAuth: 'client_secret_basic',
        }),
      );
    }
    if (config.withOidc) {
      const mop = config.emulators.mop;
      auth.register(oidc({ name: 'mop', issuer: mop.issuer, clientId: mop.clientId, clientSecret: mop.clientSecret }));
    }
    app.use(auth.router());
    app.get('/protected', auth.loginRequired(), (req, res) => protectedAnswer(res, (req.user as { id?: unknown }).id));
    app.get('/refresh-probe', auth.loginRequired({ provider: 'generic' }), async (req, res) => {
      const r = await req.oauth.fetch('generic', 'api/echo');
      res.status(r.status).json(await r.json());
    });
    app.use(auth.errorHandler());
    return app;
  },
  () => counter?.redis.quit().then(() => {}),
);
