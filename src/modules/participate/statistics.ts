import { recordAuditNow } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { type CsvCell, neutraliseCell, toCsv } from '../../platform/csv.ts';
import type { Deps } from '../../platform/deps.ts';
import { type Lang, pick, translate } from '../../platform/i18n/i18n.ts';
import { loadExcelJS } from '../../platform/xlsx.ts';
import { answerTimes } from './answer-times.ts';
import { dispositionKeys } from './labels.ts';
import * as repo from './participate.repo.ts';
import { dispositions } from './participate.tables.ts';
import { published } from './public.service.ts';

// A consultation's figures for anyone, as CSV or XLSX: comments per article, per question and on
// the whole text, agree and disagree per article, answers by kind, participants, and the time the
// agency took to answer. No name, no text, no date of a person's: only counts, and a count from one
// to four is suppressed — a reader who knows one participant must not learn what they did. Where a
// group's total is published and only one of its cells was suppressed, the next smallest is
// suppressed too, so no cell can be worked back out. The time to an answer (median, 90th percentile
// and longest, in days after the period's last day) measures the agency, not a participant, and is
// published whole.

/** Counts below this (and above zero) are not published. */
export const MIN_CELL = 5;

/** A published count, or null where it is suppressed. */
type Cell = number | null;

const small = (n: number) => n > 0 && n < MIN_CELL;

/** Suppresses small counts of a group whose total is published, and a second cell where one alone would be derivable. */
export function suppressGroup(counts: number[]): Cell[] {
  const out: Cell[] = counts.map((n) => (small(n) ? null : n));
  if (out.filter((c) => c === null).length === 1) {
    let next = -1;
    counts.forEach((n, i) => {
      if (out[i] !== null && n > 0 && (next < 0 || n < counts[next])) next = i;
    });
    if (next >= 0) out[next] = null;
  }
  return out;
}
const suppress = (n: number): Cell => (small(n) ? null : n);

export interface StatisticsRow {
  section: 'total' | 'article' | 'question' | 'whole' | 'disposition' | 'time';
  item: string;
  comments?: Cell;
  agree?: Cell;
  disagree?: Cell;
  /** Days to an answer (the time section); null while no comment is answered. */
  days?: number | null;
}

/** The figures of a published consultation (404 for a draft), with small counts suppressed. */
export async function consultationStatistics(deps: Deps, id: number, lang: Lang): Promise<StatisticsRow[]> {
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(lang, k, p);
  const c = await published(deps, id);
  const [articles, questions, perTarget, votes, byDisposition, total, participants, times] = await Promise.all([
    repo.listArticles(deps.db, id, 'draft'),
    repo.listQuestions(deps.db, id),
    repo.commentsPerTarget(deps.db, id),
    repo.voteCounts(deps.db, id),
    repo.dispositionCounts(deps.db, id),
    repo.countComments(deps.db, id),
    repo.countParticipants(deps.db, id),
    answerTimes(deps, c),
  ]);
  const key = (articleId: number | null, questionId: number | null) => `${articleId ?? ''}|${questionId ?? ''}`;
  const commentCount = new Map(perTarget.map((r) => [key(r.article_id, r.question_id), Number(r.n)]));
  const tally = new Map<number, { agree: number; disagree: number }>();
  for (const v of votes) {
    const x = tally.get(v.article_id) ?? { agree: 0, disagree: 0 };
    x[v.stance] = Number(v.n);
    tally.set(v.article_id, x);
  }
  const targets = [
    ...articles.map((a) => ({
      section: 'article' as const,
      item: a.label || t('participate.article_n', { n: a.position }),
      n: commentCount.get(key(a.id, null)) ?? 0,
      votes: tally.get(a.id) ?? { agree: 0, disagree: 0 },
    })),
    ...questions.map((q) => ({ section: 'question' as const, item: pick(lang, q, 'text'), n: commentCount.get(key(null, q.id)) ?? 0 })),
    { section: 'whole' as const, item: t('participate.target.whole'), n: commentCount.get(key(null, null)) ?? 0 },
  ];
  const targetCells = suppressGroup(targets.map((x) => x.n));
  const disposed = new Map(byDisposition.map((r) => [r.disposition, Number(r.n)]));
  const kinds = [...dispositions, null] as const;
  const dispositionCells = suppressGroup(kinds.map((k) => disposed.get(k) ?? 0));
  return [
    { section: 'total', item: t('participate.stats.participants'), comments: suppress(participants) },
    { section: 'total', item: t('participate.stats.comments'), comments: suppress(total) },
    ...targets.map((x, i) => ({
      section: x.section,
      item: x.item,
      comments: targetCells[i],
      ...('votes' in x ? { agree: suppress(x.votes.agree), disagree: suppress(x.votes.disagree) } : {}),
    })),
    ...kinds.map((k, i) => ({
      section: 'disposition' as const,
      item: k ? t(dispositionKeys[k]) : t('participate.stats.undisposed'),
      comments: dispositionCells[i],
    })),
    // Time to an answer: the agency's, not a participant's, so not suppressed; the unanswered count is the cell above.
    { section: 'time', item: t('participate.times.median'), days: times.median },
    { section: 'time', item: t('participate.times.p90'), days: times.p90 },
    { section: 'time', item: t('participate.times.max'), days: times.max },
    { section: 'time', item: t('participate.times.undisposed'), comments: dispositionCells[kinds.length - 1] },
  ];
}

