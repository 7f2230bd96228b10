import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeReturnTo } from '../../../src/session/return-to.ts';

const D = '/default';

// Every payload of SECURITY.md §4 (R-1 … R-18): none may leave our origin.
const PAYLOADS: unknown[] = [
  '//evil.com', '///evil.com', '////evil.com',
  '/\\evil.com', '\\\\evil.com', '\\/evil.com', '/\\/evil.com',
  '/\t/evil.com', '/\n/evil.com', '/\r\n/evil.com', '\t//evil.com', ' //evil.com',
  'https://app.example@evil.com', '//app.example@evil.com',
  'https://evil.com\\@app.example', '/\\evil.com\\@app.example', 'https://evil.com\\.app.example',
  'https://app.example.evil.com', 'https://evil.com#app.example', 'https://evil.com?app.example',
  'http:evil.com', 'https:evil.com',
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', ' javascript:alert(1)', 'java%0d%0ascript%0d%0a:alert(0)',
  'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox',
  '//evil%E3%80%82com', '//evil\u3002com', 'https://evil\uFF0Ecom',
  '//evil.c\u2100.example.com',
  '/..//evil.com', '/%2e%2e//evil.com', '/a/../..//evil.com',
  '/%2F%2Fevil.com', '/%5Cevil.com', '/%2f%2fevil.com',
  '/%09/evil.com', '/%0d%0a/evil.com', '/%00//evil.com',
  'evil.com', '.evil.com',
  ['/ok', '//evil.com'],
  '/\uFF0F/evil.com',
  `/${'a'.repeat(2100)}`, null, undefined, { a: 'b' }, 42,
  '/%252F%252Fevil.com', '/%25%32%46%25%32%46evil.com',
];

for (const payload of PAYLOADS) {
  test(`returnTo ${JSON.stringify(payload)?.slice(0, 60)} stays on our origin`, () => {
    const out = safeReturnTo(payload, D);
    assert.equal(typeof out, 'string');
    assert.ok(out.startsWith('/'), out);
    assert.ok(!out.startsWith('//') && !out.startsWith('/\\'), out);
    assert.ok(!/[^\x21-\x7e]/.test(out), 'printable ASCII only');
    assert.equal(new URL(out, 'https://app.example').origin, 'https://app.example');
    assert.ok(!/javascript:|data:/i.test(out));
  });
}

test('the clearly hostile payloads fall back to the default', () => {
  for (const p of ['//evil.com', '/\\evil.com', 'javascript:alert(1)', 'https://evil.com', '/..//evil.com', '/%2F%2Fevil.com', '/%0d%0a/evil.com', 'evil.com', '/\uFF0F/evil.com']) {
    assert.equal(safeReturnTo(p, D), D, p);
  }
});

test('ordinary paths survive, normalised', () => {
  assert.equal(safeReturnTo('/', D), '/');
  assert.equal(safeReturnTo('/repos?page=2#top', D), '/repos?page=2#top');
  assert.equal(safeReturnTo('/a/./b/../c', D), '/a/c');
  assert.equal(safeReturnTo('/search?q=a%20b', D), '/search?q=a%20b');
  assert.equal(safeReturnTo('/docs/caf%C3%A9', D), '/docs/caf%C3%A9');
});

test('plain paths take the short way and come out exactly as the full check gives them', () => {
  const plain = ['/', '/a', '/repos', '/a/b/c', '/a/b/', '/A-Z_0-9~x', '/x/-/_/~'];
  for (const p of plain) assert.equal(safeReturnTo(p, '/fallback'), p);
  // Near misses keep going through the full check (and its answer).
  const nearMisses: [string, string][] = [
    ['//evil.com', '/fallback'],
    ['/a//b', '/a//b'],
    ['/a/./b', '/a/b'],
    ['/a/../b', '/b'],
    ['/a/b?x=1', '/a/b?x=1'],
    ['/%2e%2e/x', '/x'],
    ['', '/fallback'],
  ];
  for (const [input, want] of nearMisses) assert.equal(safeReturnTo(input, '/fallback'), want, input);
  assert.equal(safeReturnTo(`/${'a'.repeat(3000)}`, '/fallback'), '/fallback', 'too long');
});
