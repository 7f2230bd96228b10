import { test } from 'node:test';
import assert from 'node:assert/strict';
import createDebug from 'debug';
import { createKitLog, isKitLogger, safeLogFields, type KitLogger } from '../../../src/logging/kit-log.ts';

function recorder(): KitLogger & { lines: { level: string; fields: Record<string, unknown>; message?: string }[] } {
  const lines: { level: string; fields: Record<string, unknown>; message?: string }[] = [];
  const at = (level: string) => (fields: object, message?: string) => void lines.push({ level, fields: fields as Record<string, unknown>, message });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

test('only allow-listed, plain fields are logged: no token, code, secret or body gets through', () => {
  const fields = safeLogFields({
    event: 'login.failed',
    provider: 'github',
    code: 'token_exchange_failed',
    path: '/auth/github/callback?code=SECRET-CODE&state=abc',
    cause: { error: 'invalid_grant', error_description: 'bad\ncode', body: { access_token: 'at-SECRET' }, access_token: 'at-SECRET' },
    ...({ accessToken: 'at-SECRET', clientSecret: 'cs-SECRET', tokens: { refreshToken: 'rt-SECRET' } } as object),
  } as never);
  assert.deepEqual(fields, {
    event: 'login.failed',
    provider: 'github',
    code: 'token_exchange_failed',
    path: '/auth/github/callback',
    cause: { error: 'invalid_grant', error_description: 'bad code' },
  });
  assert.doesNotMatch(JSON.stringify(fields), /SECRET/);
});

test('info and up reach the logger with an object first; debug stays in DEBUG=express-oauth-kit:*', () => {
  const logger = recorder();
  const log = createKitLog(logger);
  log.write('debug', { event: 'login.start', provider: 'github' }, 'login started');
  log.write('warn', { event: 'setup.same_site', code: 'same_site_strict' }, 'SameSite=Strict breaks logins');
  assert.deepEqual(logger.lines, [{ level: 'warn', fields: { event: 'setup.same_site', code: 'same_site_strict' }, message: 'SameSite=Strict breaks logins' }]);
  log.once('k', 'error', { event: 'x.y' }, 'once');
  log.once('k', 'error', { event: 'x.y' }, 'once');
  assert.equal(logger.lines.length, 2);
});

test('DEBUG=express-oauth-kit:* prints every line, debug ones included, through the debug package', () => {
  const out: string[] = [];
  const previous = createDebug.log;
  createDebug.enable('express-oauth-kit:*');
  createDebug.log = (...args: unknown[]) => void out.push(args.join(' '));
  try {
    createKitLog().write('debug', { event: 'refresh.start', provider: 'x', cause: { access_token: 'at-SECRET' } }, 'refreshing');
  } finally {
    createDebug.disable();
    createDebug.log = previous;
  }
  assert.equal(out.length, 1);
  assert.match(out[0]!, /express-oauth-kit:refresh/);
  assert.match(out[0]!, /refreshing/);
  assert.doesNotMatch(out[0]!, /SECRET/);
});

test('a logger that throws does not throw through the kit; console is a logger', () => {
  const bad = { debug() {}, info() {}, warn() { throw new Error('disk full'); }, error() {} };
  assert.doesNotThrow(() => createKitLog(bad).write('warn', { event: 'a.b' }, 'x'));
  assert.equal(isKitLogger(console), true);
  assert.equal(isKitLogger({ info() {} }), false);
});
