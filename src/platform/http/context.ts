import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { MessageKey } from '../../messages.ts';
import { type Actor, anonymous, type Ctx } from '../auth/actor.ts';
import { hmac, randomToken, safeEqual } from '../auth/crypto.ts';
import { actorFromApiToken, actorFromSession } from '../auth/sessions.ts';
import type { Deps } from '../deps.ts';
import { defaultLang, hasMessage, isLang, type Lang } from '../i18n/i18n.ts';
import { ForbiddenError, UnauthorizedError } from './errors.ts';

export const SESSION_COOKIE = 'yusr_session';
const ANON_COOKIE = 'yusr_anon';
const FLASH_COOKIE = 'yusr_flash';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    lang: Lang;
    ctx: Ctx;
    /** The CSRF token every form on the page carries. */
    csrfToken: string;
    /** A one-time notice carried across POST → redirect → GET. */
    flash: MessageKey | null;
    sessionToken: string | null;
    /** Original file names of a multipart upload, by field. */
    uploadNames?: Record<string, string>;
  }
  interface FastifyInstance {
    deps: Deps;
  }
}

/** Requests answered in JSON (problem details), never with pages or redirects. */
export const isApiRequest = (request: FastifyRequest) => /^\/(api\/|metrics|healthz|readyz)/.test(request.url);

/** The language of a request: its /ar or /en prefix, else ?lang=, else Accept-Language, else Arabic. */
export function requestLang(request: FastifyRequest): Lang {
  const seg = request.url.slice(1, 3);
  if (isLang(seg) && (request.url.length === 3 || '/?'.includes(request.url[3]))) return seg;
  const q = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLang(q)) return q;
  const header = String(request.headers['accept-language'] ?? '');
  const first = header.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return isLang(first) ? first : defaultLang;
}

function cookieOptions(deps: Deps, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.baseUrl.startsWith('https://'),
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(request.server.deps, request.server.deps.config.sessionTtlHours * 3600));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request.server.deps));
}

/** Shows a notice on the next page the browser opens (after a redirect). */
export function setFlash(request: FastifyRequest, reply: FastifyReply, key: MessageKey): void {
  reply.setCookie(FLASH_COOKIE, key, cookieOptions(request.server.deps, 60));
}

const csrfFor = (secret: string, id: string) => hmac(secret, `csrf|${id}`);

/**
 * A redirect target as a header may carry it: characters outside printable ASCII (Arabic paths,
 * spaces, control characters, a lone surrogate) percent-encoded as UTF-8; `%` sequences already
 * there are kept, so an encoded address is not encoded twice.
 */
export function encodeLocation(url: string): string {
  const wellFormed = url.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return wellFormed.replace(/[^\x21-\x7e]+/g, (run) => encodeURIComponent(run));
}

/** Resolves language, actor and CSRF token for every request. */
export const requestContext = fp(async (app: FastifyInstance) => {
  const deps = app.deps;
  app.decorateRequest('actor', null as never);
  app.decorateRequest('lang', defaultLang);
  app.decorateRequest('ctx', null as never);
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('flash', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    request.lang = requestLang(request);
    let actor: Actor = anonymous;
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ') && request.url.startsWith('/api/')) {
      const tokenActor = await actorFromApiToken(deps.db, auth.slice(7).trim());
      if (!tokenActor) throw new UnauthorizedError();
      actor = tokenActor;
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const sessionActor = await actorFromSession(deps.db, token, deps.config);
        if (sessionActor) {
          actor = sessionActor;
          request.sessionToken = token;
        } else clearSessionCookie(request, reply);
      }
    }
    request.actor = actor;
    request.ctx = { actor, lang: request.lang, requestId: String(request.id), ip: request.ip };

    if (actor.kind === 'user' && actor.sessionId) request.csrfToken = csrfFor(deps.config.secretKey, actor.sessionId);
    else if (!isApiRequest(request)) {
      let anon = request.cookies[ANON_COOKIE];
      if (!anon || !/^[A-Za-z0-9_-]{22,64}$/.test(anon)) {
        anon = randomToken(18);
        reply.setCookie(ANON_COOKIE, anon, cookieOptions(deps, 60 * 60 * 24 * 30));
      }
      request.csrfToken = csrfFor(deps.config.secretKey, `anon|${anon}`);
    }

    const flash = request.cookies[FLASH_COOKIE];
    if (flash) {
      if (hasMessage('en', flash)) request.flash = flash;
      reply.clearCookie(FLASH_COOKIE, cookieOptions(deps));
    }
  });

  // Node refuses a header with non-ASCII characters (a 500 after the work is done), so every redirect is encoded here.
  app.addHook('onSend', async (_request, reply) => {
    const location = reply.getHeader('location');
    if (typeof location === 'string' && /[^\x21-\x7e]/.test(location)) reply.header('location', encodeLocation(location));
  });
});

/** Whether a request must carry this session's CSRF token (state-changing, not by API token). */
export function csrfRequired(request: FastifyRequest): boolean {
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return false;
  if (request.routeOptions.config?.csrf === false) return false;
  if (request.actor.kind === 'token') return false;
  return !(isApiRequest(request) && request.actor.kind === 'anonymous');
}

/**
 * Refuses a request without this session's CSRF token, sent as the `_csrf` form field (a multipart
 * form sends it before its files: see readMultipart) or in the X-CSRF-Token header — never in the
 * address, which reaches logs and audit records.
 */
export function checkCsrf(request: FastifyRequest, body: unknown): void {
  const field = body && typeof body === 'object' ? (body as Record<string, unknown>)._csrf : undefined;
  const sent = String(field ?? request.headers['x-csrf-token'] ?? '');
  if (!request.csrfToken || !safeEqual(sent, request.csrfToken)) throw new ForbiddenError('csrf', 'error.csrf');
}

/** Refuses a state-changing request that does not carry this session's CSRF token. */
export async function enforceCsrf(request: FastifyRequest): Promise<void> {
  if (csrfRequired(request)) checkCsrf(request, request.body);
}
