/**
 * Full Sign in with Apple logins through the kit with the real `apple`
 * preset against an emulator of Apple's documented REST flow: the callback
 * is a cross-site form_post (sent without the Lax session cookie), the
 * client secret is an ES256 JWT signed with the developer's key, the
 * profile is the id_token, and the name comes only with the first login.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { Browser, type Hop } from '../helpers/http-client.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { startAppleEmulator, type AppleEmulator } from '../emulators/apple.ts';
import { apple } from '../../src/index.ts';

const JSON_ACCEPT = { accept: 'application/json' };
const TEAM_ID = 'A1B2C3D4E5';
const KEY_ID = 'ABC123DEFG';
const SERVICES_ID = 'com.example.web.signin';

let app: TestApp;
let emu: AppleEmulator;

before(async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  app = await startApp();
  emu = await startAppleEmulator({
    redirectUris: [`${app.url}/auth/apple/callback`],
    clientId: SERVICES_ID,
    teamId: TEAM_ID,
    keyId: KEY_ID,
    publicKey,
  });
  app.auth.register(
    apple({
      clientId: SERVICES_ID,
      teamId: TEAM_ID,
      keyId: KEY_ID,
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      issuer: emu.issuer,
    }),
  );
});

after(async () => {
  await app?.close();
  await emu?.close();
});

/** The hidden fields and action of Apple's auto-submitting form. */
function postedForm(html: string): { action: string; fields: URLSearchParams } {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  assert.ok(action, 'a form_post page');
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.append(m[1]!, m[2]!.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c))));
  }
  return { action: action.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c))), fields };
}

/** Log in: the form_post arrives without cookies (cross-site POST), the kit re-enters as a top-level GET. */
async function login(browser: Browser): Promise<{ authorize: URL; posted: URLSearchParams; done: Hop }> {
  const start = await browser.request(`${app.url}/auth/apple/login?returnTo=/protected`);
  assert.equal(start.status, 302, start.body);
  const authorize = new URL(start.location!);
  const page = await browser.request(start.location!);
  assert.equal(page.status, 200, page.body);
  const { action, fields } = postedForm(page.body);
  const crossSite = new Browser(); // SameSite=Lax: the session cookie is not sent on a cross-site POST
  const post = await crossSite.request(action, {
    method: 'POST',
    body: fields,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(emu.url).origin },
  });
  assert.equal(post.status, 303, post.body);
  const done = await browser.request(new URL(post.location!, post.url).href, { headers: JSON_ACCEPT });
  return { authorize, posted: fields, done };
}

async function me(browser: Browser): Promise<Record<string, any>> {
  const res = await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT });
  assert.equal(res.status, 200, res.body);
  return JSON.parse(res.body).user;
}

test('Apple: form_post callback, ES256 client-secret JWT, profile from the id_token, the name from the first login only', async () => {
  const browser = new Browser();
  const first = await login(browser);
  assert.equal(first.done.status, 302, first.done.body);
  assert.equal(first.authorize.searchParams.get('response_mode'), 'form_post');
  assert.equal(first.authorize.searchParams.get('scope'), 'openid name email');
  assert.ok(first.authorize.searchParams.get('nonce'), 'nonce sent');
  assert.ok(first.posted.has('user'), 'Apple posted the user JSON on the first authorization');

  const secret = emu.clientSecrets.at(-1)!;
  assert.equal(secret.valid, true, secret.reason);
  assert.deepEqual(decodeProtectedHeader(secret.jwt), { alg: 'ES256', kid: KEY_ID, typ: 'JWT' });
  const payload = decodeJwt(secret.jwt);
  assert.equal(payload.iss, TEAM_ID);
  assert.equal(payload.sub, SERVICES_ID);
  assert.equal(payload.aud, 'https://appleid.apple.com');
  assert.ok(payload.exp! - payload.iat! <= 15_777_000);
  assert.equal(emu.requestsTo('/auth/token').at(-1)!.form?.client_id, SERVICES_ID, 'client_secret_post');

  assert.deepEqual(await me(browser), {
    provider: 'apple',
    id: emu.user.sub,
    name: 'Jane Appleseed',
    email: 'dq7kx5qp2z@privaterelay.appleid.com',
    emailVerified: true,
  });

  // The next login of the same Apple ID: no `user` field, so no name (the app keeps the first one).
  const again = new Browser();
  const second = await login(again);
  assert.equal(second.done.status, 302, second.done.body);
  assert.equal(second.posted.has('user'), false);
  assert.deepEqual(await me(again), {
    provider: 'apple',
    id: emu.user.sub,
    email: 'dq7kx5qp2z@privaterelay.appleid.com',
    emailVerified: true,
  });
});

test('Apple: a replayed form_post callback is state_mismatch (400) and makes no token call', async () => {
  const browser = new Browser();
  const first = await login(browser);
  assert.equal(first.done.status, 302, first.done.body);
  const tokenCalls = emu.requestsTo('/auth/token').length;
  const replay = await new Browser().request(`${app.url}/auth/apple/callback`, {
    method: 'POST',
    body: first.posted,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(replay.status, 303);
  const again = await browser.request(new URL(replay.location!, replay.url).href, { headers: JSON_ACCEPT });
  assert.equal(again.status, 400, again.body);
  assert.equal(JSON.parse(again.body).error, 'state_mismatch');
  assert.equal(emu.requestsTo('/auth/token').length, tokenCalls, 'no second token request');
});
