import type { FastifyReply, FastifyRequest } from 'fastify';
import { Fragment, h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { makePageCtx, Page, type PageCtx } from './context.ts';

/** The page context of a request: its language, actor, CSRF token and path without the prefix. */
export function pageCtxFor(request: FastifyRequest, csrf = request.csrfToken): PageCtx {
  const url = request.url;
  const path = /^\/(ar|en)(\/|\?|$)/.test(url) ? url.slice(3) || '/' : url;
  return makePageCtx({
    lang: request.lang,
    actor: request.actor,
    csrf,
    path: path.startsWith('/') ? path : `/${path}`,
    timeZone: request.server.deps.config.timeZone,
    flash: request.flash,
    nav: request.server.deps.nav,
  });
}

/** A page's HTML in the request's context (`csrf` overrides the token, for cached pages). */
export function renderPageHtml(request: FastifyRequest, page: VNode, csrf?: string): string {
  return `<!doctype html>${renderToString(<Page.Provider value={pageCtxFor(request, csrf)}>{page}</Page.Provider>)}`;
}

/** Renders a TSX page (a <Layout>) inside the request's context and sends it as HTML. */
export function sendPage(request: FastifyRequest, reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderPageHtml(request, page));
}

/** Renders a fragment (no layout) with a given context, for emails and previews. */
export function renderWith(ctx: PageCtx, node: VNode): string {
  return renderToString(<Page.Provider value={ctx}>{node}</Page.Provider>);
}

/**
 * HTML rendered earlier (a fragment kept between requests), put into a page as it is, with no
 * element around it. Only for HTML this app rendered itself: nothing in it is escaped again.
 */
export function rawHtml(html: string): VNode {
  // preact-render-to-string writes a Fragment's `tpl` strings verbatim (its form for precompiled JSX).
  return h(Fragment, { tpl: [html] } as Record<string, unknown>);
}

/**
 * A fragment rendered once per key and kept (a form whose markup depends only on the language and
 * stored settings): the same HTML a fresh render gives, without building it again on every page.
 * `key` must name everything the fragment depends on; a few dozen keys at most are expected.
 */
export class FragmentCache {
  readonly #html = new Map<string, string>();
  constructor(private readonly limit = 100) {}

  render(ctx: PageCtx, key: string, node: () => VNode): VNode {
    let html = this.#html.get(key);
    if (html === undefined) {
      html = renderWith(ctx, node());
      if (this.#html.size >= this.limit) this.#html.clear();
      this.#html.set(key, html);
    }
    return rawHtml(html);
  }
}
