/**
 * express-openid-connect 3.4 against the mock OpenID provider
 * (test/emulators/oidc-mop.ts): `auth({ authRequired: false, ... })` and
 * `requiresAuth()` on the guarded route. Code flow (response_type=code, PKCE)
 * so the login can be completed over plain HTTP; its session is its own
 * encrypted `appSession` cookie (memory) or, with Redis, its custom-store
 * mode over connect-redis (signed session-id cookie).
 */
import express from 'express';
import eoc from 'express-openid-connect'; // CommonJS: named exports are not visible to ESM

import { benchRoutes, protectedAnswer, redisStoreFor, serve } from './common.ts';
import { readServerConfig, SESSION_SECRET } from '../lib/config.ts';

const { auth, requiresAuth } = eoc;
const config = readServerConfig();
const { store, counter } = redisStoreFor(config);
const mop = config.emulators.mop;

await serve(
  (url) => {
    const app = express();
    benchRoutes(app, counter);
    app.use(
      auth({
        authRequired: false,
        auth0Logout: false,
        idpLogout: false,
        baseURL: url,
        clientID: mop.clientId,
        clientSecret: mop.clientSecret,
        issuerBaseURL: mop.issuer,
        secret: SESSION_SECRET,
        authorizationParams: { response_type: 'code', response_mode: 'query', scope: 'openid profile email' },
        ...(store ? { session: { store: store as never } } : {}),
      }),
    );
    app.get('/protected', requiresAuth(), (req, res) => protectedAnswer(res, req.oidc.user?.sub));
    return app;
  },
  () => counter?.redis.quit().then(() => {}),
);
