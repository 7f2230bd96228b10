import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseUrlMountProblem,
  baseUrlSchemeProblem,
  noProvidersProblem,
  productionHttpProblem,
  sameSiteProblem,
  secureCookieHint,
  trustProxyProblem,
} from '../../../src/http/setup-checks.ts';

test('a baseUrl without a scheme: the message shows it with the scheme it needs', () => {
  assert.match(baseUrlSchemeProblem('localhost:3000')!.message, /use "http:\/\/localhost:3000"/);
  assert.match(baseUrlSchemeProblem('127.0.0.1:8080/app')!.message, /use "http:\/\/127\.0\.0\.1:8080\/app"/);
  assert.match(baseUrlSchemeProblem('app.example.com')!.message, /use "https:\/\/app\.example\.com"/);
  assert.match(baseUrlSchemeProblem('//app.example.com')!.message, /use "https:\/\/app\.example\.com"/);
  assert.equal(baseUrlSchemeProblem('https://app.example.com'), undefined);
  assert.equal(baseUrlSchemeProblem('http://localhost:3000'), undefined);
  assert.equal(baseUrlSchemeProblem('ftp://x'), undefined, 'a scheme, only the wrong one: the https check speaks');
});

test('a baseUrl path that does not fit the mount: doubled prefix, or a prefix no proxy strips', () => {
  assert.equal(baseUrlMountProblem('/', '', '/auth/me', '/auth'), undefined);
  assert.equal(baseUrlMountProblem('/', '/app', '/app/auth/me', '/auth'), undefined, 'mounted under a path, baseUrl the origin');
  assert.equal(baseUrlMountProblem('/app', '', '/auth/me', '/auth'), undefined, 'a proxy strips /app');
  const doubled = baseUrlMountProblem('/app/', '/app', '/app/auth/me', '/auth')!;
  assert.equal(doubled.code, 'base_url_mount');
  assert.match(doubled.message, /\/app\/app\/auth\/<provider>\/callback/);
  const unstripped = baseUrlMountProblem('/app', '', '/app/dashboard', '/auth')!;
  assert.match(unstripped.message, /app\.use\("\/app", auth\.router\(\)\)/);
});

test('sameSite strict / none, trust proxy true, production over http, no providers', () => {
  assert.equal(sameSiteProblem('strict')!.code, 'same_site_strict');
  assert.equal(sameSiteProblem(true)!.code, 'same_site_strict');
  assert.match(sameSiteProblem('Strict')!.message, /sameSite: 'lax'/);
  assert.equal(sameSiteProblem('none')!.code, 'same_site_none');
  assert.equal(sameSiteProblem('lax'), undefined);
  assert.equal(sameSiteProblem(undefined), undefined);
  assert.match(trustProxyProblem(true)!.message, /app\.set\('trust proxy', 1\)/);
  assert.equal(trustProxyProblem(1), undefined);
  assert.equal(trustProxyProblem('loopback'), undefined);
  assert.equal(productionHttpProblem(new URL('http://localhost:3000'), 'production')!.code, 'production_http');
  assert.equal(productionHttpProblem(new URL('http://localhost:3000'), 'development'), undefined);
  assert.equal(productionHttpProblem(new URL('https://app.example.com'), 'production'), undefined);
  assert.equal(noProvidersProblem(0)!.code, 'no_providers');
  assert.equal(noProvidersProblem(2), undefined);
});

test('a Secure cookie on plain http: the hint fits the case', () => {
  const https = new URL('https://app.example.com');
  assert.match(secureCookieHint({ baseUrl: https, forwardedProto: 'https', trustProxy: false }), /does not trust it: set app\.set\('trust proxy', 1\)/);
  assert.match(secureCookieHint({ baseUrl: https, forwardedProto: 'https', trustProxy: 1 }), /raise app\.set\('trust proxy'/);
  const dev = secureCookieHint({ baseUrl: new URL('http://localhost:3000'), forwardedProto: undefined, trustProxy: false });
  assert.match(dev, /plain http \(development\).*secure: process\.env\.NODE_ENV === 'production'/);
  assert.match(dev, /trust proxy would not help/, 'no proxy in development: no advice to set trust proxy');
  assert.match(secureCookieHint({ baseUrl: https, forwardedProto: undefined, trustProxy: false }), /through TLS/);
});
