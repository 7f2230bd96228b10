import { booleanClaim, compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

const CDN = 'https://cdn.discordapp.com';

/** Discord's CDN URL for a user's avatar, or the default avatar when none is set. */
function avatarUrl(id: string, avatar: string | undefined, discriminator: string | undefined): string | undefined {
  if (avatar) return `${CDN}/avatars/${id}/${avatar}.${avatar.startsWith('a_') ? 'gif' : 'png'}`;
  // https://discord.com/developers/docs/reference#image-formatting-cdn-endpoints (default user avatar)
  if (!/^\d+$/.test(id)) return undefined;
  const index = !discriminator || discriminator === '0' ? Number((BigInt(id) >> 22n) % 6n) : Number(discriminator) % 5;
  return Number.isInteger(index) ? `${CDN}/embed/avatars/${index}.png` : undefined;
}

/**
 * Map Discord's `GET /users/@me` user object to the kit's profile; the avatar
 * URL is built from the id and avatar hash on `cdn.discordapp.com`.
 *
 * @throws TypeError when the user has no `id`.
 * @example
 * ```ts
 * mapDiscordProfile({ id: '80351110224678912', username: 'nelly', global_name: 'Nelly', avatar: '8342729096ea3675442027381ff50dfe', email: 'nelly@discord.com', verified: true });
 * // { id: '80351110224678912', username: 'nelly', name: 'Nelly', email: 'nelly@discord.com', emailVerified: true,
 * //   avatarUrl: 'https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png' }
 * ```
 */
export function mapDiscordProfile(raw: any): MappedProfile {
  const id = str(raw?.id);
  if (!id) throw new TypeError('Discord profile has no id');
  const email = str(raw.email);
  return compact({
    id,
    username: str(raw.username),
    name: str(raw.global_name),
    email,
    emailVerified: email ? booleanClaim(raw.verified) : undefined,
    avatarUrl: avatarUrl(id, str(raw.avatar), str(raw.discriminator)),
  });
}

/**
 * Discord over OAuth 2.0 with PKCE; the profile is `GET /users/@me`
 * (`identify`, plus `email` for the address).
 *
 * @param options `clientId`, `clientSecret`, `scope` (default `identify email`), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://discord.com/developers/docs/topics/oauth2
 * @example
 * ```ts
 * auth.register(discord({ clientId: process.env.DISCORD_CLIENT_ID!, clientSecret: process.env.DISCORD_CLIENT_SECRET! }));
 * ```
 */
export function discord(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'discord';
  return defineOAuth2Provider({
    name,
    displayName: 'Discord',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? ['identify', 'email'],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://discord.com/oauth2/authorize',
      tokenEndpoint: 'https://discord.com/api/oauth2/token',
      userinfoEndpoint: 'https://discord.com/api/users/@me',
      revocationEndpoint: 'https://discord.com/api/oauth2/token/revoke',
      apiBaseUrl: 'https://discord.com/api/',
    }),
    profile: mapDiscordProfile,
    quirks: ['avatar-url-from-hash'],
    docs: {
      kind: 'social',
      registerUrl: 'https://discord.com/developers/applications',
      notes: `Application → OAuth2 → Redirects: <baseUrl>/auth/${name}/callback.`,
    },
  });
}
