/**
 * The providers, in a process of their own: the GitHub emulator
 * (test/emulators/github.ts), the generic OAuth 2.0 emulator with refresh
 * tokens (test/emulators/oauth2.ts) and the mock OpenID provider
 * (test/emulators/oidc-mop.ts). Prints one JSON line ({@link EmulatorInfo}).
 * Their request logs are emptied every second (they record every request);
 * GET <control>/stats gives the grant counters.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGitHubEmulator } from '../../test/emulators/github.ts';
import { startOAuth2Emulator } from '../../test/emulators/oauth2.ts';
import { startMop } from '../../test/emulators/oidc-mop.ts';
import type { EmulatorInfo, EmulatorStats } from '../lib/config.ts';
import { exitWithParent } from '../lib/proc.ts';

const accessTokenTtlSeconds = Number(process.env.BENCH_REFRESH_TTL ?? 4);
const github = await startGitHubEmulator({ redirectUris: [], anyRedirectUri: true });
const oauth2 = await startOAuth2Emulator({ redirectUris: [], anyRedirectUri: true, accessTokenTtlSeconds, refreshDelayMs: 20 });
const mop = await startMop();

setInterval(() => {
  github.requests.length = 0;
  oauth2.requests.length = 0;
  mop.requests.length = 0;
}, 1000).unref();

const control = http.createServer((_req, res) => {
  const stats: EmulatorStats = {
    github: { authorization_code: github.grants.authorization_code },
    oauth2: { authorization_code: oauth2.grants.authorization_code, refresh_token: oauth2.grants.refresh_token },
  };
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));

const info: EmulatorInfo = {
  github: { url: github.url, clientId: github.clientId, clientSecret: github.clientSecret },
  oauth2: { url: oauth2.url, clientId: oauth2.clientId, clientSecret: oauth2.clientSecret },
  mop: { url: mop.issuer, issuer: mop.issuer, clientId: mop.clientId, clientSecret: mop.clientSecret },
  control: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
};
process.stdout.write(`${JSON.stringify(info)}\n`);

const stop = (): void => {
  control.close();
  void Promise.allSettled([github.close(), oauth2.close(), mop.close()]).finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
exitWithParent(stop);
