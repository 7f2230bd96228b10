import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BufferedResponse, toBufferedResponse } from '../../../src/protocol/bounded-fetch.ts';

const answer = (body: string, status = 200) => ({ status, statusText: 'OK', rawHeaders: ['Content-Type', 'application/json', 'X-A', '1', 'X-A', '2'], body: Buffer.from(body) });

test('a BufferedResponse reads like a Response: status, headers, text, json, clone, one read only', async () => {
  for (const body of ['{"access_token":"a","token_type":"bearer"}', '\ufeff{"a":1}', '[]', 'not json', '']) {
    const want = new Response(Buffer.from(body), { status: 200, headers: [['Content-Type', 'application/json'], ['X-A', '1'], ['X-A', '2']] });
    const got = toBufferedResponse(answer(body));
    assert.ok(got instanceof Response && got instanceof BufferedResponse);
    assert.equal(got.status, want.status);
    assert.equal(got.ok, want.ok);
    const pairs = (h: Headers) => {
      const out: [string, string][] = [];
      h.forEach((v, k) => out.push([k, v]));
      return out;
    };
    assert.deepEqual(pairs(got.headers), pairs(want.headers));
    assert.equal(got.bodyUsed, false);
    const copy = got.clone();
    assert.equal(await got.text(), await want.clone().text());
    assert.equal(got.bodyUsed, true);
    await assert.rejects(got.text(), TypeError, 'a second read fails, as on a Response');
    assert.throws(() => got.clone(), TypeError);
    const wantJson = await want.json().then((v) => ({ v }), (e: unknown) => ({ e: (e as Error).name }));
    const gotJson = await copy.json().then((v) => ({ v }), (e: unknown) => ({ e: (e as Error).name }));
    assert.deepEqual(gotJson, wantJson, `json() of ${JSON.stringify(body)}`);
  }
});

test('toBufferedResponse: the given status and body replace the wire\'s; 204 has no body', async () => {
  const r = toBufferedResponse(answer('{"error":"x"}'), '{"error":"y"}', 400);
  assert.equal(r.status, 400);
  assert.deepEqual(await r.json(), { error: 'y' });
  const empty = toBufferedResponse(answer(''), undefined, 204);
  assert.equal(empty.status, 204);
  assert.equal(empty.body, null);
});
