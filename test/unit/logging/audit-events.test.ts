import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Request } from 'express';
import { emitAuditEvent, requestIdOf } from '../../../src/logging/audit-events.ts';
import type { AuditEvent } from '../../../src/types.ts';
import { createKitLog, type KitLogger } from '../../../src/logging/kit-log.ts';

const req = (id?: unknown, header?: string) => ({ id, headers: header === undefined ? {} : { 'x-request-id': header } }) as unknown as Request;

test('the request id: req.id, else a plain X-Request-Id, else one made once per request', () => {
  assert.equal(requestIdOf(req('abc-1')), 'abc-1');
  assert.equal(requestIdOf(req(42)), '42');
  assert.equal(requestIdOf(req(undefined, 'proxy-7')), 'proxy-7');
  const r = req(undefined, 'evil\nheader');
  const made = requestIdOf(r);
  assert.match(made, /^[0-9a-f-]{36}$/);
  assert.equal(requestIdOf(r), made, 'the same id for the same request');
});

test('handlers get a frozen copy; a throwing or rejecting handler is logged, never thrown', async () => {
  const lines: unknown[] = [];
  const logger: KitLogger = { debug() {}, info() {}, warn() {}, error: (f) => void lines.push(f) };
  const log = createKitLog(logger);
  const seen: AuditEvent[] = [];
  const event = { provider: 'github', accountId: '1', user: { id: 'u1' }, requestId: 'r1' };
  emitAuditEvent({ login: (e) => void seen.push(e) }, log, 'login', event);
  assert.deepEqual(seen, [event]);
  assert.ok(Object.isFrozen(seen[0]));
  assert.doesNotThrow(() => emitAuditEvent({ logout: () => { throw new Error('sink down'); } }, log, 'logout', event));
  emitAuditEvent({ refresh: async () => { throw new Error('sink down'); } }, log, 'refresh', event);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(lines, [
    { event: 'audit.handler_failed', provider: 'github', requestId: 'r1', code: 'logout' },
    { event: 'audit.handler_failed', provider: 'github', requestId: 'r1', code: 'refresh' },
  ]);
  assert.doesNotThrow(() => emitAuditEvent(undefined, log, 'login', event));
});
