/**
 * `onLogin` over real HTTP: the app's get-or-create (a Map as the users
 * table), `currentUser` when a second provider is linked in the same session,
 * and a login the app refuses (`false` / `null`) → 403 `access_denied` with no
 * login made.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser } from '../helpers/http-client.ts';
import type { TestApp } from '../helpers/app.ts';
import { startTokenApp } from '../helpers/token-app.ts';
import { startOAuth2Emulator, type OAuth2Emulator, type OAuth2User } from '../emulators/oauth2.ts';
import type { LoginEvent, RegistryOptions } from '../../src/types.ts';

const JSON_ACCEPT = { accept: 'application/json' };
const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

async function emulator(user: Partial<OAuth2User>): Promise<OAuth2Emulator> {
  const e = await startOAuth2Emulator({ redirectUris: [], anyRedirectUri: true, user });
  cleanups.push(() => e.close());
  return e;
}

/** Two providers (`alpha`, `beta`) on their own emulators, and the app's `onLogin`. */
async function startTwoProviderApp(onLogin: RegistryOptions['onLogin']): Promise<{ app: TestApp; alpha: OAuth2Emulator; beta: OAuth2Emulator }> {
  const alpha = await emulator({ id: 'a-1', login: 'ada', name: 'Ada Alpha', email: 'ada@alpha.example' });
  const beta = await emulator({ id: 'b-7', login: 'ada-b', name: 'Ada Beta', email: 'ada@beta.example' });
  const app = await startTokenApp(
    [
      { name: 'alpha', url: alpha.url, clientId: alpha.clientId, clientSecret: alpha.clientSecret },
      { name: 'beta', url: beta.url, clientId: beta.clientId, clientSecret: beta.clientSecret },
    ],
    { registry: { onLogin } },
  );
  cleanups.push(() => app.close());
  return { app, alpha, beta };
}

/** login → authorize (approves at once) → callback; returns the callback's answer. */
async function login(browser: Browser, app: TestApp, name: string) {
  const start = await browser.request(`${app.url}/auth/${name}/login?returnTo=/after`);
  assert.equal(start.status, 302, start.body);
  const back = await browser.request(start.location!);
  assert.equal(back.status, 302, back.body);
  assert.ok(back.location!.startsWith(`${app.url}/auth/${name}/callback?`), back.location);
  return browser.request(back.location!, { headers: JSON_ACCEPT });
}

async function me(browser: Browser, app: TestApp): Promise<{ status: number; body: { user?: { id?: string; name?: string }; providers?: string[]; error?: string } }> {
  const hop = await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT });
  return { status: hop.status, body: JSON.parse(hop.body) };
}

async function logout(browser: Browser, app: TestApp): Promise<void> {
  const hop = await browser.request(`${app.url}/auth/logout`, { method: 'POST', headers: { origin: app.url } });
  assert.equal(hop.status, 303, hop.body);
}

interface AppUser {
  id: string;
  name: string;
}

/** The app's users table: get-or-create by (provider, provider account id). */
function usersTable() {
  const byAccount = new Map<string, AppUser>();
  let created = 0;
  return {
    get created() {
      return created;
    },
    getOrCreate(provider: string, accountId: string, name: string | undefined): AppUser {
      const key = `${provider}:${accountId}`;
      let user = byAccount.get(key);
      if (!user) {
        created += 1;
        user = { id: `user-${created}`, name: name ?? 'anonymous' };
        byAccount.set(key, user);
      }
      return user;
    },
    link(provider: string, accountId: string, user: AppUser): void {
      byAccount.set(`${provider}:${accountId}`, user);
    },
  };
}

test('onLogin get-or-create: a second login of the same account (new session, and after logout) gets the same app user', async () => {
  const users = usersTable();
  const events: LoginEvent[] = [];
  const { app } = await startTwoProviderApp(({ provider, profile, ...rest }) => {
    events.push({ provider, profile, ...rest });
    return users.getOrCreate(provider, profile.id, profile.name);
  });

  const first = new Browser();
  const done = await login(first, app, 'alpha');
  assert.equal(done.status, 302, done.body);
  assert.equal(done.location, '/after');
  const mine = await me(first, app);
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.body.user, { id: 'user-1', name: 'Ada Alpha' });
  assert.deepEqual(mine.body.providers, ['alpha']);
  assert.equal(users.created, 1);

  // What onLogin was given: the normalised profile, the raw payload, the tokens, no currentUser (anonymous session).
  const event = events[0]!;
  assert.equal(event.provider, 'alpha');
  assert.equal(event.profile.id, 'a-1');
  assert.equal(event.profile.provider, 'alpha');
  assert.equal((event.raw as { login?: string }).login, 'ada');
  assert.equal(typeof event.tokens.accessToken, 'string');
  assert.equal(event.currentUser, undefined);
  assert.equal(typeof event.req.get, 'function', 'the Express request is passed');

  // Another browser, same provider account: found, not created again.
  const second = new Browser();
  assert.equal((await login(second, app, 'alpha')).status, 302);
  assert.deepEqual((await me(second, app)).body.user, { id: 'user-1', name: 'Ada Alpha' });

  // The first browser logs out and in again: same user again.
  await logout(first, app);
  assert.equal((await me(first, app)).status, 401);
  assert.equal((await login(first, app, 'alpha')).status, 302);
  assert.deepEqual((await me(first, app)).body.user, { id: 'user-1', name: 'Ada Alpha' });
  assert.equal(users.created, 1, 'the users table holds one user for one provider account');
  assert.equal(events.length, 3);
  assert.ok(events.every((e) => e.currentUser === undefined), 'every one of these logins started anonymous');
});

