/**
 * Scope upgrade and step-up in the guard (DESIGN "Scope upgrade and step-up
 * in the guard"): `loginRequired({ scope })`, `loginRequired({ maxAge, acr })`.
 * Reads only what express-session loaded. Browsers are sent to the provider's
 * login with what is missing; API requests get 403 `insufficient_scope` or
 * 401 `insufficient_user_authentication` (RFC 9470).
 *
 * No redirect loop: a browser redirect leaves what it asked in the session
 * (`oauth.stepUp`, taken by the next login of that provider, which marks its
 * pending login with the requirement's key). When that login comes back the
 * callback leaves a one-shot `oauth.stepUpDone`; the guard then judges the
 * login as of its completion — a `maxAge: 0` route opens once after the fresh
 * login — and if it is still short answers the error instead of redirecting again.
 */
import type { NextFunction, Request, Response } from 'express';
import { OAuthError } from './errors.ts';
import type { Kit } from './kit.ts';
import { sendRedirect, isBrowserNavigation } from './http/responses.ts';
import type { GrantRecord } from './protocol/auth-checks.ts';
import { loginQuery } from './protocol/login-params.ts';
import type { SessionOAuthData, StepUpRequest } from './session/session-data.ts';
import { safeReturnTo } from './session/return-to.ts';

/** What a guard asks beyond a login. */
export interface StepUpOptions {
  provider?: string;
  /** Scopes the linked account must have been granted. */
  scope?: readonly string[];
  /** The last OIDC login must be at most this many seconds old (by `auth_time`). */
  maxAge?: number;
  /** The last OIDC login's `acr` must be one of these. */
  acr?: readonly string[];
}

export type { StepUpRequest };

/** How long a finished guard-started login counts as just done. */
export const STEP_UP_DONE_TTL_MS = 2 * 60_000;
/** Clock tolerance on `auth_time` when judging a just-finished step-up (as openid-client's id_token checks). */
const DONE_TOLERANCE_S = 30;

type Account = GrantRecord & { profile?: unknown };

/**
 * True when the guard options ask anything beyond a login.
 * @example
 * ```ts
 * asksStepUp({ provider: 'github' }); // false
 * asksStepUp({ maxAge: 0 }); // true
 * ```
 */
export function asksStepUp(options: StepUpOptions): boolean {
  return (options.scope?.length ?? 0) > 0 || options.maxAge !== undefined || (options.acr?.length ?? 0) > 0;
}

/** @throws TypeError at setup for a negative or fractional maxAge, or a scope / acr that is not an array of strings. */
export function checkStepUpOptions(options: StepUpOptions): void {
  if (options.maxAge !== undefined && !(Number.isSafeInteger(options.maxAge) && options.maxAge >= 0)) throw new TypeError('loginRequired: maxAge must be a non-negative integer (seconds).');
  for (const field of ['scope', 'acr'] as const) {
    const v = options[field];
    if (v !== undefined && (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s.length > 0 && !/\s/.test(s)))) {
      throw new TypeError(`loginRequired: ${field} must be an array of strings without spaces.`);
    }
  }
}

/**
 * The linked account a guard's step-up applies to: the `provider` option's, else the last linked
 * (for maxAge / acr: the last linked OpenID Connect login, known by the `sub` its id_token gave).
 */
export function stepUpTarget(data: SessionOAuthData, options: StepUpOptions): string | undefined {
  const accounts = data.accounts ?? {};
  const names = Object.keys(accounts);
  if (options.provider !== undefined) return names.includes(options.provider) ? options.provider : undefined;
  const authentication = options.maxAge !== undefined || (options.acr?.length ?? 0) > 0;
  const candidates = authentication ? names.filter((n) => typeof accounts[n]?.sub === 'string') : names;
  return candidates.at(-1);
}

/**
 * The requirement's identity: the same guard asking again for the same provider.
 * @example
 * ```ts
 * requirementKey('corp', { scope: ['b', 'a'] }) === requirementKey('corp', { scope: ['a', 'b'] }); // true
 * ```
 */
export function requirementKey(provider: string, options: StepUpOptions): string {
  return JSON.stringify([provider, [...(options.scope ?? [])].sort(), options.maxAge ?? null, [...(options.acr ?? [])].sort()]);
}

/** What the account lacks. */
export interface Shortfall {
  /** Asked scopes not granted. */
  missingScope: string[];
  /** The login is too old or its `acr` not among those asked. */
  authentication: boolean;
}

