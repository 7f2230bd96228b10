export { createRegistry, Registry } from './registry.ts';
export { loginRequired, type LoginRequiredOptions } from './guard.ts';
export { OAuthError, OAuthConfigError, ERROR_STATUS, type OAuthErrorCode, type OAuthConfigErrorCode, type OAuthErrorCause } from './errors.ts';
export { errorHandler, type ErrorHandlerOptions } from './http/responses.ts';
export { OAuthRequestHandle } from './request-handle.ts';
export { safeReturnTo } from './session/return-to.ts';
export type { LoginUrlOptions } from './protocol/login-params.ts';
export type { EndSessionsTarget } from './session/end-sessions.ts';
export { contentSecurityPolicyDirectives, type CspDirectives, type CspExtraDirectives } from './http/csp.ts';
export * from './providers/index.ts';
export type { StrongClientOptions } from './providers/strong-client.ts';
export type {
  Profile,
  MappedProfile,
  TokenSet,
  Provider,
  OAuth2Provider,
  OAuth1Provider,
  RegistryOptions,
  LoginEvent,
  OnLoginResult,
  KitLogger,
  AuditEvent,
  AuditFailureEvent,
  AuditEvents,
  TokenStore,
  TokenStoreKey,
  ClientAuthMethod,
  PrivateKeyInput,
  DPoPKeyJwk,
  ProfileFetchContext,
  RedisLike,
} from './types.ts';
