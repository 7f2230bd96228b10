/**
 * What to do about an `OAuthError`, in one sentence for the developer's log
 * (never shown to the user): built from the code, the provider, the sanitised
 * cause and the registry's own configuration. Pure.
 */
import type { OAuthError } from '../errors.ts';

/** What {@link fixHintFor} knows of the registry. */
export interface FixHintContext {
  /** The registry's `baseUrl` (unknown to a standalone error handler: then `<baseUrl>`). */
  baseUrl: URL | undefined;
  /** The registry's `routePrefix`, e.g. `/auth`. */
  routePrefix: string;
  /** Registered provider names. */
  providers: readonly string[];
}

/** The callback URL to register for `provider`. */
export function callbackUrlOf(ctx: FixHintContext, provider: string): string {
  const base = ctx.baseUrl ? `${ctx.baseUrl.origin}${ctx.baseUrl.pathname.replace(/\/+$/, '')}` : '<baseUrl>';
  return `${base}${ctx.routePrefix}/${provider}/callback`;
}

/**
 * One sentence on how to fix `err`, or undefined when there is nothing the
 * developer can do (the user said no).
 *
 * @example
 * ```ts
 * const ctx: FixHintContext = { baseUrl: new URL('http://localhost:3000'), routePrefix: '/auth', providers: ['github'] };
 * fixHintFor(new OAuthError('token_exchange_failed', { provider: 'github', cause: { error: 'redirect_uri_mismatch' } }), ctx);
 * // 'register `http://localhost:3000/auth/github/callback` as the callback URL of the github app at the provider'
 * ```
 */
export function fixHintFor(err: OAuthError, ctx: FixHintContext): string | undefined {
  const provider = err.provider ?? '<provider>';
  const error = err.cause?.error;
  const causeCode = err.cause?.code;
  if (error === 'redirect_uri_mismatch' || error === 'invalid_redirect_uri') {
    return `register \`${callbackUrlOf(ctx, provider)}\` as the callback URL of the ${provider} app at the provider`;
  }
  if (error === 'invalid_client' || error === 'unauthorized_client' || error === 'incorrect_client_credentials') {
    return `check the clientId and clientSecret (or signing key) of ${provider}: the provider did not accept the client`;
  }
  if (causeCode === 'timeout' || causeCode === 'ECONNREFUSED' || causeCode === 'ENOTFOUND' || causeCode === 'ECONNRESET' || causeCode === 'EAI_AGAIN') {
    return `the provider could not be reached from this server (${causeCode}): check DNS, egress firewall and proxy settings`;
  }
  switch (err.code) {
    case 'unknown_provider':
      return ctx.providers.length === 0
        ? 'no provider is registered: call auth.register(github({ clientId, clientSecret })) before app.listen()'
        : `registered providers: ${ctx.providers.join(', ')}; the route segment is the provider's name`;
    case 'state_mismatch':
      return `the session did not come back with the callback: use cookie sameSite 'lax', set trust proxy behind a TLS proxy, open the app at ${ctx.baseUrl?.origin ?? 'the baseUrl origin'} (the baseUrl origin), and share one session store between instances`;
    case 'token_exchange_failed':
      return error === 'invalid_grant' || error === 'bad_verification_code'
        ? 'the code was used twice or expired, or the redirect_uri differs from the login: keep baseUrl the same on every instance'
        : `the token endpoint of ${provider} refused the exchange: check the client credentials and the callback URL \`${callbackUrlOf(ctx, provider)}\``;
    case 'id_token_invalid':
      return `check the issuer configured for ${provider} against the id_token's iss, and this server's clock`;
    case 'profile_fetch_failed':
      return `check that the scope of ${provider} allows the profile call and that the API is enabled for the app`;
    case 'provider_error':
      return `the provider answered an error at the authorize step or discovery: check the issuer / endpoints and the app's settings at ${provider}`;
    case 'session_unavailable':
      return 'app.use(session(...)) must come before app.use(auth.router()), and the session store must answer';
    case 'cross_site_request':
      return 'log out with a same-origin form POST to the logout route, served from the baseUrl origin';
    default:
      return undefined;
  }
}
