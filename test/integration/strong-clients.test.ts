/**
 * Stronger clients against a real oidc-provider: private_key_jwt (RSA / EC,
 * JWK / PEM / KeyObject) and client_secret_jwt at every token-endpoint call,
 * pushed authorization requests (explicit and required by discovery), and
 * DPoP-bound tokens with nonces, refresh and a resource server that checks
 * every proof.
 */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { Browser } from '../helpers/http-client.ts';
import { startApp, type TestApp, type TestAppOptions } from '../helpers/app.ts';
import { signInAtProvider } from '../helpers/oidc-server.ts';
import { decodeJwt, startResourceServer, startStrongOidcServer, type ResourceServer, type StrongOidcServer } from '../helpers/strong-oidc-server.ts';
import { createRegistry, oauth2, oidc, OAuthConfigError } from '../../src/index.ts';
import { getTokens } from '../../src/session/account-tokens.ts';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = generateKeyPairSync('ed25519');
const publicJwk = (key: typeof rsa.publicKey, kid: string) => ({ ...key.export({ format: 'jwk' }), kid, use: 'sig' });
const rsaPrivateJwk: JsonWebKey = { ...rsa.privateKey.export({ format: 'jwk' }), kid: 'rsa-1' };
const ecPrivatePem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const SJ_SECRET = 'client-secret-jwt-secret-0123456789abcdefghij';
const BASIC_SECRET = 'basic-client-secret-0123456789abcdefghij';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const clients = [
  { client_id: 'pk-client', token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [publicJwk(rsa.publicKey, 'rsa-1'), publicJwk(ec.publicKey, 'ec-1'), publicJwk(ed.publicKey, 'ed-1')] } },
  { client_id: 'sj-client', client_secret: SJ_SECRET, token_endpoint_auth_method: 'client_secret_jwt' },
  { client_id: 'basic-client', client_secret: BASIC_SECRET, token_endpoint_auth_method: 'client_secret_basic' },
];

async function login(app: TestApp, name: string, user = 'alice') {
  const browser = new Browser();
  const start = await browser.request(`${app.url}/auth/${name}/login?returnTo=/protected`);
  assert.equal(start.status, 302, start.body);
  const back = await signInAtProvider(browser, start.location!, app.url, user);
  const done = await browser.request(new URL(back.location!, back.url).href, { headers: { accept: 'application/json' } });
  return { browser, start, done };
}

