/**
 * The kit's part of the session, `req.session.oauth`, typed once: every
 * module reads and writes it through these types (no casts).
 */
import type { Request } from 'express';
import type { Session, SessionData } from 'express-session';
import type { AccountRecord } from '../tokens/token-vault.ts';
import type { PendingSecrets } from '../protocol/protocol-client.ts';

/** One login in flight (server-side only). */
export interface PendingLogin extends PendingSecrets {
  provider: string;
  createdAt: number;
  returnTo: string;
  redirectUri: string;
  /** Set when a guard's step-up or scope upgrade started this login: its requirement key (guard-stepup.ts). */
  guard?: string;
}

/** What a guard asked a browser to log in for (guard-stepup.ts); taken by the next login of that provider. */
export interface StepUpRequest {
  key: string;
  provider: string;
  scope?: string[];
  maxAge?: number;
  acr?: string[];
  at: number;
}

/** The kit's part of the session (`req.session.oauth`). */
export interface SessionOAuthData {
  /** The app user (what `onLogin` returned). */
  user?: unknown;
  /** Linked accounts by provider name, in the order they were linked. */
  accounts?: Record<string, AccountRecord>;
  /** Logins in flight by their key (`state` / `oauth_token`). */
  pending?: Record<string, PendingLogin>;
  /** What a guard asked a browser to log in for (guard-stepup.ts). */
  stepUp?: StepUpRequest;
  /** A guard-started login that came back (guard-stepup.ts): the guard judges it once instead of looping. */
  stepUpDone?: { key: string; at: number };
}

declare module 'express-session' {
  interface SessionData {
    oauth?: SessionOAuthData;
  }
}

/** An express-session session with the kit's data. */
export type KitSession = Session & Partial<SessionData>;

/** The request's session as express-session left it: undefined when it is not mounted or its store is down. */
export function sessionOf(req: Request): KitSession | undefined {
  const session: KitSession | undefined = req.session;
  return session;
}

/** The kit's session data of this request, or undefined. */
export function oauthDataOf(req: Request): SessionOAuthData | undefined {
  return sessionOf(req)?.oauth;
}
