import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, createPublicKey, webcrypto } from 'node:crypto';
import { checkClientAuth, importClientSigningKey, parseClientSigningKey, signingAlgOf } from '../../../src/protocol/client-auth.ts';
import { createDPoPKey, DPoPKeyCache, importDPoPKeyPair, isDPoPKey, isDPoPTokenType } from '../../../src/protocol/dpop.ts';
import { usesPushedAuthorization } from '../../../src/protocol/par.ts';
import { strongClient } from '../../../src/providers/strong-client.ts';
import { keycloak, microsoft, oauth2, oidc, okta, auth0, OAuthConfigError } from '../../../src/index.ts';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const ed = generateKeyPairSync('ed25519');

test('the alg follows the key: RS256, ES256, ES384, EdDSA; a JWK alg wins when it fits', () => {
  assert.equal(parseClientSigningKey('p', rsa.privateKey.export({ format: 'jwk' })).alg, 'RS256');
  assert.equal(parseClientSigningKey('p', rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).alg, 'RS256');
  assert.equal(parseClientSigningKey('p', p256.privateKey).alg, 'ES256');
  assert.equal(parseClientSigningKey('p', p384.privateKey.export({ format: 'jwk' })).alg, 'ES384');
  assert.equal(parseClientSigningKey('p', ed.privateKey).alg, 'EdDSA');
  assert.equal(parseClientSigningKey('p', { ...rsa.privateKey.export({ format: 'jwk' }), alg: 'PS256' }).alg, 'PS256');
  assert.throws(() => signingAlgOf('p', p256.privateKey, 'RS256'), OAuthConfigError);
  assert.throws(() => signingAlgOf('p', p256.privateKey, 'ES384'), OAuthConfigError);
});

test('the kid: privateKeyId, else the JWK kid', () => {
  assert.equal(parseClientSigningKey('p', { ...p256.privateKey.export({ format: 'jwk' }), kid: 'jwk-kid' }).kid, 'jwk-kid');
  assert.equal(parseClientSigningKey('p', { ...p256.privateKey.export({ format: 'jwk' }), kid: 'jwk-kid' }, 'given').kid, 'given');
  assert.equal(parseClientSigningKey('p', p256.privateKey).kid, undefined);
  assert.throws(() => parseClientSigningKey('p', p256.privateKey, ''), OAuthConfigError);
});

test('setup errors: missing key, public keys (JWK, KeyObject, SPKI PEM), junk, unsupported key types', () => {
  const cases: unknown[] = [
    undefined,
    '',
    p256.publicKey,
    p256.publicKey.export({ format: 'jwk' }),
    p256.publicKey.export({ type: 'spki', format: 'pem' }),
    'not a key',
    { kty: 'EC' },
    42,
    generateKeyPairSync('x25519').privateKey,
  ];
  for (const input of cases) assert.throws(() => parseClientSigningKey('corp', input as never), (err: Error) => err instanceof OAuthConfigError && err.message.startsWith('corp:'), String(input));
  // The message names what to fix and never holds the key.
  try {
    parseClientSigningKey('corp', createPublicKey(rsa.privateKey));
  } catch (err) {
    assert.match((err as Error).message, /private/);
  }
});

test('checkClientAuth: client_secret_jwt needs the secret, private_key_jwt the key, others nothing', () => {
  const base = { name: 'x', issuer: 'https://id.example', clientId: 'c' };
  assert.throws(() => checkClientAuth(oidc({ ...base, clientAuth: 'client_secret_jwt' })), /clientSecret/);
  assert.equal(checkClientAuth(oidc({ ...base, clientAuth: 'client_secret_jwt', clientSecret: 's' })), undefined);
  assert.throws(() => checkClientAuth(oidc({ ...base, clientAuth: 'private_key_jwt' })), /privateKey/);
  assert.equal(checkClientAuth(oidc({ ...base, privateKey: p256.privateKey }))!.alg, 'ES256');
  assert.equal(checkClientAuth(oidc({ ...base, clientSecret: 's' })), undefined);
});

test('imported signing keys are non-extractable WebCrypto keys of the right algorithm', async () => {
  const rs = await importClientSigningKey(parseClientSigningKey('p', rsa.privateKey));
  assert.equal(rs.algorithm.name, 'RSASSA-PKCS1-v1_5');
  assert.equal(rs.extractable, false);
  const ps = await importClientSigningKey(parseClientSigningKey('p', { ...rsa.privateKey.export({ format: 'jwk' }), alg: 'PS256' }));
  assert.equal(ps.algorithm.name, 'RSA-PSS');
  assert.equal((await importClientSigningKey(parseClientSigningKey('p', p256.privateKey))).algorithm.name, 'ECDSA');
  assert.equal((await importClientSigningKey(parseClientSigningKey('p', ed.privateKey))).algorithm.name, 'Ed25519');
});

