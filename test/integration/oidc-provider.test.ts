import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser } from '../helpers/http-client.ts';
import { startApp, type TestApp, SESSION_COOKIE } from '../helpers/app.ts';
import { startOidcServer, signInAtProvider, type OidcServer } from '../helpers/oidc-server.ts';
import { oidc } from '../../src/index.ts';

let app: TestApp;
let op: OidcServer;

before(async () => {
  app = await startApp();
  op = await startOidcServer([`${app.url}/auth/corp/callback`]);
  app.auth.register(oidc({ name: 'corp', issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret }));
});
after(async () => {
  await app?.close();
  await op?.close();
});

test('full OIDC login against oidc-provider lands on returnTo with the user', async () => {
  const browser = new Browser();
  const start = await browser.request(`${app.url}/auth/corp/login?returnTo=/protected`);
  assert.equal(start.status, 302);
  const authorize = new URL(start.location!);
  assert.equal(authorize.origin, op.issuer);
  assert.equal(authorize.searchParams.get('response_type'), 'code');
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(authorize.searchParams.get('redirect_uri'), `${app.url}/auth/corp/callback`);
  assert.ok(authorize.searchParams.get('nonce')!.length >= 22);
  assert.ok(authorize.searchParams.get('state')!.length >= 22);
  assert.equal(start.headers.get('cache-control'), 'no-store');
  const before = browser.jar.get(new URL(app.url).host, SESSION_COOKIE);
  const back = await signInAtProvider(browser, start.location!, app.url, 'alice');
  const callbackUrl = new URL(back.location!, back.url);
  assert.equal(callbackUrl.pathname, '/auth/corp/callback');
  assert.equal(callbackUrl.searchParams.get('iss'), op.issuer);
  const done = await browser.request(callbackUrl.href);
  assert.equal(done.status, 302, done.body);
  assert.equal(done.location, '/protected');
  const after = browser.jar.get(new URL(app.url).host, SESSION_COOKIE);
  assert.notEqual(before, after, 'session id regenerated at login');
  const page = await browser.request(`${app.url}/protected`, { headers: { accept: 'application/json' } });
  assert.equal(page.status, 200);
  const body = JSON.parse(page.body);
  assert.equal(body.user.id, 'alice');
  assert.equal(body.user.provider, 'corp');
  assert.equal(body.user.email, 'alice@example.test');
  assert.deepEqual(body.providers, ['corp']);
  const me = await browser.request(`${app.url}/auth/me`, { headers: { accept: 'application/json' } });
  assert.deepEqual(JSON.parse(me.body).providers, ['corp']);
  // Replaying the callback URL is refused and keeps the login.
  const replay = await browser.request(callbackUrl.href, { headers: { accept: 'application/json' } });
  assert.equal(replay.status, 400);
  assert.equal(JSON.parse(replay.body).error, 'state_mismatch');
  const still = await browser.request(`${app.url}/protected`, { headers: { accept: 'application/json' } });
  assert.equal(still.status, 200);
});
