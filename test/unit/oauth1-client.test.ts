// The OAuth 1.0a three-legged flow against the Twitter emulator over real HTTP (C-55 … C-59).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OAuthError } from '../../src/errors.ts';
import { createBoundedFetch, ProviderHttpError, type FetchLike } from '../../src/protocol/bounded-fetch.ts';
import {
  accessToken,
  buildAuthorizeUrl,
  fetchOAuth1Profile,
  requestToken,
  signedFetch,
} from '../../src/protocol/oauth1-client.ts';
import { buildAuthorizationHeader } from '../../src/protocol/oauth1-signature.ts';
import { oauth1 } from '../../src/providers/oauth1.ts';
import { mapTwitterProfile, twitter } from '../../src/providers/twitter.ts';
import { startTwitterEmulator, type TwitterEmulator } from '../emulators/twitter.ts';

const fetch: FetchLike = createBoundedFetch({ timeoutMs: 5_000, maxBytes: 1 << 20 });
const TOKEN_SECRET = 'token-secret-9f3kq2';
const CALLBACK = 'https://app.example.com/auth/twitter/callback';

function providerFor(tw: TwitterEmulator, extra: Parameters<typeof twitter>[0] extends infer T ? Partial<T> : never = {}) {
  return twitter({ consumerKey: tw.consumerKey, consumerSecret: tw.consumerSecret, ...tw.endpoints(), ...extra });
}

/** Follow the authorize URL like a browser would, without following the redirect. */
async function approve(url: URL): Promise<URL> {
  const res = await globalThis.fetch(url, { redirect: 'manual' });
  assert.equal(res.status, 302);
  const location = res.headers.get('location');
  assert.ok(location);
  return new URL(location);
}

/** Assert an OAuthError with the code and no secret in its message or its cause's message. */
function assertOAuthError(err: unknown, code: string, secrets: string[]): OAuthError {
  assert.ok(err instanceof OAuthError, `expected OAuthError, got ${String(err)}`);
  assert.equal(err.code, code);
  assert.equal(err.provider, 'twitter');
  const text = `${err.message} ${(err.cause as Error | undefined)?.message ?? ''} ${String(err.stack)}`;
  for (const s of secrets) assert.equal(text.includes(s), false, 'a secret leaked into the error');
  return err;
}

async function withEmulator(fn: (tw: TwitterEmulator) => Promise<void>, options?: Parameters<typeof startTwitterEmulator>[0]): Promise<void> {
  const tw = await startTwitterEmulator(options);
  try {
    await fn(tw);
  } finally {
    await tw.close();
  }
}

