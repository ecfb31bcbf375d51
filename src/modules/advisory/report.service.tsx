import { renderToString } from 'preact-render-to-string';
import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError } from '../../platform/http/errors.ts';
import { dir, type Lang, translate } from '../../platform/i18n/i18n.ts';
import { pdfRenderer } from '../../platform/pdf/pdf.ts';
import { assets } from '../../platform/views/assets.ts';
import { makePageCtx, Page } from '../../platform/views/context.ts';
import { workspace } from './queue.service.ts';
import { ReportBody } from './views/report.views.tsx';

// The advisory report: the deliverable the agency keeps. One template for the page (printable from
// the browser) and the PDF (the platform's Chromium renderer, which answers a bilingual 503 when
// Chromium is missing), in the reader's language: the request, the lead's summary, the service
// levels, the findings register with the agency's responses, the follow-up actions of every accepted
// finding, and the documents reviewed. Whoever may read the request may read its report, once the
// findings are delivered (before that they are the team's drafts).

/** The request's workspace, when its report exists (delivered or closed). */
export async function reportView(deps: Deps, ctx: Ctx, id: number, now = new Date()) {
  const w = await workspace(deps, ctx, id, now);
  if (w.request.status !== 'delivered' && w.request.status !== 'closed') throw new ConflictError('advisory.error.report_not_ready');
  return w;
}

const escapeHtml = (s: string) => s.replace(/[<&>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The report as a standalone HTML document (the platform's styles inlined, print rules included), for Chromium to print. */
export function reportDocument(w: Awaited<ReturnType<typeof reportView>>, lang: Lang, timeZone: string, actor: Ctx['actor']): string {
  const ctx = makePageCtx({ lang, actor, csrf: '', path: '/', timeZone });
  const body = renderToString(
    <Page.Provider value={ctx}>
      <ReportBody w={w} generatedAt={w.now.toISOString()} />
    </Page.Provider>,
  );
  const title = translate(lang, 'advisory.report.heading', { title: w.request.title });
  return `<!doctype html><html lang="${lang}" dir="${dir(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${assets.css.body.toString('utf8')}</style></head><body class="pdf"><main>${body}</main></body></html>`;
}

/** The report as PDF in `lang`. */
export async function reportPdf(deps: Deps, ctx: Ctx, id: number, lang: Lang): Promise<{ filename: string; body: Buffer }> {
  const w = await reportView(deps, ctx, id);
  const html = reportDocument(w, lang, deps.config.timeZone, ctx.actor);
  const body = await pdfRenderer(deps).render(html, { margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' } });
  return { filename: `advisory-${id}-report-${lang}.pdf`, body };
}
