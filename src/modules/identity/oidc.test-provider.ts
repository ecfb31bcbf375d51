// A real OpenID Connect provider (oidc-provider) for the tests: it listens on 127.0.0.1 behind a
// small forwarding server that can alter what the provider answers (a tampered ID token) and
// records the back-channel logouts it sends. Only *.test.ts files import it.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  agency?: string;
  phone_number?: string;
  phone_number_verified?: boolean;
}

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/** A free port on 127.0.0.1 (for an app that must be reachable at its BASE_URL before it starts). */
export async function freePort(): Promise<number> {
  const s = createServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}

export interface TestProvider {
  issuer: string;
  accounts: Map<string, TestAccount>;
  /** When set, the token endpoint's ID token has its payload rewritten by this function (signature kept). */
  tamper: ((payload: Record<string, unknown>) => Record<string, unknown>) | null;
  close(): Promise<void>;
}

/**
 * Starts a provider with one client `yusr` for `yusrBase` (staff and beneficiary redirect,
 * post-logout and back-channel logout URIs for provider id `providerId`), devInteractions (a login form that takes an account
 * id) and its own RSA signing key.
 */
export async function startTestProvider(yusrBase: string, providerId: string): Promise<TestProvider> {
  const inner = createServer();
  const outer = createServer();
  const innerPort = await listen(inner);
  const outerPort = await listen(outer);
  const issuer = `http://127.0.0.1:${outerPort}`;
  const accounts = new Map<string, TestAccount>();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'yusr',
        client_secret: 'yusr-client-secret-for-tests-only-0123456789',
        redirect_uris: [`${yusrBase}/sign-in/oidc/${providerId}/callback`, `${yusrBase}/my-data/oidc/${providerId}/callback`],
        post_logout_redirect_uris: [`${yusrBase}/ar/`, `${yusrBase}/en/`],
        backchannel_logout_uri: `${yusrBase}/sign-in/oidc/${providerId}/backchannel-logout`,
        backchannel_logout_session_required: true,
      },
    ],
    findAccount: (_ctx: unknown, id: string) => {
      const a = accounts.get(id);
      return a ? { accountId: id, claims: () => ({ sub: id, ...a }) } : undefined;
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      phone: ['phone_number', 'phone_number_verified'],
      profile: ['name', 'agency'],
    },
    features: {
      devInteractions: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    pkce: { required: () => true },
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-provider-cookie-key-0123456789'] },
    // Its outgoing requests (back-channel logouts) refuse loopback addresses unless given a plain fetch: Yusr listens on 127.0.0.1 here.
    fetch: (url: string, { dispatcher: _loopbackRefused, ...options }: RequestInit & { dispatcher?: unknown }) => fetch(url, options),
  });
  inner.on('request', provider.callback());

  const state: TestProvider = {
    issuer,
    accounts,
    tamper: null,
    async close() {
      await new Promise((r) => outer.close(r));
      outer.closeAllConnections();
      await new Promise((r) => inner.close(r));
      inner.closeAllConnections();
    },
  };

  // Everything is forwarded as is (the Host header too, so the provider's URLs name this server);
  // only a token response is rewritten when `tamper` is set.
  outer.on('request', (req, res) => {
    const fwd = request({ host: '127.0.0.1', port: innerPort, method: req.method, path: req.url, headers: req.headers }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        let body = Buffer.concat(chunks);
        const headers = { ...up.headers };
        if (state.tamper && req.url?.startsWith('/token') && up.statusCode === 200) {
          const json = JSON.parse(body.toString('utf8')) as { id_token: string };
          const [h, p, s] = json.id_token.split('.');
          const payload = state.tamper(JSON.parse(Buffer.from(p, 'base64url').toString('utf8')));
          json.id_token = [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.');
          body = Buffer.from(JSON.stringify(json));
          headers['content-length'] = String(body.length);
        }
        res.writeHead(up.statusCode ?? 502, headers);
        res.end(body);
      });
    });
    req.pipe(fwd);
  });
  return state;
}

/** A browser's cookie jar at the provider, and the steps it takes there. */
export class ProviderBrowser {
  private cookies = new Map<string, string>();

  private async fetch(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      if (/expires=Thu, 01 Jan 1970/i.test(c) || pair.slice(i + 1) === '') this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(i + 1));
    }
    return res;
  }

  /**
   * Follows the provider's pages from `start` (an authorization or end-session URL), answering its
   * login form with `accountId`, its consent and logout confirmation forms with yes, until it sends
   * the browser back to `until`; returns that address (or that of the last page, one without a form).
   */
  async run(start: string, accountId: string, until: string): Promise<string> {
    let url = start;
    for (let step = 0; step < 12; step++) {
      if (url.startsWith(until)) return url;
      const res = await this.fetch(url);
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location') ?? '', url).href;
        continue;
      }
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      // A page without a form is where the provider's part ends (a sign-out confirmation, an error).
      if (!action) return url;
      const form: Record<string, string> = {};
      for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) form[m[1]] = m[2];
      if (html.includes('name="login"')) Object.assign(form, { prompt: 'login', login: accountId, password: 'any' });
      else if (/name="prompt" value="consent"/.test(html)) form.prompt = 'consent';
      else if (html.includes('name="logout"')) form.logout = 'yes';
      const posted = await this.fetch(new URL(action.replace(/&amp;/g, '&'), url).href, { method: 'POST', form });
      const location = posted.headers.get('location');
      if (!location) return url;
      url = new URL(location, url).href;
    }
    throw new Error('too many steps at the provider');
  }
}
