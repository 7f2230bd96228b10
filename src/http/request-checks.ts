/**
 * The setup checks only a running app can answer, made on the requests that
 * pass the kit's router until each has had its answer: the mount path,
 * express-session's cookie (`sameSite`), `trust proxy`, no providers, and how
 * express-session saves (`saveUninitialized: true`, `resave: true`), which
 * shows only in what it does at the end of a response. Each problem is
 * reported once, with what to do.
 */
import type { Request, Response } from 'express';
import { baseUrlMountProblem, noProvidersProblem, sameSiteProblem, trustProxyProblem, type SetupProblem } from './setup-checks.ts';

/** What the checks read of the registry. */
export interface RequestCheckContext {
  /** Path part of baseUrl without trailing slash. */
  basePath: string;
  routePrefix: string;
  /** How many providers are registered now. */
  providerCount(): number;
}

/** The session's content as express-session hashes it: without the cookie (whose expiry moves on every touch). */
function contentOf(session: object): string {
  return JSON.stringify(session, function (this: unknown, key, value) {
    return this === session && key === 'cookie' ? undefined : value;
  });
}

interface SessionLike {
  id?: string;
  cookie?: { sameSite?: unknown };
  save?: (...args: unknown[]) => unknown;
}

/**
 * Checks for one registry; call {@link RequestChecks.inspect} on each request
 * through its router. Cheap once every check has answered (a flag test).
 */
export class RequestChecks {
  private readonly ctx: RequestCheckContext;
  private readonly report: (problem: SetupProblem) => void;
  private configChecked = false;
  private uninitializedChecked = false;
  private resaveChecked = false;

  constructor(ctx: RequestCheckContext, report: (problem: SetupProblem) => void) {
    this.ctx = ctx;
    this.report = report;
  }

  /** True once nothing is left to learn. */
  get done(): boolean {
    return this.configChecked && this.uninitializedChecked && this.resaveChecked;
  }

  /**
   * Look at one request (and, for the session checks, at the end of its response).
   *
   * @example
   * ```ts
   * const checks = new RequestChecks(
   *   { basePath: '', routePrefix: '/auth', providerCount: () => auth.providerNames().length },
   *   (problem) => console.warn(problem.code, problem.message),
   * );
   * if (!checks.done) checks.inspect(req, res);
   * ```
   */
  inspect(req: Request, res: Response): void {
    const session = (req as Request & { session?: SessionLike }).session;
    if (!this.configChecked) {
      this.configChecked = true;
      const path = (req.originalUrl ?? req.url).split('?')[0] ?? '';
      const problems = [
        baseUrlMountProblem(this.ctx.basePath, req.baseUrl ?? '', path, this.ctx.routePrefix),
        noProvidersProblem(this.ctx.providerCount()),
        trustProxyProblem(req.app?.get?.('trust proxy')),
        sameSiteProblem(session?.cookie?.sameSite),
      ];
      for (const p of problems) if (p) this.report(p);
    }
    if (!session || typeof session.id !== 'string') return;
    const cookieHeader = req.headers.cookie ?? '';
    const isNew = !cookieHeader.includes(session.id);
    // The kit's own routes save on purpose; only a request nobody touches tells how express-session saves.
    if (req.url.startsWith(this.ctx.routePrefix)) return;
    if (isNew && !this.uninitializedChecked) this.watchUninitialized(req, res, session);
    else if (!isNew && !this.resaveChecked) this.watchResave(res, session);
  }

  /** A new, untouched session whose cookie is still set at the end: `saveUninitialized: true`. */
  private watchUninitialized(req: Request, res: Response, session: SessionLike): void {
    res.once('finish', () => {
      if (this.uninitializedChecked || (req as Request & { session?: unknown }).session !== session) return;
      if (Object.keys(session).some((k) => k !== 'cookie')) return; // the app stored something: a legitimate save
      this.uninitializedChecked = true;
      const setCookie = res.getHeader('set-cookie');
      const cookies = Array.isArray(setCookie) ? setCookie : typeof setCookie === 'string' ? [setCookie] : [];
      if (cookies.some((c) => c.includes(`s%3A${encodeURIComponent(session.id!)}.`))) {
        this.report({
          code: 'save_uninitialized',
          message:
            'express-session runs with saveUninitialized: true: every visitor (and bot) gets a stored session and a cookie before logging in. ' +
            'Use session({ saveUninitialized: false }); the kit saves the session itself when a login starts.',
        });
      }
    });
  }

  /** An existing session nobody changed, saved again at the end of the response: `resave: true`. */
  private watchResave(res: Response, session: SessionLike): void {
    const original = session.save;
    if (typeof original !== 'function') return;
    const before = contentOf(session);
    let ending = false;
    let resaved = false;
    const end = res.end;
    res.end = function (this: Response, ...args: unknown[]) {
      ending = true;
      return (end as (...a: unknown[]) => Response).apply(this, args);
    } as Response['end'];
    Object.defineProperty(session, 'save', {
      configurable: true,
      enumerable: false,
      writable: true,
      value: function (this: unknown, ...args: unknown[]) {
        if (ending && contentOf(session) === before) resaved = true;
        return original.apply(this, args);
      },
    });
    res.once('finish', () => {
      if (this.resaveChecked) return;
      if (contentOf(session) !== before) return; // changed by the app: says nothing about resave
      this.resaveChecked = true;
      if (resaved) {
        this.report({
          code: 'resave',
          message:
            'express-session runs with resave: true: an unchanged session is written back at the end of every request, so a slow request can undo a login, a logout or a token refresh made meanwhile. ' +
            'Use session({ resave: false }).',
        });
      }
    });
  }
}
