/**
 * Client credentials tokens against the OAuth 2.0 emulator's real token
 * endpoint: one grant for concurrent callers, cached per provider and scope
 * until due, sealed in shared state when keys are set, shared across kits on
 * one Redis, and typed errors for providers that cannot do it.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Kit } from '../../../src/kit.ts';
import { oauth2, twitter, OAuthError } from '../../../src/index.ts';
import { clientCredentialsToken } from '../../../src/tokens/client-credentials.ts';
import type { RegistryOptions } from '../../../src/types.ts';
import { startOAuth2Emulator, type OAuth2Emulator } from '../../emulators/oauth2.ts';

const redis = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
  redis.disconnect();
});

async function emulator(ttlSeconds = 3600): Promise<OAuth2Emulator> {
  const e = await startOAuth2Emulator({ redirectUris: [], anyRedirectUri: true, accessTokenTtlSeconds: ttlSeconds });
  cleanups.push(() => e.close());
  return e;
}

/** A kit with provider `name` on the emulator; names are unique per test (the in-process coalescing is keyed by name and scope). */
function kitFor(e: OAuth2Emulator, name: string, options: Omit<RegistryOptions, 'baseUrl'> = {}): Kit {
  const kit = new Kit({ baseUrl: 'http://127.0.0.1:3000', ...options });
  kit.add(oauth2({ name, clientId: e.clientId, clientSecret: e.clientSecret, authorizationEndpoint: `${e.url}/authorize`, tokenEndpoint: `${e.url}/token` }));
  return kit;
}

const unique = (base: string) => `${base}-${randomBytes(4).toString('hex')}`;
/** The shared-state key the kit caches a (provider, scope) token under. */
const cacheKey = (name: string, scope: string[]) => `${name}:${createHash('sha256').update(scope.join(' ')).digest('base64url').slice(0, 16)}`;

test('ten concurrent callers → one grant; later calls are served from the cache; another scope is another grant', async () => {
  const e = await emulator();
  const name = unique('m2m');
  const kit = kitFor(e, name);
  const all = await Promise.all(Array.from({ length: 10 }, () => clientCredentialsToken(kit, name, ['read'])));
  assert.equal(e.grants.client_credentials, 1);
  assert.equal(new Set(all.map((t) => t.accessToken)).size, 1);
  assert.equal(all[0]!.refreshToken, undefined);

  const again = await clientCredentialsToken(kit, name, ['read']);
  assert.equal(again.accessToken, all[0]!.accessToken);
  assert.equal(e.grants.client_credentials, 1, 'cached');

  const other = await clientCredentialsToken(kit, name, ['write']);
  assert.notEqual(other.accessToken, all[0]!.accessToken);
  assert.equal(e.grants.client_credentials, 2);
  const sent = e.requestsTo('/token').map((r) => r.form?.scope);
  assert.deepEqual(sent, ['read', 'write']);
});

test('a token due within the refresh skew is not reused: the next call makes a new grant', async () => {
  const e = await emulator(30); // 30 s lifetime < the 60 s default skew: never worth caching
  const name = unique('short');
  const kit = kitFor(e, name);
  const first = await clientCredentialsToken(kit, name, []);
  const second = await clientCredentialsToken(kit, name, []);
  assert.notEqual(first.accessToken, second.accessToken);
  assert.equal(e.grants.client_credentials, 2);
});

test('with tokenEncryptionKeys the cached token is sealed in shared state', async () => {
  const e = await emulator();
  const name = unique('sealed');
  const kit = kitFor(e, name, { tokenEncryptionKeys: [randomBytes(32)] });
  const t = await clientCredentialsToken(kit, name, ['read']);
  const stored = await kit.shared.getValue(cacheKey(name, ['read']));
  assert.ok(stored, 'cached');
  assert.ok(!stored.includes(t.accessToken), 'no token in clear in shared state');
  assert.deepEqual(kit.vault.openShared(stored, 'client-credentials'), t);
});

test('two kits on one Redis (two instances): the second is served the first one\'s token', async () => {
  const e = await emulator();
  const name = unique('shared');
  const keys = [randomBytes(32)];
  const a = kitFor(e, name, { redis, tokenEncryptionKeys: keys });
  const b = kitFor(e, name, { redis, tokenEncryptionKeys: keys });
  cleanups.push(async () => {
    const left = await redis.keys(`*${name}*`);
    if (left.length) await redis.del(...left);
  });
  const fromA = await clientCredentialsToken(a, name, []);
  // The in-process promise is gone once settled; b finds the value through Redis.
  const fromB = await clientCredentialsToken(b, name, []);
  assert.equal(fromB.accessToken, fromA.accessToken);
  assert.equal(e.grants.client_credentials, 1);
});

test('typed errors: an OAuth 1.0a provider, an unknown provider, a refusing token endpoint', async () => {
  const e = await emulator();
  const kit = new Kit({ baseUrl: 'http://127.0.0.1:3000' });
  kit.add(twitter({ consumerKey: 'ck', consumerSecret: 'cs' }));
  await assert.rejects(clientCredentialsToken(kit, 'twitter', []), (err: unknown) => err instanceof OAuthError && err.code === 'token_exchange_failed' && err.status === 502);
  await assert.rejects(clientCredentialsToken(kit, 'nope', []), (err: unknown) => err instanceof OAuthError && err.code === 'unknown_provider' && err.status === 404);

  const name = unique('refused');
  kit.add(oauth2({ name, clientId: e.clientId, clientSecret: 'wrong-secret', authorizationEndpoint: `${e.url}/authorize`, tokenEndpoint: `${e.url}/token` }));
  const err = await clientCredentialsToken(kit, name, []).then(
    () => assert.fail('must fail'),
    (x: unknown) => x,
  );
  assert.ok(err instanceof OAuthError);
  assert.equal(err.code, 'token_exchange_failed');
  assert.equal(err.provider, name);
  assert.ok(!err.message.includes('wrong-secret'), 'no secret in the message');
});
