import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { zoom, mapZoomProfile } from '../../../src/providers/zoom.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/zoom-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapZoomProfile maps the documented payload (zoom-profile.json)', () => {
  assert.deepEqual(mapZoomProfile(fixture), { id: 'KDcuGIm1QgePTO8WbOqwIQ', name: 'Jill Chill', email: 'jchill@example.com', emailVerified: true, avatarUrl: 'https://example.com/photo.jpg' });
});

test('mapZoomProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapZoomProfile({ id: 'KDcuGIm1QgePTO8WbOqwIQ' }), { id: 'KDcuGIm1QgePTO8WbOqwIQ' });
  assert.deepEqual(mapZoomProfile({ id: 'z', first_name: 'Jill', last_name: 'Chill', email: 'j@example.com', verified: 0 }), { id: 'z', name: 'Jill Chill', email: 'j@example.com', emailVerified: false });
});

test('mapZoomProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapZoomProfile({ email: 'jchill@example.com' }), TypeError);
  assert.throws(() => mapZoomProfile({ code: 124, message: 'Invalid access token.' }), TypeError);
});

test('zoom() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = zoom(required);
  assert.equal(p.name, 'zoom');
  assert.equal(p.displayName, 'Zoom');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://zoom.us/oauth/authorize');
  assert.equal(p.tokenEndpoint, 'https://zoom.us/oauth/token');
  assert.equal(p.userinfoEndpoint, 'https://api.zoom.us/v2/users/me');
  assert.equal(p.apiBaseUrl, 'https://api.zoom.us/v2/');
  assert.deepEqual(p.scope, []);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.revocationEndpoint, 'https://zoom.us/oauth/revoke');
  assert.equal(p.profile, mapZoomProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/zoom\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('zoom() returns a frozen provider', () => {
  const p = zoom(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('zoom() applies overrides', () => {
  const p = zoom({
    ...required,
    name: 'zoom-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'zoom-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/zoom-two\/callback/);
});

test('zoom() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => zoom({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => zoom({ ...required, clientId: undefined as unknown as string }), /clientId/);
});
