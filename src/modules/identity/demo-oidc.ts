import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { DEMO_OIDC } from '../../config.ts';
import type { Deps } from '../../platform/deps.ts';

/**
 * The demo's local OpenID Connect provider (oidc-provider, the library the tests run against), so a
 * laptop demo shows staff and beneficiary sign-in without an outside provider. Its sign-in form
 * (oidc-provider's development interactions) takes any address with any password and vouches for
 * it as verified: that is the point of a demo and the reason it never runs in production — the
 * configuration only adds it outside production and tests, with demo data on and no provider
 * configured (DEMO_OIDC_PORT). Staff still sign in only to an existing account with that address
 * (identity links, never creates); a beneficiary sees what Yusr holds under it.
 */

/** The claims the demo provider gives for what was typed in its login field: an address, verified. */
export function demoClaims(login: string): { sub: string; email: string; email_verified: true } | null {
  const email = login.trim().toLowerCase();
  if (!/^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{1,60}$/.test(email)) return null;
  // A stable subject per address that does not reveal it.
  return { sub: createHash('sha256').update(`demo-oidc|${email}`).digest('hex').slice(0, 32), email, email_verified: true };
}

/** Starts the provider on 127.0.0.1:port for this installation's BASE_URL; returns the server. */
export async function startDemoOidcProvider(baseUrl: string, port: number): Promise<Server> {
  const { default: Provider } = await import('oidc-provider');
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: DEMO_OIDC.clientId,
        client_secret: DEMO_OIDC.clientSecret,
        redirect_uris: [`${baseUrl}/sign-in/oidc/${DEMO_OIDC.id}/callback`, `${baseUrl}/my-data/oidc/${DEMO_OIDC.id}/callback`],
        post_logout_redirect_uris: [`${baseUrl}/ar/`, `${baseUrl}/en/`],
        backchannel_logout_uri: `${baseUrl}/sign-in/oidc/${DEMO_OIDC.id}/backchannel-logout`,
        backchannel_logout_session_required: true,
      },
    ],
    // The login field is the account id: an address becomes that verified address.
    findAccount: (_ctx: unknown, id: string) => {
      const claims = demoClaims(id);
      return claims ? { accountId: id, claims: () => claims } : undefined;
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    features: {
      devInteractions: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    pkce: { required: () => true },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'demo-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    // Its back-channel logouts go to Yusr on localhost, which its default fetch refuses.
    fetch: (url: string, { dispatcher: _loopbackRefused, ...options }: RequestInit & { dispatcher?: unknown }) => fetch(url, options),
  });
  const server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

/**
 * Starts the demo provider when the configuration has it (`yusr serve` calls this); returns how to
 * stop it, or null. A port already taken is logged, not fatal: the sign-in button then reports the
 * provider unreachable, as for any provider that is down.
 */
export async function startDemoOidcIfConfigured(deps: Deps): Promise<(() => Promise<void>) | null> {
  const port = deps.config.demoOidcPort;
  if (!port || deps.config.env === 'production') return null;
  try {
    const server = await startDemoOidcProvider(deps.config.baseUrl, port);
    deps.log.warn(
      { issuer: `http://127.0.0.1:${port}` },
      "the demo's OpenID Connect provider is listening: it signs anyone in as any address (demo only, never in production)",
    );
    return () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
  } catch (err) {
    deps.log.warn({ err, port }, "the demo's OpenID Connect provider could not start; its sign-in button will say so");
    return null;
  }
}