test('three-legged flow: request token → authenticate → access token → profile → API calls', () =>
  withEmulator(async (tw) => {
    const provider = providerFor(tw, { accessType: 'write' });

    // Step 1 (C-55)
    const temp = await requestToken(provider, CALLBACK, fetch);
    assert.ok(temp.token && temp.tokenSecret);
    const rt = tw.requests[0]!;
    assert.equal(rt.method, 'POST');
    assert.equal(rt.path, '/oauth/request_token');
    assert.equal(rt.status, 200);
    assert.equal(rt.oauth?.oauth_callback, CALLBACK);
    assert.equal(rt.oauth?.oauth_token, undefined);
    assert.equal(rt.oauth?.oauth_version, '1.0');
    assert.equal(rt.oauth?.oauth_signature_method, 'HMAC-SHA1');
    assert.equal(rt.oauth?.oauth_consumer_key, tw.consumerKey);
    assert.deepEqual(rt.query, { x_auth_access_type: 'write' });
    assert.doesNotMatch(rt.rawQuery, /oauth_callback/);

    // Step 2
    const authorizeUrl = buildAuthorizeUrl(provider, temp.token);
    assert.equal(authorizeUrl.origin + authorizeUrl.pathname, `${tw.url}/oauth/authenticate`);
    assert.deepEqual([...authorizeUrl.searchParams], [['oauth_token', temp.token]]);
    const back = await approve(authorizeUrl);
    assert.equal(back.origin + back.pathname, CALLBACK);
    assert.equal(back.searchParams.get('oauth_token'), temp.token);
    const verifier = back.searchParams.get('oauth_verifier');
    assert.ok(verifier);

    // Step 3 (C-58)
    const creds = await accessToken(provider, { token: temp.token, tokenSecret: temp.tokenSecret, verifier }, fetch);
    assert.ok(creds.token && creds.tokenSecret);
    assert.equal(creds.userId, '2244994945');
    assert.equal(creds.screenName, 'TwitterDev');
    const at = tw.requests.find((r) => r.path === '/oauth/access_token')!;
    assert.equal(at.method, 'POST');
    assert.equal(at.status, 200);
    assert.equal(at.oauth?.oauth_token, temp.token);
    assert.equal(at.oauth?.oauth_verifier, verifier);
    assert.equal(at.oauth?.oauth_callback, undefined);

    // Profile: the query of the userinfo URL is sent and signed.
    const raw = (await fetchOAuth1Profile(provider, creds, fetch)) as Record<string, unknown>;
    assert.equal(raw.id_str, '2244994945');
    assert.equal(raw.email, 'dev@example.com');
    assert.equal('status' in raw, false);
    assert.deepEqual(mapTwitterProfile(raw), {
      id: '2244994945',
      username: 'TwitterDev',
      name: 'Twitter Dev',
      email: 'dev@example.com',
      avatarUrl: 'https://pbs.twimg.com/profile_images/880136122604507136/xHrnqf1T_normal.jpg',
    });
    const vc = tw.requests.find((r) => r.path === '/1.1/account/verify_credentials.json')!;
    assert.deepEqual(vc.query, { include_email: 'true', skip_status: 'true' });
    assert.equal(vc.oauth?.oauth_token, creds.token);
    assert.equal(vc.headers.accept, 'application/json');

    // The stored TokenSet shape works too.
    const again = (await fetchOAuth1Profile(provider, { accessToken: creds.token, tokenSecret: creds.tokenSecret }, fetch)) as Record<string, unknown>;
    assert.equal(again.screen_name, 'TwitterDev');

    // API call, relative to apiBaseUrl, with a signed query.
    const timeline = await signedFetch(provider, creds, '/statuses/home_timeline.json?count=2', undefined, fetch);
    assert.equal(timeline.status, 200);
    assert.equal(((await timeline.json()) as unknown[]).length, 2);
    const tl = tw.requests.at(-1)!;
    assert.equal(tl.method, 'GET');
    assert.equal(tl.path, '/1.1/statuses/home_timeline.json');
    assert.deepEqual(tl.query, { count: '2' });

    // Form body (URLSearchParams) is signed; the emulator checks it.
    const status = 'Hello Ladies + Gentlemen, a signed OAuth request!';
    const update = await signedFetch(provider, creds, 'statuses/update.json?include_entities=true', { method: 'POST', body: new URLSearchParams({ status }) }, fetch);
    assert.equal(update.status, 200);
    assert.equal(((await update.json()) as { text: string }).text, status);
    const up = tw.requests.at(-1)!;
    assert.equal(up.body, 'status=Hello+Ladies+%2B+Gentlemen%2C+a+signed+OAuth+request%21');
    assert.match(String(up.headers['content-type']), /^application\/x-www-form-urlencoded/);

    // A string form body with an explicit content type is signed as well.
    const update2 = await signedFetch(
      provider,
      creds,
      new URL(`${tw.url}/1.1/statuses/update.json`),
      { method: 'post', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'status=caf%C3%A9%20%E2%98%83%21' },
      fetch,
    );
    assert.equal(update2.status, 200);
    assert.equal(((await update2.json()) as { text: string }).text, 'café ☃!');

    // A JSON body is sent but not signed (the emulator verifies without it).
    const tweet = await signedFetch(
      provider,
      creds,
      `${tw.url}/2/tweets`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'json body' }) },
      fetch,
    );
    assert.equal(tweet.status, 201);
    assert.equal(((await tweet.json()) as { data: { text: string } }).data.text, 'json body');

    // C-59: every signed request carried its own nonce, and nothing was rejected.
    const signed = tw.requests.filter((r) => r.oauth);
    assert.equal(signed.length, 8);
    assert.equal(new Set(signed.map((r) => r.oauth!.oauth_nonce)).size, signed.length);
    for (const r of tw.requests) assert.ok(r.status! < 400, `${r.method} ${r.path} answered ${r.status}`);
  }));

