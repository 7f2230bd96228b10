/**
 * The built-in OAuth 2.0 / OpenID Connect presets by their default registry
 * name (the public `presets` map adds the OAuth 1.0a `twitter`, in
 * providers/index.ts). Internal: not re-exported by presets.ts.
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

/**
 * The built-in OAuth 2.0 / OIDC presets by name (`oauth2Presets.github === github`).
 *
 * @example
 * ```ts
 * for (const [name, cfg] of Object.entries(config.providers)) {
 *   auth.register(oauth2Presets[name as keyof typeof oauth2Presets]({ clientId: cfg.clientId, clientSecret: cfg.clientSecret } as any));
 * }
 * ```
 */
export const oauth2Presets = Object.freeze({
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