/** The figures as a file: CSV (UTF-8 with BOM) or XLSX (one sheet, right to left in Arabic). Every download is audited. */
export async function statisticsFile(deps: Deps, ctx: Ctx, id: number, format: 'csv' | 'xlsx', lang: Lang) {
  const c = await published(deps, id);
  const rows = await consultationStatistics(deps, id, lang);
  const t = (k: Parameters<typeof translate>[1]) => translate(lang, k);
  const header = [
    t('participate.stats.section'),
    t('participate.stats.item'),
    t('participate.stats.comments'),
    t('participate.stats.agree'),
    t('participate.stats.disagree'),
    t('participate.stats.days'),
  ];
  const sectionName = {
    total: t('participate.stats.section_total'),
    article: t('participate.stats.section_article'),
    question: t('participate.stats.section_question'),
    whole: t('participate.stats.section_whole'),
    disposition: t('participate.stats.section_disposition'),
    time: t('participate.stats.section_time'),
  };
  const hidden = t('participate.stats.suppressed');
  const cell = (v: Cell | undefined): CsvCell => (v === undefined ? '' : v === null ? hidden : v);
  const days = (v: number | null | undefined): CsvCell => (v === undefined ? '' : v === null ? t('participate.times.none') : v);
  const table = rows.map((r) => [sectionName[r.section], r.item, cell(r.comments), cell(r.agree), cell(r.disagree), days(r.days)]);
  await recordAuditNow(deps.db, ctx, {
    action: 'participate.statistics_export',
    recordType: 'participate_consultation',
    recordId: id,
    agencyId: c.agency_id,
    after: { format, rows: rows.length },
  });
  const filename = `consultation-${id}-statistics-${lang}.${format}`;
  if (format === 'csv') return { filename, type: 'text/csv; charset=utf-8', body: Buffer.from(toCsv([header, ...table], { bom: true })) };
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yusr';
  const ws = wb.addWorksheet(t('participate.stats.sheet'), { views: [{ rightToLeft: lang === 'ar', state: 'frozen', ySplit: 1 }] });
  ws.addRow(header).font = { bold: true };
  for (const r of table) ws.addRow(r.map((v) => neutraliseCell(v)));
  ws.addRow([]);
  ws.addRow([t('participate.stats.note')]);
  ws.columns.forEach((col, i) => {
    col.width = i === 1 ? 48 : 18;
  });
  return {
    filename,
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
