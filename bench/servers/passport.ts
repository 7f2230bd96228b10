/**
 * Passport 0.7 + passport-oauth2 1.8 (`state: true, pkce: true`) against the
 * GitHub emulator, over the same express-session setup. The strategy fetches
 * GET /user after the code exchange (as passport-github2 does), so a login
 * does the same network work as the kit's. serializeUser stores the mapped
 * profile plus the access token in the session (no database, like the kit);
 * deserializeUser hands it back as is — the cheapest Passport setup.
 *
 *   app.use(passport.initialize()); app.use(passport.session());
 *   guard: req.isAuthenticated() ? next() : 401
 */
import express from 'express';
import passport from 'passport';
import OAuth2Strategy from 'passport-oauth2';
import { benchRoutes, protectedAnswer, redisStoreFor, serve, sessionMiddleware } from './common.ts';
import { GITHUB_SCOPE, readServerConfig } from '../lib/config.ts';

interface BenchUser {
  id: string;
  username?: string;
  name?: string;
  email?: string;
  avatarUrl?: string;
  accessToken?: string;
}

class GitHubLikeStrategy extends OAuth2Strategy {
  constructor(
    options: OAuth2Strategy.StrategyOptions,
    verify: OAuth2Strategy.VerifyFunction,
    private readonly userUrl: string,
  ) {
    super(options, verify);
    this.name = 'github';
    this._oauth2.useAuthorizationHeaderforGET(true);
  }

  override userProfile(accessToken: string, done: (err?: unknown, profile?: unknown) => void): void {
    this._oauth2.get(this.userUrl, accessToken, (err, body) => {
      if (err) return done(new Error('failed to fetch user profile'));
      try {
        const raw = JSON.parse(String(body)) as Record<string, unknown>;
        done(null, {
          id: String(raw.id),
          username: raw.login,
          name: raw.name,
          email: raw.email,
          avatarUrl: raw.avatar_url,
        });
      } catch (e) {
        done(e);
      }
    });
  }
}

const config = readServerConfig();
const { store, counter } = redisStoreFor(config);
const gh = config.emulators.github;

await serve(
  (url) => {
    const app = express();
    benchRoutes(app, counter);
    app.use(sessionMiddleware(store));
    passport.use(
      new GitHubLikeStrategy(
        {
          authorizationURL: `${gh.url}/login/oauth/authorize`,
          tokenURL: `${gh.url}/login/oauth/access_token`,
          clientID: gh.clientId,
          clientSecret: gh.clientSecret,
          callbackURL: `${url}/auth/github/callback`,
          scope: GITHUB_SCOPE,
          state: true,
          pkce: true,
          customHeaders: { 'User-Agent': 'passport-bench' },
        },
        (accessToken: string, _refreshToken: string, _params: unknown, profile: BenchUser, done: (err: unknown, user?: Express.User) => void) => {
          done(null, { ...profile, accessToken });
        },
        `${gh.url}/user`,
      ),
    );
    passport.serializeUser((user, done) => done(null, user));
    passport.deserializeUser((obj: Express.User, done) => done(null, obj));
    app.use(passport.initialize());
    app.use(passport.session());
    app.get('/auth/github/login', passport.authenticate('github'));
    app.get('/auth/github/callback', passport.authenticate('github', { failureRedirect: '/login-failed' }), (_req, res) => res.redirect(302, '/'));
    app.get('/protected', (req, res) => {
      if (req.isAuthenticated()) return protectedAnswer(res, (req.user as BenchUser).id);
      res.status(401).json({ error: 'login_required' });
    });
    return app;
  },
  () => counter?.redis.quit().then(() => {}),
);
