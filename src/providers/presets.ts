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
export * from './42.ts';
export * from './asgardeo.ts';
export * from './authelia.ts';
export * from './authentik.ts';
export * from './azure-ad-b2c.ts';
export * from './battlenet.ts';
export * from './beyondidentity.ts';
export * from './boxyhq.ts';
export * from './bungie.ts';
export * from './calendly.ts';
export * from './casdoor.ts';
export * from './clickup.ts';
export * from './coinbase.ts';
export * from './descope.ts';
export * from './deviantart.ts';
export * from './digitalocean.ts';
export * from './dribbble.ts';
export * from './duende.ts';
export * from './eventbrite.ts';
export * from './eveonline.ts';
export * from './faceit.ts';
export * from './figma.ts';
export * from './forgejo.ts';
export * from './foursquare.ts';
export * from './frameio.ts';
export * from './freshbooks.ts';
export * from './fusionauth.ts';
export * from './gitea.ts';
export * from './heroku.ts';
export * from './hubspot.ts';
export * from './imgur.ts';
export * from './kinde.ts';
export * from './lichess.ts';
export * from './logto.ts';
export * from './mailchimp.ts';
export * from './mailru.ts';
export * from './mastodon.ts';
export * from './mattermost.ts';
export * from './miro.ts';
export * from './netlify.ts';
export * from './nextcloud.ts';
export * from './ory.ts';
export * from './onelogin.ts';
export * from './paypal.ts';
export * from './pingone.ts';
export * from './pinterest.ts';
export * from './pipedrive.ts';
export * from './roblox.ts';
export * from './simplelogin.ts';
export * from './soundcloud.ts';
export * from './todoist.ts';
export * from './trakt.ts';
export * from './vimeo.ts';
export * from './vipps.ts';
export * from './webex.ts';
export * from './webflow.ts';
export * from './wikimedia.ts';
export * from './wordpress.ts';
export * from './workos.ts';
export * from './xero.ts';
export * from './yahoojapan.ts';
export * from './zitadel.ts';
export * from './zoho.ts';

/**
 * A built-in preset's name.
 *
 * @example
 * ```ts
 * const name: PresetName = 'github';
 * ```
 */
export type PresetName = keyof typeof oauth2Presets;
