import type { FastifyInstance } from 'fastify';
import { recordAuditNow } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { toCsv } from '../../platform/csv.ts';
import type { Deps } from '../../platform/deps.ts';
import { idParam } from '../../platform/http/pages.ts';
import { isLang, type Lang, pick, translate } from '../../platform/i18n/i18n.ts';
import { dispositionKeys } from './labels.ts';
import { publicReport } from './public.service.ts';
import { statisticsFile } from './statistics.ts';

/**
 * A completed consultation's comments and answers as CSV (UTF-8 with BOM): what the public report
 * shows, so an anonymous comment carries no name here either. Every download is audited.
 */
export async function reportCsv(deps: Deps, ctx: Ctx, id: number, lang: Lang) {
  const r = await publicReport(deps, id);
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(lang, k, p);
  const article = new Map(r.articles.map((a) => [a.id, a.label || t('participate.article_n', { n: a.position })]));
  const question = new Map(r.questions.map((q) => [q.id, pick(lang, q, 'text')]));
  const rows = r.comments.map((m) => [
    m.id,
    m.article_id ? article.get(m.article_id) : m.question_id ? question.get(m.question_id) : t('participate.target.whole'),
    m.author ?? t('participate.anonymous'),
    m.created_at,
    m.body,
    m.disposition ? t(dispositionKeys[m.disposition]) : '',
    m.disposition_reason ?? '',
  ]);
  await recordAuditNow(deps.db, ctx, {
    action: 'participate.report_export',
    recordType: 'participate_consultation',
    recordId: id,
    agencyId: r.consultation.agency_id,
    after: { format: 'csv', rows: rows.length },
  });
  const header = ['no', 'target', 'author', 'created_at', 'comment', 'disposition', 'reason'].map((k) =>
    t(`participate.csv.${k}` as Parameters<typeof translate>[1]),
  );
  return Buffer.from(toCsv([header, ...rows], { bom: true }));
}

/** /exports/consultations/:id/comments.csv?lang=ar|en (a file, not a page: outside the /ar and /en pages). */
export async function exportRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  app.get('/exports/consultations/:id/comments.csv', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const q = (req.query as Record<string, unknown>)?.lang;
    const lang: Lang = isLang(q) ? q : req.lang;
    const id = idParam(req);
    const body = await reportCsv(deps, req.ctx, id, lang);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="consultation-${id}-comments-${lang}.csv"`)
      .send(body);
  });
  // A consultation's figures with small counts suppressed: for anyone once it is published.
  for (const format of ['csv', 'xlsx'] as const)
    app.get(
      `/exports/consultations/:id/statistics.${format}`,
      { config: { access: 'public' }, schema: { hide: true } },
      async (req, reply) => {
        const q = (req.query as Record<string, unknown>)?.lang;
        const lang: Lang = isLang(q) ? q : req.lang;
        const file = await statisticsFile(deps, req.ctx, idParam(req), format, lang);
        return reply.type(file.type).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
      },
    );
}
