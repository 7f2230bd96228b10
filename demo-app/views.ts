/**
 * The demo's HTML: plain server-rendered pages, every dynamic value escaped,
 * no inline script or style (the CSP allows only same-origin `/style.css`).
 */
import type { Profile } from 'express-oauth-kit';

/** A provider button: the registry name and its display name. */
export interface ProviderLink {
  name: string;
  displayName: string;
}

/** What every page's header needs. */
export interface PageContext {
  /** The logged-in user, if any. */
  user?: Partial<Profile> & Record<string, unknown>;
  /** Whether GitHub is configured (the Repos link). */
  hasGithub: boolean;
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Only https avatars are shown (and the CSP allows https images only). */
function safeImageUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function displayNameOf(user: PageContext['user']): string {
  return String(user?.name ?? user?.username ?? user?.email ?? user?.id ?? 'you');
}

function logoutButton(): string {
  return `<form method="post" action="/auth/logout" class="logout"><button type="submit" class="button secondary">Log out</button></form>`;
}

function layout(title: string, body: string, ctx: PageContext): string {
  const nav = [`<a href="/">Home</a>`];
  if (ctx.user) nav.push(`<a href="/profile">Profile</a>`);
  if (ctx.hasGithub) nav.push(`<a href="/repos">Repos</a>`);
  const who = ctx.user ? `<span class="who">${escapeHtml(displayNameOf(ctx.user))}</span>${logoutButton()}` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · express-oauth-kit demo</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header class="bar">
  <a class="brand" href="/">express-oauth-kit <span>demo</span></a>
  <nav>${nav.join('')}</nav>
  <div class="session">${who}</div>
</header>
<main>
${body}
</main>
<footer>Tokens stay on the server; this page only sees your profile.</footer>
</body>
</html>`;
}

function loginButtons(providers: readonly ProviderLink[], returnTo: string): string {
  if (providers.length === 0) return `<p class="muted">No provider is configured.</p>`;
  const q = `?returnTo=${encodeURIComponent(returnTo)}`;
  return `<ul class="providers">${providers
    .map((p) => `<li><a class="button provider provider-${escapeHtml(p.name)}" href="/auth/${encodeURIComponent(p.name)}/login${escapeHtml(q)}">Log in with ${escapeHtml(p.displayName)}</a></li>`)
    .join('')}</ul>`;
}

/** Home: a "Log in with …" button per provider, or a greeting. */
export function homePage(ctx: PageContext, providers: readonly ProviderLink[], localHint: boolean): string {
  if (ctx.user) {
    const body = `<section class="card">
  <h1>Welcome back, ${escapeHtml(displayNameOf(ctx.user))}</h1>
  <p>You are logged in. See <a href="/profile">your profile</a>${ctx.hasGithub ? ' or <a href="/repos">your GitHub repositories</a>' : ''}.</p>
</section>`;
    return layout('Home', body, ctx);
  }
  const hint = localHint
    ? `<p class="hint">No provider credentials are set, so a local OpenID provider runs alongside this demo. Sign in there with any name (try <code>demo</code>) and any password.</p>`
    : '';
  const body = `<section class="card">
  <h1>Log in</h1>
  <p>Choose a provider. You will come back to your profile.</p>
  ${loginButtons(providers, '/profile')}
  ${hint}
</section>`;
  return layout('Log in', body, ctx);
}

/** The app's login page (the registry's `loginPage`), keeping a validated returnTo. */
export function loginPage(ctx: PageContext, providers: readonly ProviderLink[], returnTo: string): string {
  const body = `<section class="card">
  <h1>Log in to continue</h1>
  ${loginButtons(providers, returnTo)}
</section>`;
  return layout('Log in', body, ctx);
}

/** The profile page: the normalised profile, every field escaped. */
export function profilePage(ctx: PageContext, accounts: readonly string[], providers: readonly ProviderLink[] = []): string {
  const label = (name: unknown): string => providers.find((p) => p.name === name)?.displayName ?? String(name ?? 'a provider');
  const user = ctx.user ?? {};
  const rows: [string, unknown][] = [
    ['Provider', user.provider],
    ['ID', user.id],
    ['Username', user.username],
    ['Name', user.name],
    ['Email', user.email === undefined ? undefined : `${String(user.email)}${user.emailVerified === true ? ' (verified)' : ''}`],
  ];
  const avatar = safeImageUrl(user.avatarUrl);
  const body = `<section class="card profile">
  <div class="profile-head">
    ${avatar ? `<img class="avatar" src="${escapeHtml(avatar)}" alt="" width="64" height="64" referrerpolicy="no-referrer">` : `<div class="avatar initial" aria-hidden="true">${escapeHtml(displayNameOf(user).slice(0, 1).toUpperCase())}</div>`}
    <div><h1>${escapeHtml(displayNameOf(user))}</h1><p class="muted">Logged in through ${escapeHtml(label(user.provider))}</p></div>
  </div>
  <table>
    <tbody>
      ${rows
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
        .join('\n      ')}
      <tr><th scope="row">Linked accounts</th><td>${escapeHtml(accounts.map(label).join(', ') || 'none')}</td></tr>
    </tbody>
  </table>
  <p class="logout-everywhere"><a class="button secondary" href="/logout/everywhere">Log out everywhere (at the provider too)</a></p>
</section>`;
  return layout('Profile', body, ctx);
}

/** One repository as the demo shows it. */
export interface RepoView {
  name: string;
  description?: string;
  url?: string;
  private: boolean;
  stars: number;
}

/** The GitHub repositories page. */
export function reposPage(ctx: PageContext, repos: readonly RepoView[]): string {
  const items = repos.length
    ? `<ul class="repos">${repos
        .map((r) => {
          const name = r.url ? `<a href="${escapeHtml(r.url)}" rel="noreferrer">${escapeHtml(r.name)}</a>` : escapeHtml(r.name);
          return `<li><div class="repo-name">${name}${r.private ? ' <span class="tag">private</span>' : ''}</div>${r.description ? `<p class="muted">${escapeHtml(r.description)}</p>` : ''}<span class="stars">★ ${escapeHtml(r.stars)}</span></li>`;
        })
        .join('')}</ul>`
    : `<p class="muted">No repositories.</p>`;
  return layout('Repositories', `<section class="card"><h1>Your GitHub repositories</h1>${items}</section>`, ctx);
}

/** A fixed message page (404, not configured, errors): code and message only, never provider text. */
export function messagePage(ctx: PageContext, title: string, message: string, code?: string): string {
  const body = `<section class="card error">
  <h1>${escapeHtml(title)}</h1>
  <p>${escapeHtml(message)}</p>
  ${code ? `<p class="muted">Error code: <code>${escapeHtml(code)}</code></p>` : ''}
  <p><a class="button secondary" href="/">Back to the home page</a></p>
</section>`;
  return layout(title, body, ctx);
}

/**
 * "Log out everywhere (at the provider too)": a confirmation (a GET never logs
 * out) whose form POSTs /logout/everywhere.
 */
export function logoutEverywherePage(ctx: PageContext): string {
  const body = `<section class="card">
  <h1>Log out everywhere</h1>
  <p>This ends your sessions in every browser and device, then signs you out at the provider too.</p>
  <form method="post" action="/logout/everywhere"><button type="submit" class="button">Sign out on every device</button></form>
</section>`;
  return layout('Log out everywhere', body, ctx);
}

/** The favicon (served as /favicon.svg so the browser does not log a 404). */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#4f46e5"/><path d="M10 15v-3a6 6 0 0 1 12 0v3" fill="none" stroke="#fff" stroke-width="3"/><rect x="8" y="15" width="16" height="11" rx="2" fill="#fff"/></svg>`;

/** The one stylesheet (same origin, so `style-src 'self'` is enough). */
export const STYLESHEET = `:root {
  --bg: #f6f7fb; --card: #fff; --text: #1f2330; --muted: #636a7e; --line: #e3e6ef;
  --accent: #4f46e5; --accent-dark: #4338ca; --danger: #b42318;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); line-height: 1.5; }
a { color: var(--accent); }
.bar { display: flex; align-items: center; gap: 1.5rem; padding: .75rem 1.5rem; background: var(--card); border-bottom: 1px solid var(--line); }
.brand { font-weight: 700; text-decoration: none; color: var(--text); }
.brand span { color: var(--accent); font-weight: 500; }
nav { display: flex; gap: 1rem; flex: 1; }
nav a { text-decoration: none; color: var(--muted); }
nav a:hover { color: var(--text); }
.session { display: flex; align-items: center; gap: .75rem; }
.who { color: var(--muted); font-size: .95rem; }
.logout { margin: 0; }
.logout-everywhere { margin: 16px 0 0; }
main { max-width: 46rem; margin: 2.5rem auto; padding: 0 1rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 1.75rem 2rem; box-shadow: 0 1px 2px rgba(16, 24, 40, .05); }
h1 { margin: 0 0 .5rem; font-size: 1.5rem; }
.muted { color: var(--muted); }
.hint { margin-top: 1.5rem; padding: .75rem 1rem; background: #eef2ff; border-radius: 8px; font-size: .95rem; }
code { background: #f1f3f9; padding: .1rem .35rem; border-radius: 4px; font-size: .9em; }
.providers { list-style: none; padding: 0; margin: 1.25rem 0 0; display: grid; gap: .6rem; }
.button { display: inline-block; padding: .6rem 1.1rem; border-radius: 8px; border: 1px solid var(--accent); background: var(--accent); color: #fff; font: inherit; font-weight: 600; text-decoration: none; cursor: pointer; }
.button:hover { background: var(--accent-dark); }
.button.secondary { background: var(--card); color: var(--text); border-color: var(--line); font-weight: 500; padding: .35rem .8rem; }
.button.secondary:hover { background: #f1f3f9; }
.provider { width: 100%; text-align: center; }
.provider-github { background: #24292f; border-color: #24292f; }
.provider-google { background: #fff; color: #1f1f1f; border-color: #dadce0; }
.provider-x, .provider-twitter { background: #000; border-color: #000; }
.profile-head { display: flex; align-items: center; gap: 1rem; margin-bottom: 1.25rem; }
.profile-head h1 { margin: 0; }
.profile-head p { margin: 0; }
.avatar { width: 64px; height: 64px; border-radius: 50%; object-fit: cover; }
.avatar.initial { display: grid; place-items: center; background: var(--accent); color: #fff; font-size: 1.75rem; font-weight: 700; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: .55rem .25rem; border-top: 1px solid var(--line); vertical-align: top; }
th { width: 11rem; color: var(--muted); font-weight: 500; }
td { word-break: break-word; }
.repos { list-style: none; padding: 0; margin: 1rem 0 0; }
.repos li { padding: .75rem 0; border-top: 1px solid var(--line); }
.repo-name { font-weight: 600; }
.repos p { margin: .25rem 0; }
.tag { font-size: .75rem; font-weight: 500; border: 1px solid var(--line); border-radius: 999px; padding: 0 .5rem; color: var(--muted); }
.stars { font-size: .85rem; color: var(--muted); }
.error h1 { color: var(--danger); }
footer { text-align: center; color: var(--muted); font-size: .85rem; margin: 2rem 0; }
`;

/** Fixed messages per error code: the demo never shows what a provider sent. */
export const ERROR_MESSAGES: Readonly<Record<string, string>> = Object.freeze({
  unknown_provider: 'There is no login by that name here.',
  state_mismatch: 'This login link is missing, expired or already used. Please start the login again.',
  access_denied: 'The login was cancelled at the provider.',
  provider_error: 'The provider could not complete the login. Please try again later.',
  token_exchange_failed: 'The provider did not complete the login. Please try again.',
  id_token_invalid: 'The identity the provider sent could not be verified.',
  profile_fetch_failed: 'Your profile could not be fetched from the provider.',
  cross_site_request: 'This request came from another site and was refused.',
  session_unavailable: 'Sessions are unavailable right now. Please try again shortly.',
  login_required: 'You need to log in first.',
  bad_request: 'The request could not be understood.',
  internal_error: 'Something went wrong on our side.',
});
