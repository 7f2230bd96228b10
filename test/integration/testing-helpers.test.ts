/**
 * The documented example of `express-oauth-kit/testing` (docs/testing.md):
 * a small app with a guarded route, tested in a few lines with a fake
 * provider and `loginAs`. It imports the package as a user would.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import session from 'express-session';
import { createRegistry, loginRequired } from 'express-oauth-kit';
import { startFakeProvider, loginAs } from 'express-oauth-kit/testing';
import * as testing from 'express-oauth-kit/testing';
import { createApp } from '../../examples/quick-start/app.ts';

// --- docs/testing.md: start ---
const fake = await startFakeProvider();
const server = http.createServer().listen(0, '127.0.0.1');
await once(server, 'listening');
const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const auth = createRegistry({ baseUrl: appUrl });
auth.register(fake.provider({ name: 'fake' }));
const app = express();
app.use(session({ secret: 'test-only-secret-0123456789abcdef', resave: false, saveUninitialized: false }));
app.use(auth.router());
app.get('/protected', loginRequired(), (req, res) => res.json({ user: req.user }));
app.use(auth.errorHandler());
server.on('request', app);

test('a logged-in user sees the protected route', async () => {
  const { cookie } = await loginAs(appUrl, { id: '42', name: 'Ada Lovelace' }, { provider: 'fake' });
  const res = await fetch(`${appUrl}/protected`, { headers: { cookie } });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).user.name, 'Ada Lovelace');
});

test('without a login the route answers 401', async () => {
  const res = await fetch(`${appUrl}/protected`, { headers: { accept: 'application/json' } });
  assert.equal(res.status, 401);
});

after(async () => {
  server.closeAllConnections();
  server.close();
  await fake.close();
});
// --- docs/testing.md: end ---

test('the profile round-trips as the kit normalises it, and each login is its own session', async () => {
  const ada = await loginAs(appUrl, { id: '42', username: 'ada', name: 'Ada', email: 'ada@example.test', emailVerified: true });
  const bob = await loginAs(appUrl, { id: '7', name: 'Bob' });
  assert.notEqual(ada.cookie, bob.cookie);
  const a = await (await fetch(`${appUrl}/protected`, { headers: { cookie: ada.cookie } })).json();
  const b = await (await fetch(`${appUrl}/protected`, { headers: { cookie: bob.cookie } })).json();
  assert.deepEqual(a.user, { provider: 'fake', id: '42', username: 'ada', name: 'Ada', email: 'ada@example.test', emailVerified: true });
  assert.deepEqual(b.user, { provider: 'fake', id: '7', name: 'Bob' });
});

test('loginAs follows returnTo and the stored token reaches the fake API through req.oauth.fetch', async () => {
  app.get('/whoami', loginRequired(), async (req, res) => {
    const r = await req.oauth.fetch('fake', '/userinfo');
    res.json(await r.json());
  });
  const { cookie, location } = await loginAs(appUrl, { id: '9', name: 'Grace' }, { returnTo: '/whoami' });
  assert.equal(location, '/whoami');
  const res = await fetch(`${appUrl}/whoami`, { headers: { cookie } });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).sub, '9');
});

test('logout with the cookie ends the login', async () => {
  const { cookie } = await loginAs(appUrl, { id: '5' });
  const out = await fetch(`${appUrl}/auth/logout`, { method: 'POST', headers: { cookie, origin: appUrl }, redirect: 'manual' });
  assert.equal(out.status, 303);
  const res = await fetch(`${appUrl}/protected`, { headers: { cookie, accept: 'application/json' } });
  assert.equal(res.status, 401);
});

test('denyNext makes the next login fail with access_denied; nextUser queues who a browser logs in as', async () => {
  fake.denyNext();
  await assert.rejects(loginAs(appUrl, { id: '1' }), /access_denied/);
  fake.nextUser({ id: 'queued', name: 'Queued User' });
  // A browser-driven login (no loginAs): login → authorize → callback by hand.
  const start = await fetch(`${appUrl}/auth/fake/login`, { redirect: 'manual' });
  const cookie = start.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const approved = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const callback = new URL(approved.headers.get('location')!);
  assert.equal(callback.origin, appUrl);
  assert.equal(callback.searchParams.get('iss'), fake.url);
  const done = await fetch(callback, { headers: { cookie }, redirect: 'manual' });
  assert.equal(done.status, 302);
  const session = done.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const me = await (await fetch(`${appUrl}/auth/me`, { headers: { cookie: session } })).json();
  assert.equal(me.user.id, 'queued');
});

test('loginAs names the problem when the provider is not registered', async () => {
  await assert.rejects(loginAs(appUrl, { id: '1' }, { provider: 'nope' }), /unknown_provider/);
});

test('the fake provider checks the client, the code and PKCE like a real one', async () => {
  const bad = await fetch(`${fake.tokenEndpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x', client_id: fake.clientId, client_secret: 'wrong' }),
  });
  assert.equal(bad.status, 401);
  const authorize = new URL(fake.authorizationEndpoint);
  authorize.search = new URLSearchParams({ client_id: fake.clientId, response_type: 'code', redirect_uri: `${appUrl}/cb`, code_challenge: 'abc', code_challenge_method: 'S256' }).toString();
  const code = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
  const exchange = (verifier: string) =>
    fetch(fake.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${appUrl}/cb`, code_verifier: verifier, client_id: fake.clientId, client_secret: fake.clientSecret }),
    });
  assert.equal((await exchange('wrong-verifier')).status, 400);
  assert.equal((await exchange('wrong-verifier')).status, 400, 'the code is used up by the failed attempt');
  assert.ok(fake.requests.some((r) => r.path === '/token'));
});

/** The Quick start, built by its app factory (examples/quick-start/app.ts), listening on a free port. */
async function startQuickStart(github: ReturnType<typeof fake.provider>): Promise<{ url: string; close(): void }> {
  const srv = http.createServer().listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  srv.on('request', createApp({ baseUrl: url, sessionSecret: 'test-only-secret-0123456789abcdef', github }));
  return { url, close: () => (srv.closeAllConnections(), srv.close()) };
}

