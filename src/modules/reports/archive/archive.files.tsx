import { renderToString } from 'preact-render-to-string';
import { systemActor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { dir, type Lang, translate } from '../../../platform/i18n/i18n.ts';
import { pdfRenderer } from '../../../platform/pdf/pdf.ts';
import { assets } from '../../../platform/views/assets.ts';
import { makePageCtx, Page } from '../../../platform/views/context.ts';
import { loadExcelJS } from '../../../platform/xlsx.ts';
import { ReportBody } from '../views/archive.views.tsx';
import { sectionLabel } from '../views/reports.views.tsx';
import type { ArchiveRow } from './archive.service.ts';
import { periodNames } from './period.ts';
import type { Snapshot } from './snapshot.ts';

const escapeHtml = (s: string) => s.replace(/[<&>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The report as a standalone HTML document (the platform's styles inlined, print rules included), for Chromium to print. */
export function reportDocument(deps: Deps, row: ArchiveRow, snapshot: Snapshot, lang: Lang): string {
  const tz = deps.config.timeZone;
  const ctx = makePageCtx({ lang, actor: systemActor('reports'), csrf: '', path: '/', timeZone: tz });
  const names = periodNames(lang, tz, { from: row.period_from, to: row.period_to });
  const title = translate(lang, 'reports.archive.report_title', { period: names.gregorian });
  const body = renderToString(
    <Page.Provider value={ctx}>
      <h1>{title}</h1>
      <p>{translate(lang, 'reports.archive.report_lead', { hijri: names.hijri })}</p>
      <ReportBody snapshot={snapshot} />
    </Page.Provider>,
  );
  const css = assets.css.body.toString('utf8');
  return `<!doctype html><html lang="${lang}" dir="${dir(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${css}</style></head><body class="pdf"><main>${body}</main></body></html>`;
}

const fileName = (row: ArchiveRow, lang: Lang, ext: string) => `leadership-report-${row.period_key}-${lang}.${ext}`;

/** The report as PDF through the platform's Chromium renderer (a bilingual 503 when Chromium is missing). */
export async function reportPdf(deps: Deps, row: ArchiveRow, snapshot: Snapshot, lang: Lang): Promise<{ filename: string; body: Buffer }> {
  const body = await pdfRenderer(deps).render(reportDocument(deps, row, snapshot, lang), {
    margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
  });
  return { filename: fileName(row, lang, 'pdf'), body };
}

/**
 * The report as an XLSX workbook in one language: the figures (section, panel, figure, value, unit,
 * records it rests on, change) and every breakdown, values as numbers, never formulas.
 */
export async function reportWorkbook(
  deps: Deps,
  row: ArchiveRow,
  snapshot: Snapshot,
  lang: Lang,
): Promise<{ filename: string; body: Buffer }> {
  const t = (k: Parameters<typeof translate>[1]) => translate(lang, k);
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yusr';
  wb.created = new Date(row.generated_at);
  const views = [{ rightToLeft: dir(lang) === 'rtl', state: 'frozen' as const, ySplit: 1 }];
  const names = periodNames(lang, deps.config.timeZone, { from: row.period_from, to: row.period_to });

  const figures = wb.addWorksheet(t('reports.archive.xlsx.figures'), { views });
  figures.columns = [
    { header: t('reports.archive.xlsx.period'), key: 'period', width: 12 },
    { header: t('reports.archive.xlsx.section'), key: 'section', width: 32 },
    { header: t('reports.archive.xlsx.panel'), key: 'panel', width: 26 },
    { header: t('reports.archive.xlsx.figure_id'), key: 'id', width: 32 },
    { header: t('reports.col.figure'), key: 'figure', width: 44 },
    { header: t('reports.col.value'), key: 'value', width: 14 },
    { header: t('reports.archive.xlsx.unit'), key: 'unit', width: 10 },
    { header: t('reports.archive.xlsx.base'), key: 'base', width: 12 },
    { header: t('reports.archive.col.change'), key: 'trend', width: 12 },
  ];
  for (const p of snapshot.panels)
    for (const f of p.figures)
      figures.addRow({
        period: row.period_key,
        section: t(sectionLabel[p.section]),
        panel: p.title[lang],
        id: f.id,
        figure: f.label[lang],
        value: f.value,
        unit: f.unit,
        base: f.base,
        trend: f.trend,
      });
  figures.getRow(1).font = { bold: true };

  const series = wb.addWorksheet(t('reports.archive.xlsx.breakdowns'), { views });
  series.columns = [
    { header: t('reports.archive.xlsx.figure_id'), key: 'id', width: 32 },
    { header: t('reports.col.figure'), key: 'figure', width: 44 },
    { header: t('reports.col.item'), key: 'item', width: 32 },
    { header: t('reports.col.value'), key: 'value', width: 14 },
    { header: t('reports.archive.xlsx.unit'), key: 'unit', width: 10 },
  ];
  for (const p of snapshot.panels)
    for (const f of p.figures)
      for (const s of f.series)
        series.addRow({ id: f.id, figure: f.label[lang], item: s.name[lang] || s.name.en, value: s.value, unit: f.seriesUnit });
  series.getRow(1).font = { bold: true };

  const about = wb.addWorksheet(t('reports.archive.xlsx.about'), { views: [{ rightToLeft: dir(lang) === 'rtl' }] });
  about.columns = [
    { key: 'k', width: 24 },
    { key: 'v', width: 60 },
  ];
  about.addRow({ k: t('reports.archive.col.period'), v: `${names.gregorian} (${names.hijri})` });
  about.addRow({ k: t('reports.archive.xlsx.period'), v: row.period_key });
  about.addRow({ k: t('reports.archive.generated_at'), v: row.generated_at });
  return { filename: fileName(row, lang, 'xlsx'), body: Buffer.from(await wb.xlsx.writeBuffer()) };
}
