import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OAuthConfigError } from '../../../src/errors.ts';
import { discord, mapDiscordProfile } from '../../../src/providers/discord.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/discord-profile.json', import.meta.url), 'utf8'));
const required = { clientId: 'client-id', clientSecret: 'client-secret' };

test('mapDiscordProfile maps the documented payload (discord-profile.json)', () => {
  assert.deepEqual(mapDiscordProfile(fixture), { id: '80351110224678912', username: 'nelly', name: 'Nelly', email: 'nelly@discord.com', emailVerified: true, avatarUrl: 'https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png' });
});

test('mapDiscordProfile tolerates missing optional fields', () => {
  assert.deepEqual(mapDiscordProfile({ id: '80351110224678912', username: 'nelly', discriminator: '0', avatar: null, global_name: null, email: null }), { id: '80351110224678912', username: 'nelly', avatarUrl: 'https://cdn.discordapp.com/embed/avatars/5.png' });
  assert.deepEqual(mapDiscordProfile({ id: 'not-a-snowflake' }), { id: 'not-a-snowflake' });
});

test('mapDiscordProfile throws a TypeError when the id is missing', () => {
  assert.throws(() => mapDiscordProfile({ username: 'nelly' }), TypeError);
  assert.throws(() => mapDiscordProfile({}), TypeError);
});

test('discord() defaults: endpoints, scope, client auth, PKCE', () => {
  const p = discord(required);
  assert.equal(p.name, 'discord');
  assert.equal(p.displayName, 'Discord');
  assert.equal(p.protocol, 'oauth2');
  assert.equal(p.authorizationEndpoint, 'https://discord.com/oauth2/authorize');
  assert.equal(p.tokenEndpoint, 'https://discord.com/api/oauth2/token');
  assert.equal(p.revocationEndpoint, 'https://discord.com/api/oauth2/token/revoke');
  assert.equal(p.userinfoEndpoint, 'https://discord.com/api/users/@me');
  assert.deepEqual(p.scope, ['identify', 'email']);
  assert.equal(p.clientAuth, 'client_secret_basic');
  assert.equal(p.pkce, true);
  assert.equal(p.profile, mapDiscordProfile);
  assert.ok(p.quirks.every((q) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(q)), 'quirks are kebab-case');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/discord\/callback/);
  assert.match(p.docs?.registerUrl ?? '', /^https:\/\//);
});

test('discord() returns a frozen provider', () => {
  const p = discord(required);
  assert.ok(Object.isFrozen(p));
  assert.ok(Object.isFrozen(p.scope));
  assert.throws(() => {
    (p as any).clientId = 'changed';
  }, TypeError);
  assert.throws(() => {
    (p.scope as string[]).push('more');
  }, TypeError);
});

test('discord() applies overrides', () => {
  const p = discord({
    ...required,
    name: 'discord-two',
    scope: ['only-this'],
    authorizationEndpoint: 'http://127.0.0.1:4000/authorize',
    tokenEndpoint: 'http://127.0.0.1:4000/token',
    userinfoEndpoint: 'http://127.0.0.1:4000/me',
    apiBaseUrl: 'http://127.0.0.1:4000/api/',
  });
  assert.equal(p.name, 'discord-two');
  assert.deepEqual(p.scope, ['only-this']);
  assert.equal(p.authorizationEndpoint, 'http://127.0.0.1:4000/authorize');
  assert.equal(p.tokenEndpoint, 'http://127.0.0.1:4000/token');
  assert.equal(p.userinfoEndpoint, 'http://127.0.0.1:4000/me');
  assert.equal(p.apiBaseUrl, 'http://127.0.0.1:4000/api/');
  assert.match(p.docs?.notes ?? '', /<baseUrl>\/auth\/discord-two\/callback/);
});

test('discord() throws OAuthConfigError without a clientId', () => {
  assert.throws(() => discord({ ...required, clientId: '' }), OAuthConfigError);
  assert.throws(() => discord({ ...required, clientId: undefined as unknown as string }), /clientId/);
});

test('mapDiscordProfile builds gif avatars for animated hashes and legacy default avatars from the discriminator', () => {
  const animated = mapDiscordProfile({ id: '80351110224678912', avatar: 'a_1269e74af4df7417b13759eae50c83dc' });
  assert.equal(animated.avatarUrl, 'https://cdn.discordapp.com/avatars/80351110224678912/a_1269e74af4df7417b13759eae50c83dc.gif');
  const legacy = mapDiscordProfile({ id: '80351110224678912', discriminator: '1337', avatar: null });
  assert.equal(legacy.avatarUrl, 'https://cdn.discordapp.com/embed/avatars/2.png'); // 1337 % 5
  assert.equal(mapDiscordProfile({ id: '1', email: 'a@b.example', verified: false }).emailVerified, false);
});
