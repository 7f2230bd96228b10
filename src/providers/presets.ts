/**
 * Every built-in OAuth 2.0 / OpenID Connect preset by its default registry
 * name, so an app can build providers from configuration. The generic
 * `oauth2` / `oidc` builders and the OAuth 1.0a `twitter` / `oauth1` presets
 * live in their own modules.
 */
import { github } from './github.ts';
import { x } from './x.ts';
import { google } from './google.ts';
import { microsoft } from './microsoft.ts';
import { gitlab } from './gitlab.ts';
import { discord } from './discord.ts';
import { facebook } from './facebook.ts';
import { bitbucket } from './bitbucket.ts';
import { linkedin } from './linkedin.ts';
import { slack } from './slack.ts';
import { apple } from './apple.ts';
import { twitch } from './twitch.ts';
import { spotify } from './spotify.ts';
import { reddit } from './reddit.ts';
import { dropbox } from './dropbox.ts';
import { yandex } from './yandex.ts';
import { vk } from './vk.ts';
import { okta } from './okta.ts';
import { auth0 } from './auth0.ts';
import { keycloak } from './keycloak.ts';
import { cognito } from './cognito.ts';
import { patreon } from './patreon.ts';
import { strava } from './strava.ts';
import { zoom } from './zoom.ts';
import { notion } from './notion.ts';
import { atlassian } from './atlassian.ts';
import { salesforce } from './salesforce.ts';
import { amazon } from './amazon.ts';
import { line } from './line.ts';
import { kakao } from './kakao.ts';
import { naver } from './naver.ts';
import { osu } from './osu.ts';
import { box } from './box.ts';
import { yahoo } from './yahoo.ts';

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
 * The built-in presets by name (`presets.github === github`).
 *
 * @example
 * ```ts
 * for (const [name, cfg] of Object.entries(config.providers)) {
 *   auth.register(presets[name as keyof typeof presets]({ clientId: cfg.clientId, clientSecret: cfg.clientSecret } as any));
 * }
 * ```
 */
export const presets = Object.freeze({
  github,
  x,
  google,
  microsoft,
  gitlab,
  discord,
  facebook,
  bitbucket,
  linkedin,
  slack,
  apple,
  twitch,
  spotify,
  reddit,
  dropbox,
  yandex,
  vk,
  okta,
  auth0,
  keycloak,
  cognito,
  patreon,
  strava,
  zoom,
  notion,
  atlassian,
  salesforce,
  amazon,
  line,
  kakao,
  naver,
  osu,
  box,
  yahoo,
});

/**
 * A built-in preset's name.
 *
 * @example
 * ```ts
 * const name: PresetName = 'github';
 * ```
 */
export type PresetName = keyof typeof presets;
