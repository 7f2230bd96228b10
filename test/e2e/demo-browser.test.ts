/**
 * The demo app in a real headless Chromium (Debian `chromium` + playwright-core):
 * log in through the bundled local OpenID provider's pages, the guard's
 * returnTo round trip, logout, two tabs logging in at once, and not one CSP
 * violation or console error on the way.
 *
 * Without /usr/bin/chromium the suite is skipped, unless REQUIRE_BROWSER=1
 * (CI), where it fails.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startDemo, type Demo } from '../../demo-app/server.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const OUTPUT_DIR = fileURLToPath(new URL('../../test-output/', import.meta.url));
const SCREENSHOT = `${OUTPUT_DIR}profile.png`;

const browserPresent = existsSync(CHROMIUM);
const browserRequired = process.env.REQUIRE_BROWSER === '1';
const skip =
  !browserPresent && !browserRequired
    ? `${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (set REQUIRE_BROWSER=1 to make this a failure)`
    : false;

describe('demo app in headless Chromium', { skip, timeout: 120_000 }, () => {
  let demo: Demo;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Every CSP violation, console error and uncaught page error, with the page it happened on. */
  const problems: string[] = [];

  function watch(page: Page): void {
    page.on('console', (msg) => {
      const text = msg.text();
      if (msg.type() === 'error' || /Content[ -]Security[ -]Policy/i.test(text)) problems.push(`[${msg.type()}] ${page.url()}: ${text}`);
    });
    page.on('pageerror', (err) => problems.push(`[pageerror] ${page.url()}: ${err.message}`));
  }

  async function newContext(): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1024, height: 720 } });
    // The provider's development pages @import a web font; the test machine is offline.
    await context.route(/^https:\/\/fonts\.(googleapis|gstatic)\.com\//, (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '' }));
    context.on('page', watch);
    contexts.push(context);
    return context;
  }

  const onIdp = (page: Page) => page.url().startsWith(`${demo.localIssuer}/`);
  const onApp = (page: Page) => page.url().startsWith(`${demo.url}/`);

  /** Fill the provider's login page, then accept its consent page, until the browser is back on the demo. */
  async function signInAtProvider(page: Page, login: string): Promise<void> {
    for (let step = 0; step < 6 && !onApp(page); step++) {
      assert.ok(onIdp(page), `expected the provider's page, got ${page.url()}`);
      await page.waitForLoadState('domcontentloaded');
      const before = page.url();
      const loginField = page.locator('input[name="login"]');
      if (await loginField.count()) {
        await loginField.fill(login);
        await page.locator('input[name="password"]').fill('any-password');
      }
      // The login page's button says "Sign-in", the consent page's "Continue".
      await Promise.all([page.waitForURL((url) => url.href !== before), page.locator('form [type="submit"]').first().click()]);
    }
    await page.waitForLoadState('load');
    assert.ok(onApp(page), `the provider never sent the browser back to the demo (at ${page.url()})`);
  }

  before(async () => {
    assert.ok(browserPresent, `${CHROMIUM} is missing and REQUIRE_BROWSER=1: install it with \`apt-get install -y chromium\``);
    demo = await startDemo({ port: 0, env: {}, log: () => {} });
    assert.ok(demo.localIssuer, 'the demo starts its local provider when no credentials are set');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await demo?.close();
  });

  test('"Log in with Local", sign in and consent at the provider, land on /profile showing the user', async () => {
    const page = await (await newContext()).newPage();
    await page.goto(`${demo.url}/`);
    await page.getByRole('link', { name: 'Log in with Local' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${demo.localIssuer}/`));
    await signInAtProvider(page, 'demo');
    assert.equal(page.url(), `${demo.url}/profile`);
    await page.getByRole('heading', { name: 'Ada Lovelace' }).waitFor();
    const table = await page.locator('table').innerText();
    assert.match(table, /ada@example\.test \(verified\)/);
    assert.match(table, /Provider\s+local/);
    assert.match(table, /Linked accounts\s+Local/);
    // The stylesheet applied (CSP allows it): the card has its rounded border.
    assert.equal(await page.locator('.card').evaluate((el) => getComputedStyle(el).borderRadius), '12px');
    mkdirSync(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    assert.ok(statSync(SCREENSHOT).size > 5_000, 'the screenshot was written');
    // The session cookie: HttpOnly, SameSite=Lax, host-only, not readable by the page.
    const cookie = (await page.context().cookies(demo.url)).find((c) => c.name === 'demo.sid');
    assert.ok(cookie);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(await page.evaluate(() => document.cookie.includes('demo.sid')), false);
  });

  test('a protected page opened while logged out sends the browser to log in, then back to that page', async () => {
    const page = await (await newContext()).newPage();
    const hops: string[] = [];
    page.on('request', (req) => {
      if (req.isNavigationRequest()) hops.push(req.url());
    });
    await page.goto(`${demo.url}/profile?from=e2e`);
    assert.ok(onIdp(page), `expected the provider's login page, got ${page.url()}`);
    assert.ok(hops.includes(`${demo.url}/auth/local/login?returnTo=%2Fprofile%3Ffrom%3De2e`), hops.join('\n'));
    await signInAtProvider(page, 'grace');
    assert.equal(page.url(), `${demo.url}/profile?from=e2e`);
    await page.getByRole('heading', { name: 'grace' }).waitFor();
  });

  test('logging out with the button ends the session: the protected page redirects to login again', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${demo.url}/auth/local/login?returnTo=%2Fprofile`);
    await signInAtProvider(page, 'demo');
    assert.equal(page.url(), `${demo.url}/profile`);
    const before = await context.request.get(`${demo.url}/auth/me`);
    assert.equal(before.status(), 200);

    await Promise.all([page.waitForURL(`${demo.url}/`), page.getByRole('button', { name: 'Log out' }).click()]);
    await page.getByRole('link', { name: 'Log in with Local' }).waitFor();

    const guarded = await context.request.get(`${demo.url}/profile`, { maxRedirects: 0, headers: { accept: 'text/html' } });
    assert.equal(guarded.status(), 302);
    assert.equal(guarded.headers().location, '/auth/local/login?returnTo=%2Fprofile');
    const me = await context.request.get(`${demo.url}/auth/me`);
    assert.equal(me.status(), 401);
  });

  test('"Log out everywhere (at the provider too)": the other browser, this one, and the provider session all end', async () => {
    // Another browser of the same user.
    const other = await newContext();
    const otherPage = await other.newPage();
    await otherPage.goto(`${demo.url}/auth/local/login?returnTo=%2Fprofile`);
    await signInAtProvider(otherPage, 'lin');
    assert.equal((await other.request.get(`${demo.url}/auth/me`)).status(), 200);

    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${demo.url}/auth/local/login?returnTo=%2Fprofile`);
    await signInAtProvider(page, 'lin');
    assert.equal(page.url(), `${demo.url}/profile`);
    const hops: string[] = [];
    page.on('request', (req) => {
      if (req.isNavigationRequest()) hops.push(`${req.method()} ${req.url()}`);
    });
    await Promise.all([page.waitForURL(`${demo.url}/logout/everywhere`), page.getByRole('link', { name: 'Log out everywhere (at the provider too)' }).click()]);
    assert.equal((await other.request.get(`${demo.url}/auth/me`)).status(), 200, 'the confirmation page (a GET) ends nothing');
    await Promise.all([page.waitForURL((url) => url.href.startsWith(`${demo.localIssuer}/`)), page.getByRole('button', { name: 'Sign out on every device' }).click()]);
    // The provider asks for confirmation of its own logout.
    assert.match(page.url(), /\/session\/end/);
    assert.ok(hops.some((h) => h.startsWith(`POST ${demo.url}/auth/logout?federated=1`)), hops.join('\n'));
    await Promise.all([page.waitForURL(`${demo.url}/`), page.getByRole('button', { name: 'Yes, sign me out' }).click()]);
    assert.ok(hops.some((h) => h.startsWith(`GET ${demo.url}/auth/logout/callback?state=`)), hops.join('\n'));
    await page.getByRole('link', { name: 'Log in with Local' }).waitFor();

    assert.equal((await context.request.get(`${demo.url}/auth/me`)).status(), 401, 'this browser is logged out');
    assert.equal((await other.request.get(`${demo.url}/auth/me`)).status(), 401, 'the other browser is logged out too');
    // Logged out at the provider: logging in again shows the provider's login page, not a silent sign-in.
    await page.goto(`${demo.url}/auth/local/login?returnTo=%2Fprofile`);
    assert.ok(onIdp(page));
    await page.locator('input[name="login"]').waitFor();
  });

  test("a second tab logs in while the first tab's login is pending; both finish", async () => {
    const context = await newContext();
    const [first, second] = await Promise.all([context.newPage(), context.newPage()]);
    await first.goto(`${demo.url}/auth/local/login?returnTo=%2Fprofile`);
    await second.goto(`${demo.url}/auth/local/login?returnTo=%2F`);
    assert.ok(onIdp(first) && onIdp(second), 'both tabs wait at the provider, two logins pending');
    // The callbacks come one after the other (each regenerates the session id, SECURITY S-1, S-14).
    await signInAtProvider(second, 'demo');
    assert.equal(second.url(), `${demo.url}/`);
    await signInAtProvider(first, 'demo');
    assert.equal(first.url(), `${demo.url}/profile`);
    await first.getByRole('heading', { name: 'Ada Lovelace' }).waitFor();
    await second.reload();
    await second.getByRole('heading', { name: /Welcome back, Ada Lovelace/ }).waitFor();
  });

  // Two login starts reaching the server at the same instant (SECURITY S-14): on a fresh browser each
  // makes its own session and the browser keeps the last cookie; the per-login binding cookie lets the
  // other tab finish anyway.
  test('two tabs whose logins start at the same instant both finish', async () => {
    const context = await newContext();
    const [first, second] = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all([first.goto(`${demo.url}/auth/local/login?returnTo=%2Fprofile`), second.goto(`${demo.url}/auth/local/login?returnTo=%2F`)]);
    await signInAtProvider(first, 'demo');
    await signInAtProvider(second, 'demo');
    assert.equal(first.url(), `${demo.url}/profile`);
    assert.equal(second.url(), `${demo.url}/`);
  });

  test('no CSP violation and no console error on any page', () => {
    assert.ok(contexts.length >= 4, 'the flows above ran');
    assert.deepEqual(problems, []);
  });
});
