import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import helmet from 'helmet';
import { createRegistry, oauth1, oauth2, oidc } from '../../src/index.ts';
import { authorizationOrigin, contentSecurityPolicyDirectives } from '../../src/http/csp.ts';

function registry() {
  const auth = createRegistry({ baseUrl: 'https://app.example.com' });
  auth.register(
    oauth2({
      name: 'acme',
      clientId: 'id',
      clientSecret: 'secret',
      authorizationEndpoint: 'https://login.acme.example/oauth/authorize?prompt=consent',
      tokenEndpoint: 'https://api.acme.example/oauth/token',
    }),
  );
  auth.register(oidc({ name: 'corp', issuer: 'https://id.corp.example/realms/main', clientId: 'id', clientSecret: 'secret' }));
  auth.register(
    oidc({ name: 'split', issuer: 'https://issuer.split.example', authorizationEndpoint: 'https://auth.split.example:8443/authorize', clientId: 'id', clientSecret: 's' }),
  );
  auth.register(
    oauth1({
      name: 'classic',
      consumerKey: 'k',
      consumerSecret: 's',
      requestTokenEndpoint: 'https://api.classic.example/oauth/request_token',
      authorizationEndpoint: 'https://api.classic.example/oauth/authenticate',
      accessTokenEndpoint: 'https://api.classic.example/oauth/access_token',
      userinfoEndpoint: 'https://api.classic.example/1.1/me.json',
      profile: (raw) => ({ id: String(raw.id) }),
    }),
  );
  // A second provider on an origin already listed adds nothing.
  auth.register(
    oauth2({ name: 'acme2', clientId: 'id', clientSecret: 's', authorizationEndpoint: 'https://login.acme.example/other', tokenEndpoint: 'https://login.acme.example/t' }),
  );
  return auth;
}

test("form-action is 'self' plus exactly the providers' authorization origins, in registration order", () => {
  const directives = contentSecurityPolicyDirectives(registry());
  assert.deepEqual(directives['form-action'], [
    "'self'",
    'https://login.acme.example',
    'https://id.corp.example', // discovered later: the issuer's origin
    'https://auth.split.example:8443', // an explicit endpoint wins over the issuer
    'https://api.classic.example',
  ]);
});

test("with no provider form-action stays 'self'", () => {
  const directives = contentSecurityPolicyDirectives(createRegistry({ baseUrl: 'http://localhost:3000' }));
  assert.deepEqual(directives['form-action'], ["'self'"]);
});

test("the other directives are helmet's defaults, so the object stands alone with useDefaults: false", () => {
  const directives = contentSecurityPolicyDirectives(createRegistry({ baseUrl: 'https://app.example.com' }));
  const defaults = Object.fromEntries(Object.entries(helmet.contentSecurityPolicy.getDefaultDirectives()).map(([k, v]) => [k, [...v]]));
  assert.deepEqual(directives, defaults);
});

test('extra replaces a directive, null removes it, camelCase is accepted, form-action sources are added', () => {
  const nonce = () => "'nonce-abc'";
  const directives = contentSecurityPolicyDirectives(registry(), {
    styleSrc: ["'self'", nonce],
    'img-src': ["'self'", 'https:'],
    'upgrade-insecure-requests': null,
    formAction: ['https://pay.example'],
  });
  assert.deepEqual(directives['style-src'], ["'self'", nonce]);
  assert.deepEqual(directives['img-src'], ["'self'", 'https:']);
  assert.equal(directives['upgrade-insecure-requests'], null);
  assert.equal(directives['form-action']!.at(-1), 'https://pay.example');
  assert.ok(directives['form-action']!.includes('https://login.acme.example'));
  assert.equal('styleSrc' in directives, false);
});

test('a directive given twice in extra is refused', () => {
  assert.throws(() => contentSecurityPolicyDirectives(registry(), { formAction: [], 'form-action': [] }), TypeError);
});

test('each call returns fresh arrays', () => {
  const auth = registry();
  const a = contentSecurityPolicyDirectives(auth);
  a['form-action']!.push('https://evil.example');
  assert.equal(contentSecurityPolicyDirectives(auth)['form-action']!.includes('https://evil.example'), false);
});

test('authorizationOrigin reads the endpoint, else the OIDC issuer', () => {
  const auth = registry();
  assert.equal(authorizationOrigin(auth.provider('corp')!), 'https://id.corp.example');
  assert.equal(authorizationOrigin(auth.provider('acme')!), 'https://login.acme.example');
});

test('helmet accepts the directives and sends the header', async () => {
  const app = express();
  app.use(helmet({ contentSecurityPolicy: { directives: contentSecurityPolicyDirectives(registry(), { 'upgrade-insecure-requests': null }) } }));
  app.get('/', (_req, res) => res.send('ok'));
  const server = http.createServer(app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const csp = res.headers.get('content-security-policy')!;
    assert.match(csp, /(^|;)form-action 'self' https:\/\/login\.acme\.example https:\/\/id\.corp\.example https:\/\/auth\.split\.example:8443 https:\/\/api\.classic\.example(;|$)/);
    assert.match(csp, /(^|;)default-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /upgrade-insecure-requests/);
  } finally {
    server.close();
  }
});

test('auth.contentSecurityPolicy(): form-action lists the providers; http baseUrl drops upgrade-insecure-requests', async () => {
  const { createRegistry, github, x } = await import('../../src/index.ts');
  const dev = createRegistry({ baseUrl: 'http://localhost:3000' });
  dev.register(github({ clientId: 'c', clientSecret: 's' }));
  dev.register(x({ clientId: 'c', clientSecret: 's' }));
  const d = dev.contentSecurityPolicy();
  assert.deepEqual(d['form-action'], ["'self'", 'https://github.com', 'https://x.com']);
  assert.equal(d['upgrade-insecure-requests'], null);
  const prod = createRegistry({ baseUrl: 'https://app.example.com' });
  prod.register(github({ clientId: 'c', clientSecret: 's' }));
  assert.notEqual(prod.contentSecurityPolicy()['upgrade-insecure-requests'], null);
});
