/**
 * Per-login authorization parameters (DESIGN "Per-login authorization
 * parameters"): what a login link may add to the authorization request —
 * `prompt`, `login_hint`, `max_age`, `acr_values`, `ui_locales` from the
 * provider's `loginParams` allow-list, and extra `scope` from its
 * `allowedScopes` — and nothing else. Pure functions; a value that breaks its
 * rule is dropped, never forwarded and never an error.
 */
import type { OAuth2Provider, Provider } from '../types.ts';

/** The parameters a login link may carry (besides `returnTo` and `scope`). */
export const LOGIN_PARAM_NAMES = ['prompt', 'login_hint', 'max_age', 'acr_values', 'ui_locales'] as const;
/** One of {@link LOGIN_PARAM_NAMES}. */
export type LoginParamName = (typeof LOGIN_PARAM_NAMES)[number];
/** The default `loginParams` allow-list: all five. */
export const DEFAULT_LOGIN_PARAMS: readonly LoginParamName[] = Object.freeze([...LOGIN_PARAM_NAMES]);

/** Per-login parameters after their rules, ready for the authorization request. */
export interface LoginParams {
  prompt?: string;
  login_hint?: string;
  /** Seconds; a non-negative integer. */
  max_age?: number;
  acr_values?: string;
  ui_locales?: string;
  /** Scopes added to the configured ones (only from `allowedScopes`, or asked by a guard). */
  extraScope?: string[];
}

const PROMPT_VALUES = new Set(['none', 'login', 'consent', 'select_account']);
const MAX_AGE_RULE = /^\d{1,9}$/;
const TOKEN_RULE = /^[\x21-\x7e]{1,256}$/;
const LOCALE_RULE = /^[A-Za-z0-9-]{1,35}$/;
const SCOPE_RULE = /^[\x21\x23-\x5b\x5d-\x7e]{1,256}$/; // RFC 6749 §3.3 scope-token
const MAX_LIST = 16;

/** Space-separated tokens, each matching `rule`, at most {@link MAX_LIST}; undefined when any breaks it. */
function tokenList(value: string, rule: RegExp): string[] | undefined {
  const items = value.split(' ').filter((s) => s.length > 0);
  if (items.length === 0 || items.length > MAX_LIST || !items.every((s) => rule.test(s))) return undefined;
  return [...new Set(items)];
}

/**
 * `prompt` when it is one of `none`, `login`, `consent`, `select_account` (or
 * several of the last three, space-separated; `none` only alone), else undefined.
 *
 * @example
 * ```ts
 * checkPrompt('login'); // 'login'
 * checkPrompt('none login'); // undefined
 * ```
 */
export function checkPrompt(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const items = tokenList(value, /^[a-z_]{1,20}$/);
  if (!items || !items.every((p) => PROMPT_VALUES.has(p))) return undefined;
  if (items.includes('none') && items.length > 1) return undefined;
  return items.join(' ');
}

/**
 * `max_age` as a non-negative integer (decimal digits only), else undefined.
 *
 * @example
 * ```ts
 * checkMaxAge('300'); // 300
 * checkMaxAge('-1'); // undefined
 * ```
 */
export function checkMaxAge(value: string | number | undefined): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  return value !== undefined && MAX_AGE_RULE.test(value) ? Number(value) : undefined;
}

/**
 * `login_hint`: at most 256 characters, no control characters.
 *
 * @example
 * ```ts
 * checkLoginHint('alice@example.com'); // 'alice@example.com'
 * ```
 */
export function checkLoginHint(value: string | undefined): string | undefined {
  if (value === undefined || value.length === 0 || value.length > 256 || /[\x00-\x1f\x7f]/.test(value)) return undefined;
  return value;
}

/**
 * A space-separated string or array of strings as one list (undefined when empty or not strings).
 * @example
 * ```ts
 * asList(['urn:mfa', 'urn:hwk']); // 'urn:mfa urn:hwk'
 * ```
 */
export function asList(value: string | readonly string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const joined = typeof value === 'string' ? value : value.every((v) => typeof v === 'string') ? value.join(' ') : undefined;
  return joined?.trim() ? joined.trim() : undefined;
}

/**
 * The allow-list of a provider (`loginParams`, default all five; OAuth 2.0 without OIDC: no `max_age` /
 * `acr_values`; OAuth 1.0a: none).
 * @example
 * ```ts
 * allowedLoginParams(github({ clientId, clientSecret })); // ['prompt', 'login_hint', 'ui_locales']
 * ```
 */
export function allowedLoginParams(provider: Provider): readonly LoginParamName[] {
  if (provider.protocol === 'oauth1') return [];
  const list = (provider as OAuth2Provider).loginParams ?? DEFAULT_LOGIN_PARAMS;
  // max_age and acr_values are checked against the id_token: without OpenID Connect there is none.
  return provider.protocol === 'oidc' ? list : list.filter((p) => p !== 'max_age' && p !== 'acr_values');
}

/** The raw per-login values, from a query string or from `auth.loginUrl()`. */
export type RawLoginParams = Partial<Record<LoginParamName | 'scope', string | undefined>>;

