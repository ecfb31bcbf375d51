import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { TEST_PASSWORD } from './factories.ts';
import { type FilePart, multipart } from './multipart.ts';

/** A cookie-keeping client over app.inject that fills in CSRF tokens like a browser form would. */
export class Client {
  private cookies = new Map<string, string>();
  private csrfCache: string | null = null;

  /** `remoteAddress`: the address the requests come from (sign-in throttling, rate limits); `headers`: sent with every request. */
  constructor(
    readonly app: FastifyInstance,
    readonly opts: { remoteAddress?: string; headers?: Record<string, string> } = {},
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse) {
    const set = res.headers['set-cookie'];
    for (const c of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
      this.csrfCache = null;
    }
    return res;
  }

  hasCookie(name: string) {
    return this.cookies.has(name);
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.remember(
      await this.app.inject({
        method: 'GET',
        url,
        remoteAddress: this.opts.remoteAddress,
        headers: { ...this.opts.headers, cookie: this.cookieHeader(), ...headers },
      }),
    );
  }

  /** The CSRF token a page would carry for this client's session (or anonymous cookie). */
  async csrf(): Promise<string> {
    if (this.csrfCache) return this.csrfCache;
    const res = await this.get(this.cookies.has('yusr_session') ? '/ar/' : '/ar/sign-in');
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (!m) throw new Error('no CSRF token on the page');
    this.csrfCache = m[1];
    return m[1];
  }

  /** Submits a form (urlencoded) with the CSRF token, unless `csrf: false`. */
  async post(
    url: string,
    form: Record<string, string | string[]> = {},
    opts: { csrf?: boolean | string; headers?: Record<string, string> } = {},
  ) {
    const body = new URLSearchParams();
    if (opts.csrf !== false) body.set('_csrf', typeof opts.csrf === 'string' ? opts.csrf : await this.csrf());
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.remember(
      await this.app.inject({
        remoteAddress: this.opts.remoteAddress,
        method: 'POST',
        url,
        payload: body.toString(),
        headers: {
          ...this.opts.headers,
          ...opts.headers,
          cookie: this.cookieHeader(),
          'content-type': 'application/x-www-form-urlencoded',
        },
      }),
    );
  }

  /** A multipart form with files; the CSRF token is the first field, before the files, as the pages' upload forms send it. */
  async upload(url: string, fields: Record<string, string>, files: FilePart | FilePart[] = []) {
    const { payload, contentType } = multipart({ _csrf: await this.csrf(), ...fields }, files);
    return this.remember(
      await this.app.inject({
        remoteAddress: this.opts.remoteAddress,
        method: 'POST',
        url,
        payload,
        headers: { ...this.opts.headers, cookie: this.cookieHeader(), 'content-type': contentType },
      }),
    );
  }

  /** A JSON request carrying this client's session cookie and CSRF header. */
  async json(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload: unknown) {
    return this.remember(
      await this.app.inject({
        remoteAddress: this.opts.remoteAddress,
        method,
        url,
        payload: JSON.stringify(payload),
        headers: {
          ...this.opts.headers,
          cookie: this.cookieHeader(),
          'content-type': 'application/json',
          'x-csrf-token': await this.csrf(),
        },
      }),
    );
  }

  async signIn(email: string, password = TEST_PASSWORD) {
    const res = await this.post('/en/sign-in', { email, password });
    if (res.statusCode !== 303) throw new Error(`sign-in failed for ${email}: ${res.statusCode}`);
    return res;
  }
}

/** A client already signed in as `email`. */
export async function signedIn(app: FastifyInstance, email: string): Promise<Client> {
  const c = new Client(app);
  await c.signIn(email);
  return c;
}
