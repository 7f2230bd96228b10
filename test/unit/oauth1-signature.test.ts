// RFC 5849 signer against the vectors of SECURITY.md §2 (V-2, V-3, V-5, V-6, V-7, V-8) and C-59 / C-60.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
  baseStringUri,
  buildAuthorizationHeader,
  generateNonce,
  hmacSha1Signature,
  normalizeParameters,
  percentEncode,
  signatureBaseString,
  signingKey,
} from '../../src/protocol/oauth1-signature.ts';

/** Decode an `OAuth k="v", …` header back into its parameters (test helper). */
function headerParams(header: string): Record<string, string> {
  assert.match(header, /^OAuth /);
  const out: Record<string, string> = {};
  for (const part of header.slice('OAuth '.length).split(', ')) {
    const m = /^([a-z_]+)="([^"]*)"$/.exec(part);
    assert.ok(m, `malformed header part ${part}`);
    assert.equal(Object.hasOwn(out, m[1]!), false, `${m[1]} appears twice`);
    out[m[1]!] = decodeURIComponent(m[2]!);
  }
  return out;
}

// ---- V-2: RFC 5849 §3.1 / §3.4.1.1 example request ----

const V2_URL = 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b';
const V2_BODY = [...new URLSearchParams('c2&a3=2+q')] as [string, string][];
const V2_OAUTH: [string, string][] = [
  ['oauth_consumer_key', '9djdj82h48djs9d2'],
  ['oauth_token', 'kkk9d7dh3k39sjv7'],
  ['oauth_signature_method', 'HMAC-SHA1'],
  ['oauth_timestamp', '137131201'],
  ['oauth_nonce', '7d8f3e4a'],
];
const V2_BASE =
  'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7';

test('V-2: body "c2&a3=2+q" decodes + to a space and keeps the empty value', () => {
  assert.deepEqual(V2_BODY, [
    ['c2', ''],
    ['a3', '2 q'],
  ]);
});

test('V-2: normalized parameters of the RFC 5849 §3.4.1.3.2 example', () => {
  const query: [string, string][] = [
    ['b5', '=%3D'],
    ['a3', 'a'],
    ['c@', ''],
    ['a2', 'r b'],
  ];
  assert.equal(
    normalizeParameters([...query, ...V2_BODY, ...V2_OAUTH]),
    'a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7',
  );
});

test('V-2: signature base string (query taken from the URL) and the corrected signature', () => {
  const base = signatureBaseString('POST', V2_URL, [...V2_BODY, ...V2_OAUTH]);
  assert.equal(base, V2_BASE);
  assert.equal(signingKey('j49sk3j29djd', 'dh893hdasih9'), 'j49sk3j29djd&dh893hdasih9');
  const signature = hmacSha1Signature(base, 'j49sk3j29djd', 'dh893hdasih9');
  assert.equal(signature, 'r6/TJjbCOr97/+UU0NsvSne7s5g=');
  assert.equal(percentEncode(signature), 'r6%2FTJjbCOr97%2F%2BUU0NsvSne7s5g%3D');
});

test('V-2: an oauth_signature among the parameters is left out of the base string', () => {
  assert.equal(signatureBaseString('POST', V2_URL, [...V2_BODY, ...V2_OAUTH, ['oauth_signature', 'xyz']]), V2_BASE);
});

// ---- V-3: RFC 5849 §1.2 flow ----

const CK = 'dpf43f3p2l4k3l03';
const CS = 'kd94hf93k423kf44';

test('V-3: temporary credentials request (empty token secret, key ends in &)', () => {
  const base = signatureBaseString('POST', 'https://photos.example.net/initiate', [
    ['oauth_consumer_key', CK],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', '137131200'],
    ['oauth_nonce', 'wIjqoS'],
    ['oauth_callback', 'http://printer.example.com/ready'],
  ]);
  assert.equal(
    base,
    'POST&https%3A%2F%2Fphotos.example.net%2Finitiate&oauth_callback%3Dhttp%253A%252F%252Fprinter.example.com%252Fready%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DwIjqoS%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131200',
  );
  assert.equal(signingKey(CS), 'kd94hf93k423kf44&');
  assert.equal(hmacSha1Signature(base, CS), '74KNZJeDHnMBp0EMJ9ZHt/XKycU=');
  assert.equal(hmacSha1Signature(base, CS, ''), '74KNZJeDHnMBp0EMJ9ZHt/XKycU=');
});

