import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveApiUrl } from '../../../src/protocol/api-url.ts';
import { github, twitter, oauth2 } from '../../../src/index.ts';

test('paths join under apiBaseUrl (GitHub Enterprise keeps /api/v3)', () => {
  assert.equal(resolveApiUrl(github({ clientId: 'c', clientSecret: 's' }), '/user/repos?per_page=5').href, 'https://api.github.com/user/repos?per_page=5');
  assert.equal(resolveApiUrl(github({ clientId: 'c', clientSecret: 's', enterpriseUrl: 'https://ghe.example.com' }), '/user').href, 'https://ghe.example.com/api/v3/user');
  assert.equal(resolveApiUrl(twitter({ consumerKey: 'k', consumerSecret: 's' }), 'statuses/home_timeline.json').href, 'https://api.x.com/1.1/statuses/home_timeline.json');
});

test('the token only goes to the provider API origins, over https (http on loopback only)', () => {
  const gh = github({ clientId: 'c', clientSecret: 's' });
  assert.equal(resolveApiUrl(gh, 'https://api.github.com/user').origin, 'https://api.github.com');
  for (const evil of ['https://evil.example/user', 'https://api.github.com.evil.example/', 'http://api.github.com/user']) {
    assert.throws(() => resolveApiUrl(gh, evil), TypeError, evil);
  }
  assert.equal(resolveApiUrl(gh, '//evil.example/x').origin, 'https://api.github.com', 'a protocol-relative path stays a path');
  const local = oauth2({ name: 'l', clientId: 'c', clientSecret: 's', authorizationEndpoint: 'http://127.0.0.1:1/a', tokenEndpoint: 'http://127.0.0.1:1/t', userinfoEndpoint: 'http://127.0.0.1:1/me' });
  assert.equal(resolveApiUrl(local, 'http://127.0.0.1:1/me').href, 'http://127.0.0.1:1/me');
  assert.throws(() => resolveApiUrl(local, '/relative'), /apiBaseUrl/);
});
