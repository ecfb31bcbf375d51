import { createHash } from 'node:crypto';
import type { Executor } from '../../db.ts';
import type { MessageKey } from '../../messages.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorId, actorLabel, type Ctx, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { toCsv } from '../../platform/csv.ts';
import type { Deps } from '../../platform/deps.ts';
import { dryRunCsv } from '../../platform/dry-run-report.ts';
import { AppError, ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { type Lang, type Params, translate } from '../../platform/i18n/i18n.ts';
import { readTable, screenTable, type TableKind, type TableLimits } from '../../platform/tabular.ts';
import { inspectXlsx, verifyXlsx } from '../catalog/public.ts';
import { editableAnswer, editMode } from './answers.service.ts';
import { measurePolicy } from './measure.policy.ts';
import * as repo from './repo/answers.repo.ts';
import { findRound } from './repo/rounds.repo.ts';
import { getRound, type RoundBundle } from './rounds.service.ts';
import { type QuestionNode, questionsOf } from './scoring/framework.schema.ts';
import { readValue, type Value, valueFromJson, valueToField, valueToJson } from './values.ts';

// Answers from a file (CSV or XLSX, one row per agency × question, evidence as links): the program
// office for the questions it measures itself (entered on behalf of each agency), an agency for
// its own sheet. The dry run says what each row would do — new, changed, unchanged, refused with
// the column and the reason — and writes nothing; applying re-reads the very file that was
// previewed and writes every row in one transaction, or none if any row is refused by then. The
// round's rules are the forms': open round, participating agency, an answer the agency may still
// change, the question's type, scale and N/A, and required evidence.

/** What one upload may cost, whatever the file claims (docs/modules.md lists them). */
export const MEASURE_IMPORT_LIMITS = {
  maxBytes: 4 * 1024 * 1024,
  /** 200 agencies × 200 questions. */
  maxRows: 40_000,
  maxColumns: 12,
  columnsKey: 'measure.import.columns',
  /** Evidence links in one cell. */
  maxLinks: 10,
} as const satisfies TableLimits & { maxLinks: number };

const guards = { inspect: inspectXlsx, verify: verifyXlsx };

/** The file's columns, each headed by its key, its Arabic name, or both as "Arabic (key)" (the template's). */
export const importColumns = {
  agency: 'الجهة',
  question: 'السؤال',
  value: 'القيمة',
  na: 'لا ينطبق',
  comment: 'ملاحظات',
  evidence: 'روابط الشواهد',
  response: 'الرد على الإعادة',
} as const;
export type ImportColumn = keyof typeof importColumns;
const requiredColumns: ImportColumn[] = ['agency', 'question', 'value'];
const heading = (key: ImportColumn) => `${importColumns[key]} (${key})`;

function columnFor(cell: string): ImportColumn | undefined {
  const h = cell.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const key of Object.keys(importColumns) as ImportColumn[])
    if (h === key || h === importColumns[key] || h === heading(key)) return key;
  return undefined;
}

export type Outcome = 'new' | 'changed' | 'unchanged' | 'refused';

/** A problem of one row: the column that fixes it and the reason. */
export interface RowProblem {
  column: ImportColumn | 'file';
  key: MessageKey;
  params?: Params;
}

export interface PlannedRow {
  row: number;
  agency: string;
  question: string;
  outcome: Outcome;
  problems: RowProblem[];
}

interface Ready {
  agencyId: number;
  agencyCode: string;
  q: QuestionNode;
  value: Value;
  na: boolean;
  comment: string | null;
  response: string | null;
  links: string[];
  current: repo.AnswerRow | undefined;
}

/** Who uploads: the program office (for every participating agency) or an agency's staff (for their own). */
export type Uploader = 'office' | 'agency';
const uploaderOf = (ctx: Ctx): Uploader | undefined =>
  measurePolicy.answerOnBehalf(ctx.actor)
    ? 'office'
    : hasRole(ctx.actor, 'agency_admin', 'agency_editor') || (ctx.actor.kind === 'token' && ctx.actor.scopes.includes('agency:write'))
      ? 'agency'
      : undefined;

const TRUE = new Set(['yes', 'true', '1', 'نعم', 'y']);
const FALSE = new Set(['no', 'false', '0', 'لا', 'n', '']);

