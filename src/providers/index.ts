/**
 * Every preset, and the `presets` map (name → preset function) for building
 * providers from configuration.
 */
import { oauth2Presets } from './preset-map.ts';
import { twitter } from './twitter.ts';

export * from './presets.ts';
export { twitter, mapTwitterProfile } from './twitter.ts';
export { oauth1 } from './oauth1.ts';
export { oauth2, mapGenericProfile } from './oauth2.ts';
export { oidc } from './oidc.ts';
export { mapOidcClaims } from './define.ts';
export type { PresetOptions, EndpointOverrides } from './define.ts';

/**
 * Every preset by its default registry name, e.g. `presets.github === github`.
 *
 * @example
 * ```ts
 * for (const [name, creds] of Object.entries(config.providers)) auth.register(presets[name as keyof typeof presets]({ ...creds } as any));
 * ```
 */
export const presets = Object.freeze({ ...oauth2Presets, twitter });