describe('client authentication with a signed JWT', () => {
  let app: TestApp;
  let op: StrongOidcServer;
  const names = ['pkrsa', 'pkec', 'pkobj', 'pkps', 'pked', 'pkwrong', 'sjwt'];
  before(async () => {
    app = await startApp({
      mount: (express) => {
        // A refresh now (as when the access token is due), through the kit's own token access.
        express.get('/force-refresh/:name', async (req, res) => {
          const fresh = await getTokens(req.oauth.kit, req, req.params.name!, true);
          res.json({ refreshed: fresh.version });
        });
      },
    });
    op = await startStrongOidcServer({ redirectUris: names.map((n) => `${app.url}/auth/${n}/callback`), clients });
    const base = { issuer: op.issuer, clientId: 'pk-client', clientAuth: 'private_key_jwt' as const };
    app.auth.register(oidc({ ...base, name: 'pkrsa', privateKey: rsaPrivateJwk }));
    app.auth.register(oidc({ ...base, name: 'pkec', privateKey: ecPrivatePem, privateKeyId: 'ec-1' }));
    app.auth.register(oidc({ ...base, name: 'pkobj', privateKey: rsa.privateKey, privateKeyId: 'rsa-1' }));
    app.auth.register(oidc({ ...base, name: 'pkps', privateKey: { ...rsaPrivateJwk, alg: 'PS256' } }));
    app.auth.register(oidc({ ...base, name: 'pked', privateKey: ed.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, privateKeyId: 'ed-1' }));
    app.auth.register(oidc({ ...base, name: 'pkwrong', privateKey: other.privateKey.export({ format: 'jwk' }), privateKeyId: 'ec-1' }));
    app.auth.register(oidc({ name: 'sjwt', issuer: op.issuer, clientId: 'sj-client', clientSecret: SJ_SECRET, clientAuth: 'client_secret_jwt' }));
  });
  after(async () => {
    await app?.close();
    await op?.close();
  });

  for (const [name, alg, kid] of [['pkrsa', 'RS256', 'rsa-1'], ['pkec', 'ES256', 'ec-1'], ['pkobj', 'RS256', 'rsa-1'], ['pkps', 'PS256', 'rsa-1'], ['pked', 'EdDSA', 'ed-1']] as const) {
    test(`private_key_jwt (${name}): full login, the provider receives a ${alg} assertion and no secret`, async () => {
      const seen = op.received.length;
      const { done } = await login(app, name);
      assert.equal(done.status, 302, done.body);
      assert.equal(done.location, '/protected');
      const req = op.received.slice(seen).find((r) => r.path === '/token')!;
      assert.equal(req.status, 200);
      assert.equal(req.body.grant_type, 'authorization_code');
      assert.equal(req.body.client_assertion_type, ASSERTION_TYPE);
      assert.equal(req.body.client_secret, undefined);
      assert.equal(req.authorization, undefined, 'no Basic header');
      const { header, payload } = decodeJwt(req.body.client_assertion!);
      assert.equal(header.alg, alg);
      assert.equal(header.kid, kid);
      assert.equal(payload.iss, 'pk-client');
      assert.equal(payload.sub, 'pk-client');
      assert.equal(payload.aud, op.issuer);
      assert.ok(typeof payload.jti === 'string' && payload.jti.length >= 16);
      assert.ok(payload.exp > Date.now() / 1000 && payload.exp - payload.iat <= 300);
    });
  }

  test('private_key_jwt with a key the provider does not know → token_exchange_failed (502)', async () => {
    const { done } = await login(app, 'pkwrong');
    assert.equal(done.status, 502, done.body);
    assert.equal(JSON.parse(done.body).error, 'token_exchange_failed');
    assert.ok(!done.body.includes('"d"'));
  });

  test('client_secret_jwt: full login with an HS256 assertion, the secret never on the wire', async () => {
    const seen = op.received.length;
    const { done } = await login(app, 'sjwt');
    assert.equal(done.status, 302, done.body);
    const req = op.received.slice(seen).find((r) => r.path === '/token')!;
    assert.equal(req.body.client_assertion_type, ASSERTION_TYPE);
    assert.equal(decodeJwt(req.body.client_assertion!).header.alg, 'HS256');
    assert.equal(decodeJwt(req.body.client_assertion!).payload.iss, 'sj-client');
    assert.equal(req.authorization, undefined);
    assert.ok(!JSON.stringify(req).includes(SJ_SECRET));
  });

  test('client credentials grant uses private_key_jwt', async () => {
    const seen = op.received.length;
    const tokens = await app.auth.clientCredentials('pkrsa');
    assert.ok(tokens.accessToken);
    const req = op.received.slice(seen).find((r) => r.path === '/token')!;
    assert.equal(req.body.grant_type, 'client_credentials');
    assert.equal(req.body.client_assertion_type, ASSERTION_TYPE);
    assert.equal(decodeJwt(req.body.client_assertion!).header.kid, 'rsa-1');
  });

  test('refresh grant uses the assertion', async () => {
    const { browser, done } = await login(app, 'pkec');
    assert.equal(done.status, 302);
    const seen = op.received.length;
    const r = await browser.request(`${app.url}/force-refresh/pkec`, { headers: { accept: 'application/json' } });
    assert.equal(r.status, 200, r.body);
    const req = op.received.slice(seen).find((x) => x.path === '/token')!;
    assert.equal(req.body.grant_type, 'refresh_token');
    assert.equal(req.body.client_assertion_type, ASSERTION_TYPE);
    assert.equal(decodeJwt(req.body.client_assertion!).header.alg, 'ES256');
  });

  test('revocation at logout is authenticated with the assertion too', async () => {
    const { browser, done } = await login(app, 'pkec');
    assert.equal(done.status, 302);
    const seen = op.received.length;
    const out = await browser.request(`${app.url}/auth/logout`, { method: 'POST' });
    assert.equal(out.status, 303);
    for (let i = 0; i < 50 && !op.received.slice(seen).some((r) => r.path === '/token/revocation'); i++) await new Promise((r) => setTimeout(r, 20));
    const revocation = op.received.slice(seen).find((r) => r.path === '/token/revocation')!;
    assert.ok(revocation, 'revocation sent');
    assert.equal(revocation.status, 200);
    assert.equal(revocation.body.client_assertion_type, ASSERTION_TYPE);
    assert.equal(decodeJwt(revocation.body.client_assertion!).header.alg, 'ES256');
  });

  test('setup errors at register(): missing key or secret, a public key given as private', () => {
    const auth = createRegistry({ baseUrl: 'http://127.0.0.1:3000' });
    const base = { name: 'x', issuer: 'https://id.example.com', clientId: 'c' };
    const noKey = oidc({ ...base, clientAuth: 'private_key_jwt' });
    assert.throws(() => auth.register(noKey), (err: Error) => err instanceof OAuthConfigError && /privateKey/.test(err.message));
    const noSecret = oidc({ ...base, clientAuth: 'client_secret_jwt' });
    assert.throws(() => auth.register(noSecret), (err: Error) => err instanceof OAuthConfigError && /clientSecret/.test(err.message));
    assert.throws(() => auth.register(oidc({ ...base, clientAuth: 'private_key_jwt', privateKey: publicJwk(ec.publicKey, 'k') })), OAuthConfigError);
    assert.throws(() => auth.register(oidc({ ...base, clientAuth: 'private_key_jwt', privateKey: ec.publicKey })), OAuthConfigError);
    assert.throws(() => auth.register(oidc({ ...base, clientAuth: 'private_key_jwt', privateKey: ec.publicKey.export({ type: 'spki', format: 'pem' }) as string })), OAuthConfigError);
    assert.throws(() => auth.register(oidc({ ...base, clientAuth: 'private_key_jwt', privateKey: { ...rsaPrivateJwk, alg: 'ES256' } })), OAuthConfigError);
    assert.deepEqual(auth.providerNames(), []);
    auth.register(oidc({ ...base, privateKey: rsaPrivateJwk }));
    assert.equal(auth.provider('x')!.protocol === 'oidc' && (auth.provider('x') as { clientAuth: string }).clientAuth, 'private_key_jwt');
  });
});