test('V-3: token credentials request with oauth_verifier', () => {
  const base = signatureBaseString('POST', 'https://photos.example.net/token', [
    ['oauth_consumer_key', CK],
    ['oauth_token', 'hh5s93j4hdidpola'],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', '137131201'],
    ['oauth_nonce', 'walatlh'],
    ['oauth_verifier', 'hfdp7dh39dks9884'],
  ]);
  assert.equal(
    base,
    'POST&https%3A%2F%2Fphotos.example.net%2Ftoken&oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dwalatlh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dhh5s93j4hdidpola%26oauth_verifier%3Dhfdp7dh39dks9884',
  );
  assert.equal(signingKey(CS, 'hdhd0244k9j7ao03'), 'kd94hf93k423kf44&hdhd0244k9j7ao03');
  assert.equal(hmacSha1Signature(base, CS, 'hdhd0244k9j7ao03'), 'gKgrFCywp7rO0OXSjdot/IHF7IU=');
});

const RESOURCE_OAUTH: [string, string][] = [
  ['oauth_consumer_key', CK],
  ['oauth_token', 'nnch734d00sl2jdk'],
  ['oauth_signature_method', 'HMAC-SHA1'],
  ['oauth_timestamp', '137131202'],
  ['oauth_nonce', 'chapoH'],
];

test('V-3: protected resource request (query parameters signed)', () => {
  const base = signatureBaseString('GET', 'http://photos.example.net/photos?file=vacation.jpg&size=original', RESOURCE_OAUTH);
  assert.equal(
    base,
    'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal',
  );
  assert.equal(hmacSha1Signature(base, CS, 'pfkkdhi9sl3r4s00'), 'MdpQcU8iPSUjWoN/UDMsK2sui9I=');
});

test('V-3: the same resource request over https signs differently (the scheme is signed)', () => {
  const base = signatureBaseString('GET', 'https://photos.example.net/photos?file=vacation.jpg&size=original', RESOURCE_OAUTH);
  assert.equal(hmacSha1Signature(base, CS, 'pfkkdhi9sl3r4s00'), '91yh92rtXzicpezVYjTDNzieVps=');
});

test('V-3: legacy OAuth Core 1.0 Appendix A (oauth_version=1.0) through buildAuthorizationHeader', () => {
  const header = buildAuthorizationHeader({
    method: 'GET',
    url: 'http://photos.example.net/photos?file=vacation.jpg&size=original',
    consumerKey: CK,
    consumerSecret: CS,
    token: 'nnch734d00sl2jdk',
    tokenSecret: 'pfkkdhi9sl3r4s00',
    nonce: 'kllo9940pd9333jh',
    timestamp: 1191242096,
  });
  assert.equal(headerParams(header).oauth_signature, 'tR3+Ty81lMeYAr/Fid0kMTYa/WM=');
  assert.match(header, /oauth_signature="tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D"/);
  assert.match(header, /oauth_version="1\.0"/);
});

// ---- V-5: X / Twitter "Creating a signature" ----

const V5 = {
  consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
  consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
  tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
  timestamp: 1318622958,
};
const V5_STATUS = 'Hello Ladies + Gentlemen, a signed OAuth request!';
const V5_OAUTH: [string, string][] = [
  ['oauth_consumer_key', V5.consumerKey],
  ['oauth_nonce', V5.nonce],
  ['oauth_signature_method', 'HMAC-SHA1'],
  ['oauth_timestamp', String(V5.timestamp)],
  ['oauth_token', V5.token],
  ['oauth_version', '1.0'],
];
const V5_HEADER =
  'OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"';

function v5Header(base: string): string {
  return buildAuthorizationHeader({ method: 'POST', url: `${base}?include_entities=true`, bodyParams: [['status', V5_STATUS]], ...V5 });
}