test('C-55: a request-token answer without oauth_callback_confirmed=true → provider_error', () =>
  withEmulator(
    async (tw) => {
      const err = await requestToken(providerFor(tw), CALLBACK, fetch).then(
        () => assert.fail('expected a rejection'),
        (e: unknown) => e,
      );
      const oe = assertOAuthError(err, 'provider_error', [tw.consumerSecret]);
      assert.equal(oe.status, 502);
      assert.equal(tw.requests.length, 1);
      assert.equal(tw.requests[0]!.status, 200, 'the emulator did answer; the client refused it');
    },
    { omitCallbackConfirmed: true },
  ));

test('a wrong consumer secret → emulator 401 (code 32) → provider_error, no secret in the error', () =>
  withEmulator(async (tw) => {
    const provider = twitter({ consumerKey: tw.consumerKey, consumerSecret: 'wrong-secret-value', ...tw.endpoints() });
    const err = await requestToken(provider, CALLBACK, fetch).then(
      () => assert.fail('expected a rejection'),
      (e: unknown) => e,
    );
    const oe = assertOAuthError(err, 'provider_error', ['wrong-secret-value', tw.consumerSecret]);
    // The cause is sanitised (DESIGN "Session hygiene"): the provider's code and the status, nothing else.
    assert.deepEqual({ ...oe.cause }, { error: '32', status: 401 });
    assert.equal(tw.requests[0]!.status, 401);
  }));

test('C-58: a request token is good once; replaying it → token_exchange_failed', () =>
  withEmulator(async (tw) => {
    const provider = providerFor(tw);
    const temp = await requestToken(provider, CALLBACK, fetch);
    const verifier = (await approve(buildAuthorizeUrl(provider, temp.token))).searchParams.get('oauth_verifier')!;
    const first = await accessToken(provider, { ...temp, verifier }, fetch);
    assert.ok(first.token);
    const err = await accessToken(provider, { ...temp, verifier }, fetch).then(
      () => assert.fail('expected a rejection'),
      (e: unknown) => e,
    );
    const oe = assertOAuthError(err, 'token_exchange_failed', [temp.tokenSecret, first.tokenSecret, verifier]);
    assert.equal(oe.cause?.status, 401);
    assert.equal(tw.requests.at(-1)!.status, 401);
  }));

test('C-58: a wrong verifier or none → token_exchange_failed (none: no request is made)', () =>
  withEmulator(async (tw) => {
    const provider = providerFor(tw);
    const temp = await requestToken(provider, CALLBACK, fetch);
    await approve(buildAuthorizeUrl(provider, temp.token));
    const count = tw.requests.length;
    await assert.rejects(accessToken(provider, { ...temp, verifier: '' }, fetch), (e) => !!assertOAuthError(e, 'token_exchange_failed', []));
    assert.equal(tw.requests.length, count);
    await assert.rejects(accessToken(provider, { ...temp, verifier: 'not-the-verifier' }, fetch), (e) => !!assertOAuthError(e, 'token_exchange_failed', [temp.tokenSecret]));
    assert.equal(tw.requests.at(-1)!.path, '/oauth/access_token');
  }));

