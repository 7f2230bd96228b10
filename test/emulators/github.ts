/**
 * GitHub OAuth-app emulator (PROVIDERS.md d.1), quirks included:
 * token errors arrive with HTTP 200, the token body is form-encoded unless
 * `Accept` asks for JSON or XML, granted scopes come back comma-separated and
 * normalized, the REST API refuses requests without `User-Agent`, `/user`
 * shows `email: null` for a private address, `/user/emails` needs `user:email`
 * or `user`, tokens never expire, and the API also answers under `/api/v3`
 * (GitHub Enterprise Server).
 */
import {
  answerEarlyFault,
  authenticateClient,
  bearerToken,
  createCommonKnobs,
  GrantStore,
  handleAuthorize,
  NO_STORE,
  param,
  parseBasicAuth,
  randomBase62,
  sendAnswer,
  sendJson,
  sendText,
  startRecordingServer,
  takeFault,
  tokenParams,
  type BodyFormat,
  type CommonKnobs,
  type CommonOptions,
  type Emulator,
  type Fault,
  type RequestContext,
} from './recorder.ts';

export interface GitHubUser {
  id: number;
  login: string;
  node_id: string;
  name: string | null;
  /** The primary address; `/user` shows it only when `emailPrivate` is false. */
  email: string | null;
  avatar_url: string;
  html_url: string;
  company: string | null;
  blog: string;
  location: string | null;
  bio: string | null;
  twitter_username: string | null;
  public_repos: number;
  followers: number;
  following: number;
  created_at: string;
  updated_at: string;
}

export interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
  visibility: 'public' | 'private' | null;
}

export type GitHubTokenError =
  | 'bad_verification_code'
  | 'incorrect_client_credentials'
  | 'redirect_uri_mismatch'
  | 'unverified_user_email'
  | 'unsupported_grant_type';

export interface GitHubEmulatorOptions extends CommonOptions<GitHubUser> {
  redirectUris: string[];
  /** `/user/emails` list; default: the user's primary address plus a noreply address. */
  emails?: GitHubEmail[];
  /** The user keeps their address private: `/user` answers `email: null`. Default false. */
  emailPrivate?: boolean;
  /** RFC 9207 `iss` on callbacks: 'github' → https://github.com/login/oauth, 'none' (default) → absent, else sent as is. */
  sendIss?: 'github' | 'none' | (string & {});
  /** 'exact' (default) or GitHub's documented rule: same host (subdomains allowed) and port, path a subdirectory, any port on loopback. */
  redirectUriRule?: 'exact' | 'github';
}

export interface GitHubEmulator extends Emulator, CommonKnobs<GitHubUser> {
  sendIss: string;
  emailPrivate: boolean;
  /** null = derived from the user. */
  emails: GitHubEmail[] | null;
  setEmails(emails: GitHubEmail[] | null): void;
  /** One-shot: the next token request gets this error (HTTP 200, like every GitHub token error). */
  nextTokenError: GitHubTokenError | null;
  /** When set, the user grants exactly these scopes whatever was asked (users may grant fewer). */
  grantScope: string[] | null;
  /** Fault at `/user/emails` (early faults only: http500, html, garbage, hang, redirect307). */
  emailsFault: Fault;
  /** Successful grants. */
  grants: { authorization_code: number };
}

export const GITHUB_ISSUER = 'https://github.com/login/oauth';

const TROUBLESHOOTING = 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/';
const TOKEN_ERRORS: Record<GitHubTokenError, { error: string; error_description: string; error_uri: string }> = {
  bad_verification_code: {
    error: 'bad_verification_code',
    error_description: 'The code passed is incorrect or expired.',
    error_uri: `${TROUBLESHOOTING}#bad-verification-code`,
  },
  incorrect_client_credentials: {
    error: 'incorrect_client_credentials',
    error_description: 'The client_id and/or client_secret passed are incorrect.',
    error_uri: `${TROUBLESHOOTING}#incorrect-client-credentials`,
  },
  redirect_uri_mismatch: {
    error: 'redirect_uri_mismatch',
    error_description: 'The redirect_uri MUST match the registered callback URL for this application.',
    error_uri: `${TROUBLESHOOTING}#redirect-uri-mismatch2`,
  },
  unverified_user_email: {
    error: 'unverified_user_email',
    error_description: 'The user must have a verified primary email.',
    error_uri: `${TROUBLESHOOTING}#unverified-user-email`,
  },
  unsupported_grant_type: {
    error: 'unsupported_grant_type',
    error_description: 'The grant type is not supported.',
    error_uri: TROUBLESHOOTING,
  },
};

