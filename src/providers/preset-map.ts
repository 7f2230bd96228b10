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
import { fortyTwo } from './42.ts';
import { asgardeo } from './asgardeo.ts';
import { authelia } from './authelia.ts';
import { authentik } from './authentik.ts';
import { azureAdB2c } from './azure-ad-b2c.ts';
import { battlenet } from './battlenet.ts';
import { beyondIdentity } from './beyondidentity.ts';
import { boxyhq } from './boxyhq.ts';
import { bungie } from './bungie.ts';
import { calendly } from './calendly.ts';
import { casdoor } from './casdoor.ts';
import { clickup } from './clickup.ts';
import { coinbase } from './coinbase.ts';
import { descope } from './descope.ts';
import { deviantart } from './deviantart.ts';
import { digitalocean } from './digitalocean.ts';
import { dribbble } from './dribbble.ts';
import { duende } from './duende.ts';
import { eventbrite } from './eventbrite.ts';
import { eveonline } from './eveonline.ts';
import { faceit } from './faceit.ts';
import { figma } from './figma.ts';
import { forgejo } from './forgejo.ts';
import { foursquare } from './foursquare.ts';
import { frameio } from './frameio.ts';
import { freshbooks } from './freshbooks.ts';
import { fusionauth } from './fusionauth.ts';
import { gitea } from './gitea.ts';
import { heroku } from './heroku.ts';
import { hubspot } from './hubspot.ts';
import { imgur } from './imgur.ts';
import { kinde } from './kinde.ts';
import { lichess } from './lichess.ts';
import { logto } from './logto.ts';
import { mailchimp } from './mailchimp.ts';
import { mailru } from './mailru.ts';
import { mastodon } from './mastodon.ts';
import { mattermost } from './mattermost.ts';
import { miro } from './miro.ts';
import { netlify } from './netlify.ts';
import { nextcloud } from './nextcloud.ts';
import { ory } from './ory.ts';
import { onelogin } from './onelogin.ts';
import { paypal } from './paypal.ts';
import { pingone } from './pingone.ts';
import { pinterest } from './pinterest.ts';
import { pipedrive } from './pipedrive.ts';
import { roblox } from './roblox.ts';
import { simplelogin } from './simplelogin.ts';
import { soundcloud } from './soundcloud.ts';
import { todoist } from './todoist.ts';
import { trakt } from './trakt.ts';
import { vimeo } from './vimeo.ts';
import { vipps } from './vipps.ts';
import { webex } from './webex.ts';
import { webflow } from './webflow.ts';
import { wikimedia } from './wikimedia.ts';
import { wordpress } from './wordpress.ts';
import { workos } from './workos.ts';
import { xero } from './xero.ts';
import { yahooJapan } from './yahoojapan.ts';
import { zitadel } from './zitadel.ts';
import { zoho } from './zoho.ts';

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
  '42': fortyTwo,
  asgardeo,
  authelia,
  authentik,
  'azure-ad-b2c': azureAdB2c,
  battlenet,
  beyondidentity: beyondIdentity,
  boxyhq,
  bungie,
  calendly,
  casdoor,
  clickup,
  coinbase,
  descope,
  deviantart,
  digitalocean,
  dribbble,
  duende,
  eventbrite,
  eveonline,
  faceit,
  figma,
  forgejo,
  foursquare,
  frameio,
  freshbooks,
  fusionauth,
  gitea,
  heroku,
  hubspot,
  imgur,
  kinde,
  lichess,
  logto,
  mailchimp,
  mailru,
  mastodon,
  mattermost,
  miro,
  netlify,
  nextcloud,
  ory,
  onelogin,
  paypal,
  pingone,
  pinterest,
  pipedrive,
  roblox,
  simplelogin,
  soundcloud,
  todoist,
  trakt,
  vimeo,
  vipps,
  webex,
  webflow,
  wikimedia,
  wordpress,
  workos,
  xero,
  yahoojapan: yahooJapan,
  zitadel,
  zoho,
});
