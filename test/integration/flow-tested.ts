/**
 * Which presets are exercised by a full login through the kit, and where.
 * The README providers table reads this list for its "flow-tested" column
 * (scripts/providers-table.ts); test/unit/flow-tested.test.ts checks that
 * every file named here exists, imports the preset, registers it and has a
 * test titled after the provider.
 *
 * Keep it next to the flow tests: add a row when a provider gets a flow test.
 *
 * @example
 * ```ts
 * FLOW_TESTED.google; // 'flows-oidc.test.ts'
 * ```
 */
export const FLOW_TESTED: Readonly<Record<string, string>> = Object.freeze({
  github: 'provider-flows.test.ts',
  x: 'provider-flows.test.ts',
  discord: 'provider-flows.test.ts',
  keycloak: 'provider-flows.test.ts',
  twitter: 'twitter-login.test.ts',
  google: 'flows-oidc.test.ts',
  microsoft: 'flows-oidc.test.ts',
  gitlab: 'flows-oidc.test.ts',
  okta: 'flows-oidc.test.ts',
  auth0: 'flows-oidc.test.ts',
  cognito: 'flows-oidc.test.ts',
  salesforce: 'flows-oidc.test.ts',
  linkedin: 'flows-social.test.ts',
  slack: 'flows-social.test.ts',
  twitch: 'flows-social.test.ts',
  apple: 'flows-apple.test.ts',
  facebook: 'flows-social.test.ts',
  gitea: 'flows-self-hosted.test.ts',
  authentik: 'flows-self-hosted.test.ts',
  logto: 'flows-self-hosted.test.ts',
  zitadel: 'flows-self-hosted.test.ts',
  lichess: 'flows-social.test.ts',
  onelogin: 'flows-oidc.test.ts',
});
