/**
 * The provider emulators walked through over real HTTP, quirks and fault knobs included.
 * The kit's integration tests are only as good as these servers.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { parseBasicAuth, pkceMatches, HUGE_PADDING_BYTES, type Emulator } from '../emulators/recorder.ts';
import { startGitHubEmulator, GITHUB_ISSUER, type GitHubEmulator } from '../emulators/github.ts';
import { startXEmulator } from '../emulators/x.ts';
import { startDiscordEmulator } from '../emulators/discord.ts';
import { startOAuth2Emulator, type OAuth2Emulator } from '../emulators/oauth2.ts';

const CB = 'http://127.0.0.1:4000/auth/github/callback';

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** RFC 6749 §2.3.1: form-urlencode id and secret, then base64. */
function basic(id: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(id)}:${enc(secret)}`).toString('base64')}`;
}

async function authorize(base: string, path: string, params: Record<string, string>): Promise<{ status: number; location: URL }> {
  const res = await fetch(`${base}${path}?${new URLSearchParams(params)}`, { redirect: 'manual' });
  const location = res.headers.get('location');
  assert.ok(location, `expected a redirect from ${path}, got ${res.status} ${await res.text()}`);
  return { status: res.status, location: new URL(location) };
}

function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return fetch(url, { method: 'POST', headers, body: new URLSearchParams(form), redirect: 'manual', signal });
}