/**
 * Judge an account against a guard's options. `asOf` (epoch seconds) is
 * when the login is judged: now, or when a guard-started login finished.
 *
 * @example
 * ```ts
 * findShortfall({ scope: ['read'], authTime: 1000 }, ['read'], { scope: ['write'], maxAge: 60 }, 1100, 0);
 * // { missingScope: ['write'], authentication: true }
 * ```
 */
export function findShortfall(account: Account | undefined, configuredScope: readonly string[], options: StepUpOptions, asOf: number, toleranceS: number): Shortfall {
  const granted = new Set(account?.scope ?? configuredScope);
  const missingScope = (options.scope ?? []).filter((s) => !granted.has(s));
  let authentication = false;
  if (options.maxAge !== undefined) {
    const authTime = account?.authTime;
    // `maxAge: 0` asks a new login every time (auth_time has whole seconds: a login in this second is not "within 0 s"
    // by any measure we have); only a just-finished guard-started login, judged with its tolerance, passes it.
    const tooOld = options.maxAge === 0 && toleranceS === 0 ? true : asOf - (authTime ?? 0) > options.maxAge + toleranceS;
    authentication = typeof authTime !== 'number' || tooOld;
  }
  if ((options.acr?.length ?? 0) > 0 && !(typeof account?.acr === 'string' && options.acr!.includes(account.acr))) authentication = true;
  return { missingScope, authentication };
}

function sendShortfall(res: Response, short: Shortfall): void {
  res.setHeader('Cache-Control', 'no-store');
  if (short.authentication) {
    res.setHeader('WWW-Authenticate', 'Bearer error="insufficient_user_authentication"');
    res.status(401).json({ error: 'insufficient_user_authentication' });
    return;
  }
  const scope = short.missingScope.join(' ');
  res.setHeader('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${scope.replace(/["\\]/g, '')}"`);
  res.status(403).json({ error: 'insufficient_scope', scope });
}

function shortfallError(short: Shortfall, provider: string | undefined, res: Response): OAuthError {
  if (short.authentication) res.setHeader('WWW-Authenticate', 'Bearer error="insufficient_user_authentication"');
  return new OAuthError(short.authentication ? 'insufficient_user_authentication' : 'insufficient_scope', { provider });
}

/**
 * The guard's step-up half, for a logged-in session whose options ask more
 * than a login: next() when the account has it; else the browser redirect
 * (or, after a guard-started login that still falls short, the error) or the
 * API answer.
 */
export function enforceStepUp(kit: Kit | undefined, mountPath: string, req: Request, res: Response, next: NextFunction, options: StepUpOptions, data: SessionOAuthData): void {
  const name = stepUpTarget(data, options);
  const account = name === undefined ? undefined : (data.accounts?.[name] as Account | undefined);
  const configured = (name !== undefined && kit?.providers.get(name)?.provider.scope) || [];
  const nowS = Math.floor(Date.now() / 1000);
  const browser = isBrowserNavigation(req);
  const key = name === undefined ? undefined : requirementKey(name, options);
  const done = data.stepUpDone;
  const justDone = browser && key !== undefined && done?.key === key && Date.now() - done.at < STEP_UP_DONE_TTL_MS;
  const short = justDone ? findShortfall(account, configured, options, Math.floor(done!.at / 1000), DONE_TOLERANCE_S) : findShortfall(account, configured, options, nowS, 0);
  if (justDone) delete data.stepUpDone; // one-shot: the session is saved with the response
  if (short.missingScope.length === 0 && !short.authentication) return next();
  if (!browser) return sendShortfall(res, short);
  if (justDone || name === undefined || !kit) return next(shortfallError(short, name, res));
  const scope = [...new Set([...configured, ...(options.scope ?? [])])];
  data.stepUp = {
    key: key!,
    provider: name,
    ...(options.scope?.length ? { scope: [...options.scope] } : {}),
    ...(options.maxAge !== undefined ? { maxAge: options.maxAge } : {}),
    ...(options.acr?.length ? { acr: [...options.acr] } : {}),
    at: Date.now(),
  };
  const query = loginQuery({
    returnTo: safeReturnTo(req.originalUrl, kit.options.defaultReturnTo),
    scope: options.scope?.length ? scope : undefined,
    maxAge: options.maxAge,
    prompt: options.maxAge === 0 ? 'login' : undefined,
    acrValues: options.acr?.length ? [...options.acr] : undefined,
  });
  res.setHeader('Cache-Control', 'no-store');
  sendRedirect(res, 302, `${kit.loginPath(mountPath, name)}?${query}`);
}
