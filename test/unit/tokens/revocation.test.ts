/**
 * Ending accounts' tokens (logout, unlink, user switch) with the kit's real
 * state and a real RFC 7009 endpoint (the OAuth 2.0 emulator): families ended
 * in shared state, tokenStore entries removed, the newest tokens revoked in
 * the background, and a revocation that hangs never holding up the caller.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Kit } from '../../../src/kit.ts';
import { oauth2 } from '../../../src/index.ts';
import { endAccounts, revokeLateTokens } from '../../../src/tokens/revocation.ts';
import { withStableFamily } from '../../../src/tokens/token-family.ts';
import type { AccountRecord } from '../../../src/tokens/token-vault.ts';
import type { RegistryOptions, TokenSet, TokenStore, TokenStoreKey } from '../../../src/types.ts';
import { startOAuth2Emulator, type OAuth2Emulator } from '../../emulators/oauth2.ts';

const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function emulator(options: { revocationHang?: boolean } = {}): Promise<OAuth2Emulator> {
  const e = await startOAuth2Emulator({ redirectUris: [], anyRedirectUri: true });
  e.revocationHang = options.revocationHang ?? false;
  cleanups.push(() => e.close());
  return e;
}

/** A kit with provider `p` on the emulator (revocation endpoint included). */
function kitFor(e: OAuth2Emulator, options: Omit<RegistryOptions, 'baseUrl'> = {}): Kit {
  const kit = new Kit({ baseUrl: 'http://127.0.0.1:3000', ...options });
  kit.add(
    oauth2({
      name: 'p',
      clientId: e.clientId,
      clientSecret: e.clientSecret,
      authorizationEndpoint: `${e.url}/authorize`,
      tokenEndpoint: `${e.url}/token`,
      userinfoEndpoint: `${e.url}/userinfo`,
      revocationEndpoint: `${e.url}/revoke`,
    }),
  );
  return kit;
}

const tokens = (version?: number): TokenSet => ({
  accessToken: `at-${randomBytes(6).toString('hex')}`,
  refreshToken: `rt-${randomBytes(6).toString('hex')}`,
  family: `fam-${randomBytes(6).toString('hex')}`,
  ...(version ? { version } : {}),
});

async function accountWith(kit: Kit, t: TokenSet, user: unknown): Promise<AccountRecord> {
  const record: AccountRecord = { profile: { provider: 'p', id: 'acct-1' } };
  await kit.vault.write('p', record, user, t);
  return record;
}

/** Wait until the emulator saw `count` revocation requests (revocation runs in the background). */
async function revocations(e: OAuth2Emulator, count: number, withinMs = 3_000): Promise<string[]> {
  const deadline = Date.now() + withinMs;
  while (e.requestsTo('/revoke').length < count && Date.now() < deadline) await sleep(20);
  return e.requestsTo('/revoke').map((r) => String(r.form?.token));
}

test('endAccounts with revoke: the family is ended (no later publish) and the refresh token is revoked at the provider', async () => {
  const e = await emulator();
  const kit = kitFor(e);
  const t = tokens(1);
  const record = await accountWith(kit, t, { id: 'u' });
  await endAccounts(kit, { p: record }, { id: 'u' }, { revoke: true });

  const latest = await kit.shared.getLatest(t.family!);
  assert.equal(latest?.ended, true);
  assert.equal(await kit.shared.publishLatest(t.family!, 2, kit.vault.sealShared(tokens(), 'latest-tokens'), 60_000), false, 'a refresh finishing after the logout cannot publish');

  assert.deepEqual(await revocations(e, 1), [t.refreshToken]);
  const [req] = e.requestsTo('/revoke');
  assert.equal(req!.form?.token_type_hint, 'refresh_token');
  assert.match(String(req!.headers.authorization), /^Basic /, 'the client authenticates to the revocation endpoint');
});

test('endAccounts without revoke (unlink, user switch): the family is ended, nothing is sent to the provider', async () => {
  const e = await emulator();
  const kit = kitFor(e);
  const t = tokens(1);
  await endAccounts(kit, { p: await accountWith(kit, t, undefined) }, undefined, { revoke: false });
  assert.equal((await kit.shared.getLatest(t.family!))?.ended, true);
  await sleep(200);
  assert.equal(e.requestsTo('/revoke').length, 0);
});

