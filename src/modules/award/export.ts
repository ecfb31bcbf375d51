import { recordAuditNow } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { type CsvCell, neutraliseCell, toCsv } from '../../platform/csv.ts';
import type { Deps } from '../../platform/deps.ts';
import { localDate } from '../../platform/i18n/dates.ts';
import { type Lang, pick, translate } from '../../platform/i18n/i18n.ts';
import { loadExcelJS } from '../../platform/xlsx.ts';
import { allAgencies, findUser } from '../identity/public.ts';
import { awardPolicy } from './award.policy.ts';
import * as repo from './award.repo.ts';
import { getCycle } from './award.service.ts';
import { decisionsOf } from './decisions.service.ts';
import { standings } from './judging.service.ts';
import { answersOf, type QuestionSetRow, questionsOf } from './questions.ts';
import { weightedScore } from './scoring.ts';
import { outcomeLabel, screeningLabel, statusLabel } from './views/common.tsx';

// The office's workbook of an edition: every nomination past draft with its screening, its judges'
// count and the standings' means and decision; and, in the workbook, every review criterion by
// criterion. For the program office only (a judge never gets it: it names everyone, conflicts
// included), in the reader's language, audited as a read of judges' names and scores.

const round = (n: number | null | undefined) => (n === null || n === undefined ? null : Math.round(n * 1000) / 1000);

/** One row a nomination: the sheet the CSV and the workbook's first tab share. */
async function nominationRows(deps: Deps, cycleId: number, lang: Lang): Promise<CsvCell[][]> {
  const t = (k: Parameters<typeof translate>[1]) => translate(lang, k);
  const branches = new Map((await repo.listBranches(deps.db, cycleId)).map((b) => [b.id, b]));
  const agencies = new Map((await allAgencies(deps)).map((a) => [a.id, a]));
  const ranked = new Map((await standings(deps.db, cycleId)).flatMap((s) => s.rows.map((r) => [r.nominationId, r] as const)));
  const decided = new Map((await decisionsOf(deps, cycleId)).map((d) => [d.nomination_id, d]));
  const reviews = await repo.listReviewsOfCycle(deps.db, cycleId);
  const nominations = (await repo.listNominations(deps.db, cycleId)).filter((n) => n.status !== 'draft');
  const header = [
    t('award.field.branch'),
    t('award.export.id'),
    t('award.field.title_ar'),
    t('award.field.title_en'),
    t('award.field.agency'),
    t('award.field.nominee_name'),
    t('award.field.status'),
    t('award.export.screening'),
    t('award.export.screening_reason'),
    t('award.field.submitted_at'),
    t('award.export.assigned'),
    t('award.export.reviewed'),
    t('award.results.rank'),
    t('award.results.raw'),
    t('award.results.normalised'),
    t('award.results.outcome'),
    t('award.export.answers'),
  ];
  const sets = new Map(
    (
      await deps.db
        .selectFrom('award_question_sets')
        .selectAll()
        .where('branch_id', 'in', [0, ...branches.keys()])
        .execute()
    ).map((q) => [q.id, q]),
  );
  const latest = new Map<number, QuestionSetRow>();
  for (const q of sets.values()) if ((latest.get(q.branch_id)?.version ?? 0) < q.version) latest.set(q.branch_id, q);
  /** Each question the nomination answered (as that version put it) and its answer, one a line. */
  const answersText = (n: repo.NominationRow) => {
    const set = n.question_set_id === null ? latest.get(n.branch_id) : sets.get(n.question_set_id);
    const answers = answersOf(n);
    return questionsOf(set)
      .filter((q) => answers[q.key])
      .map((q) => `${pick(lang, q, 'prompt')}: ${answers[q.key]}`)
      .join('\n');
  };
  const rows = nominations
    .sort((a, b) => a.branch_id - b.branch_id || (ranked.get(a.id)?.rank ?? 1e9) - (ranked.get(b.id)?.rank ?? 1e9) || a.id - b.id)
    .map((n) => {
      const b = branches.get(n.branch_id);
      const a = n.agency_id === null ? undefined : agencies.get(n.agency_id);
      const s = ranked.get(n.id);
      const d = decided.get(n.id);
      const mine = reviews.filter((r) => r.nomination_id === n.id);
      return [
        b ? pick(lang, b, 'name') : '',
        n.id,
        n.title_ar,
        n.title_en,
        a ? pick(lang, a, 'name') : '',
        n.nominee_name ?? '',
        t(statusLabel[n.status]),
        n.status === 'submitted' ? t(screeningLabel[n.screening]) : '',
        n.screening_reason ?? '',
        n.submitted_at ? localDate(n.submitted_at, deps.config.timeZone) : '',
        mine.length,
        mine.filter((r) => r.status === 'submitted').length,
        s?.rank ?? null,
        round(s?.raw),
        b?.normalise ? round(s?.normalised) : null,
        d ? t(outcomeLabel[d.outcome]) : '',
        answersText(n),
      ];
    });
  return [header, ...rows];
}