/** Links in a cell: separated by spaces, new lines or commas; each an http(s) address of at most 2000 characters. */
function readLinks(cell: string): { links: string[] } | { error: MessageKey; params?: Params } {
  const parts = cell.split(/[\s,،]+/).filter(Boolean);
  if (parts.length > MEASURE_IMPORT_LIMITS.maxLinks)
    return { error: 'measure.import.too_many_links', params: { max: MEASURE_IMPORT_LIMITS.maxLinks } };
  for (const p of parts) {
    let ok = p.length <= 2000;
    try {
      ok &&= ['http:', 'https:'].includes(new URL(p).protocol);
    } catch {
      ok = false;
    }
    if (!ok) return { error: 'measure.import.bad_link', params: { link: p.slice(0, 80) } };
  }
  return { links: [...new Set(parts)] };
}

/** What applying the file would do, row by row, without writing anything. */
export async function planFile(deps: Deps, ctx: Ctx, bundle: RoundBundle, file: Buffer, kind: TableKind) {
  if (bundle.round.status !== 'open') throw new ConflictError('measure.error.round_locked');
  const [header = [], ...body] = await readTable(file, kind, MEASURE_IMPORT_LIMITS, guards);
  return planRows(deps, ctx, bundle, header, body);
}

/**
 * What writing these rows would do (a heading, then cells as text; null marks a formula): the one
 * check the file upload and the API share, so both refuse what the forms refuse.
 */
export async function planRows(deps: Deps, ctx: Ctx, bundle: RoundBundle, header: (string | null)[], body: (string | null)[][]) {
  const who = uploaderOf(ctx);
  if (!who) authorize(false);
  const { round, framework } = bundle;
  if (round.status !== 'open') throw new ConflictError('measure.error.round_locked');
  const keys = header.map((h) => (h?.trim() ? columnFor(h) : undefined));
  const unknown = header.filter((h, i) => h?.trim() && !keys[i]);
  if (unknown.length) fieldError('file', 'validation.csv_header', { name: unknown.join(', ').slice(0, 200) });
  const missing = requiredColumns.filter((k) => !keys.includes(k));
  if (missing.length) fieldError('file', 'validation.csv_missing_column', { name: missing.map(heading).join(', ') });
  if (body.length === 0) fieldError('file', 'measure.import.no_rows');

  const questions = new Map(questionsOf(framework).map((q) => [q.key, q]));
  const participants = new Map(bundle.participants.map((p) => [p.agency.code.toLowerCase(), p]));
  // Every answer, evidence file and link of the round, read once (not once per row).
  const answers = new Map((await repo.listAnswers(deps.db, round.id)).map((a) => [`${a.agency_id}|${a.question_key}`, a]));
  const withFiles = new Set(await repo.answersWithEvidence(deps.db, round.id));
  const linksOf = await repo.linksByAnswer(deps.db, round.id);
  const hasEvidence = (a: repo.AnswerRow | undefined) => !!a && (withFiles.has(a.id) || linksOf.has(a.id));
  const seen = new Map<string, number>();
  const rows: PlannedRow[] = [];
  const ready: Ready[] = [];
  for (const [i, cells] of body.entries()) {
    const rowNo = i + 2;
    const r: Partial<Record<ImportColumn, string>> = {};
    const problems: RowProblem[] = [];
    keys.forEach((k, j) => {
      if (!k) return;
      const v = cells[j];
      if (v === null) problems.push({ column: k, key: 'measure.import.formula' });
      else r[k] = (v ?? '').trim();
    });
    const code = (r.agency ?? '').slice(0, 80);
    const key = (r.question ?? '').slice(0, 80);
    const p = participants.get(code.toLowerCase());
    const q = questions.get(key);
    if (!code) problems.push({ column: 'agency', key: 'measure.import.agency_missing' });
    else if (!p) problems.push({ column: 'agency', key: 'measure.import.agency_unknown', params: { code } });
    else if (who === 'agency' && !measurePolicy.answer(ctx.actor, p.agency_id))
      problems.push({ column: 'agency', key: 'measure.import.not_your_agency', params: { code } });
    if (!q) problems.push({ column: 'question', key: 'measure.import.question_unknown', params: { key } });
    else if (q.answer_type === 'automatic') problems.push({ column: 'question', key: 'measure.import.automatic' });
    else if (who === 'office' && q.entered_by !== 'office')
      problems.push({ column: 'question', key: 'measure.import.not_office_question' });
    const current = p && q ? answers.get(`${p.agency_id}|${q.key}`) : undefined;
    const mode = p ? editMode(round, p) : 'none';
    if (p && q && problems.length === 0 && !editableAnswer(mode, current))
      problems.push({
        column: 'agency',
        key: mode === 'none' ? 'measure.import.not_editable' : 'measure.import.only_returned',
        params: { code: p.agency.code },
      });
    if (p && q) {
      const id = `${p.agency_id}|${q.key}`;
      const first = seen.get(id);
      if (first !== undefined) problems.push({ column: 'question', key: 'measure.import.duplicate', params: { row: first } });
      else seen.set(id, rowNo);
    }
    const naText = (r.na ?? '').toLowerCase();
    const na = TRUE.has(naText) ? true : FALSE.has(naText) ? false : null;
    if (na === null) problems.push({ column: 'na', key: 'measure.import.na' });
    else if (na && q && !q.allow_na) problems.push({ column: 'na', key: 'measure.validation.na_not_allowed' });
    // A row that says nothing (the template's empty line for an unanswered question) changes nothing.
    const blank = !r.value && !na && !r.comment && !r.evidence && !r.response;
    if (blank && problems.length === 0 && p && q && (!current || (current.value_json === null && !current.na))) {
      rows.push({ row: rowNo, agency: code, question: key, outcome: 'unchanged', problems });
      continue;
    }
    let value: Value = null;
    if (q && !na) {
      const read = readValue(q, r.value ?? '');
      if ('error' in read) problems.push({ column: 'value', key: read.error, params: read.params });
      else if (read.value === null) problems.push({ column: 'value', key: 'measure.import.value_missing' });
      else value = read.value;
    }
    if (na && r.value) problems.push({ column: 'value', key: 'measure.import.na_with_value' });
    const comment = r.comment || null;
    if ((comment?.length ?? 0) > 2000) problems.push({ column: 'comment', key: 'validation.too_long', params: { max: 2000 } });
    const response = r.response || null;
    if ((response?.length ?? 0) > 2000) problems.push({ column: 'response', key: 'validation.too_long', params: { max: 2000 } });
    const linkRead = readLinks(r.evidence ?? '');
    if ('error' in linkRead) problems.push({ column: 'evidence', key: linkRead.error, params: linkRead.params });
    const links = 'links' in linkRead ? linkRead.links : [];
    if (q?.evidence.required && !na && links.length === 0 && !hasEvidence(current))
      problems.push({ column: 'evidence', key: 'measure.import.evidence_required' });

    let outcome: Outcome = 'refused';
    if (problems.length === 0 && p && q) {
      const same =
        !!current &&
        valueToJson(value) === current.value_json &&
        (na ? 1 : 0) === current.na &&
        comment === current.comment &&
        links.every((l) => (linksOf.get(current.id) ?? []).includes(l));
      const responding = mode === 'returned' && current?.status === 'returned';
      if (responding && !same && !response) problems.push({ column: 'response', key: 'measure.validation.response_required' });
      else {
        outcome = !current || (current.value_json === null && !current.na) ? 'new' : same ? 'unchanged' : 'changed';
        ready.push({ agencyId: p.agency_id, agencyCode: p.agency.code, q, value, na: !!na, comment, response, links, current });
      }
    }
    rows.push({ row: rowNo, agency: code, question: key, outcome, problems });
  }
  return { rows, ready, who: who as Uploader };
}

