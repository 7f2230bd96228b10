import { compact, defineOAuth2Provider, presetEndpoints, str, type PresetOptions } from './define.ts';
import type { MappedProfile, OAuth2Provider, ProfileFetchContext } from '../types.ts';

const ISSUERS = new Set(['login.eveonline.com', 'https://login.eveonline.com']);

/** The payload of a JWT, or undefined when the string is not a JWT with a JSON object payload. */
function jwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const value = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Map an EVE SSO character to the kit's profile: either the JWT access
 * token's claims (`sub: 'CHARACTER:EVE:<id>'`, `name`) or the legacy
 * `/oauth/verify` answer (`CharacterID`, `CharacterName`). The avatar is the
 * character portrait on `images.evetech.net`; EVE shares no email.
 *
 * @throws TypeError when no character id can be found.
 * @example
 * ```ts
 * mapEveonlineProfile({ sub: 'CHARACTER:EVE:123123', name: 'Some Bloke', owner: '8PmzCeTKb4VFUDrHLc/AeZXDSWM=' });
 * // { id: '123123', name: 'Some Bloke', avatarUrl: 'https://images.evetech.net/characters/123123/portrait?size=128' }
 * ```
 */
export function mapEveonlineProfile(raw: any): MappedProfile {
  const sub = str(raw?.sub);
  const id = (sub && /^CHARACTER:EVE:(\d+)$/.exec(sub)?.[1]) || str(raw?.CharacterID);
  if (!id) throw new TypeError('EVE Online profile has no character id');
  return compact({
    id,
    name: str(raw.name) ?? str(raw.CharacterName),
    avatarUrl: /^\d+$/.test(id) ? `https://images.evetech.net/characters/${id}/portrait?size=128` : undefined,
  });
}

/**
 * EVE Online SSO (v2) over OAuth 2.0 with PKCE. The access token is a JWT
 * naming the character (`sub: CHARACTER:EVE:<id>`, `name`): the preset reads
 * the profile from its claims (the token comes straight from the token
 * endpoint over TLS; `iss`, `aud` and `exp` are checked, the signature is
 * not — verify it against the SSO's JWKS before trusting the token
 * elsewhere). A token that is not a JWT falls back to `GET /oauth/verify`.
 * No scope is needed to identify a character ("Authentication Only" app).
 *
 * Unverified: that an authorize request without `scope` is accepted for
 * "Authentication Only" apps; that `/oauth/verify` still answers.
 *
 * @param options `clientId`, `clientSecret`, `scope` (default none; add `esi-…` scopes for ESI), endpoint overrides.
 * @throws OAuthConfigError when clientId / clientSecret is missing.
 * @see https://developers.eveonline.com/docs/services/sso/
 * @example
 * ```ts
 * auth.register(eveonline({ clientId: process.env.EVE_CLIENT_ID!, clientSecret: process.env.EVE_SECRET_KEY! }));
 * ```
 */
export function eveonline(options: PresetOptions): OAuth2Provider {
  const name = options.name ?? 'eveonline';
  const userinfo = options.userinfoEndpoint ?? 'https://login.eveonline.com/oauth/verify';
  const clientId = options.clientId;
  return defineOAuth2Provider({
    name,
    displayName: 'EVE Online',
    clientId,
    clientSecret: options.clientSecret,
    clientAuth: 'client_secret_basic',
    scope: options.scope ?? [],
    ...presetEndpoints(options, {
      authorizationEndpoint: 'https://login.eveonline.com/v2/oauth/authorize',
      tokenEndpoint: 'https://login.eveonline.com/v2/oauth/token',
      revocationEndpoint: 'https://login.eveonline.com/v2/oauth/revoke',
      userinfoEndpoint: userinfo,
      apiBaseUrl: 'https://esi.evetech.net/latest/',
    }),
    fetchProfile: async (ctx: ProfileFetchContext) => {
      const claims = jwtPayload(ctx.tokens.accessToken);
      if (!claims) return ctx.get(userinfo);
      // https://developers.eveonline.com/docs/services/sso/ (validating the JWT): iss, aud, exp.
      const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      const exp = typeof claims.exp === 'number' ? claims.exp : 0;
      if (!ISSUERS.has(String(claims.iss)) || !aud.includes(clientId) || exp * 1000 <= Date.now()) {
        throw new Error('EVE SSO access token has an unexpected iss / aud or has expired');
      }
      return claims;
    },
    profile: mapEveonlineProfile,
    quirks: ['jwt-access-token-profile', 'character-portrait-url', 'no-email'],
    docs: {
      registerUrl: 'https://developers.eveonline.com/applications',
      notes: `Create New Application (Authentication Only, or with the ESI scopes you need); Callback URL: <baseUrl>/auth/${name}/callback.`,
      kind: 'social',
      unverified: ['authorize without scope for Authentication Only apps', 'legacy /oauth/verify availability'],
    },
  });
}
