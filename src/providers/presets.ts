/**
 * Every built-in OAuth 2.0 / OpenID Connect preset by its default registry
 * name, so an app can build providers from configuration. The generic
 * `oauth2` / `oidc` builders and the OAuth 1.0a `twitter` / `oauth1` presets
 * live in their own modules.
 */
import type { oauth2Presets } from './preset-map.ts';

export * from './github.ts';
export * from './x.ts';
export * from './google.ts';
export * from './microsoft.ts';
export * from './gitlab.ts';
export * from './discord.ts';
export * from './facebook.ts';
export * from './bitbucket.ts';
export * from './linkedin.ts';
export * from './slack.ts';
export * from './apple.ts';
export * from './twitch.ts';
export * from './spotify.ts';
export * from './reddit.ts';
export * from './dropbox.ts';
export * from './yandex.ts';
export * from './vk.ts';
export * from './okta.ts';
export * from './auth0.ts';
export * from './keycloak.ts';
export * from './cognito.ts';
export * from './patreon.ts';
export * from './strava.ts';
export * from './zoom.ts';
export * from './notion.ts';
export * from './atlassian.ts';
export * from './salesforce.ts';
export * from './amazon.ts';
export * from './line.ts';
export * from './kakao.ts';
export * from './naver.ts';
export * from './osu.ts';
export * from './box.ts';
export * from './yahoo.ts';

/**
 * A built-in preset's name.
 *
 * @example
 * ```ts
 * const name: PresetName = 'github';
 * ```
 */
export type PresetName = keyof typeof oauth2Presets;