/** The problems of refused rows grouped by column and reason, with the rows each one affects. */
export function groupProblems(rows: PlannedRow[]) {
  const groups = new Map<string, { column: RowProblem['column']; key: MessageKey; params?: Params; rows: number[] }>();
  for (const r of rows)
    for (const p of r.problems) {
      // Reasons whose wording depends on the row (a code, a key) group by their key alone; the first row's words stand for all.
      const id = `${p.column}|${p.key}`;
      const g = groups.get(id) ?? { column: p.column, key: p.key, params: p.params, rows: [] };
      g.rows.push(r.row);
      groups.set(id, g);
    }
  return [...groups.values()].sort((a, b) => b.rows.length - a.rows.length || a.rows[0] - b.rows[0]);
}

const outcomeKey = {
  new: 'measure.import.outcome_new',
  changed: 'measure.import.outcome_changed',
  unchanged: 'measure.import.outcome_unchanged',
  refused: 'measure.import.outcome_refused',
} as const satisfies Record<Outcome, MessageKey>;

/** A column named in the reader's language, with the other heading the file may use ("القيمة (value)", "value (القيمة)"). */
export const columnName = (lang: Lang, column: RowProblem['column']) =>
  column === 'file'
    ? translate(lang, 'measure.import.file')
    : lang === 'ar'
      ? `${importColumns[column]} (${column})`
      : `${column} (${importColumns[column]})`;

/**
 * The dry run as CSV in the reader's language, in the layout every Yusr dry run downloads in
 * (platform/dry-run-report.ts, as the catalog import's): refusals grouped by reason with the
 * column to correct, then the rows that would be written.
 */
