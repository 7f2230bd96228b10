import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateKeyPairSync, verify } from 'node:crypto';
import type { ProfileFetchContext } from '../../../src/types.ts';
import { OAuthConfigError } from '../../../src/errors.ts';
import { apple, appleFirstLoginName, mapAppleProfile, createAppleClientSecret } from '../../../src/providers/apple.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/apple-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'com.example.web', clientSecret: 'pre-made.client.secret' };

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const signing = { clientId: 'com.example.web', teamId: 'ABCDE12345', keyId: 'XYZ987WVU6', privateKey: pem };

function decode(jwt: string) {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(p, 'base64url').toString()),
    valid: verify('sha256', Buffer.from(`${h}.${p}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url')),
  };
}

test('mapAppleProfile maps the documented payload (apple-profile.json)', () => {
  assert.deepEqual(mapAppleProfile(fixture), { id: '001234.a1b2c3d4e5f60718293a4b5c6d7e8f90.1234', name: 'Jane Appleseed', email: 'a1b2c3d4e5@privaterelay.appleid.com', emailVerified: true });
});

test('mapAppleProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapAppleProfile({ sub: '001234.abcd.1234' }), { id: '001234.abcd.1234' });
  assert.deepEqual(mapAppleProfile({ sub: 's', email: 'x@example.com', email_verified: 'false' }), { id: 's', email: 'x@example.com', emailVerified: false });
  assert.deepEqual(mapAppleProfile({ sub: 's', email_verified: true, name: { firstName: 'Jane' } }), { id: 's', name: 'Jane', emailVerified: true });
});

test('mapAppleProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapAppleProfile({ email: 'a1b2c3d4e5@privaterelay.appleid.com' }), TypeError);
  assert.throws(() => mapAppleProfile({}), TypeError);
});

test('apple() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = apple(required);
  assert.equal(p.name, 'apple');
  assert.equal(p.displayName, 'Apple');
  assert.equal(p.protocol, 'oidc');
  assert.equal(p.issuer, 'https://appleid.apple.com');
  assert.equal(p.responseMode, 'form_post');
  assert.equal(p.clientSecret, 'pre-made.client.secret');
  assert.deepEqual(p.scope, ['openid', 'name', 'email']);
  assert.equal(p.clientAuth, 'client_secret_post');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapAppleProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/apple\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('apple() returns a frozen provider', () => {
  const p = apple(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('apple() applies overrides', () => {
  const p = apple({
    ...required,
    name: 'apple-two',
    scope: ['only-this'],
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
    issuer: 'http://127.0.0.1:4000',
  });
  assert.equal(p.name, 'apple-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.equal(p.issuer, 'http://127.0.0.1:4000');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/apple-two\/callback/);
});

test('apple() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => apple({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => apple({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('apple signs an ES256 client-secret JWT from teamId, keyId and privateKey', () => {
  const p = apple(signing);
  assert.equal(p.clientSecret, undefined);
  assert.equal(typeof p.clientSecretFactory, 'function');
  const before = Math.floor(Date.now() / 1000);
  const jwt = p.clientSecretFactory!() as string;
  const { header, payload, valid } = decode(jwt);
  assert.equal(valid, true, 'signature verifies with the public key');
  assert.deepEqual(header, { alg: 'ES256', kid: 'XYZ987WVU6', typ: 'JWT' });
  assert.equal(payload.iss, 'ABCDE12345');
  assert.equal(payload.sub, 'com.example.web');
  assert.equal(payload.aud, 'https://appleid.apple.com');
  assert.ok(payload.iat >= before - 1 && payload.iat <= before + 5);
  assert.equal(payload.exp - payload.iat, 3600);
  assert.equal(p.clientSecretFactory!(), jwt, 'reused until close to expiry');
});

test('createAppleClientSecret honours lifetime and now, and refuses wrong keys and lifetimes', () => {
  const jwt = createAppleClientSecret({ teamId: 'T', keyId: 'K', clientId: 'C', privateKey: pem, lifetime: 86_400, now: 1_700_000_000 });
  const { payload, valid } = decode(jwt);
  assert.equal(valid, true);
  assert.deepEqual(payload, { iss: 'T', iat: 1_700_000_000, exp: 1_700_086_400, aud: 'https://appleid.apple.com', sub: 'C' });
  assert.throws(() => createAppleClientSecret({ teamId: 'T', keyId: 'K', clientId: 'C', privateKey: pem, lifetime: 15_777_001 }), OAuthConfigError);
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  assert.throws(() => apple({ ...signing, privateKey: rsa }), OAuthConfigError);
  assert.throws(() => apple({ ...signing, privateKey: 'not a pem' }), OAuthConfigError);
  assert.throws(() => apple({ ...signing, keyId: undefined }), /keyId/);
  assert.throws(() => apple({ clientId: 'com.example.web' }), OAuthConfigError, 'neither a secret nor a key');
});

test('apple fetchProfile returns the id_token claims (Apple has no userinfo endpoint)', async () => {
  const claims = { sub: '001234.abcd.1234', email: 'x@privaterelay.appleid.com', email_verified: 'true' };
  const ctx: ProfileFetchContext = {
    scope: ['openid', 'name', 'email'],
    tokens: { accessToken: 'a' },
    claims,
    get: async () => assert.fail('no HTTP call expected'),
    tryGet: async () => assert.fail('no HTTP call expected'),
  };
  const raw = await apple(signing).fetchProfile!(ctx);
  assert.deepEqual(mapAppleProfile(raw), { id: '001234.abcd.1234', email: 'x@privaterelay.appleid.com', emailVerified: true });
});

test('apple fetchProfile adds the first-login name from the callback `user` field, never its email', async () => {
  const claims = { sub: '001234.abcd.1234', email: 'x@privaterelay.appleid.com', email_verified: 'true' };
  const base = {
    scope: ['openid', 'name', 'email'],
    tokens: { accessToken: 'a' },
    get: async () => assert.fail('no HTTP call expected'),
    tryGet: async () => assert.fail('no HTTP call expected'),
  };
  const user = JSON.stringify({ name: { firstName: 'Jane', lastName: 'Appleseed' }, email: 'forged@evil.example' });
  const first = await apple(signing).fetchProfile!({ ...base, claims, callbackParams: new URLSearchParams({ code: 'c', user }) } as ProfileFetchContext);
  assert.deepEqual(mapAppleProfile(first), { id: '001234.abcd.1234', name: 'Jane Appleseed', email: 'x@privaterelay.appleid.com', emailVerified: true });
  const noEmailClaim = await apple(signing).fetchProfile!({ ...base, claims: { sub: 's1' }, callbackParams: new URLSearchParams({ user }) } as ProfileFetchContext);
  assert.deepEqual(mapAppleProfile(noEmailClaim), { id: 's1', name: 'Jane Appleseed' }, 'the unsigned email is not taken');
  for (const bad of ['not json', '{"name":"Jane"}', 'x'.repeat(5000), '']) {
    const raw = await apple(signing).fetchProfile!({ ...base, claims, callbackParams: new URLSearchParams({ user: bad }) } as ProfileFetchContext);
    assert.deepEqual(raw, claims, JSON.stringify(bad.slice(0, 20)));
  }
  assert.deepEqual(appleFirstLoginName('{"name":{"firstName":"Jane"}}'), { firstName: 'Jane' });
  assert.equal(appleFirstLoginName(undefined), undefined);
});
