/**
 * `npm run bench:dpop`: what a DPoP proof costs per API call.
 *
 * The kit's protocol adapter calls a local resource server (127.0.0.1:0,
 * answering 200 with a `DPoP-Nonce`) sequentially, once with a Bearer token
 * and once with a DPoP-bound token set (ES256 proof with htm, htu, ath and the
 * remembered nonce), in interleaved rounds; the difference of the medians is
 * the proof's cost. The key import is cached per key, as in production, so
 * this is one ES256 signature plus the SHA-256 `ath` and the JWT encoding.
 *
 * Environment: BENCH_DPOP_CALLS=2000 calls per round, BENCH_DPOP_ROUNDS=5.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { OpenIdAdapter } from '../src/protocol/openid-adapter.ts';
import * as client from 'openid-client';
import { createDPoPKey, importDPoPKeyPair } from '../src/protocol/dpop.ts';
import { oauth2 } from '../src/index.ts';
import type { TokenSet } from '../src/types.ts';

const CALLS = Number(process.env.BENCH_DPOP_CALLS ?? 2000);
const ROUNDS = Number(process.env.BENCH_DPOP_ROUNDS ?? 5);

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'dpop-nonce': 'n-1' });
  res.end('{"ok":true}');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const adapterFor = (dpop: boolean) =>
  new OpenIdAdapter(
    oauth2({ name: dpop ? 'dpop' : 'bearer', clientId: 'c', clientSecret: 's', authorizationEndpoint: `${origin}/auth`, tokenEndpoint: `${origin}/token`, apiBaseUrl: origin, dpop }),
    { timeoutMs: 10_000, maxBytes: 1024 * 1024 },
  );
const bearer = adapterFor(false);
const dpop = adapterFor(true);
const accessToken = 'a'.repeat(43);
const bearerTokens: TokenSet = { accessToken, tokenType: 'bearer' };
const dpopTokens: TokenSet = { accessToken, tokenType: 'dpop', dpopKey: createDPoPKey() };
const url = new URL(`${origin}/api/resource`);

async function round(adapter: OpenIdAdapter, tokens: TokenSet): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const res = await adapter.callApi(tokens, url);
    await res.arrayBuffer();
  }
  return ((performance.now() - start) * 1000) / CALLS; // µs per call
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
await round(bearer, bearerTokens);
await round(dpop, dpopTokens); // warm-up: key import, nonce learnt
const b: number[] = [];
const d: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  b.push(await round(bearer, bearerTokens));
  d.push(await round(dpop, dpopTokens));
}
const mb = median(b);
const md = median(d);
console.log(`API call, Bearer: ${mb.toFixed(0)} µs (median of ${ROUNDS} × ${CALLS})`);
console.log(`API call, DPoP:   ${md.toFixed(0)} µs`);
console.log(`DPoP proof cost per API call: ${(md - mb).toFixed(0)} µs (${(((md - mb) / mb) * 100).toFixed(0)} %) on node ${process.version}`);

// The proof alone (what openid-client does per request): ES256 signature, SHA-256 ath, JWT encoding.
const pair = await importDPoPKeyPair(dpopTokens.dpopKey!);
const config = new client.Configuration({ issuer: origin, token_endpoint: `${origin}/token` }, 'c');
const handle = client.getDPoPHandle(config, pair) as unknown as { addProof(url: URL, headers: Headers, htm: string, accessToken?: string): Promise<void> };
const proofs: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) await handle.addProof(url, new Headers(), 'GET', accessToken);
  proofs.push(((performance.now() - start) * 1000) / CALLS);
}
console.log(`DPoP proof alone: ${median(proofs).toFixed(0)} µs`);
server.close();