/** GET without any User-Agent (fetch would add `node`). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withEmu<E extends Emulator>(start: Promise<E>, fn: (emu: E) => Promise<void>): Promise<void> {
  const emu = await start;
  try {
    await fn(emu);
  } finally {
    await emu.close();
  }
}

describe('recorder helpers', () => {
  it('decodes HTTP Basic per RFC 6749 §2.3.1 (SECURITY.md V-9)', () => {
    assert.deepEqual(parseBasicAuth('Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW'), { id: 's6BhdRkqt3', secret: 'gX1fBat3bV' });
    assert.deepEqual(parseBasicAuth('Basic Y2xpZW50JTNBMTpwJTQwc3MlMkJ3JTJGcmQlM0QlMjU='), { id: 'client:1', secret: 'p@ss+w/rd=%' });
    assert.equal(basic('client:1', 'p@ss+w/rd=%'), 'Basic Y2xpZW50JTNBMTpwJTQwc3MlMkJ3JTJGcmQlM0QlMjU=');
    // base64 of the raw pair is wrong: the lone '%' is not valid form encoding.
    assert.equal(parseBasicAuth('Basic Y2xpZW50OjE6cEBzcyt3L3JkPSU='), 'malformed');
    // oauth4webapi also encodes -._~ ; both forms decode to the same id.
    const o4w = `Basic ${Buffer.from('my%2Dclient%2Eid:s').toString('base64')}`;
    assert.deepEqual(parseBasicAuth(o4w), { id: 'my-client.id', secret: 's' });
    assert.equal(parseBasicAuth('Bearer abc'), undefined);
    assert.equal(parseBasicAuth(undefined), undefined);
  });

  it('verifies PKCE S256 with the RFC 7636 Appendix B vector (V-1)', () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    assert.equal(pkceMatches(verifier, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'), true);
    assert.equal(pkceMatches(`${verifier}x`, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'), false);
    // A verifier outside 43*128unreserved never matches, even with its own hash.
    const short = verifier.slice(0, 42);
    assert.equal(pkceMatches(short, createHash('sha256').update(short).digest('base64url')), false);
  });
});

describe('GitHub emulator', () => {
  const start = (extra: Partial<Parameters<typeof startGitHubEmulator>[0]> = {}) =>
    startGitHubEmulator({ redirectUris: [CB], ...extra });

  async function login(gh: GitHubEmulator, scope = 'read:user user:email', accept = 'application/json') {
    const { location } = await authorize(gh.url, '/login/oauth/authorize', { client_id: gh.clientId, redirect_uri: CB, scope, state: 's1' });
    const code = location.searchParams.get('code');
    assert.ok(code);
    const res = await postForm(
      `${gh.url}/login/oauth/access_token`,
      { client_id: gh.clientId, client_secret: gh.clientSecret, code, redirect_uri: CB },
      { accept },
    );
    return { code, res };
  }

  it('walks authorize → code → token → /user, /user/emails, /user/repos', () =>
    withEmu(start(), async (gh) => {
      const { status, location } = await authorize(gh.url, '/login/oauth/authorize', {
        client_id: gh.clientId,
        redirect_uri: CB,
        scope: 'read:user user:email',
        state: 'st/ä+=&x',
      });
      assert.equal(status, 302);
      assert.equal(`${location.origin}${location.pathname}`, CB);
      assert.equal(location.searchParams.get('state'), 'st/ä+=&x');
      assert.equal(location.searchParams.has('iss'), false);
      const code = location.searchParams.get('code');
      assert.ok(code && code.length >= 20);

      const tokenRes = await postForm(
        `${gh.url}/login/oauth/access_token`,
        { client_id: gh.clientId, client_secret: gh.clientSecret, code, redirect_uri: CB },
        { accept: 'application/json' },
      );
      assert.equal(tokenRes.status, 200);
      const tok = (await tokenRes.json()) as Record<string, unknown>;
      assert.match(String(tok.access_token), /^gho_[A-Za-z0-9]{36}$/);
      assert.equal(tok.scope, 'read:user,user:email');
      assert.equal(tok.token_type, 'bearer');
      assert.equal('refresh_token' in tok || 'expires_in' in tok, false);
      assert.equal(gh.grants.authorization_code, 1);

      const headers = { authorization: `Bearer ${tok.access_token}`, 'user-agent': 'kit-test' };
      const user = await fetch(`${gh.url}/user`, { headers });
      assert.equal(user.status, 200);
      assert.equal(user.headers.get('x-oauth-scopes'), 'read:user, user:email');
      const u = (await user.json()) as Record<string, unknown>;
      assert.equal(u.id, 583231);
      assert.equal(typeof u.id, 'number');
      assert.equal(u.login, 'octocat');
      assert.equal(u.email, 'octocat@github.com');
      assert.match(String(u.avatar_url), /^https:\/\//);

      const emails = (await (await fetch(`${gh.url}/user/emails`, { headers })).json()) as Array<Record<string, unknown>>;
      assert.deepEqual(emails[0], { email: 'octocat@github.com', primary: true, verified: true, visibility: 'public' });
      const repos = (await (await fetch(`${gh.url}/user/repos`, { headers })).json()) as Array<{ full_name: string; private: boolean }>;
      assert.deepEqual(repos.map((r) => r.full_name), ['octocat/Hello-World', 'octocat/Spoon-Knife']);

      // The old-style `token` scheme works too; a wrong token does not.
      assert.equal((await fetch(`${gh.url}/user`, { headers: { ...headers, authorization: `token ${tok.access_token}` } })).status, 200);
      const bad = await fetch(`${gh.url}/user`, { headers: { ...headers, authorization: 'Bearer gho_nope' } });
      assert.equal(bad.status, 401);
      assert.equal(((await bad.json()) as { message: string }).message, 'Bad credentials');

      // Recorded: the secret went in the body (client_secret_post).
      const tokenReq = gh.requestsTo('/login/oauth/access_token')[0]!;
      assert.equal(tokenReq.method, 'POST');
      assert.equal(tokenReq.form?.client_secret, gh.clientSecret);
      assert.equal(tokenReq.form?.code, code);
      assert.equal(gh.requestsTo('/login/oauth/authorize')[0]!.query.state, 'st/ä+=&x');
    }));

  it('answers form-encoded by default, JSON or XML by Accept', () =>
    withEmu(start(), async (gh) => {
      const form = (await login(gh, 'read:user user:email', '*/*')).res;
      assert.match(form.headers.get('content-type') ?? '', /^application\/x-www-form-urlencoded/);
      const text = await form.text();
      assert.match(text, /^access_token=gho_[A-Za-z0-9]{36}&scope=read%3Auser%2Cuser%3Aemail&token_type=bearer$/);

      const xml = (await login(gh, 'repo gist', 'application/xml')).res;
      assert.match(xml.headers.get('content-type') ?? '', /^application\/xml/);
      assert.match(await xml.text(), /^<OAuth><access_token>gho_\w{36}<\/access_token><scope>repo,gist<\/scope><token_type>bearer<\/token_type><\/OAuth>$/);

      const json = (await login(gh, 'user user:email,read:user', 'application/json')).res;
      assert.match(json.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(((await json.json()) as { scope: string }).scope, 'user'); // `user` absorbs its children
    }));

  it('answers token errors with HTTP 200: reused code, bad secret, redirect mismatch, forced error', () =>
    withEmu(start(), async (gh) => {
      const { code, res } = await login(gh);
      assert.equal(res.status, 200);
      const again = await postForm(
        `${gh.url}/login/oauth/access_token`,
        { client_id: gh.clientId, client_secret: gh.clientSecret, code, redirect_uri: CB },
        { accept: 'application/json' },
      );
      assert.equal(again.status, 200);
      const body = (await again.json()) as Record<string, string>;
      assert.equal(body.error, 'bad_verification_code');
      assert.equal(body.error_description, 'The code passed is incorrect or expired.');
      assert.match(body.error_uri!, /^https:\/\/docs\.github\.com\//);
      assert.equal('access_token' in body, false);

      // Default format for errors is form-encoded too.
      const formErr = await postForm(`${gh.url}/login/oauth/access_token`, { client_id: gh.clientId, client_secret: gh.clientSecret, code: 'nope' });
      assert.equal(formErr.status, 200);
      assert.equal(new URLSearchParams(await formErr.text()).get('error'), 'bad_verification_code');

      const { location } = await authorize(gh.url, '/login/oauth/authorize', { client_id: gh.clientId, redirect_uri: CB, scope: 'read:user' });
      const code2 = location.searchParams.get('code') ?? '';
      const wrongSecret = await postForm(`${gh.url}/login/oauth/access_token`, { client_id: gh.clientId, client_secret: 'x', code: code2 }, { accept: 'application/json' });
      assert.equal(wrongSecret.status, 200);
      assert.equal(((await wrongSecret.json()) as { error: string }).error, 'incorrect_client_credentials');
      const mismatch = await postForm(
        `${gh.url}/login/oauth/access_token`,
        { client_id: gh.clientId, client_secret: gh.clientSecret, code: code2, redirect_uri: 'http://127.0.0.1:4000/other' },
        { accept: 'application/json' },
      );
      assert.equal(((await mismatch.json()) as { error: string }).error, 'redirect_uri_mismatch');

      gh.nextTokenError = 'unverified_user_email';
      const forced = await login(gh);
      assert.equal(((await forced.res.json()) as { error: string }).error, 'unverified_user_email');
      assert.equal(gh.nextTokenError, null);

      // HTTP Basic is accepted as well; redirect_uri may be left out of the token request.
      const { location: l3 } = await authorize(gh.url, '/login/oauth/authorize', { client_id: gh.clientId, redirect_uri: CB });
      const viaBasic = await postForm(
        `${gh.url}/login/oauth/access_token`,
        { code: l3.searchParams.get('code') ?? '' },
        { accept: 'application/json', authorization: basic(gh.clientId, gh.clientSecret) },
      );
      const vb = (await viaBasic.json()) as { access_token?: string; scope: string };
      assert.match(vb.access_token ?? '', /^gho_/);
      assert.equal(vb.scope, '');
    }));

  it('refuses API calls without User-Agent with 403', () =>
    withEmu(start(), async (gh) => {
      const tok = (await (await login(gh)).res.json()) as { access_token: string };
      const noUa = await rawGet(`${gh.url}/user`, { authorization: `Bearer ${tok.access_token}` });
      assert.equal(noUa.status, 403);
      assert.match(noUa.body, /User-Agent/);
      const withUa = await rawGet(`${gh.url}/user`, { authorization: `Bearer ${tok.access_token}`, 'user-agent': 'x' });
      assert.equal(withUa.status, 200);
      const noToken = await rawGet(`${gh.url}/user`, { 'user-agent': 'x' });
      assert.equal(noToken.status, 401);
      assert.equal(gh.requestsTo('/user').length, 3); // recorded, 403 included
    }));

  it('serves /user/emails only with user:email or user; email null when private', () =>
    withEmu(start({ emailPrivate: true }), async (gh) => {
      const readOnly = (await (await login(gh, 'read:user')).res.json()) as { access_token: string; scope: string };
      assert.equal(readOnly.scope, 'read:user');
      const h1 = { authorization: `Bearer ${readOnly.access_token}`, 'user-agent': 't' };
      const denied = await fetch(`${gh.url}/user/emails`, { headers: h1 });
      assert.equal(denied.status, 404);
      assert.equal(((await denied.json()) as { message: string }).message, 'Not Found');
      const u = (await (await fetch(`${gh.url}/user`, { headers: h1 })).json()) as { email: string | null };
      assert.equal(u.email, null);

      for (const scope of ['user:email', 'user']) {
        const t = (await (await login(gh, scope)).res.json()) as { access_token: string };
        const res = await fetch(`${gh.url}/user/emails`, { headers: { authorization: `Bearer ${t.access_token}`, 'user-agent': 't' } });
        assert.equal(res.status, 200, scope);
        const list = (await res.json()) as Array<{ email: string; primary: boolean; verified: boolean; visibility: string | null }>;
        assert.deepEqual(list.find((e) => e.primary), { email: 'octocat@github.com', primary: true, verified: true, visibility: 'private' });
      }

      gh.emailsFault = 'http500';
      const t2 = (await (await login(gh, 'user:email')).res.json()) as { access_token: string };
      assert.equal((await fetch(`${gh.url}/user/emails`, { headers: { authorization: `Bearer ${t2.access_token}`, 'user-agent': 't' } })).status, 500);

      // The user grants fewer scopes than asked.
      gh.grantScope = ['read:user'];
      const fewer = (await (await login(gh, 'read:user user:email')).res.json()) as { scope: string };
      assert.equal(fewer.scope, 'read:user');
    }));

  it('adds iss per sendIss: none (default), github, or a custom string; also on errors', async () => {
    await withEmu(start(), async (gh) => {
      const { location } = await authorize(gh.url, '/login/oauth/authorize', { client_id: gh.clientId, redirect_uri: CB, state: 'a' });
      assert.equal(location.searchParams.has('iss'), false);
      gh.sendIss = 'github';
      const l2 = (await authorize(gh.url, '/login/oauth/authorize', { client_id: gh.clientId, redirect_uri: CB, state: 'a' })).location;
      assert.equal(l2.searchParams.get('iss'), GITHUB_ISSUER);
      assert.equal(GITHUB_ISSUER, 'https://github.com/login/oauth');
    });
    await withEmu(start({ sendIss: 'https://github.com' }), async (gh) => {
      gh.nextAuthorize = { error: 'access_denied', error_description: 'The user has denied your application access.' };
      const { location } = await authorize(gh.url, '/login/oauth/authorize', { client_id: gh.clientId, redirect_uri: CB, state: 'z' });
      assert.equal(location.searchParams.get('error'), 'access_denied');
      assert.equal(location.searchParams.get('state'), 'z');
      assert.equal(location.searchParams.get('iss'), 'https://github.com');
      assert.equal(location.searchParams.has('code'), false);
    });
  });

  it('validates the authorization request and binds the code to PKCE', () =>
    withEmu(start({ redirectUris: [CB, 'http://127.0.0.1:4000/second'] }), async (gh) => {
      const unknown = await fetch(`${gh.url}/login/oauth/authorize?client_id=nope&redirect_uri=${encodeURIComponent(CB)}`, { redirect: 'manual' });
      assert.equal(unknown.status, 404);
      // Unregistered redirect_uri: GitHub sends the error to the registered callback.
      const bad = await authorize(gh.url, '/login/oauth/authorize', { client_id: gh.clientId, redirect_uri: `${CB}/x`, state: 'q' });
      assert.equal(`${bad.location.origin}${bad.location.pathname}`, CB);
      assert.equal(bad.location.searchParams.get('error'), 'redirect_uri_mismatch');
      assert.equal(bad.location.searchParams.has('code'), false);
      // No redirect_uri: the first registered callback; no state → none echoed.
      const none = await authorize(gh.url, '/login/oauth/authorize', { client_id: gh.clientId });
      assert.equal(`${none.location.origin}${none.location.pathname}`, CB);
      assert.equal(none.location.searchParams.has('state'), false);
      const second = await authorize(gh.url, '/login/oauth/authorize', { client_id: gh.clientId, redirect_uri: 'http://127.0.0.1:4000/second' });
      assert.equal(second.location.pathname, '/second');
      // plain is refused; a missing method means plain.
      const { challenge, verifier } = pkce();
      const refused: Array<Record<string, string>> = [{ code_challenge: verifier, code_challenge_method: 'plain' }, { code_challenge: challenge }];
      for (const extra of refused) {
        const r = await authorize(gh.url, '/login/oauth/authorize', { client_id: gh.clientId, redirect_uri: CB, ...extra });
        assert.equal(r.location.searchParams.get('error'), 'invalid_request');
      }
      const tokenUrl = `${gh.url}/login/oauth/access_token`;
      const creds = { client_id: gh.clientId, client_secret: gh.clientSecret, redirect_uri: CB };
      const codeWith = async (p: Record<string, string>) =>
        (await authorize(gh.url, '/login/oauth/authorize', { client_id: gh.clientId, redirect_uri: CB, ...p })).location.searchParams.get('code') ?? '';
      const json = { accept: 'application/json' };
      const c1 = await codeWith({ code_challenge: challenge, code_challenge_method: 'S256' });
      const wrong = await postForm(tokenUrl, { ...creds, code: c1, code_verifier: pkce().verifier }, json);
      assert.equal(((await wrong.json()) as { error: string }).error, 'bad_verification_code');
      const c2 = await codeWith({ code_challenge: challenge, code_challenge_method: 'S256' });
      const missing = await postForm(tokenUrl, { ...creds, code: c2 }, json);
      assert.equal(((await missing.json()) as { error: string }).error, 'bad_verification_code');
      const c3 = await codeWith({ code_challenge: challenge, code_challenge_method: 'S256' });
      const right = await postForm(tokenUrl, { ...creds, code: c3, code_verifier: verifier }, json);
      assert.match(((await right.json()) as { access_token: string }).access_token, /^gho_/);
      // RFC 9700 §2.1.1: a verifier for a code issued without a challenge is refused (downgrade).
      const c4 = await codeWith({});
      const downgrade = await postForm(tokenUrl, { ...creds, code: c4, code_verifier: verifier }, json);
      assert.equal(((await downgrade.json()) as { error: string }).error, 'bad_verification_code');
    }));

  it('serves the API under /api/v3 (GitHub Enterprise) and can apply the documented redirect rule', () =>
    withEmu(start({ redirectUris: ['http://example.com/path'], redirectUriRule: 'github' }), async (gh) => {
      for (const good of ['http://example.com/path/subdir/other', 'http://oauth.example.com/path']) {
        const r = await authorize(gh.url, '/login/oauth/authorize', { client_id: gh.clientId, redirect_uri: good });
        assert.ok(r.location.href.startsWith(good), good);
        assert.ok(r.location.searchParams.get('code'));
      }
      for (const bad of ['http://example.com/bar', 'http://example.com:8080/path', 'http://example.org/path']) {
        const r = await authorize(gh.url, '/login/oauth/authorize', { client_id: gh.clientId, redirect_uri: bad });
        assert.equal(r.location.searchParams.get('error'), 'redirect_uri_mismatch', bad);
      }
      const r = await authorize(gh.url, '/login/oauth/authorize', { client_id: gh.clientId, scope: 'read:user' });
      const tok = (await (
        await postForm(
          `${gh.url}/login/oauth/access_token`,
          { client_id: gh.clientId, client_secret: gh.clientSecret, code: r.location.searchParams.get('code') ?? '' },
          { accept: 'application/json' },
        )
      ).json()) as { access_token: string };
      const res = await fetch(`${gh.url}/api/v3/user`, { headers: { authorization: `Bearer ${tok.access_token}`, 'user-agent': 'ghe' } });
      assert.equal(res.status, 200);
      const u = (await res.json()) as { login: string; url: string };
      assert.equal(u.login, 'octocat');
      assert.equal(u.url, `${gh.url}/api/v3/users/octocat`);
      assert.equal((await fetch(`${gh.url}/api/v3/user/emails`, { headers: { authorization: `Bearer ${tok.access_token}`, 'user-agent': 'ghe' } })).status, 404);
      gh.setUser({ login: 'mona', id: 42 });
      // Tokens keep the user who approved them.
      assert.equal(((await (await fetch(`${gh.url}/user`, { headers: { authorization: `Bearer ${tok.access_token}`, 'user-agent': 'x' } })).json()) as { login: string }).login, 'octocat');
    }));

  it('revokes a token through DELETE /applications/{client_id}/token', () =>
    withEmu(start(), async (gh) => {
      const tok = (await (await login(gh)).res.json()) as { access_token: string };
      const del = await fetch(`${gh.url}/applications/${gh.clientId}/token`, {
        method: 'DELETE',
        headers: { authorization: basic(gh.clientId, gh.clientSecret), 'user-agent': 'x', 'content-type': 'application/json' },
        body: JSON.stringify({ access_token: tok.access_token }),
      });
      assert.equal(del.status, 204);
      assert.equal((await fetch(`${gh.url}/user`, { headers: { authorization: `Bearer ${tok.access_token}`, 'user-agent': 'x' } })).status, 401);
    }));
});