/** What app code (a guard's step-up) asks of a login: trusted, not limited by `loginParams` / `allowedScopes`. */
export interface TrustedLoginAsk {
  scope?: readonly string[];
  maxAge?: number;
  acr?: readonly string[];
}

/**
 * Apply the rules: only allow-listed names, only values that pass their rule,
 * only scopes in `allowedScopes`. Everything else is dropped. What app code
 * asks (`trusted`: a guard's scope, `maxAge`, `acr`) is added as is — for
 * OpenID Connect only where it needs an id_token (`max_age`, `acr_values`;
 * `prompt=login` for `maxAge: 0`).
 *
 * @example
 * ```ts
 * import { oidc } from '../providers/oidc.ts';
 * const provider = oidc({ name: 'corp', issuer: 'https://id.example.com', clientId: 'c' });
 * pickLoginParams(provider, { prompt: 'login', redirect_uri: 'https://evil' } as RawLoginParams);
 * // { prompt: 'login' }
 * ```
 */
export function pickLoginParams(provider: Provider, raw: RawLoginParams, trusted: TrustedLoginAsk = {}): LoginParams {
  const trustedScope = trusted.scope ?? [];
  const allowed = new Set(allowedLoginParams(provider));
  const out: LoginParams = {};
  const take = <K extends LoginParamName>(name: K, check: (v: string) => LoginParams[K] | undefined) => {
    const value = raw[name];
    if (!allowed.has(name) || typeof value !== 'string') return;
    const checked = check(value);
    if (checked !== undefined) (out as Record<string, unknown>)[name] = checked;
  };
  take('prompt', checkPrompt);
  take('login_hint', checkLoginHint);
  take('max_age', checkMaxAge);
  take('acr_values', (v) => (v.length <= 1024 ? tokenList(v, TOKEN_RULE)?.join(' ') : undefined));
  take('ui_locales', (v) => (v.length <= 256 ? tokenList(v, LOCALE_RULE)?.join(' ') : undefined));
  if (provider.protocol !== 'oauth1') {
    const configured = new Set(provider.scope);
    const allowedScopes = new Set((provider as OAuth2Provider).allowedScopes ?? []);
    const asked = typeof raw.scope === 'string' && raw.scope.length <= 2048 ? (tokenList(raw.scope, SCOPE_RULE) ?? []) : [];
    const extra = [...asked.filter((s) => allowedScopes.has(s)), ...trustedScope.filter((s) => SCOPE_RULE.test(s))].filter((s) => !configured.has(s));
    if (extra.length > 0) out.extraScope = [...new Set(extra)];
  }
  if (provider.protocol === 'oidc') {
    if (trusted.maxAge !== undefined && checkMaxAge(trusted.maxAge) !== undefined) out.max_age = trusted.maxAge;
    if (trusted.maxAge === 0) out.prompt = 'login';
    if (trusted.acr?.length) out.acr_values = trusted.acr.join(' ');
  }
  return out;
}

/**
 * The login params as authorization request parameters (`extraScope` is merged by the caller into `scope`).
 * @example
 * ```ts
 * loginParamsToRequest({ max_age: 0, prompt: 'login' }); // { prompt: 'login', max_age: '0' }
 * ```
 */
export function loginParamsToRequest(params: LoginParams | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!params) return out;
  for (const name of LOGIN_PARAM_NAMES) {
    const value = params[name];
    if (value !== undefined) out[name] = String(value);
  }
  return out;
}

/**
 * Options of `auth.loginUrl()`: camelCase names of the per-login parameters.
 * @example
 * ```ts
 * const options: LoginUrlOptions = { returnTo: '/billing', maxAge: 0, acrValues: ['urn:mfa'], scope: 'offline_access' };
 * auth.loginUrl('corp', options);
 * ```
 */
export interface LoginUrlOptions {
  returnTo?: string;
  prompt?: string;
  loginHint?: string;
  maxAge?: number;
  acrValues?: string | readonly string[];
  uiLocales?: string | readonly string[];
  scope?: string | readonly string[];
}

/**
 * The query string of a login route for these options (camelCase in, the
 * protocol's snake_case out). Values are not filtered here: the login route
 * applies the rules when the link is followed.
 *
 * @example
 * ```ts
 * loginQuery({ returnTo: '/billing', maxAge: 0, scope: ['repo'] }); // 'returnTo=%2Fbilling&max_age=0&scope=repo'
 * ```
 */
export function loginQuery(options: LoginUrlOptions): string {
  const q = new URLSearchParams();
  if (options.returnTo !== undefined) q.set('returnTo', options.returnTo);
  if (options.prompt !== undefined) q.set('prompt', options.prompt);
  if (options.loginHint !== undefined) q.set('login_hint', options.loginHint);
  if (options.maxAge !== undefined) q.set('max_age', String(options.maxAge));
  const acr = asList(options.acrValues);
  if (acr) q.set('acr_values', acr);
  const locales = asList(options.uiLocales);
  if (locales) q.set('ui_locales', locales);
  const scope = asList(options.scope);
  if (scope) q.set('scope', scope);
  return q.toString().replace(/\+/g, '%20');
}