test('C-57: the cancel knob redirects with denied=<token> and no verifier', () =>
  withEmulator(
    async (tw) => {
      const provider = providerFor(tw);
      const temp = await requestToken(provider, CALLBACK, fetch);
      const back = await approve(buildAuthorizeUrl(provider, temp.token));
      assert.equal(back.origin + back.pathname, CALLBACK);
      assert.equal(back.searchParams.get('denied'), temp.token);
      assert.equal(back.searchParams.has('oauth_verifier'), false);
      assert.equal(back.searchParams.has('oauth_token'), false);
      // The denied request token is gone at the provider.
      await assert.rejects(accessToken(provider, { ...temp, verifier: 'x' }, fetch), (e) => !!assertOAuthError(e, 'token_exchange_failed', []));
    },
    { cancel: true },
  ));

test('useAuthorize, forceLogin and accessType reach the emulator', () =>
  withEmulator(async (tw) => {
    const provider = providerFor(tw, { useAuthorize: true, forceLogin: true, accessType: 'read', authorizationEndpoint: `${tw.url}/oauth/authorize` });
    const temp = await requestToken(provider, CALLBACK, fetch);
    assert.equal(tw.requests[0]!.query.x_auth_access_type, 'read');
    const url = buildAuthorizeUrl(provider, temp.token);
    assert.equal(url.pathname, '/oauth/authorize');
    assert.equal(url.searchParams.get('force_login'), 'true');
    const back = await approve(url);
    const creds = await accessToken(provider, { ...temp, verifier: back.searchParams.get('oauth_verifier')! }, fetch);
    // A read-only token cannot post (X's code 261).
    const res = await signedFetch(provider, creds, 'statuses/update.json', { method: 'POST', body: new URLSearchParams({ status: 'hi' }) }, fetch);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { errors: [{ code: 261, message: 'Application cannot perform write actions.' }] });
  }));

test('profile: an unknown token → emulator 401 code 89 → profile_fetch_failed', () =>
  withEmulator(async (tw) => {
    const err = await fetchOAuth1Profile(providerFor(tw), { token: 'nope', tokenSecret: 'also-nope' }, fetch).then(
      () => assert.fail('expected a rejection'),
      (e: unknown) => e,
    );
    const oe = assertOAuthError(err, 'profile_fetch_failed', ['also-nope']);
    assert.equal(oe.cause?.error, '89');
    assert.equal(tw.requests[0]!.status, 401);
  }));

test('profile: non-JSON, non-object, network error and timeout → profile_fetch_failed', async () => {
  const provider = twitter({ consumerKey: 'ck', consumerSecret: 'cs' });
  const tokens = { token: 't', tokenSecret: TOKEN_SECRET };
  const answering = (body: string): FetchLike => async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  await assert.rejects(fetchOAuth1Profile(provider, tokens, answering('<html>')), (e) => !!assertOAuthError(e, 'profile_fetch_failed', [TOKEN_SECRET]));
  await assert.rejects(fetchOAuth1Profile(provider, tokens, answering('[1,2]')), (e) => !!assertOAuthError(e, 'profile_fetch_failed', [TOKEN_SECRET]));
  const timeout: FetchLike = async () => {
    throw new ProviderHttpError('timeout', 'provider did not answer within 10 ms');
  };
  await assert.rejects(fetchOAuth1Profile(provider, tokens, timeout), (e) => {
    const oe = assertOAuthError(e, 'profile_fetch_failed', [TOKEN_SECRET]);
    return oe.cause?.code === 'timeout';
  });
});

test('network errors map to each stage’s code', async () => {
  // A port that just closed: connection refused, through the real bounded fetch.
  const tw = await startTwitterEmulator();
  const provider = providerFor(tw);
  await tw.close();
  await assert.rejects(requestToken(provider, CALLBACK, fetch), (e) => {
    const oe = assertOAuthError(e, 'provider_error', [tw.consumerSecret]);
    return oe.cause?.code === 'network';
  });
  await assert.rejects(accessToken(provider, { token: 't', tokenSecret: TOKEN_SECRET, verifier: 'v' }, fetch), (e) => {
    const oe = assertOAuthError(e, 'token_exchange_failed', [TOKEN_SECRET]);
    return ['network', 'timeout', 'too_large'].includes(oe.cause?.code ?? '');
  });
  await assert.rejects(fetchOAuth1Profile(provider, { token: 't', tokenSecret: TOKEN_SECRET }, fetch), (e) => !!assertOAuthError(e, 'profile_fetch_failed', []));
  // signedFetch leaves the ProviderHttpError to its caller.
  await assert.rejects(signedFetch(provider, { token: 't', tokenSecret: TOKEN_SECRET }, 'statuses/home_timeline.json', undefined, fetch), ProviderHttpError);
});