const KNOWN_SCOPES = [
  'repo', 'repo:status', 'repo_deployment', 'public_repo', 'repo:invite', 'security_events',
  'admin:repo_hook', 'write:repo_hook', 'read:repo_hook', 'admin:org', 'write:org', 'read:org',
  'admin:public_key', 'write:public_key', 'read:public_key', 'admin:org_hook', 'gist', 'notifications',
  'user', 'read:user', 'user:email', 'user:follow', 'project', 'read:project', 'delete_repo',
  'write:packages', 'read:packages', 'delete:packages', 'admin:gpg_key', 'write:gpg_key', 'read:gpg_key',
  'codespace', 'workflow',
];
const ABSORBED: Record<string, string[]> = {
  user: ['read:user', 'user:email', 'user:follow'],
  repo: ['repo:status', 'repo_deployment', 'public_repo', 'repo:invite', 'security_events'],
};

/** GitHub scopes: space-delimited (commas tolerated), unknown ones dropped, `user`/`repo` absorb their children. */
export function normalizeGitHubScope(raw: string | undefined): string[] {
  const asked = [...new Set((raw ?? '').split(/[ ,]+/).filter((s) => KNOWN_SCOPES.includes(s)))];
  const absorbed = new Set(asked.flatMap((s) => ABSORBED[s] ?? []));
  return asked.filter((s) => !absorbed.has(s));
}

/** GitHub's documented redirect_uri rule (GD1). */
export function githubRedirectAllowed(given: string, registered: string[]): boolean {
  return registered.some((r) => {
    let g: URL;
    let c: URL;
    try {
      g = new URL(given);
      c = new URL(r);
    } catch {
      return false;
    }
    if (g.protocol !== c.protocol) return false;
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(c.hostname);
    const hostOk = loopback ? g.hostname === c.hostname : g.hostname === c.hostname || g.hostname.endsWith(`.${c.hostname}`);
    const portOk = loopback || g.port === c.port;
    const base = c.pathname.endsWith('/') ? c.pathname : `${c.pathname}/`;
    const pathOk = g.pathname === c.pathname || g.pathname.startsWith(base);
    return hostOk && portOk && pathOk;
  });
}

const DEFAULT_USER: GitHubUser = {
  id: 583231,
  login: 'octocat',
  node_id: 'MDQ6VXNlcjU4MzIzMQ==',
  name: 'The Octocat',
  email: 'octocat@github.com',
  avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4',
  html_url: 'https://github.com/octocat',
  company: '@github',
  blog: 'https://github.blog',
  location: 'San Francisco',
  bio: null,
  twitter_username: null,
  public_repos: 8,
  followers: 9999,
  following: 9,
  created_at: '2011-01-25T18:44:36Z',
  updated_at: '2024-01-22T12:00:00Z',
};

function negotiate(accept: string | undefined): BodyFormat {
  if (/application\/json/i.test(accept ?? '')) return 'json';
  if (/application\/xml/i.test(accept ?? '')) return 'xml';
  return 'form';
}

const API_DOCS = 'https://docs.github.com/rest';