test('the fake provider stands in for the github preset: the Quick start logs in and reads /user/repos', async () => {
  const calls: testing.FakeApiCall[] = [];
  fake.route('GET', '/user/repos', (call) => {
    calls.push(call);
    return [{ full_name: `${call.user.username}/hello-world`, private: false }];
  });
  const quick = await startQuickStart(fake.provider({ preset: 'github' }));
  try {
    const home = await fetch(quick.url);
    assert.match(await home.text(), /\/auth\/github\/login/);
    const user = { id: '583231', username: 'octocat', name: 'The Octocat', email: 'octocat@example.test', avatarUrl: 'https://avatars.example.test/583231' };
    const { cookie } = await loginAs(quick.url, user, { provider: 'github' });
    const me = await (await fetch(`${quick.url}/me`, { headers: { cookie } })).json();
    // The github preset's own mapper read GitHub's shape (numeric id, login, avatar_url).
    assert.deepEqual(me, { provider: 'github', id: '583231', username: 'octocat', name: 'The Octocat', email: 'octocat@example.test', avatarUrl: 'https://avatars.example.test/583231' });
    const repos = await fetch(`${quick.url}/repos`, { headers: { cookie } });
    assert.equal(repos.status, 200);
    assert.deepEqual(await repos.json(), [{ full_name: 'octocat/hello-world', private: false }]);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.path, '/user/repos');
    assert.equal(calls[0]!.headers['user-agent'], 'express-oauth-kit', "the github preset's API headers reached the stub");
    assert.ok(fake.requests.some((r) => r.path === '/github/login/oauth/access_token'));
  } finally {
    quick.close();
  }
});

test('a github stand-in callback carries GitHub\'s iss; a private email falls back to /user/emails', async () => {
  const provider = fake.provider({ preset: 'github', name: 'gh', displayName: 'GitHub (fake)' });
  assert.equal(provider.name, 'gh');
  assert.equal(provider.displayName, 'GitHub (fake)');
  const authorize = new URL(provider.authorizationEndpoint!);
  authorize.search = new URLSearchParams({ client_id: fake.clientId, response_type: 'code', redirect_uri: 'http://127.0.0.1:9/cb', state: 's' }).toString();
  const back = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!);
  assert.equal(back.searchParams.get('iss'), 'https://github.com/login/oauth');

  const quick = await startQuickStart(fake.provider({ preset: 'github' }));
  try {
    // No email on /user: the preset asks /user/emails, where the fake has none either.
    const { cookie } = await loginAs(quick.url, { id: 'u-7', username: 'quiet' }, { provider: 'github' });
    const me = await (await fetch(`${quick.url}/me`, { headers: { cookie } })).json();
    assert.deepEqual(me, { provider: 'github', id: 'u-7', username: 'quiet' });
    assert.ok(fake.requests.some((r) => r.path === '/github/api/user/emails'));
  } finally {
    quick.close();
  }
});

test('stubbed API routes: a token is required, `:name` segments, a Response answers as given', async () => {
  fake.route('GET', '/repos/:owner/:repo', ({ params, query }) => ({ ...params, page: query.get('page') }));
  fake.route('POST', '/notes', ({ body, user }) => Response.json({ saved: body, by: user.id }, { status: 201 }));
  fake.route('GET', '/gone', () => new Response('no such thing', { status: 404, headers: { 'content-type': 'text/plain' } }));
  const anonymous = await fetch(`${fake.url}/repos/octocat/hello`);
  assert.equal(anonymous.status, 401);
  assert.equal((await anonymous.json()).error, 'invalid_token');

  const grant = new URL(fake.authorizationEndpoint);
  grant.search = new URLSearchParams({ client_id: fake.clientId, response_type: 'code', redirect_uri: `${appUrl}/cb` }).toString();
  const code = new URL((await fetch(grant, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
  const tokens = await (
    await fetch(fake.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${appUrl}/cb`, client_id: fake.clientId, client_secret: fake.clientSecret }),
    })
  ).json();
  const authorization = `Bearer ${tokens.access_token}`;
  const repo = await fetch(`${fake.url}/repos/octo%20cat/hello?page=2`, { headers: { authorization } });
  assert.deepEqual(await repo.json(), { owner: 'octo cat', repo: 'hello', page: '2' });
  const note = await fetch(`${fake.url}/notes`, { method: 'POST', headers: { authorization }, body: 'hi' });
  assert.equal(note.status, 201);
  assert.deepEqual(await note.json(), { saved: 'hi', by: 'user-1' });
  const gone = await fetch(`${fake.url}/gone`, { headers: { authorization } });
  assert.equal(gone.status, 404);
  assert.equal(await gone.text(), 'no such thing');
  assert.equal((await fetch(`${fake.url}/not-stubbed`, { headers: { authorization } })).status, 404);
});

test('the testing entry point exports its documented API only; a preset it cannot play is refused', () => {
  assert.deepEqual(Object.keys(testing).sort(), ['loginAs', 'startFakeProvider']);
  assert.throws(() => fake.provider({ preset: 'google' as never }), /preset must be 'oauth2' or 'github'/);
  assert.throws(() => fake.route('GET', 'no-slash', () => null), /must start with "\/"/);
});
