import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { MessageKey } from '../../messages.ts';
import { langs } from '../i18n/i18n.ts';
import { sendPage } from '../views/render.tsx';
import { setFlash } from './context.ts';
import { AppError, type FieldError } from './errors.ts';

/** Registers a module's HTML routes twice, under /ar and /en: clean, shareable URLs in both languages. */
export async function registerPages(app: FastifyInstance, pages: FastifyPluginAsync): Promise<void> {
  for (const lang of langs) await app.register(pages, { prefix: `/${lang}` });
}

/** A path in the request's language: langPath(req, '/console') → '/en/console'. */
export const langPath = (request: FastifyRequest, path: string) => `/${request.lang}${path}`;

/**
 * The POST → redirect → GET of every form: runs the action; on success sets the notice and
 * redirects (303); when the input is wrong, renders the form again with field errors (4xx).
 */
export async function handleForm(
  request: FastifyRequest,
  reply: FastifyReply,
  opts: {
    action: () => Promise<string>;
    rerender: (errors: FieldError[]) => VNode | Promise<VNode>;
    flash?: MessageKey;
  },
): Promise<FastifyReply> {
  try {
    const to = await opts.action();
    if (opts.flash) setFlash(request, reply, opts.flash);
    return reply.redirect(to.startsWith('/') && /^\/(ar|en)\b/.test(to) ? to : langPath(request, to), 303);
  } catch (err) {
    // Mistakes a person can fix are shown on the form itself; refusals and missing records are not.
    if (err instanceof AppError && err.status < 500 && ![401, 403, 404, 410].includes(err.status)) {
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
