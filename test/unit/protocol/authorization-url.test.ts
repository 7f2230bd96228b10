import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as openidClient from 'openid-client';
import { calculateCodeChallenge, createLoginSecrets } from '../../../src/protocol/login-secrets.ts';
import { OpenIdAdapter } from '../../../src/protocol/openid-adapter.ts';
import { oauth2 } from '../../../src/index.ts';
import type { OAuth2Provider } from '../../../src/types.ts';

const limits = { timeoutMs: 1000, maxBytes: 1 << 20 };

/** The URL openid-client builds from every parameter at once (the adapter's per-request path). */
async function reference(adapter: OpenIdAdapter, p: OAuth2Provider, redirectUri: string, secrets: ReturnType<typeof createLoginSecrets>): Promise<URL> {
  const params: Record<string, string> = { ...p.authorizationParams, response_type: 'code', redirect_uri: redirectUri, state: secrets.state };
  if (p.scope.length > 0) params.scope = p.scope.join(p.scopeSeparator);
  if (secrets.codeVerifier) {
    params.code_challenge = calculateCodeChallenge(secrets.codeVerifier);
    params.code_challenge_method = 'S256';
  }
  if (secrets.nonce) params.nonce = secrets.nonce;
  if (p.responseMode === 'form_post') params.response_mode = 'form_post';
  return openidClient.buildAuthorizationUrl(await adapter.configuration(), params);
}

const sorted = (u: URL) => [...u.searchParams].sort(([a], [b]) => a.localeCompare(b));

test('authorization URL built once per redirect_uri has exactly the parameters openid-client gives for each login', async () => {
  const providers = [
    oauth2({ name: 'a', clientId: 'c1', clientSecret: 's', authorizationEndpoint: 'https://a.example/authorize', tokenEndpoint: 'https://a.example/token', scope: ['read:user', 'user:email'] }),
    oauth2({ name: 'b', clientId: 'c 2/+', clientSecret: 's', authorizationEndpoint: 'https://b.example/o/authorize?tenant=x%20y', tokenEndpoint: 'https://b.example/token', scope: [], pkce: false }),
    oauth2({ name: 'c', clientId: 'c3', clientSecret: 's', authorizationEndpoint: 'https://c.example/auth', tokenEndpoint: 'https://c.example/token', authorizationParams: { prompt: 'consent', access_type: 'offline' }, scope: ['openid', 'c&d'] }),
    oauth2({ name: 'd', clientId: 'c4', clientSecret: 's', authorizationEndpoint: 'https://d.example/auth', tokenEndpoint: 'https://d.example/token', authorizationParams: { state: 'theirs' } }),
  ];
  for (const p of providers) {
    const adapter = new OpenIdAdapter(p, limits);
    for (const redirectUri of ['https://app.example/auth/x/callback', 'https://app.example/base/auth/x/callback?q=1']) {
      for (let i = 0; i < 5; i++) {
        const secrets = createLoginSecrets(p);
        const got = await adapter.buildAuthorizationUrl(redirectUri, secrets);
        const want = await reference(adapter, p, redirectUri, secrets);
        assert.equal(`${got.origin}${got.pathname}`, `${want.origin}${want.pathname}`, p.name);
        assert.deepEqual(sorted(got), sorted(want), `${p.name} ${redirectUri}`);
        assert.equal(got.searchParams.getAll('state').length, 1, 'one state');
        assert.equal(got.searchParams.get('state'), secrets.state, 'the login\'s own state wins');
      }
    }
  }
});
