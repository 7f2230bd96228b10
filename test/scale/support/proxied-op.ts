/**
 * A real OpenID Provider (oidc-provider, dev login pages) reachable only
 * through a {@link FaultProxy}: its issuer is the proxy's URL, so discovery,
 * JWKS, token and userinfo all go through the proxy and can be made to fail.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';

export interface ProxiedOp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  proxy: FaultProxy;
  close(): Promise<void>;
}

export const DISCOVERY_PATH = '/.well-known/openid-configuration';

export async function startProxiedOp(redirectUris: string[]): Promise<ProxiedOp> {
  const proxy = await startFaultProxy();
  const issuer = proxy.url;
  const clientId = 'scale-test-client';
  const clientSecret = 'scale-test-secret-0123456789';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    cookies: { keys: ['scale-test-cookie-key'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    async findAccount(_ctx: unknown, sub: string) {
      return {
        accountId: sub,
        async claims() {
          return { sub, email: `${sub}@example.test`, email_verified: true, name: `User ${sub}`, preferred_username: sub };
        },
      };
    },
  } as never);
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.setUpstream(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return {
    issuer,
    clientId,
    clientSecret,
    proxy,
    async close() {
      await proxy.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