test('the newest tokens are the ones revoked: a published newer version wins over the session copy', async () => {
  const e = await emulator();
  const kit = kitFor(e, { tokenEncryptionKeys: [randomBytes(32)] });
  const stale = tokens(1);
  const newer: TokenSet = { ...tokens(2), family: stale.family };
  assert.equal(await kit.shared.publishLatest(stale.family!, 2, kit.vault.sealShared(newer, 'latest-tokens'), 60_000), true);
  await endAccounts(kit, { p: await accountWith(kit, stale, undefined) }, undefined, { revoke: true });
  assert.deepEqual(await revocations(e, 1), [newer.refreshToken]);
});

test('a published value that cannot be opened (keys changed) falls back to the session copy', async () => {
  const e = await emulator();
  const kit = kitFor(e, { tokenEncryptionKeys: [randomBytes(32)] });
  const t = tokens(1);
  await kit.shared.publishLatest(t.family!, 2, 'eok2.garbage.x.y.z', 60_000);
  await endAccounts(kit, { p: await accountWith(kit, t, undefined) }, undefined, { revoke: true });
  assert.deepEqual(await revocations(e, 1), [t.refreshToken]);
});

test('tokens from before token families: the stable family is the one ended', async () => {
  const e = await emulator();
  const kit = kitFor(e);
  const legacy: TokenSet = { accessToken: 'at-legacy', refreshToken: 'rt-legacy' };
  const record: AccountRecord = { profile: { provider: 'p', id: 'acct-1' }, tokens: legacy };
  await endAccounts(kit, { p: record }, undefined, { revoke: false });
  assert.equal((await kit.shared.getLatest(withStableFamily('p', legacy).family!))?.ended, true);
});

test('a tokenStore forgets the account; the store copy (not the session) is what gets revoked', async () => {
  const e = await emulator();
  const saved = new Map<string, TokenSet>();
  const deleted: TokenStoreKey[] = [];
  const keyOf = (k: TokenStoreKey) => `${k.provider}:${k.accountId}`;
  const store: TokenStore = {
    async get(k) {
      return saved.get(keyOf(k));
    },
    async set(k, t) {
      saved.set(keyOf(k), t);
    },
    async delete(k) {
      deleted.push(k);
      saved.delete(keyOf(k));
    },
  };
  const kit = kitFor(e, { tokenStore: store });
  const t = tokens(1);
  const record = await accountWith(kit, t, { id: 'u' });
  assert.equal(record.tokens, undefined);
  await endAccounts(kit, { p: record }, { id: 'u' }, { revoke: true });
  assert.equal(saved.size, 0);
  assert.deepEqual(deleted, [{ provider: 'p', accountId: 'acct-1', user: { id: 'u' } }]);
  assert.deepEqual(await revocations(e, 1), [t.refreshToken]);
});

test('a revocation endpoint that never answers does not hold up endAccounts', async () => {
  const e = await emulator({ revocationHang: true });
  const kit = kitFor(e, { httpTimeoutMs: 4_000 });
  const started = Date.now();
  await endAccounts(kit, { p: await accountWith(kit, tokens(1), undefined) }, undefined, { revoke: true });
  const took = Date.now() - started;
  assert.ok(took < 2_000, `endAccounts took ${took} ms; it must not wait for the revocation (bounded at 4 s)`);
  assert.equal((await revocations(e, 1)).length, 1, 'the revocation was still sent');
});

test('accounts without tokens, and unknown providers, end without error', async () => {
  const e = await emulator();
  const kit = kitFor(e);
  await endAccounts(kit, { p: { profile: { provider: 'p', id: 'x' } }, gone: { profile: { provider: 'gone', id: 'y' }, tokens: tokens(1) } }, undefined, { revoke: true });
  await sleep(100);
  assert.equal(e.requestsTo('/revoke').length, 0);
});

test('revokeLateTokens: tokens issued after the login ended are revoked (access token when there is no refresh token)', async () => {
  const e = await emulator();
  const kit = kitFor(e);
  revokeLateTokens(kit, 'p', { accessToken: 'at-late' });
  assert.deepEqual(await revocations(e, 1), ['at-late']);
  assert.equal(e.requestsTo('/revoke')[0]!.form?.token_type_hint, 'access_token');
  revokeLateTokens(kit, 'not-registered', { accessToken: 'at-x' }); // nothing to call, nothing thrown
});