describe('pushed authorization requests', () => {
  let app: TestApp;
  let op: StrongOidcServer;
  let requiredOp: StrongOidcServer;
  before(async () => {
    app = await startApp();
    const redirectUris = ['par', 'required', 'badpar'].map((n) => `${app.url}/auth/${n}/callback`);
    op = await startStrongOidcServer({ redirectUris, clients });
    requiredOp = await startStrongOidcServer({ redirectUris, clients, requirePar: true });
    app.auth.register(oidc({ name: 'par', issuer: op.issuer, clientId: 'pk-client', privateKey: rsaPrivateJwk, pushedAuthorizationRequests: true }));
    app.auth.register(oidc({ name: 'required', issuer: requiredOp.issuer, clientId: 'basic-client', clientSecret: BASIC_SECRET }));
    app.auth.register(
      oauth2({
        name: 'badpar',
        clientId: 'basic-client',
        clientSecret: BASIC_SECRET,
        authorizationEndpoint: `${op.issuer}/auth`,
        tokenEndpoint: `${op.issuer}/token`,
        pushedAuthorizationRequestEndpoint: `${op.issuer}/no-such-par-endpoint`,
        pushedAuthorizationRequests: true,
      }),
    );
  });
  after(async () => {
    await app?.close();
    await op?.close();
    await requiredOp?.close();
  });

  test('explicit PAR: the full request is pushed with client auth, the browser URL carries only client_id and request_uri', async () => {
    const seen = op.received.length;
    const { start, done } = await login(app, 'par');
    const url = new URL(start.location!);
    assert.equal(url.origin + url.pathname, `${op.issuer}/auth`);
    assert.deepEqual([...url.searchParams.keys()].sort(), ['client_id', 'request_uri']);
    assert.equal(url.searchParams.get('client_id'), 'pk-client');
    assert.match(url.searchParams.get('request_uri')!, /^urn:ietf:params:oauth:request_uri:/);
    const pushed = op.received.slice(seen).find((r) => r.path === '/request')!;
    assert.equal(pushed.status, 201);
    for (const field of ['state', 'nonce', 'code_challenge', 'redirect_uri', 'scope', 'response_type']) assert.ok(pushed.body[field], `${field} pushed`);
    assert.equal(pushed.body.code_challenge_method, 'S256');
    assert.equal(pushed.body.redirect_uri, `${app.url}/auth/par/callback`);
    assert.equal(pushed.body.client_assertion_type, ASSERTION_TYPE);
    assert.equal(done.status, 302, done.body);
    assert.equal(done.location, '/protected');
  });

  test('PAR required by discovery (require_pushed_authorization_requests) is used without the option', async () => {
    const seen = requiredOp.received.length;
    const { start, done } = await login(app, 'required', 'bob');
    assert.deepEqual([...new URL(start.location!).searchParams.keys()].sort(), ['client_id', 'request_uri']);
    const pushed = requiredOp.received.slice(seen).find((r) => r.path === '/request')!;
    assert.match(pushed.authorization!, /^Basic /);
    assert.equal(done.status, 302, done.body);
  });

  test('per-login parameters are pushed too (and only the allowed ones); the browser URL still carries only client_id and request_uri', async () => {
    const seen = op.received.length;
    const browser = new Browser();
    const start = await browser.request(`${app.url}/auth/par/login?prompt=login&login_hint=carol&max_age=60&redirect_uri=https://evil.example/cb&request_uri=urn:evil`);
    assert.equal(start.status, 302, start.body);
    assert.deepEqual([...new URL(start.location!).searchParams.keys()].sort(), ['client_id', 'request_uri']);
    assert.notEqual(new URL(start.location!).searchParams.get('request_uri'), 'urn:evil');
    const pushed = op.received.slice(seen).find((r) => r.path === '/request')!;
    assert.equal(pushed.body.prompt, 'login');
    assert.equal(pushed.body.login_hint, 'carol');
    assert.equal(pushed.body.max_age, '60');
    assert.equal(pushed.body.redirect_uri, `${app.url}/auth/par/callback`);
    assert.equal(pushed.body.request_uri, undefined);
    const back = await signInAtProvider(browser, start.location!, app.url, 'carol');
    const done = await browser.request(new URL(back.location!, back.url).href, { headers: { accept: 'application/json' } });
    assert.equal(done.status, 302, done.body);
  });

  test('a failing PAR endpoint → 502 provider_error, and no pending login is saved', async () => {
    const browser = new Browser();
    const res = await browser.request(`${app.url}/auth/badpar/login`, { headers: { accept: 'application/json' } });
    assert.equal(res.status, 502);
    assert.equal(JSON.parse(res.body).error, 'provider_error');
    assert.equal(res.headers.get('set-cookie'), null, 'no session was made');
  });
});

