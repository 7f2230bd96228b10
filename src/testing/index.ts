/**
 * `express-oauth-kit/testing`: test an app built on the kit in a few lines,
 * over real HTTP and without mocking anything.
 *
 * - {@link startFakeProvider}: an in-process OAuth 2.0 authorization server on
 *   127.0.0.1 whose authorize endpoint approves at once (no login page), with
 *   code + PKCE S256 checks, refresh, userinfo and RFC 7009 revocation.
 * - {@link loginAs}: drives login → authorize → callback against your running
 *   app and hands back its session cookie.
 */
export {
  startFakeProvider,
  type FakeProvider,
  type FakeProviderOptions,
  type FakeProviderPresetOptions,
  type FakeProviderShape,
  type FakeProviderRequest,
  type FakeApiCall,
  type FakeApiHandler,
  type FakeUser,
} from './fake-provider.ts';
export { loginAs, type LoginAsOptions, type LoginAsResult } from './login-as.ts';