test('DPoP keys: fresh ES256 private JWKs, imported as a pair that signs and verifies', async () => {
  const a = createDPoPKey();
  const b = createDPoPKey();
  assert.ok(isDPoPKey(a));
  assert.notEqual(a.d, b.d);
  assert.deepEqual(Object.keys(a).sort(), ['crv', 'd', 'kty', 'x', 'y']);
  const pair = await importDPoPKeyPair(a);
  assert.equal(pair.privateKey.extractable, false);
  const data = Buffer.from('x');
  const sig = await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, data);
  assert.ok(await webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pair.publicKey, sig, data));
  assert.equal(isDPoPKey({ ...a, crv: 'P-384' }), false);
  assert.equal(isDPoPKey({ kty: 'EC', crv: 'P-256', x: a.x, y: a.y }), false);
  assert.equal(isDPoPKey(null), false);
  assert.ok(isDPoPTokenType('DPoP') && isDPoPTokenType('dpop'));
  assert.equal(isDPoPTokenType('Bearer'), false);
});

test('DPoP key cache: one value per key, least recently used evicted', () => {
  const cache = new DPoPKeyCache<number>(2);
  const [k1, k2, k3] = [createDPoPKey(), createDPoPKey(), createDPoPKey()];
  let made = 0;
  const make = () => ++made;
  assert.equal(cache.get(k1, make), 1);
  assert.equal(cache.get(k1, make), 1);
  cache.get(k2, make);
  cache.get(k1, make); // k1 is now the most recent
  cache.get(k3, make); // evicts k2
  assert.equal(cache.get(k1, make), 1);
  assert.equal(cache.get(k2, make), 4);
});

test('PAR: on when asked, or when the server requires it', () => {
  assert.equal(usesPushedAuthorization({}, {}), false);
  assert.equal(usesPushedAuthorization({ pushedAuthorizationRequests: true }, {}), true);
  assert.equal(usesPushedAuthorization({}, { require_pushed_authorization_requests: true }), true);
  assert.equal(usesPushedAuthorization({ pushedAuthorizationRequests: false }, { require_pushed_authorization_requests: 'true' }), false);
});

test('oauth2() with PAR needs its PAR endpoint; presets take the stronger-client options', () => {
  const base = { name: 'a', clientId: 'c', clientSecret: 's', authorizationEndpoint: 'https://a.example/auth', tokenEndpoint: 'https://a.example/token' };
  assert.throws(() => oauth2({ ...base, pushedAuthorizationRequests: true }), /pushedAuthorizationRequestEndpoint/);
  assert.throws(() => oauth2({ ...base, pushedAuthorizationRequests: true, pushedAuthorizationRequestEndpoint: 'http://evil.example/par' }), /https/);
  assert.equal(oauth2({ ...base, pushedAuthorizationRequests: true, pushedAuthorizationRequestEndpoint: 'https://a.example/par' }).pushedAuthorizationRequestEndpoint, 'https://a.example/par');
  const strong = { clientAuth: 'private_key_jwt' as const, privateKey: p256.privateKey, privateKeyId: 'k1', pushedAuthorizationRequests: true, dpop: true };
  for (const p of [
    okta({ clientId: 'c', domain: 'dev-1.okta.com', ...strong }),
    keycloak({ clientId: 'c', issuer: 'https://sso.example.com/realms/x', ...strong }),
    auth0({ clientId: 'c', domain: 'x.us.auth0.com', ...strong }),
    microsoft({ clientId: 'c', tenant: 'organizations', ...strong }),
  ]) {
    assert.equal(p.clientAuth, 'private_key_jwt', p.name);
    assert.equal(p.privateKeyId, 'k1');
    assert.equal(p.dpop, true);
    assert.equal(p.pushedAuthorizationRequests, true);
  }
  assert.deepEqual(strongClient({}), {});
});

test('README: the jose-free test key recipe gives a usable private JWK, PEM and a public JWKS', async () => {
  const { readFileSync } = await import('node:fs');
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('### Making a key for tests'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1]!.replace(/^import .*$/m, '');
  const run = new Function('generateKeyPairSync', `${code}\nreturn { privateJwk, publicJwks, pem };`);
  const { privateJwk, publicJwks, pem } = run(generateKeyPairSync);
  assert.equal(parseClientSigningKey('t', privateJwk).alg, 'ES256');
  assert.equal(parseClientSigningKey('t', privateJwk).kid, 'test-key-1');
  assert.equal(parseClientSigningKey('t', pem).alg, 'ES256');
  assert.equal(publicJwks.keys[0].d, undefined);
  assert.equal(publicJwks.keys[0].kid, 'test-key-1');
});