describe('X OAuth 2.0 emulator', () => {
  const XCB = 'http://127.0.0.1:4000/auth/x/callback';
  const SCOPE = 'tweet.read users.read offline.access';

  async function code(x: { url: string; clientId: string }, scope = SCOPE) {
    const p = pkce();
    const { location } = await authorize(x.url, '/i/oauth2/authorize', {
      response_type: 'code',
      client_id: x.clientId,
      redirect_uri: XCB,
      scope,
      state: 'xs',
      code_challenge: p.challenge,
      code_challenge_method: 'S256',
    });
    const c = location.searchParams.get('code');
    assert.ok(c, location.href);
    return { code: c, verifier: p.verifier };
  }
  const exchange = (x: { url: string; clientId: string; clientSecret: string }, c: { code: string; verifier: string }) =>
    postForm(
      `${x.url}/2/oauth2/token`,
      { grant_type: 'authorization_code', code: c.code, redirect_uri: XCB, code_verifier: c.verifier },
      { authorization: basic(x.clientId, x.clientSecret) },
    );
  const refresh = (x: { url: string; clientId: string; clientSecret: string }, rt: string) =>
    postForm(`${x.url}/2/oauth2/token`, { grant_type: 'refresh_token', refresh_token: rt }, { authorization: basic(x.clientId, x.clientSecret) });

  it('walks authorize (PKCE) → token (Basic) → /2/users/me', () =>
    withEmu(startXEmulator({ redirectUris: [XCB] }), async (x) => {
      const c = await code(x, `${SCOPE} users.email`);
      const res = await exchange(x, c);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const tok = (await res.json()) as Record<string, unknown>;
      assert.equal(tok.token_type, 'bearer');
      assert.equal(tok.expires_in, 7200);
      assert.equal(tok.scope, `${SCOPE} users.email`);
      assert.equal(typeof tok.access_token, 'string');
      assert.equal(typeof tok.refresh_token, 'string');
      assert.deepEqual(x.grants, { authorization_code: 1, refresh_token: 0 });

      const auth = { authorization: `Bearer ${tok.access_token}` };
      const plain = (await (await fetch(`${x.url}/2/users/me`, { headers: auth })).json()) as { data: Record<string, unknown> };
      assert.deepEqual(plain, { data: { id: '2244994945', name: 'Developers', username: 'XDevelopers' } });
      const rich = (await (await fetch(`${x.url}/2/users/me?user.fields=profile_image_url,confirmed_email`, { headers: auth })).json()) as {
        data: Record<string, unknown>;
      };
      assert.match(String(rich.data.profile_image_url), /^https:\/\/pbs\.twimg\.com\//);
      assert.equal(rich.data.confirmed_email, 'devs@example.com');

      const badField = await fetch(`${x.url}/2/users/me?user.fields=emailz`, { headers: auth });
      assert.equal(badField.status, 400);
      assert.equal(((await badField.json()) as { title: string }).title, 'Invalid Request');

      const unauth = await fetch(`${x.url}/2/users/me`, { headers: { authorization: 'Bearer nope' } });
      assert.equal(unauth.status, 401);
      assert.deepEqual(await unauth.json(), { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
      const tokenReq = x.requestsTo('/2/oauth2/token')[0]!;
      assert.equal(tokenReq.form?.client_secret, undefined);
      assert.equal(tokenReq.headers.authorization, basic(x.clientId, x.clientSecret));
    }));

  it('sends confirmed_email only when asked and the scope includes users.email', () =>
    withEmu(startXEmulator({ redirectUris: [XCB], user: { username: 'jack' } }), async (x) => {
      const tok = (await (await exchange(x, await code(x))).json()) as { access_token: string; refresh_token: string };
      const me = (await (await fetch(`${x.url}/2/users/me?user.fields=confirmed_email,profile_image_url`, { headers: { authorization: `Bearer ${tok.access_token}` } })).json()) as {
        data: Record<string, unknown>;
      };
      assert.equal(me.data.username, 'jack');
      assert.equal('confirmed_email' in me.data, false);
      assert.ok(me.data.profile_image_url);
    }));

  it('requires PKCE S256 and state at the authorization endpoint', () =>
    withEmu(startXEmulator({ redirectUris: [XCB] }), async (x) => {
      const base = { response_type: 'code', client_id: x.clientId, redirect_uri: XCB, scope: SCOPE, state: 's' };
      const noPkce = await authorize(x.url, '/i/oauth2/authorize', base);
      assert.equal(noPkce.location.searchParams.get('error'), 'invalid_request');
      assert.equal(noPkce.location.searchParams.get('state'), 's');
      assert.equal(noPkce.location.searchParams.has('code'), false);
      const p = pkce();
      const plain = await authorize(x.url, '/i/oauth2/authorize', { ...base, code_challenge: p.verifier, code_challenge_method: 'plain' });
      assert.equal(plain.location.searchParams.get('error'), 'invalid_request');
      const { state: _s, ...noState } = base;
      const stateless = await authorize(x.url, '/i/oauth2/authorize', { ...noState, code_challenge: p.challenge, code_challenge_method: 'S256' });
      assert.equal(stateless.location.searchParams.get('error'), 'invalid_request');
      const badScope = await authorize(x.url, '/i/oauth2/authorize', { ...base, scope: 'users.read everything', code_challenge: p.challenge, code_challenge_method: 'S256' });
      assert.equal(badScope.location.searchParams.get('error'), 'invalid_scope');
      const unregistered = await fetch(`${x.url}/i/oauth2/authorize?${new URLSearchParams({ ...base, redirect_uri: 'https://evil.example/cb' })}`, { redirect: 'manual' });
      assert.equal(unregistered.status, 400);
      assert.equal(unregistered.headers.get('location'), null);
      const dup = await fetch(`${x.url}/i/oauth2/authorize?${new URLSearchParams(base)}&state=t`, { redirect: 'manual' });
      assert.equal(dup.status, 400);
      // A wrong verifier fails the exchange.
      const c = await code(x);
      const wrong = await exchange(x, { code: c.code, verifier: pkce().verifier });
      assert.equal(wrong.status, 400);
      assert.equal(((await wrong.json()) as { error: string }).error, 'invalid_grant');
    }));

  it('requires HTTP Basic: a client_secret in the body gets 401 unauthorized_client', () =>
    withEmu(startXEmulator({ redirectUris: [XCB], clientId: 'client:1', clientSecret: 'p@ss+w/rd=%' }), async (x) => {
      const c = await code(x);
      const post = await postForm(`${x.url}/2/oauth2/token`, {
        grant_type: 'authorization_code',
        code: c.code,
        redirect_uri: XCB,
        code_verifier: c.verifier,
        client_id: x.clientId,
        client_secret: x.clientSecret,
      });
      assert.equal(post.status, 401);
      assert.equal(((await post.json()) as { error: string }).error, 'unauthorized_client');
      const both = await postForm(
        `${x.url}/2/oauth2/token`,
        { grant_type: 'authorization_code', code: c.code, redirect_uri: XCB, code_verifier: c.verifier, client_secret: x.clientSecret },
        { authorization: basic(x.clientId, x.clientSecret) },
      );
      assert.equal(both.status, 401);
      // Raw (not form-encoded) credentials in Basic are wrong.
      const raw = await postForm(
        `${x.url}/2/oauth2/token`,
        { grant_type: 'authorization_code', code: c.code, redirect_uri: XCB, code_verifier: c.verifier },
        { authorization: `Basic ${Buffer.from(`${x.clientId}:${x.clientSecret}`).toString('base64')}` },
      );
      assert.equal(raw.status, 401);
      // The code was never reached, so the correctly encoded header still works (V-9 header).
      const ok = await postForm(
        `${x.url}/2/oauth2/token`,
        { grant_type: 'authorization_code', code: c.code, redirect_uri: XCB, code_verifier: c.verifier, client_id: 'client:1' },
        { authorization: 'Basic Y2xpZW50JTNBMTpwJTQwc3MlMkJ3JTJGcmQlM0QlMjU=' },
      );
      assert.equal(ok.status, 200);
      assert.equal(x.grants.authorization_code, 1);
    }));

  it('rotates refresh tokens and revokes the grant when a rotated one is reused', () =>
    withEmu(startXEmulator({ redirectUris: [XCB] }), async (x) => {
      const first = (await (await exchange(x, await code(x))).json()) as { access_token: string; refresh_token: string };
      const r1 = await refresh(x, first.refresh_token);
      assert.equal(r1.status, 200);
      const second = (await r1.json()) as { access_token: string; refresh_token: string; expires_in: number };
      assert.notEqual(second.refresh_token, first.refresh_token);
      assert.notEqual(second.access_token, first.access_token);
      assert.equal(second.expires_in, 7200);
      const me = (t: string) => fetch(`${x.url}/2/users/me`, { headers: { authorization: `Bearer ${t}` } });
      assert.equal((await me(second.access_token)).status, 200);

      const reuse = await refresh(x, first.refresh_token);
      assert.equal(reuse.status, 400);
      assert.equal(((await reuse.json()) as { error: string }).error, 'invalid_grant');
      // The whole grant is gone: the newest refresh token and every access token.
      assert.equal((await refresh(x, second.refresh_token)).status, 400);
      assert.equal((await me(second.access_token)).status, 401);
      assert.equal((await me(first.access_token)).status, 401);
      assert.deepEqual(x.grants, { authorization_code: 1, refresh_token: 1 });
    }));

  it('issues a refresh token only with offline.access; expires access tokens; revokes; no rotation when disabled', () =>
    withEmu(startXEmulator({ redirectUris: [XCB], accessTokenTtlSeconds: 1, rotateRefreshTokens: false }), async (x) => {
      const online = (await (await exchange(x, await code(x, 'tweet.read users.read'))).json()) as Record<string, unknown>;
      assert.equal('refresh_token' in online, false);
      assert.equal(online.expires_in, 1);
      const tok = (await (await exchange(x, await code(x))).json()) as { access_token: string; refresh_token: string };
      const me = (t: string) => fetch(`${x.url}/2/users/me`, { headers: { authorization: `Bearer ${t}` } });
      assert.equal((await me(tok.access_token)).status, 200);
      await sleep(1100);
      assert.equal((await me(tok.access_token)).status, 401);
      // Without rotation the same refresh token keeps working and none is returned.
      for (let i = 0; i < 2; i++) {
        const r = (await (await refresh(x, tok.refresh_token)).json()) as Record<string, unknown>;
        assert.equal(typeof r.access_token, 'string');
        assert.equal('refresh_token' in r, false);
      }
      const revoked = await postForm(`${x.url}/2/oauth2/revoke`, { token: tok.refresh_token, token_type_hint: 'refresh_token' }, { authorization: basic(x.clientId, x.clientSecret) });
      assert.equal(revoked.status, 200);
      assert.deepEqual(await revoked.json(), { revoked: true });
      assert.equal((await refresh(x, tok.refresh_token)).status, 400);
      assert.equal(x.requestsTo('/2/oauth2/revoke').length, 1);
    }));
});

describe('Discord emulator', () => {
  const DCB = 'http://127.0.0.1:4000/auth/discord/callback';

  it('walks authorize → token (post) → /api/users/@me → refresh (Basic, /api/v10) → revoke', () =>
    withEmu(startDiscordEmulator({ redirectUris: [DCB] }), async (d) => {
      const { location } = await authorize(d.url, '/oauth2/authorize', { response_type: 'code', client_id: d.clientId, redirect_uri: DCB, scope: 'identify email', state: 'ds' });
      assert.equal(location.searchParams.get('state'), 'ds');
      const res = await postForm(`${d.url}/api/oauth2/token`, {
        grant_type: 'authorization_code',
        code: location.searchParams.get('code') ?? '',
        redirect_uri: DCB,
        client_id: d.clientId,
        client_secret: d.clientSecret,
      });
      assert.equal(res.status, 200);
      const tok = (await res.json()) as Record<string, unknown>;
      assert.equal(tok.token_type, 'Bearer');
      assert.equal(tok.expires_in, 604800);
      assert.equal(tok.scope, 'identify email');
      assert.equal(typeof tok.refresh_token, 'string');

      const me = (await (await fetch(`${d.url}/api/users/@me`, { headers: { authorization: `Bearer ${tok.access_token}` } })).json()) as Record<string, unknown>;
      assert.equal(typeof me.id, 'string');
      assert.match(String(me.id), /^\d{17,20}$/);
      assert.equal(me.username, 'nelly');
      assert.equal(me.global_name, 'Nelly');
      assert.match(String(me.avatar), /^[0-9a-f]{32}$/);
      assert.equal(me.email, 'nelly@discord.com');
      assert.equal(me.verified, true);

      const r = await postForm(`${d.url}/api/v10/oauth2/token`, { grant_type: 'refresh_token', refresh_token: String(tok.refresh_token) }, { authorization: basic(d.clientId, d.clientSecret) });
      const rt = (await r.json()) as { access_token: string; refresh_token: string };
      assert.notEqual(rt.refresh_token, tok.refresh_token);
      assert.equal((await postForm(`${d.url}/api/oauth2/token`, { grant_type: 'refresh_token', refresh_token: String(tok.refresh_token), client_id: d.clientId, client_secret: d.clientSecret })).status, 400);
      assert.deepEqual(d.grants, { authorization_code: 1, refresh_token: 1 });

      const badClient = await postForm(`${d.url}/api/oauth2/token`, { grant_type: 'refresh_token', refresh_token: rt.refresh_token, client_id: d.clientId, client_secret: 'no' });
      assert.equal(badClient.status, 401);
    }));

  it('omits email and verified without the email scope; revocation invalidates the token', () =>
    withEmu(startDiscordEmulator({ redirectUris: [DCB], user: { email: 'x@y.z' } }), async (d) => {
      const { location } = await authorize(d.url, '/oauth2/authorize', { response_type: 'code', client_id: d.clientId, redirect_uri: DCB, scope: 'identify' });
      const tok = (await (
        await postForm(
          `${d.url}/api/oauth2/token`,
          { grant_type: 'authorization_code', code: location.searchParams.get('code') ?? '', redirect_uri: DCB },
          { authorization: basic(d.clientId, d.clientSecret) },
        )
      ).json()) as { access_token: string };
      const headers = { authorization: `Bearer ${tok.access_token}` };
      const me = (await (await fetch(`${d.url}/api/v10/users/@me`, { headers })).json()) as Record<string, unknown>;
      assert.equal(me.username, 'nelly');
      assert.equal('email' in me, false);
      assert.equal('verified' in me, false);
      const rev = await postForm(`${d.url}/api/oauth2/token/revoke`, { token: tok.access_token, token_type_hint: 'access_token' }, { authorization: basic(d.clientId, d.clientSecret) });
      assert.equal(rev.status, 200);
      const after = await fetch(`${d.url}/api/users/@me`, { headers });
      assert.equal(after.status, 401);
      assert.deepEqual(await after.json(), { message: '401: Unauthorized', code: 0 });
    }));
});

describe('generic OAuth 2.0 emulator', () => {
  const OCB = 'http://127.0.0.1:4000/auth/acme/callback';

  async function login(o: OAuth2Emulator, extra: Record<string, string> = {}) {
    const p = pkce();
    const { location } = await authorize(o.url, '/authorize', {
      response_type: 'code',
      client_id: o.clientId,
      redirect_uri: OCB,
      scope: 'profile email',
      state: 'gs',
      code_challenge: p.challenge,
      code_challenge_method: 'S256',
      ...extra,
    });
    const code = location.searchParams.get('code') ?? '';
    return { location, code, verifier: p.verifier };
  }
  const tokenReq = (o: OAuth2Emulator, form: Record<string, string>, signal?: AbortSignal) =>
    postForm(`${o.url}/token`, form, { authorization: basic(o.clientId, o.clientSecret) }, signal);
  async function tokens(o: OAuth2Emulator) {
    const l = await login(o);
    const res = await tokenReq(o, { grant_type: 'authorization_code', code: l.code, redirect_uri: OCB, code_verifier: l.verifier });
    assert.equal(res.status, 200);
    return (await res.json()) as { access_token: string; refresh_token?: string; expires_in: number; token_type: string; scope: string };
  }
  const echo = (o: OAuth2Emulator, t: string) => fetch(`${o.url}/api/echo`, { headers: { authorization: `Bearer ${t}` } });

  it('walks authorize → token (Basic) → /userinfo → /api/echo', () =>
    withEmu(startOAuth2Emulator({ redirectUris: [OCB] }), async (o) => {
      const l = await login(o);
      assert.equal(l.location.searchParams.get('state'), 'gs');
      assert.equal(l.location.searchParams.has('iss'), false);
      const res = await tokenReq(o, { grant_type: 'authorization_code', code: l.code, redirect_uri: OCB, code_verifier: l.verifier });
      const tok = (await res.json()) as Record<string, unknown>;
      assert.equal(tok.token_type, 'Bearer');
      assert.equal(tok.expires_in, 3600);
      assert.equal(tok.scope, 'profile email');
      assert.equal(typeof tok.refresh_token, 'string');
      const ui = await fetch(`${o.url}/userinfo`, { headers: { authorization: `Bearer ${tok.access_token}` } });
      assert.deepEqual(await ui.json(), { id: 'u-1001', login: 'alice', name: 'Alice Example', email: 'alice@example.com', avatar_url: 'https://example.com/avatars/alice.png' });
      assert.deepEqual(await (await echo(o, String(tok.access_token))).json(), { ok: true, token: String(tok.access_token).slice(-4) });
      const anon = await fetch(`${o.url}/api/echo`);
      assert.equal(anon.status, 401);
      assert.equal(anon.headers.get('www-authenticate'), 'Bearer realm="emulator"');
      // Single-use code; client_secret_post refused when Basic is configured.
      const again = await tokenReq(o, { grant_type: 'authorization_code', code: l.code, redirect_uri: OCB, code_verifier: l.verifier });
      assert.equal(again.status, 400);
      assert.equal(((await again.json()) as { error: string }).error, 'invalid_grant');
      // RFC 6749 §4.1.2: the replay also revoked what the first redemption issued.
      assert.equal((await echo(o, String(tok.access_token))).status, 401);
      const l2 = await login(o);
      const post = await postForm(`${o.url}/token`, { grant_type: 'authorization_code', code: l2.code, redirect_uri: OCB, code_verifier: l2.verifier, client_id: o.clientId, client_secret: o.clientSecret });
      assert.equal(post.status, 401);
      assert.equal(((await post.json()) as { error: string }).error, 'invalid_client');
      assert.deepEqual(o.grants, { authorization_code: 1, refresh_token: 0, client_credentials: 0 });
    }));

  it('enforces redirect_uri binding, code expiry and client_secret_post when configured', () =>
    withEmu(startOAuth2Emulator({ redirectUris: [OCB], clientAuth: 'client_secret_post', codeTtlSeconds: 1 }), async (o) => {
      const post = (form: Record<string, string>) => postForm(`${o.url}/token`, { ...form, client_id: o.clientId, client_secret: o.clientSecret });
      const l1 = await login(o);
      const mismatch = await post({ grant_type: 'authorization_code', code: l1.code, redirect_uri: `${OCB}x`, code_verifier: l1.verifier });
      assert.equal(((await mismatch.json()) as { error: string }).error, 'invalid_grant');
      const l2 = await login(o);
      const omitted = await post({ grant_type: 'authorization_code', code: l2.code, code_verifier: l2.verifier });
      assert.equal(omitted.status, 400);
      const l3 = await login(o);
      const viaBasic = await tokenReq(o, { grant_type: 'authorization_code', code: l3.code, redirect_uri: OCB, code_verifier: l3.verifier });
      assert.equal(viaBasic.status, 401);
      const l4 = await login(o);
      await sleep(1100);
      const expired = await post({ grant_type: 'authorization_code', code: l4.code, redirect_uri: OCB, code_verifier: l4.verifier });
      assert.equal(((await expired.json()) as { error_description: string }).error_description, 'Authorization code rejected: expired_code');
      const l5 = await login(o);
      const ok = await post({ grant_type: 'authorization_code', code: l5.code, redirect_uri: OCB, code_verifier: l5.verifier });
      assert.equal(ok.status, 200);
    }));

  it('expires access tokens (ttl 1 s) with WWW-Authenticate invalid_token; refresh works once per refresh token', () =>
    withEmu(startOAuth2Emulator({ redirectUris: [OCB], accessTokenTtlSeconds: 1 }), async (o) => {
      const t1 = await tokens(o);
      assert.equal(t1.expires_in, 1);
      assert.equal((await echo(o, t1.access_token)).status, 200);
      await sleep(1100);
      const expired = await echo(o, t1.access_token);
      assert.equal(expired.status, 401);
      assert.match(expired.headers.get('www-authenticate') ?? '', /^Bearer .*error="invalid_token"/);

      const r1 = await tokenReq(o, { grant_type: 'refresh_token', refresh_token: t1.refresh_token ?? '' });
      assert.equal(r1.status, 200);
      const t2 = (await r1.json()) as { access_token: string; refresh_token: string };
      assert.notEqual(t2.refresh_token, t1.refresh_token);
      assert.equal((await echo(o, t2.access_token)).status, 200);
      const reuse = await tokenReq(o, { grant_type: 'refresh_token', refresh_token: t1.refresh_token ?? '' });
      assert.equal(reuse.status, 400);
      assert.equal(((await reuse.json()) as { error: string }).error, 'invalid_grant');
      // Reuse revoked the family.
      assert.equal((await echo(o, t2.access_token)).status, 401);
      assert.equal((await tokenReq(o, { grant_type: 'refresh_token', refresh_token: t2.refresh_token })).status, 400);
      assert.equal(o.grants.refresh_token, 1);
    }));

  it('covers no refresh token, no rotation, client_credentials, revocation and revokeAll', async () => {
    await withEmu(startOAuth2Emulator({ redirectUris: [OCB], issueRefreshToken: false }), async (o) => {
      const t = await tokens(o);
      assert.equal('refresh_token' in t, false);
      const cc = await tokenReq(o, { grant_type: 'client_credentials', scope: 'api' });
      const ct = (await cc.json()) as Record<string, unknown>;
      assert.equal(ct.scope, 'api');
      assert.equal('refresh_token' in ct, false);
      assert.equal((await echo(o, String(ct.access_token))).status, 200);
      assert.equal((await fetch(`${o.url}/userinfo`, { headers: { authorization: `Bearer ${ct.access_token}` } })).status, 403);
      assert.equal(o.grants.client_credentials, 1);
      const unsupported = await tokenReq(o, { grant_type: 'password', username: 'a', password: 'b' });
      assert.equal(((await unsupported.json()) as { error: string }).error, 'unsupported_grant_type');
    });
    await withEmu(startOAuth2Emulator({ redirectUris: [OCB], rotateRefreshTokens: false }), async (o) => {
      const t = await tokens(o);
      for (let i = 0; i < 3; i++) {
        const r = (await (await tokenReq(o, { grant_type: 'refresh_token', refresh_token: t.refresh_token ?? '' })).json()) as Record<string, unknown>;
        assert.equal(typeof r.access_token, 'string');
        assert.equal('refresh_token' in r, false);
      }
      assert.equal(o.grants.refresh_token, 3);
      // RFC 7009: unknown tokens get 200; a revoked refresh token takes its access tokens with it.
      const revoke = (token: string) => postForm(`${o.url}/revoke`, { token }, { authorization: basic(o.clientId, o.clientSecret) });
      assert.equal((await revoke('unknown')).status, 200);
      assert.equal((await revoke(t.refresh_token ?? '')).status, 200);
      assert.equal((await echo(o, t.access_token)).status, 401);
      assert.equal((await tokenReq(o, { grant_type: 'refresh_token', refresh_token: t.refresh_token ?? '' })).status, 400);

      const t2 = await tokens(o);
      o.revokeAll();
      assert.equal((await echo(o, t2.access_token)).status, 401);
      const r = await tokenReq(o, { grant_type: 'refresh_token', refresh_token: t2.refresh_token ?? '' });
      assert.equal(((await r.json()) as { error: string }).error, 'invalid_grant');
    });
  });

  it('adds iss when configured, publishes RFC 8414 metadata, and honours nextAuthorize once', () =>
    withEmu(startOAuth2Emulator({ redirectUris: [OCB], issuer: 'https://as.example' }), async (o) => {
      assert.equal((await login(o)).location.searchParams.get('iss'), 'https://as.example');
      const meta = (await (await fetch(`${o.url}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
      assert.equal(meta.issuer, 'https://as.example');
      assert.equal(meta.token_endpoint, `${o.url}/token`);
      assert.equal(meta.authorization_response_iss_parameter_supported, true);
      o.nextAuthorize = { error: 'access_denied' };
      const denied = await login(o);
      assert.equal(denied.location.searchParams.get('error'), 'access_denied');
      assert.equal(denied.location.searchParams.get('state'), 'gs');
      assert.equal(denied.location.searchParams.get('iss'), 'https://as.example');
      assert.equal(denied.code, '');
      assert.ok((await login(o)).code); // one-shot
      o.setUser({ login: 'bob' });
      const t = await tokens(o);
      const ui = (await (await fetch(`${o.url}/userinfo`, { headers: { authorization: `Bearer ${t.access_token}` } })).json()) as { login: string };
      assert.equal(ui.login, 'bob');
    }));

  it('token faults: hang (aborted by the client, still recorded), http500, html, garbage, redirect307', () =>
    withEmu(startOAuth2Emulator({ redirectUris: [OCB] }), async (o) => {
      const l = await login(o);
      const form = { grant_type: 'authorization_code', code: l.code, redirect_uri: OCB, code_verifier: l.verifier };
      o.setTokenFault('hang', { once: true });
      await assert.rejects(tokenReq(o, form, AbortSignal.timeout(300)), (e: Error) => e.name === 'TimeoutError');
      const hung = o.requestsTo('/token');
      assert.equal(hung.length, 1);
      assert.equal(hung[0]!.form?.code, l.code);

      o.tokenFault = 'http500';
      assert.equal((await tokenReq(o, form)).status, 500);
      assert.equal((await tokenReq(o, form)).status, 500); // persistent
      o.tokenFault = 'html';
      const html = await tokenReq(o, form);
      assert.equal(html.status, 200);
      assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
      o.tokenFault = 'garbage';
      const garbage = await tokenReq(o, form);
      assert.match(garbage.headers.get('content-type') ?? '', /^application\/json/);
      const text = await garbage.text();
      assert.throws(() => JSON.parse(text));
      o.tokenFault = 'redirect307';
      const red = await tokenReq(o, form);
      assert.equal(red.status, 307);
      assert.equal(red.headers.get('location'), 'http://127.0.0.1:1/evil');
      o.tokenFault = null;
      // None of the early faults consumed the code.
      assert.equal((await tokenReq(o, form)).status, 200);
    }));

  it('token faults applied to a success: huge (> 10 MiB, streamed) and no_access_token', () =>
    withEmu(startOAuth2Emulator({ redirectUris: [OCB] }), async (o) => {
      o.setTokenFault('huge', { once: true });
      const l = await login(o);
      const res = await tokenReq(o, { grant_type: 'authorization_code', code: l.code, redirect_uri: OCB, code_verifier: l.verifier });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-length'), null);
      const buf = Buffer.from(await res.arrayBuffer());
      assert.ok(buf.length > 10 * 1024 * 1024, `length ${buf.length}`);
      assert.ok(buf.length > HUGE_PADDING_BYTES);
      const parsed = JSON.parse(buf.toString('utf8')) as Record<string, unknown>;
      assert.equal(typeof parsed.access_token, 'string'); // a valid answer: only a size cap catches it
      assert.equal(o.tokenFault, null);

      o.nextTokenFault = 'no_access_token';
      const t = await tokens(o).catch(() => undefined);
      assert.equal(t?.access_token, undefined);
      assert.equal(t?.token_type, 'Bearer');
      assert.equal(o.nextTokenFault, null);
    }));

  it('userinfo faults, a huge answer aborted by the client, and close() with a hanging request open', async () => {
    const o = await startOAuth2Emulator({ redirectUris: [OCB] });
    const t = await tokens(o);
    const ui = (signal?: AbortSignal) => fetch(`${o.url}/userinfo`, { headers: { authorization: `Bearer ${t.access_token}` }, signal });
    o.setUserFault('no_access_token', { once: true });
    assert.deepEqual(await (await ui()).json(), { login: 'alice', name: 'Alice Example', email: 'alice@example.com', avatar_url: 'https://example.com/avatars/alice.png' });
    o.setUserFault('http500');
    assert.equal((await ui()).status, 500);
    o.setUserFault('huge');
    const big = await ui();
    const reader = big.body?.getReader();
    assert.ok(reader);
    const first = await reader.read();
    assert.match(Buffer.from(first.value ?? new Uint8Array()).toString('utf8'), /^\{"x_padding":"A/);
    await reader.cancel();
    o.setUserFault('hang');
    const pending = ui().catch((e: Error) => e);
    await sleep(100);
    assert.equal(o.requestsTo('/userinfo').length, 4);
    const started = Date.now();
    await o.close();
    assert.ok(Date.now() - started < 2000, 'close() finished despite the hanging request');
    assert.ok((await pending) instanceof Error);
  });

  it('records a request before its body has even arrived', () =>
    withEmu(startOAuth2Emulator({ redirectUris: [OCB] }), async (o) => {
      const req = request(`${o.url}/token?x=1`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '100' } });
      req.on('error', () => {});
      req.write('grant_type=');
      for (let i = 0; i < 50 && o.requests.length === 0; i++) await sleep(10);
      assert.equal(o.requests.length, 1);
      assert.equal(o.requests[0]!.method, 'POST');
      assert.equal(o.requests[0]!.path, '/token');
      assert.deepEqual(o.requests[0]!.query, { x: '1' });
      assert.equal(o.requests[0]!.headers['content-length'], '100');
      req.destroy();
    }));

  it('widens refresh races with refreshDelayMs; revocationHang records and never answers', () =>
    withEmu(startOAuth2Emulator({ redirectUris: [OCB], refreshDelayMs: 300, revocationHang: true }), async (o) => {
      const t = await tokens(o);
      const started = Date.now();
      const [a, b] = await Promise.all([
        tokenReq(o, { grant_type: 'refresh_token', refresh_token: t.refresh_token ?? '' }),
        tokenReq(o, { grant_type: 'refresh_token', refresh_token: t.refresh_token ?? '' }),
      ]);
      assert.ok(Date.now() - started >= 290);
      // Two concurrent refreshes with one rotating token: one wins, the other is a reuse.
      assert.deepEqual([a.status, b.status].sort(), [200, 400]);
      assert.equal(o.grants.refresh_token, 1);
      await assert.rejects(
        postForm(`${o.url}/revoke`, { token: t.access_token }, { authorization: basic(o.clientId, o.clientSecret) }, AbortSignal.timeout(300)),
        (e: Error) => e.name === 'TimeoutError',
      );
      assert.equal(o.requestsTo('/revoke')[0]!.form?.token, t.access_token);
    }));
});
