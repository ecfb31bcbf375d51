import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { setSessionCookie } from '../../platform/http/context.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { safeNext } from './auth.service.ts';
import { CallbackError, providerOf, staffProviders } from './oidc.client.ts';
import * as oidc from './oidc.service.ts';
import { DEVICE_COOKIE, deviceCookieFor } from './sign-in-throttle.ts';
import type { SignInProvider } from './views/auth.views.tsx';
import { OidcRefusedPage, SignedOutPage } from './views/auth.views.tsx';

/** The pending sign-in and device cookies: HttpOnly, sent on the provider's top-level redirect back (Lax). */
const oidcCookieOptions = (config: Config, maxAge?: number) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: config.baseUrl.startsWith('https://'),
  ...(maxAge ? { maxAge } : {}),
});

/** The providers shown on the sign-in page, each with the agencies that sign in only with it. */
export async function signInProviders(req: FastifyRequest): Promise<SignInProvider[]> {
  const deps = req.server.deps;
  const providers = staffProviders(deps.config);
  if (providers.length === 0) return [];
  const only = await oidc.agenciesByProvider(deps);
  return providers.map((p) => ({ id: p.id, name: p.name, agencies: only.get(p.id) ?? [] }));
}

/** After signing out of a session opened with a provider: a link to sign out there too. */
export async function oidcPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  app.get('/signed-out', { config: { access: 'public' } }, async (req, reply) => {
    const id = (req.query as Record<string, string>).provider;
    const p = deps.config.oidcProviders.find((x) => x.id === id);
    const url = p ? await oidc.providerLogoutUrl(deps, p, req.lang) : null;
    return sendPage(req, reply, <SignedOutPage provider={p && url ? { name: p.name, url } : undefined} />);
  });
}

/**
 * The routes around a provider, outside the language prefixes (the language is `?lang=` or the
 * pending cookie's): the start of a sign-in, the browser's return from the provider (its redirect URI), and the provider's back-channel logout (a server-to-server POST of a
 * signed logout token, no cookie, no CSRF token): 200 once the sessions are ended, 400 for a token
 * that does not verify (OpenID Connect Back-Channel Logout 1.0, section 2.8).
 */
export async function oidcProviderRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const pub = { config: { access: 'public' as const } };
  const cookieOptions = (maxAge?: number) => oidcCookieOptions(deps.config, maxAge);

  // The sign-in page's button: a link, not a form, as the page's CSP (form-action 'self') would stop a form redirected to the provider.
  app.get('/sign-in/oidc/:provider/start', pub, async (req, reply) => {
    const { provider } = req.params as { provider: string };
    const next = safeNext((req.query as Record<string, string>).next, req.lang);
    const start = await oidc.startOidcSignIn(deps.config, provider, req.lang, next);
    reply.setCookie(oidc.OIDC_COOKIE, start.cookie, cookieOptions(start.maxAgeSeconds));
    return reply.redirect(start.url, 303);
  });

  app.get('/sign-in/oidc/:provider/callback', pub, async (req, reply) => {
    const { provider } = req.params as { provider: string };
    const p = providerOf(deps.config, provider);
    const pending = req.cookies[oidc.OIDC_COOKIE];
    reply.clearCookie(oidc.OIDC_COOKIE, cookieOptions());
    // One redirect URI per provider, without a language: the page continues in the one sign-in started in.
    const lang = oidc.pendingLang(deps.config, pending) ?? req.lang;
    req.lang = lang;
    req.ctx = { ...req.ctx, lang };
    try {
      const r = await oidc.finishOidcSignIn(
        deps,
        req.ctx,
        provider,
        new URL(`${deps.config.baseUrl}${req.url}`),
        pending,
        req.headers['user-agent'] ?? null,
      );
      setSessionCookie(req, reply, r.token);
      const device = deviceCookieFor(deps.config, r.user.id);
      reply.setCookie(DEVICE_COOKIE, device.value, cookieOptions(device.maxAgeSeconds));
      return reply.redirect(safeNext(r.next, lang), 303);
    } catch (err) {
      if (!(err instanceof oidc.OidcRefused)) throw err;
      const status = err.reason === 'state' || err.reason === 'invalid' || err.reason === 'provider' ? 400 : 403;
      return sendPage(req, reply, <OidcRefusedPage reason={err.reason} provider={p.name} />, status);
    }
  });

  // Front-channel logout: the provider loads this in a (hidden) frame with iss and sid. GET by the
  // specification; a small page the provider's origin alone may frame, never cached.
  app.get('/sign-in/oidc/:provider/frontchannel-logout', { config: { access: 'public' } }, async (req, reply) => {
    const { provider } = req.params as { provider: string };
    const q = req.query as Record<string, unknown>;
    const p = providerOf(deps.config, provider);
    reply.header('cache-control', 'no-store');
    reply.header('content-security-policy', `default-src 'none'; frame-ancestors ${new URL(p.issuer).origin}`);
    reply.type('text/html; charset=utf-8');
    try {
      await oidc.frontchannelLogout(deps, provider, q.iss, q.sid);
      return reply.code(200).send('<!doctype html><html lang="en"><meta charset="utf-8"><title>Signed out</title></html>');
    } catch (err) {
      if (!(err instanceof CallbackError)) throw err;
      return reply.code(400).send('<!doctype html><html lang="en"><meta charset="utf-8"><title>Bad request</title></html>');
    }
  });

  app.post('/sign-in/oidc/:provider/backchannel-logout', { config: { access: 'public', csrf: false } }, async (req, reply) => {
    const { provider } = req.params as { provider: string };
    reply.header('cache-control', 'no-store');
    try {
      await oidc.backchannelLogout(deps, provider, formValues(req.body).logout_token);
      return reply.code(200).send();
    } catch (err) {
      if (err instanceof CallbackError)
        return reply.code(400).type('application/json').send({ error: 'invalid_request', error_description: err.reason });
      throw err;
    }
  });
}
