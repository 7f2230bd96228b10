/**
 * `req.oauth`: what a route can ask of the current login. One small object per
 * request; nothing is read from the store or computed until a method is called.
 */
import type { Request } from 'express';
import type { Kit } from './kit.ts';
import { fetchAsUser, getTokens, unlinkAccount } from './session/account-tokens.ts';
import { endLogin } from './session/login-completion.ts';
import { oauthDataOf } from './session/session-data.ts';
import type { TokenSet } from './types.ts';

/**
 * The per-request handle, available as `req.oauth` after `app.use(auth.router())`.
 *
 * @example
 * ```ts
 * app.get('/repos', loginRequired({ provider: 'github' }), async (req, res) => {
 *   const r = await req.oauth.fetch('github', '/user/repos');
 *   res.json(await r.json());
 * });
 * ```
 */
export class OAuthRequestHandle {
  /** @internal */
  readonly kit: Kit;
  /** @internal the path the kit's router is mounted at */
  readonly mountPath: string;
  private readonly req: Request;

  /** @internal made by the kit's router for each request */
  constructor(kit: Kit, req: Request, mountPath: string) {
    this.kit = kit;
    this.req = req;
    this.mountPath = mountPath;
  }

  /** True when this session has a logged-in user. */
  isAuthenticated(): boolean {
    return oauthDataOf(this.req)?.user !== undefined;
  }

  /** Provider names linked in this session, in the order they were linked. */
  accounts(): string[] {
    const accounts = oauthDataOf(this.req)?.accounts;
    return accounts ? Object.keys(accounts) : [];
  }

  /**
   * The stored token set of `name`, refreshed first when it expires within the skew.
   * @throws OAuthError login_required when that provider is not linked or its grant is gone.
   */
  tokens(name: string): Promise<TokenSet> {
    return getTokens(this.kit, this.req, name);
  }

  /**
   * `fetch` a provider API as the user: paths are relative to the provider's
   * `apiBaseUrl`; Bearer for OAuth 2.0, signed for OAuth 1.0a; one
   * refresh-and-retry on a 401.
   * @throws OAuthError login_required
   */
  fetch(name: string, pathOrUrl: string | URL, init?: RequestInit): Promise<Response> {
    return fetchAsUser(this.kit, this.req, name, pathOrUrl, init);
  }

  /** End the login: tokens revoked (best effort), new empty session. */
  logout(): Promise<void> {
    return endLogin(this.kit, this.req);
  }

  /** Unlink one provider; the login stays while other accounts remain. */
  async unlink(name: string): Promise<void> {
    await unlinkAccount(this.kit, this.req, name);
  }

}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // Same shape as @types/passport's, so both can be installed together.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User {}
    interface Request {
      /** The app user of this session (what `onLogin` returned), or undefined. */
      user?: User;
      /** express-oauth-kit's per-request handle. */
      oauth: OAuthRequestHandle;
    }
  }
}
