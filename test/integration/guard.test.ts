/**
 * `loginRequired` over real HTTP: the `provider` option's linking path (logged
 * in elsewhere → browsers go to that provider's login with returnTo, API calls
 * get 401; once linked → through, with `req.oauth.accounts()` in the order
 * linked), and where browsers are sent when several providers could apply
 * (`loginPage`, else the built-in chooser; one provider → its login).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser } from '../helpers/http-client.ts';
import type { TestApp, TestAppOptions } from '../helpers/app.ts';
import { startTokenApp } from '../helpers/token-app.ts';
import { startOAuth2Emulator, type OAuth2Emulator } from '../emulators/oauth2.ts';
import { loginRequired } from '../../src/index.ts';

const JSON_ACCEPT = { accept: 'application/json' };
const ANY_ACCEPT = { accept: '*/*' };
const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

async function emulator(id: string): Promise<OAuth2Emulator> {
  const e = await startOAuth2Emulator({ redirectUris: [], anyRedirectUri: true, user: { id, login: id } });
  cleanups.push(() => e.close());
  return e;
}

/**
 * An app with providers of these names (each on its own emulator), `/beta-only`
 * guarded by the exported `loginRequired({ provider: 'beta' })` and `/api/beta`
 * by `auth.loginRequired({ provider: 'beta' })`.
 */
async function startGuardedApp(names: string[], registry: TestAppOptions['registry'] = {}): Promise<{ app: TestApp; emulators: Map<string, OAuth2Emulator> }> {
  const emulators = new Map<string, OAuth2Emulator>();
  for (const name of names) emulators.set(name, await emulator(`${name}-id`));
  const app = await startTokenApp(
    [...emulators].map(([name, e]) => ({ name, url: e.url, clientId: e.clientId, clientSecret: e.clientSecret })),
    {
      registry,
      mount(server, auth) {
        server.get('/beta-only', loginRequired({ provider: 'beta' }), (req, res) => {
          res.json({ user: req.user, accounts: req.oauth.accounts() });
        });
        server.all('/api/beta', auth.loginRequired({ provider: 'beta' }), (req, res) => {
          res.json({ accounts: req.oauth.accounts() });
        });
      },
    },
  );
  cleanups.push(() => app.close());
  return { app, emulators };
}

/** Follow a login route through the emulator and the callback; returns the callback's answer. */
async function completeLogin(browser: Browser, loginUrl: string) {
  const start = await browser.request(loginUrl);
  assert.equal(start.status, 302, start.body);
  const back = await browser.request(start.location!);
  assert.equal(back.status, 302, back.body);
  const done = await browser.request(back.location!);
  assert.equal(done.status, 302, done.body);
  return done;
}

test('loginRequired({ provider }): logged in with alpha, the route needs beta → browser 302 to beta login with returnTo, API 401; linked → 200', async () => {
  const { app, emulators } = await startGuardedApp(['alpha', 'beta']);
  const browser = new Browser();
  await completeLogin(browser, `${app.url}/auth/alpha/login`);
  assert.equal((await browser.request(`${app.url}/protected`, { headers: JSON_ACCEPT })).status, 200, 'logged in (alpha)');

  // A browser navigation is sent to link beta, coming back to the same URL.
  const nav = await browser.request(`${app.url}/beta-only?tab=repos`);
  assert.equal(nav.status, 302, nav.body);
  assert.equal(nav.location, `/auth/beta/login?returnTo=${encodeURIComponent('/beta-only?tab=repos')}`);
  assert.match(nav.headers.get('cache-control') ?? '', /no-store/);

  // API calls (JSON, */*, a POST even from a page) get 401 JSON, not a redirect.
  for (const [method, headers] of [
    ['GET', JSON_ACCEPT],
    ['GET', ANY_ACCEPT],
    ['POST', { accept: 'text/html' }],
  ] as const) {
    const api = await browser.request(`${app.url}/api/beta`, { method, headers });
    assert.equal(api.status, 401, `${method} ${headers.accept}: ${api.body}`);
    assert.deepEqual(JSON.parse(api.body), { error: 'login_required' });
  }
  assert.equal(emulators.get('beta')!.grants.authorization_code, 0, 'nothing linked yet');

  // Follow the redirect: beta's login, then back to the original URL.
  const done = await completeLogin(browser, new URL(nav.location!, app.url).href);
  assert.equal(done.location, '/beta-only?tab=repos');
  const through = await browser.request(new URL(done.location!, app.url).href);
  assert.equal(through.status, 200, through.body);
  const body = JSON.parse(through.body) as { user: { id: string }; accounts: string[] };
  assert.deepEqual(body.accounts, ['alpha', 'beta'], 'both accounts, in the order linked');
  assert.equal(body.user.id, 'alpha-id', 'linking keeps the app user of the first login (default onLogin)');
  const api = await browser.request(`${app.url}/api/beta`, { headers: JSON_ACCEPT });
  assert.equal(api.status, 200, api.body);
  assert.deepEqual(JSON.parse(api.body), { accounts: ['alpha', 'beta'] });
});