describe('DPoP-bound tokens', () => {
  let app: TestApp;
  let op: StrongOidcServer;
  let rs: ResourceServer;
  const TOKEN_KEY = Buffer.alloc(32, 3).toString('base64');
  before(async () => {
    app = await startApp({
      store: 'redis',
      registry: { refreshSkewSeconds: 0, tokenEncryptionKeys: [TOKEN_KEY] },
      mount: (express, auth) => {
        express.get('/call', auth.loginRequired(), async (req, res) => {
          const r = await req.oauth.fetch(String(req.query.p ?? 'dpop'), `${rs.url}/api/thing`);
          res.status(r.status).json(await r.json());
        });
      },
    });
    op = await startStrongOidcServer({ redirectUris: [`${app.url}/auth/dpop/callback`, `${app.url}/auth/bank/callback`], clients, dpopNonce: true, accessTokenTtl: 3600 });
    rs = await startResourceServer(op);
    app.auth.register(oidc({ name: 'dpop', issuer: op.issuer, clientId: 'pk-client', privateKey: rsaPrivateJwk, dpop: true, apiBaseUrl: rs.url }));
    // The README's "bank" example: all three at once.
    app.auth.register(oidc({ name: 'bank', issuer: op.issuer, clientId: 'pk-client', privateKey: ecPrivatePem, privateKeyId: 'ec-1', dpop: true, pushedAuthorizationRequests: true, apiBaseUrl: rs.url }));
  });
  after(async () => {
    await app?.close();
    await op?.close();
    await rs?.close();
  });

  test('DPoP login (nonce challenge at the token endpoint), protected calls with proofs bound to the token, refresh with the same key', async () => {
    const seen = op.received.length;
    const { browser, done } = await login(app, 'dpop');
    assert.equal(done.status, 302, done.body);
    const tokenCalls = op.received.slice(seen).filter((r) => r.path === '/token');
    assert.equal(tokenCalls.length, 2, 'use_dpop_nonce answered once, then retried');
    assert.equal(tokenCalls[0]!.status, 400);
    assert.equal(tokenCalls[1]!.status, 200);
    const proof = decodeJwt(tokenCalls[1]!.dpop!);
    assert.equal(proof.header.typ, 'dpop+jwt');
    assert.equal(proof.header.alg, 'ES256');
    assert.equal(proof.header.jwk.d, undefined, 'only the public key in the proof');
    assert.equal(proof.payload.htm, 'POST');
    assert.equal(proof.payload.htu, `${op.issuer}/token`);
    assert.ok(proof.payload.nonce, 'the retry carries the server nonce');
    // No key material in the browser's cookies.
    const cookies = browser.jar.header(new URL(app.url)) ?? "";
    assert.ok(!cookies.includes(proof.header.jwk.x));

    const first = await browser.request(`${app.url}/call`, { headers: { accept: 'application/json' } });
    assert.equal(first.status, 200, first.body);
    assert.deepEqual(rs.calls.map((c) => c.ok), [false, true], 'one use_dpop_nonce challenge, then the proof with the nonce');
    assert.equal(rs.calls[0]!.reason, 'nonce');
    const jkt = JSON.parse(first.body).jkt;
    const second = await browser.request(`${app.url}/call`, { headers: { accept: 'application/json' } });
    assert.equal(second.status, 200, second.body);
    assert.equal(rs.calls.length, 3, 'the server nonce is remembered: no new challenge');
    assert.equal(rs.calls[2]!.htm, 'GET');
    assert.equal(rs.calls[2]!.htu, `${rs.url}/api/thing`);

    // Stored sealed: the Redis session does not hold the key in clear.
    const keys = await app.redis!.keys(`${app.prefix}*`);
    const stored = (await Promise.all(keys.map((k) => app.redis!.get(k)))).join('\n');
    assert.ok(!stored.includes(proof.header.jwk.x), 'DPoP key sealed with the tokens');

    // Refresh: the access token is revoked at the provider, so the next call gets a 401, refreshes
    // (with a DPoP proof by the same key) and retries once.
    const stale = await (op.provider as any).AccessToken.find(rs.calls[2]!.token);
    await stale.destroy();
    const before = op.received.length;
    const third = await browser.request(`${app.url}/call`, { headers: { accept: 'application/json' } });
    assert.equal(third.status, 200, third.body);
    const refresh = op.received.slice(before).filter((r) => r.path === '/token' && r.body.grant_type === 'refresh_token');
    assert.ok(refresh.length >= 1, 'refresh grant sent');
    const refreshProof = decodeJwt(refresh.at(-1)!.dpop!);
    assert.equal(refreshProof.header.jwk.x, proof.header.jwk.x, 'the same key at refresh');
    assert.equal(JSON.parse(third.body).jkt, jkt, 'the new token is bound to the same key');
  });

  test('private_key_jwt + PAR + DPoP at once: pushed login, DPoP-bound tokens, a protected call', async () => {
    const seen = op.received.length;
    const { browser, start, done } = await login(app, 'bank', 'carol');
    assert.equal(done.status, 302, done.body);
    assert.deepEqual([...new URL(start.location!).searchParams.keys()].sort(), ['client_id', 'request_uri']);
    const mine = op.received.slice(seen);
    assert.equal(mine.find((r) => r.path === '/request')!.body.client_assertion_type, ASSERTION_TYPE);
    const token = mine.filter((r) => r.path === '/token').at(-1)!;
    assert.equal(token.status, 200);
    assert.equal(decodeJwt(token.body.client_assertion!).header.alg, 'ES256');
    assert.ok(token.dpop);
    const r = await browser.request(`${app.url}/call?p=bank`, { headers: { accept: 'application/json' } });
    assert.equal(r.status, 200, r.body);
    assert.equal(JSON.parse(r.body).sub, 'carol');
  });
});