test('V-5: parameter string and signature base string', () => {
  assert.equal(
    normalizeParameters([['include_entities', 'true'], ['status', V5_STATUS], ...V5_OAUTH]),
    'include_entities=true&oauth_consumer_key=xvz1evFS4wEEPTGEFPHBog&oauth_nonce=kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1318622958&oauth_token=370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb&oauth_version=1.0&status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21',
  );
  const base = signatureBaseString('POST', 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true', [['status', V5_STATUS], ...V5_OAUTH]);
  assert.equal(
    base,
    'POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521',
  );
  assert.equal(
    signingKey(V5.consumerSecret, V5.tokenSecret),
    'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw&LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  );
  assert.equal(hmacSha1Signature(base, V5.consumerSecret, V5.tokenSecret), 'hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
});

test('V-5: api.twitter.com/1.1 gives the reference Authorization header, value for value', () => {
  const header = v5Header('https://api.twitter.com/1.1/statuses/update.json');
  assert.equal(header, V5_HEADER);
  assert.deepEqual(headerParams(header), {
    oauth_consumer_key: 'xvz1evFS4wEEPTGEFPHBog',
    oauth_nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
    oauth_signature: 'hCtSmYh+iHYCEqBWrE7C7hYmtUk=',
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: '1318622958',
    oauth_token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
    oauth_version: '1.0',
  });
});

test('V-5: host and path variants (api.x.com/1.1 and the legacy /1/)', () => {
  const x = headerParams(v5Header('https://api.x.com/1.1/statuses/update.json')).oauth_signature;
  assert.equal(x, 'Ls93hJiZbQ3akF3HF3x1Bz8/zU4=');
  assert.equal(Buffer.from(x, 'base64').toString('hex').toUpperCase(), '2ECF778498996D0DDA905DC7177C75073F3FCD4E');
  assert.equal(headerParams(v5Header('https://api.twitter.com/1/statuses/update.json')).oauth_signature, 'tnnArxj06cWHq44gCs1OSKk/jLY=');
  assert.equal(
    v5Header('https://api.x.com/1.1/statuses/update.json'),
    V5_HEADER.replace('hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D', 'Ls93hJiZbQ3akF3HF3x1Bz8%2FzU4%3D'),
  );
});

test('V-5 negative vector: encodeURIComponent gives 1Ihv0F…, our signer never does', () => {
  // Rebuild the base string with the wrong encoder, to show the negative vector is real.
  const wrong = (s: string) => encodeURIComponent(s);
  const pairs: [string, string][] = [['include_entities', 'true'], ['status', V5_STATUS], ...V5_OAUTH];
  const params = pairs
    .map(([n, v]) => `${wrong(n)}=${wrong(v)}`)
    .sort()
    .join('&');
  const wrongBase = `POST&${wrong('https://api.twitter.com/1.1/statuses/update.json')}&${wrong(params)}`;
  const wrongSig = createHmac('sha1', `${wrong(V5.consumerSecret)}&${wrong(V5.tokenSecret)}`).update(wrongBase).digest('base64');
  assert.equal(wrongSig, '1Ihv0FdxR4wzz3ltZ9LKORkSodo=');

  for (const base of ['https://api.twitter.com/1.1/statuses/update.json', 'https://api.x.com/1.1/statuses/update.json', 'https://api.twitter.com/1/statuses/update.json']) {
    const sig = headerParams(v5Header(base)).oauth_signature;
    assert.notEqual(sig, '1Ihv0FdxR4wzz3ltZ9LKORkSodo=');
  }
  assert.equal(percentEncode(V5_STATUS).endsWith('%21'), true);
});

// ---- V-6 / C-60: base string URI ----

test('V-6: base string URIs', () => {
  assert.equal(baseStringUri('http://EXAMPLE.COM:80/r%20v/X?id=123'), 'http://example.com/r%20v/X');
  assert.equal(baseStringUri('https://www.example.net:8080/?q=1'), 'https://www.example.net:8080/');
  assert.equal(baseStringUri('https://API.Example.com:443/a'), 'https://api.example.com/a');
});

test('C-60: scheme lowercased, non-default port kept, no fragment, path case kept, URL objects accepted', () => {
  assert.equal(baseStringUri('HTTP://Example.COM:8080/Path/To?x=1#frag'), 'http://example.com:8080/Path/To');
  assert.equal(baseStringUri('http://example.com:443/a'), 'http://example.com:443/a');
  assert.equal(baseStringUri('https://example.com:80/a'), 'https://example.com:80/a');
  assert.equal(baseStringUri(new URL('https://example.com')), 'https://example.com/');
  assert.throws(() => baseStringUri('ftp://example.com/a'), TypeError);
  assert.throws(() => baseStringUri('/relative'), TypeError);
});

// ---- V-7: percent-encoding ----

test('V-7: every percent-encoding row', () => {
  const rows: [string, string][] = [
    [' ', '%20'],
    ['+', '%2B'],
    ['!', '%21'],
    ['*', '%2A'],
    ["'", '%27'],
    ['(', '%28'],
    [')', '%29'],
    ['~', '~'],
    ['-', '-'],
    ['.', '.'],
    ['_', '_'],
    ['%', '%25'],
    ['&', '%26'],
    ['=', '%3D'],
    ['/', '%2F'],
    [':', '%3A'],
    ['?', '%3F'],
    ['@', '%40'],
    ['#', '%23'],
    ['[', '%5B'],
    [']', '%5D'],
    [',', '%2C'],
    [';', '%3B'],
    ['$', '%24'],
    ['"', '%22'],
    ['\n', '%0A'],
    ['\0', '%00'],
    ['é', '%C3%A9'],
    ['☃', '%E2%98%83'],
    ['😀', '%F0%9F%98%80'],
    ['Ladies + Gentlemen', 'Ladies%20%2B%20Gentlemen'],
    ['An encoded string!', 'An%20encoded%20string%21'],
    ['Dogs, Cats & Mice', 'Dogs%2C%20Cats%20%26%20Mice'],
    ['=%3D', '%3D%253D'],
    ['AZaz09', 'AZaz09'],
  ];
  for (const [input, expected] of rows) assert.equal(percentEncode(input), expected, `percentEncode(${JSON.stringify(input)})`);
  // Inside the base string the already-encoded value is encoded a second time.
  assert.equal(percentEncode(percentEncode('=%3D')), '%253D%25253D');
  // Uppercase hex only.
  assert.doesNotMatch(percentEncode('\u00ff\u00fe<>{}|\\^`'), /%[0-9A-F]?[a-f]/);
});

test('V-7: a lone surrogate is rejected with TypeError; a valid pair is fine', () => {
  assert.throws(() => percentEncode('\uD800'), TypeError);
  assert.throws(() => percentEncode('a\uDC00b'), TypeError);
  assert.throws(() => percentEncode('\uD83D\uD83D\uDE00'.slice(0, 2)), TypeError);
  assert.throws(() => normalizeParameters([['x', '\uD800']]), TypeError);
  assert.equal(percentEncode('\uD83D\uDE00'), '%F0%9F%98%80');
});

// ---- V-8: sorting and keys ----

test('V-8: sorted by encoded name then value, byte order, duplicates and empty values kept', () => {
  const input: [string, string][] = [
    ['b', '1'],
    ['a', '2'],
    ['A', '1'],
    ['a', '10'],
    ['a', '1'],
    ['a', ''],
    ['a-b', 'x'],
    ['a_b', 'x'],
    ['a.b', 'x'],
    ['a~b', 'x'],
  ];
  assert.equal(normalizeParameters(input), 'A=1&a=&a=1&a=10&a=2&a-b=x&a.b=x&a_b=x&a~b=x&b=1');
  assert.equal(normalizeParameters([['a3', 'a'], ['a3', '2 q']]), 'a3=2%20q&a3=a');
});

test('V-8: sorting compares encoded bytes (an encoded name sorts by its %XX form)', () => {
  // '%' (0x25) sorts before letters and digits once encoded: ' ' → %20, 'é' → %C3%A9.
  assert.equal(normalizeParameters([['a', '1'], ['é', '1'], [' ', '1'], ['Z', '1']]), '%20=1&%C3%A9=1&Z=1&a=1');
});

test('V-8: signing key encodes both secrets and keeps the & with an empty token secret', () => {
  assert.equal(signingKey('cs&1', 'ts=2'), 'cs%261&ts%3D2');
  assert.equal(signingKey('cs&1'), 'cs%261&');
  assert.equal(signingKey('cs', ''), 'cs&');
});

// ---- C-59: nonce, timestamp, protocol parameters once ----

test('C-59: nonces are fresh, ASCII alphanumeric and at least 32 characters', () => {
  const nonces = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const n = generateNonce();
    assert.match(n, /^[A-Za-z0-9]{32,}$/);
    nonces.add(n);
  }
  assert.equal(nonces.size, 2000);
  const opts = { method: 'GET', url: 'https://api.x.com/1.1/account/verify_credentials.json', consumerKey: 'k', consumerSecret: 's', token: 't', tokenSecret: 'ts' };
  const a = headerParams(buildAuthorizationHeader(opts));
  const b = headerParams(buildAuthorizationHeader(opts));
  assert.notEqual(a.oauth_nonce, b.oauth_nonce);
  assert.match(a.oauth_nonce!, /^[\x21-\x7e]{32,}$/);
  assert.notEqual(a.oauth_signature, b.oauth_signature);
});

test('C-59: timestamp is the current integer second; version 1.0; HMAC-SHA1; every parameter once', () => {
  const before = Math.floor(Date.now() / 1000);
  const header = buildAuthorizationHeader({
    method: 'POST',
    url: 'https://photos.example.net/initiate',
    consumerKey: CK,
    consumerSecret: CS,
    extraOAuthParams: { oauth_callback: 'http://printer.example.com/ready' },
  });
  const after = Math.floor(Date.now() / 1000);
  const p = headerParams(header);
  assert.match(p.oauth_timestamp!, /^[0-9]+$/);
  assert.ok(Number(p.oauth_timestamp) >= before && Number(p.oauth_timestamp) <= after);
  assert.equal(p.oauth_version, '1.0');
  assert.equal(p.oauth_signature_method, 'HMAC-SHA1');
  assert.equal(p.oauth_token, undefined, 'no oauth_token on the request-token call');
  // C-55: every value percent-encoded in the header; signed with the key "<cs>&".
  assert.match(header, /oauth_callback="http%3A%2F%2Fprinter\.example\.com%2Fready"/);
  const { oauth_signature, ...rest } = p;
  const base = signatureBaseString('POST', 'https://photos.example.net/initiate', Object.entries(rest));
  assert.equal(createHmac('sha1', `${CS}&`).update(base).digest('base64'), oauth_signature);
});

test('C-59: query and form-body parameters are signed, a JSON body is not', () => {
  const common = { method: 'POST', consumerKey: 'k', consumerSecret: 's', token: 't', tokenSecret: 'ts', nonce: 'n', timestamp: 1 };
  const withQuery = buildAuthorizationHeader({ ...common, url: 'https://api.x.com/2/tweets?x=1' });
  const withoutQuery = buildAuthorizationHeader({ ...common, url: 'https://api.x.com/2/tweets' });
  assert.notEqual(headerParams(withQuery).oauth_signature, headerParams(withoutQuery).oauth_signature);
  const withBody = buildAuthorizationHeader({ ...common, url: 'https://api.x.com/2/tweets', bodyParams: [['x', '1']] });
  // Form body pair x=1 signs exactly like query pair x=1 (same normalized parameters, RFC 5849 §3.4.1.3).
  assert.equal(headerParams(withBody).oauth_signature, headerParams(withQuery).oauth_signature);
  // No bodyParams (the JSON case) signs like no body at all.
  const json = buildAuthorizationHeader({ ...common, url: 'https://api.x.com/2/tweets', bodyParams: [] });
  assert.equal(json, withoutQuery);
});

test('C-59: protocol parameters cannot be given twice or smuggled in', () => {
  const common = { method: 'GET', consumerKey: 'k', consumerSecret: 's', token: 't', tokenSecret: 'ts' };
  assert.throws(() => buildAuthorizationHeader({ ...common, url: 'https://api.x.com/a?oauth_token=x' }), TypeError);
  assert.throws(() => buildAuthorizationHeader({ ...common, url: 'https://api.x.com/a', bodyParams: [['oauth_nonce', 'x']] }), TypeError);
  assert.throws(() => buildAuthorizationHeader({ ...common, url: 'https://api.x.com/a', extraOAuthParams: { oauth_signature: 'x' } }), TypeError);
  assert.throws(() => buildAuthorizationHeader({ ...common, url: 'https://api.x.com/a', extraOAuthParams: { oauth_version: '2.0' } }), TypeError);
  assert.throws(() => buildAuthorizationHeader({ ...common, url: 'https://api.x.com/a', extraOAuthParams: { x_auth_access_type: 'read' } }), TypeError);
  assert.throws(() => buildAuthorizationHeader({ ...common, url: 'https://api.x.com/a', timestamp: 1.5 }), TypeError);
  assert.throws(() => buildAuthorizationHeader({ ...common, url: 'https://api.x.com/a', timestamp: '-1' }), TypeError);
  // A query parameter named like a prototype member is an ordinary parameter.
  assert.doesNotThrow(() => buildAuthorizationHeader({ ...common, url: 'https://api.x.com/a?toString=1&constructor=2' }));
});