test('loginRequired({ provider }): an anonymous browser goes straight to that provider, even with several providers and a loginPage', async () => {
  const { app } = await startGuardedApp(['alpha', 'beta', 'gamma'], { loginPage: '/signin' });
  const nav = await new Browser().request(`${app.url}/beta-only`);
  assert.equal(nav.status, 302);
  assert.equal(nav.location, `/auth/beta/login?returnTo=${encodeURIComponent('/beta-only')}`);
});

test('loginPage: with several providers a browser goes to the configured loginPage with returnTo; */* gets 401 JSON; the chooser is not served', async () => {
  const { app } = await startGuardedApp(['alpha', 'beta'], { loginPage: '/signin' });
  const browser = new Browser();
  const nav = await browser.request(`${app.url}/protected?page=2`);
  assert.equal(nav.status, 302, nav.body);
  assert.equal(nav.location, `/signin?returnTo=${encodeURIComponent('/protected?page=2')}`);

  const head = await browser.request(`${app.url}/protected`, { method: 'HEAD' });
  assert.equal(head.status, 302);
  assert.equal(head.location, `/signin?returnTo=${encodeURIComponent('/protected')}`);

  for (const headers of [ANY_ACCEPT, JSON_ACCEPT]) {
    const api = await browser.request(`${app.url}/protected`, { headers });
    assert.equal(api.status, 401, `${headers.accept}: ${api.body}`);
    assert.match(api.headers.get('content-type') ?? '', /application\/json/);
    assert.deepEqual(JSON.parse(api.body), { error: 'login_required' });
  }
  // With a loginPage the built-in chooser steps aside (the app owns the page).
  assert.equal((await browser.request(`${app.url}/auth/login`)).status, 404);

  // After a login from the app's page, the guarded route lets the browser through.
  await completeLogin(browser, `${app.url}/auth/beta/login?returnTo=${encodeURIComponent('/protected?page=2')}`);
  const through = await browser.request(`${app.url}/protected?page=2`, { headers: JSON_ACCEPT });
  assert.equal(through.status, 200, through.body);
  assert.deepEqual(JSON.parse(through.body).providers, ['beta']);
});

test('loginPage with its own query string: returnTo is appended with &', async () => {
  const { app } = await startGuardedApp(['alpha', 'beta'], { loginPage: '/signin?theme=dark' });
  const nav = await new Browser().request(`${app.url}/protected`);
  assert.equal(nav.status, 302);
  assert.equal(nav.location, `/signin?theme=dark&returnTo=${encodeURIComponent('/protected')}`);
});

test('without a loginPage several providers → the built-in chooser; one provider → its login, loginPage or not', async () => {
  const several = await startGuardedApp(['alpha', 'beta']);
  const toChooser = await new Browser().request(`${several.app.url}/protected`);
  assert.equal(toChooser.location, `/auth/login?returnTo=${encodeURIComponent('/protected')}`);
  const chooser = await new Browser().request(new URL(toChooser.location!, several.app.url).href);
  assert.equal(chooser.status, 200);
  assert.match(chooser.body, /\/auth\/alpha\/login/);
  assert.match(chooser.body, /\/auth\/beta\/login/);

  const single = await startGuardedApp(['alpha'], { loginPage: '/signin' });
  const toProvider = await new Browser().request(`${single.app.url}/protected`);
  assert.equal(toProvider.location, `/auth/alpha/login?returnTo=${encodeURIComponent('/protected')}`);
});