export async function startGitHubEmulator(options: GitHubEmulatorOptions): Promise<GitHubEmulator> {
  const clientId = options.clientId ?? `Ov23li${randomBase62(14)}`;
  const clientSecret = options.clientSecret ?? randomBase62(40).toLowerCase();
  const store = new GrantStore<GitHubUser>((options.codeTtlSeconds ?? 600) * 1000);
  const knobs = createCommonKnobs(DEFAULT_USER, options.user, store);

  const issFor = (): string | undefined => {
    const v = emu.sendIss;
    return v === 'none' ? undefined : v === 'github' ? GITHUB_ISSUER : v;
  };

  const emailsOf = (u: GitHubUser): GitHubEmail[] => {
    if (emu.emails) return emu.emails;
    const list: GitHubEmail[] = [];
    if (u.email) list.push({ email: u.email, primary: true, verified: true, visibility: emu.emailPrivate ? 'private' : 'public' });
    list.push({ email: `${u.id}+${u.login}@users.noreply.github.com`, primary: list.length === 0, verified: true, visibility: null });
    return list;
  };

  function token(ctx: RequestContext): void {
    const { req, res } = ctx;
    if (ctx.method !== 'POST') return sendText(res, 404, 'Not Found');
    const format = negotiate(req.headers.accept);
    const fault = takeFault(emu, 'token');
    if (answerEarlyFault(res, fault)) return;
    // GitHub answers token errors with HTTP 200 (PROVIDERS.md d.1).
    const fail = (e: GitHubTokenError): void => sendAnswer(res, { status: 200, format, body: { ...TOKEN_ERRORS[e] }, headers: NO_STORE });
    const forced = emu.nextTokenError;
    if (forced) {
      emu.nextTokenError = null;
      return fail(forced);
    }
    const parsed = tokenParams(ctx, { allowJson: true });
    if (!parsed.ok) return fail('incorrect_client_credentials');
    const p = parsed.params;
    const grantType = param(p, 'grant_type');
    if (grantType !== undefined && grantType !== 'authorization_code') return fail('unsupported_grant_type');
    const auth = authenticateClient(req, p, { id: clientId, secret: clientSecret }, ['client_secret_post', 'client_secret_basic'], {
      allowBoth: true,
    });
    if (!auth.ok) return fail('incorrect_client_credentials');
    const redeemed = store.redeem({
      code: param(p, 'code'),
      clientId,
      redirectUri: param(p, 'redirect_uri'),
      codeVerifier: param(p, 'code_verifier'),
      redirectUriOptional: true,
    });
    if (!redeemed.ok) return fail(redeemed.reason === 'redirect_uri_mismatch' ? 'redirect_uri_mismatch' : 'bad_verification_code');
    const c = redeemed.code;
    const t = store.issue('access', {
      grantId: c.grantId,
      clientId,
      scope: c.scope,
      user: c.user,
      ttlSeconds: null, // OAuth-app tokens never expire and come without a refresh token
      value: `gho_${randomBase62(36)}`,
    });
    emu.grants.authorization_code += 1;
    sendAnswer(res, { status: 200, format, body: { access_token: t.value, scope: c.scope.join(','), token_type: 'bearer' }, headers: NO_STORE }, fault);
  }

  function api(ctx: RequestContext, path: string, base: string): void {
    const { req, res } = ctx;
    const ua = req.headers['user-agent'];
    if (!ua || !ua.trim()) {
      return sendText(
        res,
        403,
        'Request forbidden by administrative rules. Please make sure your request has a User-Agent header ' +
          '(https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). ' +
          'Check https://developer.github.com for other possible causes.\n',
      );
    }
    const revokeMatch = /^\/applications\/([^/]+)\/(token|grant)$/.exec(path);
    if (revokeMatch && ctx.method === 'DELETE') return revoke(ctx, decodeURIComponent(revokeMatch[1]!), revokeMatch[2]!);

    const value = bearerToken(req, ['bearer', 'token']);
    if (value === undefined) return sendJson(res, 401, { message: 'Requires authentication', documentation_url: API_DOCS, status: '401' });
    const checked = store.checkAccess(value);
    if (!checked.ok || !checked.token.user) return sendJson(res, 401, { message: 'Bad credentials', documentation_url: API_DOCS, status: '401' });
    const t = checked.token;
    const u = checked.token.user;
    const headers = { 'x-oauth-scopes': t.scope.join(', '), 'x-github-media-type': 'github.v3' };
    if (ctx.method !== 'GET') return sendJson(res, 404, { message: 'Not Found', documentation_url: API_DOCS, status: '404' });

    if (path === '/user') {
      const fault = takeFault(emu, 'user');
      if (answerEarlyFault(res, fault)) return;
      const body = {
        login: u.login,
        id: u.id,
        node_id: u.node_id,
        avatar_url: u.avatar_url,
        gravatar_id: '',
        url: `${base}/users/${u.login}`,
        html_url: u.html_url,
        repos_url: `${base}/users/${u.login}/repos`,
        type: 'User',
        site_admin: false,
        name: u.name,
        company: u.company,
        blog: u.blog,
        location: u.location,
        email: emu.emailPrivate ? null : u.email,
        hireable: null,
        bio: u.bio,
        twitter_username: u.twitter_username,
        public_repos: u.public_repos,
        public_gists: 1,
        followers: u.followers,
        following: u.following,
        created_at: u.created_at,
        updated_at: u.updated_at,
      };
      return sendAnswer(res, { status: 200, body, headers }, fault, (b) => {
        if (!Array.isArray(b)) delete b.id;
      });
    }
    if (path === '/user/emails') {
      if (!t.scope.includes('user:email') && !t.scope.includes('user')) {
        return sendJson(
          res,
          404,
          { message: 'Not Found', documentation_url: `${API_DOCS}/users/emails#list-email-addresses-for-the-authenticated-user`, status: '404' },
          headers,
        );
      }
      if (answerEarlyFault(res, emu.emailsFault)) return;
      return sendJson(res, 200, emailsOf(u), headers);
    }
    if (path === '/user/repos') {
      const repo = (id: number, name: string, isPrivate: boolean) => ({
        id,
        node_id: Buffer.from(`010:Repository${id}`).toString('base64'),
        name,
        full_name: `${u.login}/${name}`,
        private: isPrivate,
        owner: { login: u.login, id: u.id, type: 'User' },
        html_url: `https://github.com/${u.login}/${name}`,
        description: isPrivate ? null : `My ${name} repository`,
        fork: false,
        url: `${base}/repos/${u.login}/${name}`,
        default_branch: 'main',
      });
      const repos = [repo(1296269, 'Hello-World', false), repo(1300192, 'Spoon-Knife', false)];
      // Private repositories are listed only for tokens with `repo`.
      if (t.scope.includes('repo')) repos.push(repo(7000001, 'secret-plans', true));
      return sendJson(res, 200, repos, headers);
    }
    sendJson(res, 404, { message: 'Not Found', documentation_url: API_DOCS, status: '404' });
  }

  /** DELETE /applications/{client_id}/token|grant with Basic client_id:client_secret and `{ "access_token": … }`. */
  function revoke(ctx: RequestContext, pathClientId: string, what: string): void {
    const basic = parseBasicAuth(ctx.req.headers.authorization);
    if (!basic || basic === 'malformed' || basic.id !== clientId || basic.secret !== clientSecret || pathClientId !== clientId) {
      return sendJson(ctx.res, 404, { message: 'Not Found', documentation_url: API_DOCS, status: '404' });
    }
    let accessToken: unknown;
    try {
      accessToken = (JSON.parse(ctx.body || '{}') as { access_token?: unknown }).access_token;
    } catch {
      accessToken = undefined;
    }
    if (typeof accessToken !== 'string') {
      return sendJson(ctx.res, 422, { message: 'Invalid request.', documentation_url: API_DOCS, status: '422' });
    }
    const t = store.tokens.get(accessToken);
    if (!t || t.revoked) return sendJson(ctx.res, 404, { message: 'Not Found', documentation_url: API_DOCS, status: '404' });
    if (what === 'grant') store.revokeGrant(t.grantId);
    else t.revoked = true;
    ctx.res.writeHead(204).end();
  }

  const server = await startRecordingServer((ctx) => {
    const { path } = ctx;
    if (path === '/login/oauth/authorize') {
      return handleAuthorize(ctx, {
        clientId,
        redirectUris: options.redirectUris,
        anyRedirectUri: options.anyRedirectUri ?? false,
        store,
        knobs: emu,
        pkce: 'optional', // supported (S256 only), not required: GitHub changelog 2025-07-14
        responseTypeOptional: true,
        redirectUriOptional: true,
        redirectUriAllowed: options.redirectUriRule === 'github' ? githubRedirectAllowed : undefined,
        badRedirect: 'registered',
        unknownClientStatus: 404,
        scope: (raw) => ({ scope: emu.grantScope ? [...emu.grantScope] : normalizeGitHubScope(raw) }),
        iss: issFor,
      });
    }
    if (path === '/login/oauth/access_token') return token(ctx);
    if (path.startsWith('/api/v3/')) return api(ctx, path.slice('/api/v3'.length), `${server.url}/api/v3`);
    return api(ctx, path, server.url);
  });

  const emu: GitHubEmulator = Object.assign(knobs, {
    url: server.url,
    clientId,
    clientSecret,
    requests: server.requests,
    requestsTo: server.requestsTo,
    close: server.close,
    sendIss: options.sendIss ?? 'none',
    emailPrivate: options.emailPrivate ?? false,
    emails: options.emails ?? null,
    setEmails(emails: GitHubEmail[] | null) {
      emu.emails = emails;
    },
    nextTokenError: null,
    grantScope: null,
    emailsFault: null,
    grants: { authorization_code: 0 },
  });
  return emu;
}
