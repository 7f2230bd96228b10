/**
 * A tiny browser stand-in for tests: real HTTP, a cookie jar, no redirect
 * following unless asked. Cookies are kept per host:port.
 */
export interface Hop {
  url: string;
  status: number;
  location?: string;
  headers: Headers;
  body: string;
}

export class CookieJar {
  private readonly jar = new Map<string, Map<string, string>>();

  private scope(url: URL): Map<string, string> {
    const key = url.host;
    let m = this.jar.get(key);
    if (!m) this.jar.set(key, (m = new Map()));
    return m;
  }

  store(url: URL, headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      if (expired) this.scope(url).delete(name);
      else this.scope(url).set(name, value);
    }
  }

  header(url: URL): string | undefined {
    const m = this.scope(url);
    return m.size ? [...m].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
  }

  get(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  set(host: string, name: string, value: string): void {
    let m = this.jar.get(host);
    if (!m) this.jar.set(host, (m = new Map()));
    m.set(name, value);
  }

  clone(): CookieJar {
    const c = new CookieJar();
    for (const [h, m] of this.jar) c.jar.set(h, new Map(m));
    return c;
  }
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
}

/** A cookie-keeping client. */
export class Browser {
  readonly jar: CookieJar;
  readonly history: Hop[] = [];

  constructor(jar = new CookieJar()) {
    this.jar = jar;
  }

  async request(url: string, options: RequestOptions = {}): Promise<Hop> {
    const target = new URL(url);
    const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml', ...options.headers };
    const cookie = this.jar.header(target);
    if (cookie) headers.cookie = cookie;
    const res = await fetch(target, { method: options.method ?? 'GET', headers, body: options.body, redirect: 'manual' });
    this.jar.store(target, res.headers);
    const hop: Hop = {
      url: target.href,
      status: res.status,
      location: res.headers.get('location') ?? undefined,
      headers: res.headers,
      body: await res.text(),
    };
    this.history.push(hop);
    return hop;
  }

  /** Follow redirects (GET) until a non-3xx answer or `stopAt` matches the next URL. */
  async follow(url: string, options: RequestOptions & { stopAt?: (next: URL) => boolean; max?: number } = {}): Promise<Hop> {
    let hop = await this.request(url, options);
    for (let i = 0; i < (options.max ?? 15); i++) {
      if (hop.status < 300 || hop.status >= 400 || !hop.location) return hop;
      const next = new URL(hop.location, hop.url);
      if (options.stopAt?.(next)) return hop;
      hop = await this.request(next.href, { headers: options.headers });
    }
    return hop;
  }
}