describe('DPoP across instances', () => {
  const prefix = `test:strong:${process.pid}:${Math.random().toString(36).slice(2)}:`;
  let a: TestApp;
  let b: TestApp;
  let op: StrongOidcServer;
  let rs: ResourceServer;
  const TOKEN_KEY = Buffer.alloc(32, 9).toString('base64');
  const mount: TestAppOptions['mount'] = (express) => {
    express.get('/call', async (req, res) => {
      const r = await req.oauth.fetch('dpop', '/api/thing');
      res.status(r.status).json(await r.json());
    });
  };
  before(async () => {
    const options = { store: 'redis' as const, kitRedis: true, prefix, registry: { tokenEncryptionKeys: [TOKEN_KEY] }, mount };
    a = await startApp(options);
    b = await startApp(options);
    op = await startStrongOidcServer({ redirectUris: [`${a.url}/auth/dpop/callback`], clients, dpopNonce: true });
    rs = await startResourceServer(op);
    for (const app of [a, b]) app.auth.register(oidc({ name: 'dpop', issuer: op.issuer, clientId: 'basic-client', clientSecret: BASIC_SECRET, dpop: true, apiBaseUrl: rs.url }));
  });
  after(async () => {
    const keys = await a.redis!.keys(`${prefix}*`);
    if (keys.length) await a.redis!.del(...keys);
    await a?.close();
    await b?.close();
    await op?.close();
    await rs?.close();
  });

  test('a refresh on another instance keeps the same key; both instances call with it', async () => {
    const { browser, done } = await login(a, 'dpop');
    assert.equal(done.status, 302, done.body);
    const sid = browser.jar.get(new URL(a.url).host, 'sid')!;
    browser.jar.set(new URL(b.url).host, 'sid', sid);
    const onA = await browser.request(`${a.url}/call`);
    assert.equal(onA.status, 200, onA.body);
    const jkt = JSON.parse(onA.body).jkt;
    // The token dies at the provider: instance B gets a 401, refreshes with the stored key and retries.
    await (await (op.provider as any).AccessToken.find(rs.calls.at(-1)!.token)).destroy();
    const seen = op.received.length;
    const onB = await browser.request(`${b.url}/call`);
    assert.equal(onB.status, 200, onB.body);
    assert.equal(JSON.parse(onB.body).jkt, jkt);
    const refresh = op.received.slice(seen).filter((r) => r.body.grant_type === 'refresh_token' && r.status === 200);
    assert.equal(refresh.length, 1);
    assert.equal(await (await import('jose')).calculateJwkThumbprint(decodeJwt(refresh[0]!.dpop!).header.jwk), jkt);
    const againOnA = await browser.request(`${a.url}/call`);
    assert.equal(againOnA.status, 200, againOnA.body);
    assert.equal(JSON.parse(againOnA.body).jkt, jkt);
    assert.notEqual(rs.calls.at(-1)!.token, rs.calls.find((c) => c.ok)!.token, 'instance A uses the refreshed token');
  });
});
