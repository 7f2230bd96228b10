/**
 * What the session code needs of the registry: the token code's view plus
 * the options a login's two halves read (so `session/` never imports the
 * registry above it).
 */
import type { LoginEvent } from '../types.ts';
import type { TokenContext } from '../tokens/context.ts';
import type { SessionIndex } from './session-index.ts';

/** The registry as the session code sees it. */
export interface SessionContext extends TokenContext {
  readonly options: TokenContext['options'] & {
    /** The app's public origin (and base path). */
    readonly baseUrl: URL;
    /** Where to go after login when no safe `returnTo` was given. */
    readonly defaultReturnTo: string;
    /** Map the profile to the app's user. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the app's user type is the registry's business
    readonly onLogin?: (event: LoginEvent<any>) => unknown | Promise<unknown>;
    /** Keep the app's session fields when the user changes. */
    readonly keepSessionData?: boolean;
  };
  /** Which sessions belong to which provider session, subject, account and app user (back-channel logout, endSessions). */
  readonly sessions: SessionIndex;
}
