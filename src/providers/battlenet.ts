import { OAuthConfigError } from '../errors.ts';
import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider } from '../types.ts';

/** Battle.net OAuth hosts: the global one, and the separate China host. */
const ISSUERS = {
  global: 'https://oauth.battle.net',
  cn: 'https://oauth.battlenet.com.cn',
} as const;

/**
 * Options of {@link battlenet}.
 *
 * @example
 * ```ts
 * const options: BattlenetOptions = { clientId, clientSecret, region: 'cn' };
 * ```
 */
export interface BattlenetOptions extends PresetOptions {
  /** `global` (default, `oauth.battle.net`, all regions but China) or `cn` (`oauth.battlenet.com.cn`). */
  region?: keyof typeof ISSUERS;
  /** Issuer override (local emulators). */
  issuer?: string;
}

/**
 * Map Battle.net's `/oauth/userinfo` (`{ sub, id, battletag }`) to the kit's
 * profile. Battle.net has no email or avatar claim; the BattleTag is both
 * username and display name.
 *
 * @throws TypeError when the payload has neither `sub` nor `id`.
 * @example
 * ```ts
 * mapBattlenetProfile({ sub: '123456789', id: 123456789, battletag: 'Player#1234' });
 * // { id: '123456789', username: 'Player#1234', name: 'Player#1234' }
 * ```
 */
export function mapBattlenetProfile(raw: any): MappedProfile {
  const id = str(raw?.sub) ?? str(raw?.id);
  if (!id) throw new TypeError('Battle.net profile has no sub');
  const tag = str(raw.battletag) ?? str(raw.battle_tag);
  return compact({ id, username: tag, name: tag });
}

/**
 * Battle.net (Blizzard) over OpenID Connect with discovery, issuer
 * `https://oauth.battle.net` (or `https://oauth.battlenet.com.cn` for China).
 * The token endpoint takes HTTP Basic client auth; scope `openid` gives the
 * account id and BattleTag; game scopes (`wow.profile`, `sc2.profile`,
 * `d3.profile`) are added as needed. Redirect URIs must be https.
 *
 * Unverified: the issuer value in the discovery document of the China host.
 *
 * @param options `clientId`, `clientSecret`, `region`, `scope` (default `openid`).
 * @throws OAuthConfigError when clientId / clientSecret is missing or region is unknown.
 * @see https://develop.battle.net/documentation/guides/using-oauth
 * @example
 * ```ts
 * auth.register(battlenet({ clientId: process.env.BNET_CLIENT_ID!, clientSecret: process.env.BNET_CLIENT_SECRET! }));
 * ```
 */
export function battlenet(options: BattlenetOptions): OAuth2Provider {
  const name = options.name ?? 'battlenet';
  const region = options.region ?? 'global';
  if (!Object.hasOwn(ISSUERS, region)) {
    throw new OAuthConfigError(`${name}: region must be one of ${Object.keys(ISSUERS).join(', ')}, got ${JSON.stringify(region)}.`);
  }
  return defineOAuth2Provider({
    name,
    displayName: 'Battle.net',
    protocol: 'oidc',
    issuer: options.issuer ?? ISSUERS[region],
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_basic',
    scope: options.scope ?? ['openid'],
    ...presetEndpoints(options),
    profile: mapBattlenetProfile,
    quirks: ['regional-issuer', 'battletag-username', 'no-email'],
    docs: {
      registerUrl: 'https://develop.battle.net/access/clients',
      notes: `Create Client; Redirect URLs (https only): <baseUrl>/auth/${name}/callback.`,
      kind: 'social',
      unverified: ['issuer string in the discovery document of oauth.battlenet.com.cn', 'fixture payload reconstructed from documented field names, not a verbatim documented example'],
    },
  });
}
