import type { Worksheet } from 'exceljs';
import { renderToString } from 'preact-render-to-string';
import { type Ctx, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { dir, type Lang, pick, translate } from '../../platform/i18n/i18n.ts';
import { pdfRenderer } from '../../platform/pdf/pdf.ts';
import { assets } from '../../platform/views/assets.ts';
import { makePageCtx, Page } from '../../platform/views/context.ts';
import { loadExcelJS } from '../../platform/xlsx.ts';
import { measureAssets } from './assets.ts';
import { answerStatusLabel, answerTypeLabel, methodLabel, nodeTypeLabel } from './measure.labels.ts';
import { measurePolicy } from './measure.policy.ts';
import * as answersRepo from './repo/answers.repo.ts';
import { type ResultsView, roundResults } from './results.service.ts';
import type { FrameworkNode } from './scoring/framework.schema.ts';
import { valueFromJson } from './values.ts';
import { ReportBody } from './views/report.views.tsx';

/** Who may download the workbook of every score: the program office and leadership (it holds question-level scores). */
export const mayDownloadWorkbook = (ctx: Ctx) => measurePolicy.oversee(ctx.actor) || hasRole(ctx.actor, 'leadership_viewer');

const nodeRows = (nodes: FrameworkNode[], depth = 0): { node: FrameworkNode; depth: number }[] =>
  nodes.flatMap((n) => [{ node: n, depth }, ...(n.type === 'question' ? [] : nodeRows(n.children, depth + 1))]);

/** An XLSX workbook of every score of a round: ranking, every node of every agency, the answers (program office) and the framework. */
export async function scoresWorkbook(deps: Deps, ctx: Ctx, roundId: number, lang: Lang): Promise<{ filename: string; body: Buffer }> {
  const view = await roundResults(deps, ctx, roundId);
  authorize(mayDownloadWorkbook(ctx));
  const { round, framework } = view.bundle;
  const t = (k: Parameters<typeof translate>[1]) => translate(lang, k);
  const name = (n: { name_ar: string; name_en: string }) => (lang === 'ar' ? n.name_ar : n.name_en);
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yusr';
  wb.created = new Date(round.finalised_at ?? round.updated_at);
  const views = [{ rightToLeft: dir(lang) === 'rtl', state: 'frozen' as const, ySplit: 1 }];
  const numFmt = framework.settings.decimals ? `0.${'0'.repeat(framework.settings.decimals)}` : '0';
  const header = (ws: Worksheet) => {
    ws.getRow(1).font = { bold: true };
  };
  const agencyName = (code: string) => {
    const a = view.agencyByCode.get(code);
    return a ? pick(lang, a, 'name') : code;
  };

  const ranking = wb.addWorksheet(t('measure.xlsx.ranking'), { views });
  ranking.columns = [
    { header: t('measure.results.rank'), key: 'rank', width: 8 },
    { header: t('measure.xlsx.agency_code'), key: 'code', width: 14 },
    { header: t('field.agency'), key: 'agency', width: 40 },
    { header: t('measure.results.score'), key: 'score', width: 10, style: { numFmt } },
    { header: t('measure.results.stage'), key: 'stage', width: 16 },
    ...framework.nodes.map((n) => ({ header: name(n), key: `n:${n.key}`, width: 14, style: { numFmt } })),
  ];
  for (const a of view.scores.agencies) {
    ranking.addRow({
      rank: a.rank,
      code: a.agency,
      agency: agencyName(a.agency),
      score: a.display,
      stage: a.stage ? name(a.stage) : null,
      ...Object.fromEntries(framework.nodes.map((n) => [`n:${n.key}`, a.nodes.get(n.key)?.score ?? null])),
    });
  }
  header(ranking);

  const all = wb.addWorksheet(t('measure.xlsx.scores'), { views });
  all.columns = [
    { header: t('measure.xlsx.agency_code'), key: 'code', width: 14 },
    { header: t('measure.xlsx.node_key'), key: 'key', width: 36 },
    { header: t('measure.xlsx.node_type'), key: 'type', width: 12 },
    { header: t('measure.scorecard.node'), key: 'name', width: 50 },
    { header: t('measure.results.score'), key: 'score', width: 12 },
    { header: t('measure.scorecard.weight'), key: 'weight', width: 12 },
    { header: t('measure.xlsx.contribution'), key: 'contribution', width: 14 },
    { header: t('measure.answer.na'), key: 'na', width: 10 },
  ];
  const rows = nodeRows(framework.nodes);
  for (const a of view.scores.agencies) {
    for (const { node, depth } of rows) {
      const s = a.nodes.get(node.key);
      all.addRow({
        code: a.agency,
        key: node.key,
        type: translate(lang, nodeTypeLabel[node.type]),
        name: `${'  '.repeat(depth)}${name(node)}`,
        score: s?.score ?? null,
        weight: s?.weight ?? null,
        contribution: s?.contribution ?? null,
        na: s?.value === null ? t('measure.answer.yes') : null,
      });
    }
  }
  header(all);

  if (measurePolicy.oversee(ctx.actor)) {
    const answers = wb.addWorksheet(t('measure.xlsx.answers'), { views });
    answers.columns = [
      { header: t('measure.xlsx.agency_code'), key: 'code', width: 14 },
      { header: t('measure.xlsx.question_key'), key: 'key', width: 30 },
      { header: t('measure.question.agency_answer'), key: 'value', width: 16 },
      { header: t('measure.answer.na'), key: 'na', width: 8 },
      { header: t('measure.question.status'), key: 'status', width: 14 },
      { header: t('measure.question.adjusted_value'), key: 'adjusted', width: 16 },
      { header: t('measure.question.review_reason'), key: 'reason', width: 40 },
    ];
    const codes = new Map([...view.agencyByCode].map(([code, a]) => [a.id, code]));
    for (const r of await answersRepo.listAnswers(deps.db, roundId)) {
      answers.addRow({
        code: codes.get(r.agency_id) ?? String(r.agency_id),
        key: r.question_key,
        value: valueFromJson(r.value_json),
        na: r.na ? t('measure.answer.yes') : null,
        status: translate(lang, answerStatusLabel[r.status]),
        adjusted: r.status === 'adjusted' ? valueFromJson(r.review_value_json) : null,
        reason: r.review_reason,
      });
    }
    header(answers);
  }

  const tree = wb.addWorksheet(t('measure.xlsx.framework'), { views });
  tree.columns = [
    { header: t('measure.xlsx.node_key'), key: 'key', width: 36 },
    { header: t('measure.xlsx.node_type'), key: 'type', width: 12 },
    { header: t('measure.scorecard.node'), key: 'name', width: 60 },
    { header: t('measure.framework.weight'), key: 'weight', width: 10 },
    { header: t('measure.framework.method'), key: 'method', width: 24 },
  ];
  for (const { node, depth } of rows) {
    tree.addRow({
      key: node.key,
      type: translate(lang, nodeTypeLabel[node.type]),
      name: `${'  '.repeat(depth)}${name(node)}`,
      weight: node.weight,
      method: node.type === 'question' ? translate(lang, answerTypeLabel[node.answer_type]) : translate(lang, methodLabel[node.method]),
    });
  }
  header(tree);
  return { filename: `${round.code}-scores-${lang}.xlsx`, body: Buffer.from(await wb.xlsx.writeBuffer()) };
}

/** The report as a standalone HTML document (styles inlined), for Chromium to print. */
export function reportDocument(view: ResultsView, lang: Lang, timeZone: string, actor: Ctx['actor']): string {
  const ctx = makePageCtx({ lang, actor, csrf: '', path: '/', timeZone });
  const body = renderToString(
    <Page.Provider value={ctx}>
      <ReportBody view={view} generatedAt={new Date().toISOString()} />
    </Page.Provider>,
  );
  const css = `${assets.css.body.toString('utf8')}\n${measureAssets.css.body.toString('utf8')}`;
  const title = `${translate(lang, 'measure.report.heading')} — ${lang === 'ar' ? view.bundle.round.name_ar : view.bundle.round.name_en}`;
  return `<!doctype html><html lang="${lang}" dir="${dir(lang)}"><head><meta charset="utf-8"><title>${title.replace(/[<&]/g, '')}</title><style>${css}</style></head><body class="pdf"><main>${body}</main></body></html>`;
}

/** The leadership report as PDF, printed by the platform's Chromium renderer. */
export async function reportPdf(deps: Deps, ctx: Ctx, roundId: number, lang: Lang): Promise<{ filename: string; body: Buffer }> {
  const view = await roundResults(deps, ctx, roundId);
  const html = reportDocument(view, lang, deps.config.timeZone, ctx.actor);
  const body = await pdfRenderer(deps).render(html, { margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' } });
  return { filename: `${view.bundle.round.code}-report-${lang}.pdf`, body };
}
