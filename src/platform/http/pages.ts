import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { MessageKey } from '../../messages.ts';
import { langs, translate } from '../i18n/i18n.ts';
import { sendPage } from '../views/render.tsx';
import { setFlash } from './context.ts';
import { AppError, type FieldError } from './errors.ts';

/** Registers a module's HTML routes twice, under /ar and /en: clean, shareable URLs in both languages. */
export async function registerPages(app: FastifyInstance, pages: FastifyPluginAsync): Promise<void> {
  // Named for Fastify, which otherwise looks for an unnamed plugin among every loaded module's exports.
  (pages as unknown as Record<symbol, string>)[Symbol.for('fastify.display-name')] ??= pages.name || 'pages';
  for (const lang of langs) await app.register(pages, { prefix: `/${lang}` });
}

/** A path in the request's language: langPath(req, '/console') → '/en/console'. */
export const langPath = (request: FastifyRequest, path: string) => `/${request.lang}${path}`;

/** True when the request asks for JSON, as the autosave island of yusr.js does. */
export const wantsJson = (request: FastifyRequest) => String(request.headers.accept ?? '').includes('application/json');

/** A mistake a person can fix (shown on the form), as opposed to a refusal or a missing record. */
export const isPersonError = (err: unknown): err is AppError =>
  err instanceof AppError && err.status < 500 && ![401, 403, 404, 410].includes(err.status);

/** A fixable mistake as the autosave island reads it: the message and each field's, in the reader's language. */
export function autosaveError(request: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  return reply.code(err.status).send({
    error: translate(request.lang, err.key, err.params),
    errors: err.fieldErrors.map((e) => ({ field: e.field, message: translate(request.lang, e.key, e.params) })),
  });
}

/**
 * The POST → redirect → GET of every form: runs the action; on success sets the notice and
 * redirects (303); when the input is wrong, renders the form again with field errors (4xx). With
 * `autosave`, a post of the autosave island (asking for JSON) is answered `{ saved: true }` or with
 * the errors as JSON instead.
 */
export async function handleForm(
  request: FastifyRequest,
  reply: FastifyReply,
  opts: {
    action: () => Promise<string>;
    rerender: (errors: FieldError[]) => VNode | Promise<VNode>;
    flash?: MessageKey;
    autosave?: boolean;
  },
): Promise<FastifyReply> {
  const json = opts.autosave === true && wantsJson(request);
  try {
    const to = await opts.action();
    if (json) return reply.send({ saved: true });
    if (opts.flash) setFlash(request, reply, opts.flash);
    return reply.redirect(to.startsWith('/') && /^\/(ar|en)\b/.test(to) ? to : langPath(request, to), 303);
  } catch (err) {
    // Mistakes a person can fix are shown on the form itself; refusals and missing records are not.
    if (isPersonError(err)) {
      if (json) return autosaveError(request, reply, err);
      const errors = err.fieldErrors.length > 0 ? err.fieldErrors : [{ field: '_', key: err.key, params: err.params }];
      return sendPage(request, reply, await opts.rerender(errors), err.status);
    }
    throw err;
  }
}

/** The largest id a record can have (PostgreSQL's integer); a larger one names nothing. */
export const MAX_ID = 2_147_483_647;

/** A positive integer route parameter, or a 404 for anything else. */
export function idParam(request: FastifyRequest, name = 'id'): number {
  const raw = (request.params as Record<string, string>)[name];
  const n = Number(raw);
  if (!/^\d{1,10}$/.test(raw ?? '') || n < 1 || n > MAX_ID) throw new AppError(404, 'error.not_found');
  return n;
}

/** A positive integer id in a query string; undefined when absent or not a possible id. */
export function idQuery(raw: unknown): number | undefined {
  if (typeof raw !== 'string' || !/^\d{1,10}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 && n <= MAX_ID ? n : undefined;
}

/** The `page` query parameter, clamped to 1..10 000. */
export function pageParam(request: FastifyRequest): number {
  const n = Number((request.query as Record<string, string>)?.page ?? 1);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}

/** Query-string filters as plain trimmed strings (unknown keys ignored, long values cut). */
export function queryFilters<K extends string>(request: FastifyRequest, keys: readonly K[]): Partial<Record<K, string>> {
  const q = (request.query ?? {}) as Record<string, unknown>;
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const v = q[k];
    if (typeof v === 'string' && v.trim()) out[k] = v.trim().slice(0, 200);
  }
  return out;
}
