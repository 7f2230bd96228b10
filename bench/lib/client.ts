/**
 * A small keep-alive HTTP client with a cookie jar, for the checks and the
 * login driver loop (node:http is cheaper than fetch on the driver side, which
 * shares the machine's cores with the servers being measured).
 */
import http from 'node:http';

export interface Answer {
  status: number;
  location?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

type RequestOptions = { method?: string; headers?: Record<string, string>; body?: string };

export function request(url: string, options: RequestOptions = {}): Promise<Answer> {
  return send(url, options, true);
}

function send(url: string, options: RequestOptions, retry: boolean): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const location = res.headers.location;
        resolve({ status: res.statusCode ?? 0, location, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed just as we reused it: send once more on a fresh one.
      if (retry && req.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) resolve(send(url, options, false));
      else reject(err);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.end(options.body);
  });
}

/** Cookies of one origin (the app under test); attributes other than expiry are ignored. */
export class Jar {
  readonly cookies = new Map<string, string>();

  store(headers: http.IncomingHttpHeaders): void {
    for (const line of headers['set-cookie'] ?? []) {
      const [pair, ...attrs] = line.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=(0|-)/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** GET with the jar's cookies (for the app origin only), storing what comes back. */
export async function get(url: string, jar: Jar | undefined, headers: Record<string, string> = {}): Promise<Answer> {
  const h: Record<string, string> = { accept: 'text/html,application/xhtml+xml', ...headers };
  if (jar && jar.cookies.size) h.cookie = jar.header();
  const answer = await request(url, { headers: h });
  jar?.store(answer.headers);
  return answer;
}

/** Resolve a Location header against the URL that sent it. */
export function resolveLocation(answer: Answer, from: string): string {
  if (!answer.location) throw new Error(`no Location from ${from} (status ${answer.status}): ${answer.body.slice(0, 200)}`);
  return new URL(answer.location, from).href;
}

/**
 * One complete login as a browser does it: GET `<app><loginPath>` → 302 to
 * the provider's authorize endpoint → 302 back to `<app><callbackPath>?code&state`
 * → GET that with the app's cookies → 302 into the app. Returns the jar (now
 * logged in) and the final answer. Throws when a hop is not what a working
 * login gives.
 */
export async function completeLogin(
  app: string,
  loginPath: string,
  providerOrigin: string,
  callbackPath: string,
  jar = new Jar(),
): Promise<{ jar: Jar; final: Answer; authorizeUrl: string }> {
  const start = await get(`${app}${loginPath}`, jar);
  if (start.status !== 302) throw new Error(`login start: expected 302, got ${start.status}: ${start.body.slice(0, 300)}`);
  const authorizeUrl = resolveLocation(start, `${app}${loginPath}`);
  if (!authorizeUrl.startsWith(providerOrigin)) throw new Error(`login start: Location ${authorizeUrl} is not at the provider ${providerOrigin}`);
  const back = await get(authorizeUrl, undefined);
  if (back.status !== 302) throw new Error(`authorize: expected 302, got ${back.status}: ${back.body.slice(0, 300)}`);
  const callbackUrl = resolveLocation(back, authorizeUrl);
  if (!callbackUrl.startsWith(`${app}${callbackPath}?`)) throw new Error(`authorize: sent back to ${callbackUrl}, not ${app}${callbackPath}`);
  if (!new URL(callbackUrl).searchParams.get('code')) throw new Error(`authorize: no code in ${callbackUrl}`);
  const final = await get(callbackUrl, jar);
  if (final.status !== 302) throw new Error(`callback: expected 302, got ${final.status}: ${final.body.slice(0, 300)}`);
  const into = resolveLocation(final, callbackUrl);
  if (!into.startsWith(`${app}/`)) throw new Error(`callback: redirected out of the app to ${into}`);
  return { jar, final, authorizeUrl };
}
