/**
 * Bench only: "price tags". `node --import tsx --import ./bench/lib/switch-off.mjs`
 * with BENCH_SWITCH_OFF=binding,once,... loads the kit's source with one
 * security property switched off, so the benchmark can show what that property
 * costs. Nothing in src/ can switch these off: the kit's source is rewritten
 * here, at load time, in the benchmark's server process only (a module load
 * hook that patches the TypeScript text and compiles it with esbuild).
 *
 * Every patch names the exact text it replaces; when the source no longer holds
 * that text (the code moved), the server fails to start instead of measuring
 * the wrong thing.
 */
import { register } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * name → what it switches off, and the source patches that do it.
 * @type {Record<string, { short: string, what: string, patches: { file: string, find: string, replace: string }[] }>}
 */
export const SWITCHES = {
  binding: {
    short: 'browser-bound copy of a new session\'s pending login',
    what: 'the browser-bound copy of a new session\'s pending login (shared-state record + its cookie; two tabs of a fresh browser)',
    patches: [
      { file: 'src/session/pending-login.ts', find: 'if (!stored) await bindPendingLogin(', replace: 'if (false) await bindPendingLogin(' },
      { file: 'src/session/pending-login.ts', find: 'const bound = isPendingKey(key) ? await takeBoundLogin(', replace: 'const bound = false ? await takeBoundLogin(' },
    ],
  },
  once: {
    short: 'single-use state marker',
    what: 'the single-use marker of a callback state in shared state (two concurrent copies of one callback, across instances)',
    patches: [{ file: 'src/session/pending-login.ts', find: 'const once = await ctx.shared.markOnce(', replace: 'const once = true || await ctx.shared.markOnce(' }],
  },
  'consume-save': {
    short: 'session save of the used-up pending login before the token request',
    what: 'the session write that stores the used-up pending login before the token request (a replay of the callback finds nothing, even while the first is still exchanging the code); passport-oauth2 deletes its state in memory and saves at the end',
    patches: [{ file: 'src/session/pending-login.ts', find: 'if (found || (data?.pending && key)) await saveSession(req, name);', replace: 'if (false) await saveSession(req, name);' }],
  },
  lock: {
    short: 'per-session lock + reloads',
    what: 'the per-session lock and the reloads from the store around the callback\'s session writes (another tab\'s pending login is not overwritten)',
    patches: [
      // The kit's own function is renamed and replaced by one that just runs the critical section (fn is the third argument).
      { file: 'src/shared/session-lock.ts', find: 'export function withSessionLock<T>(', replace: 'export function withSessionLock(...args: any[]): any {\n  return args[2]();\n}\nfunction withSessionLockSwitchedOff<T>(' },
      { file: 'src/session/session-ops.ts', find: 'export function reloadSession(', replace: 'export function reloadSession(req: any, provider?: string): any {\n  return Promise.resolve({ session: requireSession(req, provider), stored: true });\n}\nfunction reloadSessionSwitchedOff(' },
    ],
  },
  'id-token-signature': {
    short: 'id_token signature check',
    what: 'the id_token signature check (openid-client `enableNonRepudiationChecks`: JWKS + RS256 verify; iss, aud, exp, nonce are still checked)',
    patches: [{ file: 'src/protocol/openid-adapter.ts', find: 'client.enableNonRepudiationChecks(config);', replace: '/* bench: signature check off */' }],
  },
};

const names = (process.env.BENCH_SWITCH_OFF ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const patches = [];
for (const name of names) {
  const sw = SWITCHES[name];
  if (!sw) throw new Error(`BENCH_SWITCH_OFF: unknown switch ${name} (use ${Object.keys(SWITCHES).join(', ')})`);
  for (const p of sw.patches) patches.push({ ...p, file: path.join(REPO, p.file), name });
}
if (patches.length) register('./switch-off-hooks.mjs', import.meta.url, { data: { patches } });