test('token endpoints: non-2xx, or an answer without a token or secret, are refused', async () => {
  const provider = twitter({ consumerKey: 'ck', consumerSecret: 'consumer-secret-77x' });
  const answering =
    (body: string, status = 200): FetchLike =>
    async () =>
      new Response(body, { status, headers: { 'content-type': 'text/html' } });
  for (const body of ['oauth_token=a&oauth_callback_confirmed=true', 'oauth_token_secret=b&oauth_callback_confirmed=true', 'oauth_token=&oauth_token_secret=b&oauth_callback_confirmed=true', '']) {
    await assert.rejects(requestToken(provider, CALLBACK, answering(body)), (e) => !!assertOAuthError(e, 'provider_error', ['consumer-secret-77x']));
  }
  await assert.rejects(requestToken(provider, CALLBACK, answering('oauth_token=a&oauth_token_secret=b&oauth_callback_confirmed=false')), (e) => !!assertOAuthError(e, 'provider_error', []));
  await assert.rejects(requestToken(provider, CALLBACK, answering('oauth_token=a&oauth_token_secret=b&oauth_callback_confirmed=true', 500)), (e) => !!assertOAuthError(e, 'provider_error', []));
  const temp = { token: 'rt', tokenSecret: 'req-token-secret-55', verifier: 'v' };
  for (const body of ['oauth_token=a', 'oauth_token_secret=b', 'oauth_token=a&oauth_token_secret=', 'error=whatever']) {
    await assert.rejects(accessToken(provider, temp, answering(body)), (e) => !!assertOAuthError(e, 'token_exchange_failed', ['req-token-secret-55']));
  }
  await assert.rejects(accessToken(provider, temp, answering('oauth_token=a&oauth_token_secret=b', 403)), (e) => {
    const oe = assertOAuthError(e, 'token_exchange_failed', ['req-token-secret-55', 'oauth_token_secret=b']);
    return oe.cause?.status === 403;
  });
  const ok = await accessToken(provider, temp, answering('oauth_token=a&oauth_token_secret=b'));
  assert.deepEqual(ok, { token: 'a', tokenSecret: 'b' });
});

test('signedFetch: apiHeaders added, Authorization replaced, relative paths need apiBaseUrl, https only off loopback', () =>
  withEmulator(async (tw) => {
    const e = tw.endpoints();
    const generic = oauth1({
      name: 'twitter',
      consumerKey: tw.consumerKey,
      consumerSecret: tw.consumerSecret,
      requestTokenEndpoint: e.requestTokenEndpoint,
      authorizationEndpoint: e.authorizationEndpoint,
      accessTokenEndpoint: e.accessTokenEndpoint,
      userinfoEndpoint: e.userinfoEndpoint,
      apiHeaders: { 'x-client': 'express-oauth-kit' },
      profile: mapTwitterProfile,
    });
    const tokens = tw.issueAccessToken();
    const res = await signedFetch(generic, tokens, `${tw.url}/1.1/statuses/home_timeline.json`, { headers: { authorization: 'Bearer nope' } }, fetch);
    assert.equal(res.status, 200);
    const rec = tw.requests.at(-1)!;
    assert.equal(rec.headers['x-client'], 'express-oauth-kit');
    assert.match(String(rec.headers.authorization), /^OAuth /);
    await assert.rejects(signedFetch(generic, tokens, 'statuses/home_timeline.json', undefined, fetch), TypeError);
    await assert.rejects(signedFetch(generic, tokens, 'http://api.example.com/1.1/x.json', undefined, fetch), TypeError);
    await assert.rejects(signedFetch(generic, { token: '', tokenSecret: 'x' }, `${tw.url}/1.1/x.json`, undefined, fetch), TypeError);
  }));