export function answersReportCsv(lang: Lang, rows: PlannedRow[]): string {
  const t = (k: MessageKey) => translate(lang, k);
  return dryRunCsv(
    {
      cells: [t('measure.import.row'), columnName(lang, 'agency'), columnName(lang, 'question'), t('measure.import.outcome')],
      field: t('measure.import.column'),
      reason: t('measure.import.reason'),
    },
    rows.map((r) => ({
      cells: [r.row, r.agency, r.question, t(outcomeKey[r.outcome])],
      problems: r.problems.map((p) => ({
        field: columnName(lang, p.column),
        reason: translate(lang, p.key, p.params),
        group: `${p.column}|${p.key}`,
      })),
    })),
  );
}

export const countOutcomes = (rows: PlannedRow[]) => {
  const counts: Record<Outcome, number> = { new: 0, changed: 0, unchanged: 0, refused: 0 };
  for (const r of rows) counts[r.outcome]++;
  return counts;
};

const uploaderKey = (ctx: Ctx) => `${ctx.actor.kind}:${actorId(ctx.actor) ?? actorLabel(ctx.actor)}`;

/** The dry run: keeps the file for applying it and returns the plan; a refused file throws a field error. */
export async function previewAnswersUpload(deps: Deps, ctx: Ctx, roundId: number, raw: unknown, fileName: string) {
  if (!uploaderOf(ctx)) authorize(false);
  const bundle = await getRound(deps, ctx, roundId);
  const { file, kind } = await screenTable(raw, MEASURE_IMPORT_LIMITS, guards);
  const plan = await planFile(deps, ctx, bundle, file, kind);
  const stored = await deps.storage.put(file, 'measure-import');
  const upload = await repo.insertUpload(deps.db, {
    round_id: roundId,
    storage_key: stored.key,
    file_name: fileName.slice(0, 200) || 'upload',
    kind,
    sha256: createHash('sha256').update(file).digest('hex'),
    uploaded_by: uploaderKey(ctx),
    applied_at: null,
  });
  return { bundle, upload, rows: plan.rows, who: plan.who, counts: countOutcomes(plan.rows), groups: groupProblems(plan.rows) };
}

/** The uploaded file as the dry run saw it, for its uploader only. */
async function ownUpload(deps: Deps, ctx: Ctx, roundId: number, uploadId: number): Promise<repo.UploadRow> {
  const upload = await repo.findUpload(deps.db, uploadId);
  if (!upload || upload.round_id !== roundId || upload.uploaded_by !== uploaderKey(ctx)) throw new NotFoundError();
  return upload;
}

/** The dry run of a kept upload again (the page after a reload, or coming back to it before applying). */
export async function reviewAnswersUpload(deps: Deps, ctx: Ctx, roundId: number, uploadId: number) {
  if (!uploaderOf(ctx)) authorize(false);
  const upload = await ownUpload(deps, ctx, roundId, uploadId);
  const bundle = await getRound(deps, ctx, roundId);
  const plan = await planFile(deps, ctx, bundle, await deps.storage.get(upload.storage_key), upload.kind);
  return { bundle, upload, rows: plan.rows, who: plan.who, counts: countOutcomes(plan.rows), groups: groupProblems(plan.rows) };
}

/** Applies a previewed file: every row in one transaction, or nothing when any row is refused now. */
export async function applyAnswersUpload(deps: Deps, ctx: Ctx, roundId: number, uploadId: number) {
  if (!uploaderOf(ctx)) authorize(false);
  const upload = await ownUpload(deps, ctx, roundId, uploadId);
  if (upload.applied_at) throw new ConflictError('measure.import.already');
  const bundle = await getRound(deps, ctx, roundId);
  const file = await deps.storage.get(upload.storage_key);
  const plan = await planFile(deps, ctx, bundle, file, upload.kind);
  const counts = countOutcomes(plan.rows);
  if (counts.refused) throw new AppError(409, 'measure.import.refused' satisfies MessageKey, { count: counts.refused });
  await writeAnswers(deps, ctx, roundId, plan.ready, plan.who, { file: upload.file_name }, async (trx) => {
    if (!(await repo.markUploadApplied(trx, upload.id))) throw new ConflictError('measure.import.already');
    await recordAudit(trx, ctx, {
      action: 'measure.import',
      recordType: 'measure_upload',
      recordId: upload.id,
      after: { round: roundId, file: upload.file_name, sha256: upload.sha256, rows: plan.rows.length, ...counts, by: plan.who },
    });
  });
  return counts;
}

