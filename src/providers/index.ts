/**
 * Every preset, and the `presets` map (name → preset function) for building
 * providers from configuration: the OAuth 2.0 / OIDC presets of presets.ts
 * plus the OAuth 1.0a ones (Twitter, Tumblr, Trello).
 */
import { oauth2Presets } from './preset-map.ts';
import { twitter } from './twitter.ts';
import { tumblr } from './tumblr.ts';
import { trello } from './trello.ts';

export * from './presets.ts';
export { twitter, mapTwitterProfile } from './twitter.ts';
export * from './tumblr.ts';
export * from './trello.ts';
export { oauth1 } from './oauth1.ts';
export { oauth2, mapGenericProfile } from './oauth2.ts';
export { oidc } from './oidc.ts';
export { mapOidcClaims } from './define.ts';
export type { PresetOptions, EndpointOverrides } from './define.ts';

/**
 * Every preset by its default registry name, e.g. `presets.github === github`
 * (OAuth 1.0a presets take `consumerKey` / `consumerSecret` instead of `clientId`).
 *
 * @example
 * ```ts
 * for (const [name, creds] of Object.entries(config.providers)) auth.register(presets[name as keyof typeof presets]({ ...creds } as any));
 * ```
 */
export const presets = Object.freeze({ ...oauth2Presets, twitter, tumblr, trello });