test('emulator: verifies signatures independently, checks timestamps and refuses replayed nonces', () =>
  withEmulator(async (tw) => {
    const tokens = tw.issueAccessToken();
    const url = `${tw.url}/1.1/account/verify_credentials.json?skip_status=true`;
    const sign = (overrides: Partial<Parameters<typeof buildAuthorizationHeader>[0]> = {}) =>
      buildAuthorizationHeader({ method: 'GET', url, consumerKey: tw.consumerKey, consumerSecret: tw.consumerSecret, ...tokens, ...overrides });

    // The same signed request twice: the second is a replay.
    const header = sign();
    assert.equal((await globalThis.fetch(url, { headers: { authorization: header } })).status, 200);
    const replay = await globalThis.fetch(url, { headers: { authorization: header } });
    assert.equal(replay.status, 401);
    assert.deepEqual(await replay.json(), { errors: [{ code: 32, message: 'Could not authenticate you.' }] });

    // Signed for another URL (query not matching) → bad signature.
    const tampered = await globalThis.fetch(`${url}&include_email=true`, { headers: { authorization: sign() } });
    assert.equal(tampered.status, 401);
    assert.deepEqual(await tampered.json(), { errors: [{ code: 32, message: 'Could not authenticate you.' }] });

    // Wrong token secret → bad signature.
    assert.equal((await globalThis.fetch(url, { headers: { authorization: sign({ tokenSecret: 'x' }) } })).status, 401);

    // Timestamp more than 300 s away.
    const old = await globalThis.fetch(url, { headers: { authorization: sign({ timestamp: Math.floor(Date.now() / 1000) - 301 }) } });
    assert.equal(old.status, 401);
    assert.equal(((await old.json()) as { errors: { code: number }[] }).errors[0]!.code, 135);
    assert.equal((await globalThis.fetch(url, { headers: { authorization: sign({ timestamp: Math.floor(Date.now() / 1000) - 200 }) } })).status, 200);

    // No Authorization header at all.
    assert.equal((await globalThis.fetch(url)).status, 401);

    // Unknown access token → code 89.
    const unknown = await globalThis.fetch(url, { headers: { authorization: sign({ token: 'unknown', tokenSecret: 'x' }) } });
    assert.equal(unknown.status, 401);
    assert.deepEqual(await unknown.json(), { errors: [{ code: 89, message: 'Invalid or expired token.' }] });

    // include_email controls the email field.
    const noEmail = (await (await globalThis.fetch(url, { headers: { authorization: sign() } })).json()) as Record<string, unknown>;
    assert.equal('email' in noEmail, false);
  }));

test('emulator: request_token needs oauth_callback and an allow-listed callback', () =>
  withEmulator(
    async (tw) => {
      const url = `${tw.url}/oauth/request_token`;
      const base = { method: 'POST', url, consumerKey: tw.consumerKey, consumerSecret: tw.consumerSecret };
      const missing = await globalThis.fetch(url, { method: 'POST', headers: { authorization: buildAuthorizationHeader(base) } });
      assert.equal(missing.status, 400);
      const notAllowed = await globalThis.fetch(url, {
        method: 'POST',
        headers: { authorization: buildAuthorizationHeader({ ...base, extraOAuthParams: { oauth_callback: 'https://evil.example/cb' } }) },
      });
      assert.equal(notAllowed.status, 403);
      assert.equal(((await notAllowed.json()) as { errors: { code: number }[] }).errors[0]!.code, 415);
      await assert.rejects(requestToken(providerFor(tw), 'https://evil.example/cb', fetch), (e) => !!assertOAuthError(e, 'provider_error', []));
      const ok = await requestToken(providerFor(tw), CALLBACK, fetch);
      assert.ok(ok.token);
    },
    { callbackAllowList: [CALLBACK] },
  ));
