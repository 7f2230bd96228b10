/**
 * A Microsoft-shaped multi-tenant login end to end, over real HTTP, against
 * an emulated Entra ID whose discovery issuer is `<origin>/{tenantid}/v2.0`
 * (test/emulators/entra.ts). The `microsoft` preset's `acceptIssuer` is what
 * decides: each id_token must name exactly its own tenant's issuer, and the
 * `organizations` / `consumers` endpoints let in only their kind of account —
 * also with endpoint overrides, also on refresh. The emulator lets everyone
 * in, so every refusal seen here is the kit's.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { Browser } from '../helpers/http-client.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { CONSUMERS_TID, startEntraEmulator, type EntraEmulator } from '../emulators/entra.ts';
import { microsoft } from '../../src/index.ts';

const JSON_ACCEPT = { accept: 'application/json' };
const CONTOSO = 'a1b2c3d4-0000-4000-8000-00000000c0de';
const WORK = { oid: 'work-1', tid: CONTOSO, name: 'Ada Work', preferredUsername: 'ada@contoso.example' };
const PERSONAL = { oid: 'msa-1', tid: CONSUMERS_TID, name: 'Ada Home', preferredUsername: 'ada@outlook.example' };

let emu: EntraEmulator;
let app: TestApp;

before(async () => {
  emu = await startEntraEmulator({ users: [WORK, PERSONAL], accessTokenTtlSeconds: 1 });
  app = await startApp({
    registry: { refreshSkewSeconds: 0 },
    mount(server) {
      server.get('/tokens/:name', async (req, res, next) => {
        try {
          const t = await req.oauth.tokens(String(req.params.name));
          res.json({ iss: t.iss, version: t.version });
        } catch (err) {
          next(err);
        }
      });
    },
  });
  const base = { clientId: emu.clientId, clientSecret: emu.clientSecret, authority: emu.origin };
  app.auth.register(microsoft({ ...base, name: 'ms-common', tenant: 'common' }));
  app.auth.register(microsoft({ ...base, name: 'ms-orgs', tenant: 'organizations' }));
  app.auth.register(microsoft({ ...base, name: 'ms-consumers', tenant: 'consumers' }));
  // Endpoint overrides make the kit build its own configuration from the discovered one.
  app.auth.register(microsoft({ ...base, name: 'ms-override', tenant: 'organizations', tokenEndpoint: `${emu.origin}/proxy/token` }));
});
after(async () => {
  await app?.close();
  await emu?.close();
});

/** Log in as `oid` at provider `name`; the callback's answer (302 on success, else the error JSON). */
async function login(name: string, oid: string): Promise<{ browser: Browser; status: number; body: string }> {
  emu.approveAs = oid;
  const browser = new Browser();
  const start = await browser.request(`${app.url}/auth/${name}/login`);
  assert.equal(start.status, 302, start.body);
  assert.ok(start.location!.startsWith(`${emu.origin}/`), start.location);
  const back = await browser.request(start.location!);
  assert.equal(back.status, 302);
  const done = await browser.request(back.location!, { headers: JSON_ACCEPT });
  return { browser, status: done.status, body: done.body };
}

async function me(browser: Browser): Promise<{ user: { id: string; provider: string; name?: string }; providers: string[] }> {
  const r = await browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT });
  assert.equal(r.status, 200, r.body);
  return JSON.parse(r.body);
}

const lastIss = () => JSON.parse(Buffer.from(emu.issuedIdTokens.at(-1)!.split('.')[1]!, 'base64url').toString()).iss as string;

test('common: a work account logs in; its id_token names its own tenant, not the {tenantid} template', async () => {
  emu.fault = null;
  const r = await login('ms-common', WORK.oid);
  assert.equal(r.status, 302, r.body);
  assert.equal(lastIss(), `${emu.origin}/${CONTOSO}/v2.0`);
  const who = await me(r.browser);
  assert.equal(who.user.provider, 'ms-common');
  assert.equal(who.user.name, 'Ada Work');
  assert.deepEqual(who.providers, ['ms-common']);
  assert.ok(emu.requests.some((q) => q.path === '/common/v2.0/.well-known/openid-configuration'));
});

test('common: a personal account logs in too', async () => {
  emu.fault = null;
  const r = await login('ms-common', PERSONAL.oid);
  assert.equal(r.status, 302, r.body);
  assert.equal((await me(r.browser)).user.name, 'Ada Home');
});

test('organizations: a work account logs in, a personal account is refused (id_token_invalid)', async () => {
  emu.fault = null;
  const ok = await login('ms-orgs', WORK.oid);
  assert.equal(ok.status, 302, ok.body);
  const refused = await login('ms-orgs', PERSONAL.oid);
  assert.equal(refused.status, 401);
  assert.deepEqual(JSON.parse(refused.body), { error: 'id_token_invalid' });
  const after = await refused.browser.request(`${app.url}/auth/me`, { headers: JSON_ACCEPT });
  assert.equal(after.status, 401, 'nobody is logged in');
});

test('consumers: a personal account logs in, a work account is refused', async () => {
  emu.fault = null;
  assert.equal((await login('ms-consumers', PERSONAL.oid)).status, 302);
  const refused = await login('ms-consumers', WORK.oid);
  assert.equal(refused.status, 401);
  assert.deepEqual(JSON.parse(refused.body), { error: 'id_token_invalid' });
});

test('an id_token whose iss names another tenant than its tid is refused', async () => {
  emu.fault = 'other_tenant_iss';
  try {
    const r = await login('ms-common', WORK.oid);
    assert.equal(r.status, 401);
    assert.deepEqual(JSON.parse(r.body), { error: 'id_token_invalid' });
  } finally {
    emu.fault = null;
  }
});

test('an approved tenant issuer is still verified in full: a bad signature is refused', async () => {
  emu.fault = 'bad_signature';
  try {
    const r = await login('ms-common', WORK.oid);
    assert.equal(r.status, 401);
    assert.deepEqual(JSON.parse(r.body), { error: 'id_token_invalid' });
  } finally {
    emu.fault = null;
  }
});

test('with an endpoint override the tenant issuer check still works (both ways)', async () => {
  emu.fault = null;
  const before = emu.requests.filter((q) => q.path === '/proxy/token').length;
  const ok = await login('ms-override', WORK.oid);
  assert.equal(ok.status, 302, ok.body);
  assert.equal(emu.requests.filter((q) => q.path === '/proxy/token').length, before + 1, 'the overridden token endpoint was used');
  const refused = await login('ms-override', PERSONAL.oid);
  assert.equal(refused.status, 401);
  assert.deepEqual(JSON.parse(refused.body), { error: 'id_token_invalid' });
});

test('refresh: the refreshed id_token is checked against the login\'s own tenant issuer', async () => {
  emu.fault = null;
  const r = await login('ms-common', WORK.oid);
  assert.equal(r.status, 302, r.body);
  await new Promise((done) => setTimeout(done, 1200)); // the access token lives 1 s
  const t = await r.browser.request(`${app.url}/tokens/ms-common`, { headers: JSON_ACCEPT });
  assert.equal(t.status, 200, t.body);
  assert.deepEqual(JSON.parse(t.body), { iss: `${emu.origin}/${CONTOSO}/v2.0`, version: 2 });
});