test('onLogin linking: a second provider in the same session gets currentUser; both accounts end up on one app user', async () => {
  const users = usersTable();
  const events: { provider: string; accountId: string; currentUser: unknown }[] = [];
  const { app } = await startTwoProviderApp(({ provider, profile, currentUser }) => {
    events.push({ provider, accountId: profile.id, currentUser });
    if (currentUser) {
      // Linking: the new provider account now belongs to the logged-in user.
      users.link(provider, profile.id, currentUser as AppUser);
      return currentUser;
    }
    return users.getOrCreate(provider, profile.id, profile.name);
  });

  const browser = new Browser();
  assert.equal((await login(browser, app, 'alpha')).status, 302);
  assert.equal((await login(browser, app, 'beta')).status, 302);

  assert.deepEqual(events, [
    { provider: 'alpha', accountId: 'a-1', currentUser: undefined },
    { provider: 'beta', accountId: 'b-7', currentUser: { id: 'user-1', name: 'Ada Alpha' } },
  ]);
  const mine = await me(browser, app);
  assert.deepEqual(mine.body.user, { id: 'user-1', name: 'Ada Alpha' });
  assert.deepEqual(mine.body.providers, ['alpha', 'beta'], 'both linked, in the order linked');
  assert.equal(users.created, 1, 'linking created no second user');

  // A fresh session logging in with the linked provider alone finds the same user through the link.
  const elsewhere = new Browser();
  assert.equal((await login(elsewhere, app, 'beta')).status, 302);
  assert.deepEqual((await me(elsewhere, app)).body, { user: { id: 'user-1', name: 'Ada Alpha' }, providers: ['beta'] });
  assert.equal(events[2]!.currentUser, undefined);
});

for (const refusal of [false, null] as const) {
  test(`onLogin returning ${refusal} → 403 access_denied, no login made (session stays anonymous)`, async () => {
    let calls = 0;
    const { app, alpha } = await startTwoProviderApp(() => {
      calls += 1;
      return refusal;
    });
    const browser = new Browser();
    const done = await login(browser, app, 'alpha');
    assert.equal(done.status, 403, done.body);
    assert.deepEqual(JSON.parse(done.body), { error: 'access_denied' });
    assert.equal(done.location, undefined, 'no redirect to returnTo');
    assert.equal(calls, 1);
    assert.equal(alpha.grants.authorization_code, 1, 'the refusal came after a real code exchange');
    for (const token of alpha.issuedTokens) assert.ok(!done.body.includes(token), 'no token in the error');

    const mine = await me(browser, app);
    assert.equal(mine.status, 401);
    assert.deepEqual(mine.body, { error: 'login_required' });
    const guarded = await browser.request(`${app.url}/api/data`, { headers: JSON_ACCEPT });
    assert.equal(guarded.status, 401);

    // The browser flavour (Accept: text/html): a fixed page, and still no login.
    const other = new Browser();
    const start = await other.request(`${app.url}/auth/alpha/login`);
    const back = await other.request(start.location!);
    const page = await other.request(back.location!);
    assert.equal(page.status, 403);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.equal((await me(other, app)).status, 401);
    assert.equal(calls, 2);
  });
}

test('onLogin refusing a second provider leaves the first login as it was', async () => {
  const { app } = await startTwoProviderApp(({ provider, profile }) => (provider === 'beta' ? false : { id: `user-${profile.id}` }));
  const browser = new Browser();
  assert.equal((await login(browser, app, 'alpha')).status, 302);
  const refused = await login(browser, app, 'beta');
  assert.equal(refused.status, 403, refused.body);
  assert.deepEqual(JSON.parse(refused.body), { error: 'access_denied' });
  assert.deepEqual((await me(browser, app)).body, { user: { id: 'user-a-1' }, providers: ['alpha'] });
});
