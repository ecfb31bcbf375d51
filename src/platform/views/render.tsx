import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { makePageCtx, Page, type PageCtx } from './context.ts';

/** The page context of a request: its language, actor, CSRF token and path without the prefix. */
export function pageCtxFor(request: FastifyRequest): PageCtx {
  const url = request.url;
  const path = /^\/(ar|en)(\/|\?|$)/.test(url) ? url.slice(3) || '/' : url;
  return makePageCtx({
    lang: request.lang,
    actor: request.actor,
    csrf: request.csrfToken,
    path: path.startsWith('/') ? path : `/${path}`,
    timeZone: request.server.deps.config.timeZone,
    flash: request.flash,
  });
}

/** Renders a TSX page (a <Layout>) inside the request's context and sends it as HTML. */
export function sendPage(request: FastifyRequest, reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  const html = `<!doctype html>${renderToString(<Page.Provider value={pageCtxFor(request)}>{page}</Page.Provider>)}`;
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

/** Renders a fragment (no layout) with a given context, for emails and previews. */
export function renderWith(ctx: PageCtx, node: VNode): string {
  return renderToString(<Page.Provider value={ctx}>{node}</Page.Provider>);
}