/** Every review, criterion by criterion (the workbook's second tab). */
async function reviewRows(deps: Deps, cycleId: number, lang: Lang): Promise<CsvCell[][]> {
  const t = (k: Parameters<typeof translate>[1]) => translate(lang, k);
  const branches = await repo.listBranches(deps.db, cycleId);
  const nominations = new Map((await repo.listNominations(deps.db, cycleId)).map((n) => [n.id, n]));
  const names = new Map<number, string>();
  const out: CsvCell[][] = [
    [
      t('award.field.branch'),
      t('award.export.id'),
      t('award.field.title'),
      t('award.field.judge'),
      t('award.field.status'),
      t('award.export.criterion'),
      t('award.field.weight'),
      t('award.review.score'),
      t('award.review.comment'),
      t('award.review.weighted'),
    ],
  ];
  for (const r of await repo.listReviewsOfCycle(deps.db, cycleId)) {
    const n = nominations.get(r.nomination_id);
    const b = branches.find((x) => x.id === n?.branch_id);
    if (!n || !b) continue;
    if (!names.has(r.judge_user_id)) names.set(r.judge_user_id, (await findUser(deps.db, r.judge_user_id))?.name ?? `#${r.judge_user_id}`);
    const criteria = repo.criteriaOf(b);
    const scores = JSON.parse(r.scores_json) as Record<string, { score: number; comment?: string }>;
    const status = r.status === 'submitted' ? t('award.review.submitted') : t('award.review.pending');
    for (const c of criteria)
      out.push([
        pick(lang, b, 'name'),
        n.id,
        pick(lang, n, 'title'),
        names.get(r.judge_user_id) ?? '',
        status,
        lang === 'ar' ? c.name_ar : c.name_en,
        c.weight,
        scores[c.key]?.score ?? null,
        scores[c.key]?.comment ?? '',
        round(weightedScore(criteria, scores)),
      ]);
  }
  return out;
}

/** The edition's nominations and standings as CSV, or with every review as a two-tab workbook. */
export async function exportEdition(deps: Deps, ctx: Ctx, cycleId: number, format: 'csv' | 'xlsx', lang: Lang) {
  authorize(awardPolicy.office(ctx.actor));
  const cycle = await getCycle(deps, cycleId);
  const nominations = await nominationRows(deps, cycle.id, lang);
  const reviews = format === 'xlsx' ? await reviewRows(deps, cycle.id, lang) : [];
  await recordAuditNow(deps.db, ctx, {
    action: 'award.export',
    recordType: 'award_cycle',
    recordId: cycle.id,
    after: { format, nominations: nominations.length - 1, reviews: Math.max(0, reviews.length - 1) },
  });
  const filename = `yusr-award-${cycle.number}`;
  if (format === 'csv')
    return { filename: `${filename}.csv`, type: 'text/csv; charset=utf-8', body: Buffer.from(toCsv(nominations, { bom: true })) };
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yusr';
  for (const [name, rows] of [
    [translate(lang, 'award.export.sheet_nominations'), nominations],
    [translate(lang, 'award.export.sheet_reviews'), reviews],
  ] as const) {
    const ws = wb.addWorksheet(name, { views: [{ rightToLeft: lang === 'ar', state: 'frozen', ySplit: 1 }] });
    // Text that a spreadsheet would take for a formula is written as text, as in the CSV.
    for (const [i, r] of rows.entries()) ws.addRow(i === 0 ? r : r.map((v) => neutraliseCell(v ?? null))).font = { bold: i === 0 };
    ws.columns.forEach((c) => {
      c.width = 18;
    });
  }
  return {
    filename: `${filename}.xlsx`,
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
