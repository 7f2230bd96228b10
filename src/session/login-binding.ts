/**
 * A second home for a pending login, for the one case the session cannot
 * cover: two tabs of a fresh browser starting a login at the same instant get
 * two new sessions, and the browser keeps only the last session cookie. Each
 * login also leaves its record in shared state (Redis with the `redis` option,
 * else this process), bound to the browser by a random value in a cookie of its
 * own (`oauthkit.b.<hash>`, HttpOnly, SameSite=Lax, path = the callback). The
 * callback falls back to it only when the session does not hold the login;
 * both copies are single-use. Secrets stay on the server.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Kit } from '../kit.ts';
import { PENDING_TTL_MS, type PendingLogin } from './pending-logins.ts';

const COOKIE_PREFIX = 'oauthkit.b.';

// Keyed by the state alone (not the provider), so a state replayed at another provider's callback uses it up too.
function digest(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/** The binding cookie's name for one login. */
export function bindingCookieName(key: string): string {
  return `${COOKIE_PREFIX}${digest(key).slice(0, 16)}`;
}

function cookieValue(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

function setCookie(res: Response, name: string, value: string, path: string, secure: boolean, maxAgeSeconds: number): void {
  const attrs = [`${name}=${value}`, `Path=${path}`, `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax'];
  if (secure) attrs.push('Secure');
  res.append('Set-Cookie', attrs.join('; '));
}

/** Keep a copy of the pending login in shared state and bind it to this browser. */
export async function bindPendingLogin(kit: Kit, res: Response, key: string, login: PendingLogin, callbackPath: string): Promise<void> {
  const binding = randomBytes(32).toString('base64url');
  const id = digest(key);
  await kit.shared.setValue(`pending:${id}`, kit.vault.sealShared({ binding, login }, 'pending-login'), PENDING_TTL_MS);
  setCookie(res, `${COOKIE_PREFIX}${id.slice(0, 16)}`, binding, callbackPath, kit.options.baseUrl.protocol === 'https:', PENDING_TTL_MS / 1000);
}

/**
 * Use up the shared copy of a login (always, so it cannot be replayed) and
 * return it when this browser holds its binding cookie. Clears the cookie.
 */
export async function takeBoundLogin(kit: Kit, req: Request, res: Response, provider: string, key: string, callbackPath: string, useIt: boolean): Promise<PendingLogin | undefined> {
  const name = bindingCookieName(key);
  const cookie = cookieValue(req, name);
  if (cookie !== undefined) setCookie(res, name, '', callbackPath, kit.options.baseUrl.protocol === 'https:', 0);
  const raw = await kit.shared.takeValue(`pending:${digest(key)}`);
  if (!useIt || !raw || cookie === undefined) return undefined;
  let stored: { binding?: unknown; login?: PendingLogin };
  try {
    stored = kit.vault.openShared(raw, 'pending-login');
  } catch {
    return undefined;
  }
  if (typeof stored.binding !== 'string' || !stored.login) return undefined;
  const a = Buffer.from(stored.binding);
  const b = Buffer.from(cookie);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
  if (stored.login.provider !== provider || Date.now() - stored.login.createdAt >= PENDING_TTL_MS) return undefined;
  return stored.login;
}