/**
 * Writes planned answers in one transaction (a version that moved since the plan aborts it all):
 * each changed answer gets an 'import' event and an audit entry; the program office's carry "on
 * behalf of" the agency in both.
 */
export async function writeAnswers(
  deps: Deps,
  ctx: Ctx,
  roundId: number,
  ready: Ready[],
  who: Uploader,
  source: Record<string, unknown>,
  first?: (trx: Executor) => Promise<void>,
) {
  const by = actorLabel(ctx.actor);
  const agencies = (await getRound(deps, ctx, roundId)).agencies;
  await deps.db.transaction().execute(async (trx) => {
    await first?.(trx);
    for (const r of ready) {
      const row = r.current;
      const knownLinks = row ? new Set(await repo.listLinkUrls(trx, row.id)) : new Set<string>();
      const newLinks = r.links.filter((l) => !knownLinks.has(l));
      const same = !!row && valueToJson(r.value) === row.value_json && (r.na ? 1 : 0) === row.na && r.comment === row.comment;
      if (same && newLinks.length === 0) continue;
      const responding = row?.status === 'returned' && !!r.response;
      const patch = { value_json: valueToJson(r.value), na: r.na ? 1 : 0, comment: r.comment, updated_by: by };
      const after = !row
        ? await repo.insertAnswer(trx, { round_id: roundId, agency_id: r.agencyId, question_key: r.q.key, auto_json: null, ...patch })
        : same
          ? row
          : await repo.updateAnswerAt(
              trx,
              row.id,
              row.version,
              responding ? { ...patch, status: 'responded', response: r.response } : patch,
            );
      if (!after) throw new ConflictError('measure.import.moved');
      for (const url of newLinks)
        await repo.insertLink(trx, { answer_id: after.id, round_id: roundId, agency_id: r.agencyId, url, added_by: by });
      const agency = agencies.get(r.agencyId);
      const onBehalf = who === 'office' ? `${agency?.name_en ?? r.agencyCode} / ${agency?.name_ar ?? r.agencyCode}` : undefined;
      const detail = {
        value: r.value,
        na: r.na,
        comment: r.comment,
        ...(newLinks.length ? { links: newLinks } : {}),
        ...(responding ? { response: r.response } : {}),
        ...(onBehalf ? { on_behalf_of: onBehalf } : {}),
        ...source,
      };
      await repo.insertEvent(trx, { answer_id: after.id, action: source.via === 'api' ? 'api' : 'import', detail, actor_label: by });
      await recordAudit(trx, ctx, {
        action: who === 'office' ? 'measure.answer.import_on_behalf' : 'measure.answer.import',
        recordType: 'measure_answer',
        recordId: after.id,
        agencyId: r.agencyId,
        before: row ? { value: valueFromJson(row.value_json), na: !!row.na, comment: row.comment, version: row.version } : null,
        after: { ...detail, version: after.version },
      });
    }
  });
}

/**
 * The template, filled with what is stored now for the caller's rows (the office: its own
 * questions for every participating agency; an agency: its own sheet), so downloading it and
 * uploading it back unchanged says "unchanged" on every row.
 */
export async function answersTemplate(deps: Deps, ctx: Ctx, roundId: number): Promise<string> {
  const who = uploaderOf(ctx);
  if (!who) authorize(false);
  const bundle = await getRound(deps, ctx, roundId);
  const round = await findRound(deps.db, roundId);
  if (!round) throw new NotFoundError();
  const answers = new Map((await repo.listAnswers(deps.db, roundId)).map((a) => [`${a.agency_id}|${a.question_key}`, a]));
  const links = await repo.linksByAnswer(deps.db, roundId);
  const keys = Object.keys(importColumns) as ImportColumn[];
  const out: (string | number)[][] = [keys.map(heading)];
  const agencies = [...bundle.participants]
    .filter((p) => (who === 'office' ? true : measurePolicy.answer(ctx.actor, p.agency_id)))
    .sort((a, b) => a.agency.code.localeCompare(b.agency.code));
  const questions = questionsOf(bundle.framework).filter(
    (q) => q.answer_type !== 'automatic' && (who === 'agency' || q.entered_by === 'office'),
  );
  for (const p of agencies)
    for (const q of questions) {
      const a = answers.get(`${p.agency_id}|${q.key}`);
      out.push([
        p.agency.code,
        q.key,
        a && !a.na ? valueToField(q, valueFromJson(a.value_json)) : '',
        a?.na ? 'yes' : '',
        a?.comment ?? '',
        a ? (links.get(a.id) ?? []).join(' ') : '',
        '',
      ]);
    }
  return toCsv(out, { bom: true });
}
