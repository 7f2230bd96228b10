/**
 * What the routes need of the registry: the session code's view plus the
 * route layout (so `http/` never imports the registry above it).
 */
import type { RegisteredProvider } from '../protocol/protocol-client.ts';
import type { SessionContext } from '../session/context.ts';
import type { RequestChecks } from './request-checks.ts';

/** The registry as the routes see it. */
export interface HttpContext extends SessionContext {
  readonly options: SessionContext['options'] & {
    /** Origin of baseUrl, for same-origin checks. */
    readonly origin: string;
    /** Path part of baseUrl without trailing slash ('' at the root). */
    readonly basePath: string;
    /** Where the kit's routes live (e.g. `/auth`). */
    readonly routePrefix: string;
    /** The app's own login page, when it has one. */
    readonly loginPage?: string;
    /** Every logout also logs out at the OpenID Provider. */
    readonly federatedLogout?: boolean;
  };
  /** Registered providers by name, in registration order. */
  readonly providers: ReadonlyMap<string, RegisteredProvider>;
  /** The callback URL registered at the provider, built from configuration only (never Host headers). */
  redirectUri(mountPath: string, name: string): string;
  /** Path (within the app) of a provider's login route. */
  loginPath(mountPath: string, name: string): string;
  /** Path of the built-in chooser page. */
  chooserPath(mountPath: string): string;
  /** The setup checks made on the first requests through the router. */
  readonly checks: RequestChecks;
}
