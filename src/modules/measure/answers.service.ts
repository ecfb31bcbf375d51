import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { refreshReadings } from './automatic.service.ts';
import { measurePolicy } from './measure.policy.ts';
import * as repo from './repo/answers.repo.ts';
import type { ParticipantRow, RoundRow } from './repo/rounds.repo.ts';
import { getRound, isAnswering } from './rounds.service.ts';
import { type QuestionNode, questionsOf } from './scoring/framework.schema.ts';
import { readValue, type Value, valueFromJson, valueToJson } from './values.ts';

export type { AnswerRow, EventRow, EvidenceRow } from './repo/answers.repo.ts';

/** What an agency may change now: every answer, only the returned ones, or nothing. */
export type EditMode = 'all' | 'returned' | 'none';

export function editMode(round: RoundRow, participant: Pick<ParticipantRow, 'status'>, now = nowIso()): EditMode {
  if (round.status !== 'open') return 'none';
  if (participant.status === 'returned') return 'returned';
  return participant.status === 'in_progress' && isAnswering(round, now) ? 'all' : 'none';
}

const RETURNED = ['returned', 'responded'];
/** Whether this answer is open to the agency in this mode. */
export const editableAnswer = (mode: EditMode, row: repo.AnswerRow | undefined) =>
  mode === 'all' || (mode === 'returned' && !!row && RETURNED.includes(row.status));

/** The round, one agency's participation, answers and evidence, for its staff and the program office. */
export async function openSheet(deps: Deps, ctx: Ctx, roundId: number, agencyId: number) {
  const bundle = await getRound(deps, ctx, roundId);
  authorize(measurePolicy.readAnswers(ctx.actor, agencyId));
  const participant = bundle.participants.find((p) => p.agency_id === agencyId);
  if (!participant) throw new NotFoundError();
  const mode = editMode(bundle.round, participant);
  if (mode === 'all' && measurePolicy.answer(ctx.actor, agencyId))
    await refreshReadings(deps, ctx, bundle.round, bundle.framework, agencyId);
  const rows = await repo.listAnswers(deps.db, roundId, agencyId);
  const evidence = await repo.listEvidence(deps.db, { roundId, agencyId });
  const links = await repo.linksByAnswer(deps.db, roundId, agencyId);
  const byAnswer = new Map<number, repo.EvidenceRow[]>();
  for (const e of evidence) byAnswer.set(e.answer_id, [...(byAnswer.get(e.answer_id) ?? []), e]);
  return {
    ...bundle,
    participant,
    mode,
    canAnswer: measurePolicy.answer(ctx.actor, agencyId) && mode !== 'none',
    answers: new Map(rows.map((r) => [r.question_key, r])),
    evidence: byAnswer,
    /** Evidence given as links (bulk upload, API), by answer. */
    links,
  };
}
export type Sheet = Awaited<ReturnType<typeof openSheet>>;

/** Forces fresh automatic readings (the "refresh" button). */
export async function refreshAutomatic(deps: Deps, ctx: Ctx, roundId: number, agencyId: number) {
  authorize(measurePolicy.answer(ctx.actor, agencyId));
  const sheet = await openSheet(deps, ctx, roundId, agencyId);
  if (sheet.mode !== 'all') throw new ConflictError('measure.error.not_editable');
  await refreshReadings(deps, ctx, sheet.round, sheet.framework, agencyId, { force: true });
}

interface Attempt {
  q: QuestionNode;
  version: number;
  value: Value;
  na: boolean;
  comment: string | null;
  response: string | null;
}

/** A save that lost to someone else's: what is stored now, and what this person tried to save. */
export interface Conflict {
  key: string;
  current: repo.AnswerRow | undefined;
  attempted: { value: Value; na: boolean; comment: string | null };
}

function readAttempts(sheet: Sheet, keys: string[], body: Record<string, unknown>): Attempt[] {
  const questions = new Map(questionsOf(sheet.framework).map((q) => [q.key, q]));
  const errors: FieldError[] = [];
  const out: Attempt[] = [];
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  for (const key of keys) {
    const q = questions.get(key);
    if (!q) throw new NotFoundError();
    const row = sheet.answers.get(key);
    if (!editableAnswer(sheet.mode, row)) throw new ConflictError('measure.error.not_editable');
    const na = !!body[`na_${key}`];
    if (na && !q.allow_na) errors.push({ field: `a_${key}`, key: 'measure.validation.na_not_allowed' });
    const read = q.answer_type === 'automatic' || na ? { value: valueFromJson(row?.value_json ?? null) } : readValue(q, body[`a_${key}`]);
    if ('error' in read) errors.push({ field: `a_${key}`, key: read.error, params: read.params });
    const comment = str(body[`c_${key}`]).slice(0, 4000) || null;
    if (str(body[`c_${key}`]).length > 2000) errors.push({ field: `c_${key}`, key: 'validation.too_long', params: { max: 2000 } });
    const response = str(body[`r_${key}`]) || null;
    if ((response?.length ?? 0) > 2000) errors.push({ field: `r_${key}`, key: 'validation.too_long', params: { max: 2000 } });
    const version = Number(body[`v_${key}`] ?? row?.version ?? 0);
    if ('value' in read)
      out.push({ q, version: Number.isInteger(version) ? version : -1, value: na ? null : read.value, na, comment, response });
  }
  if (errors.length) throw new ValidationError(errors);
  return out;
}

const unchanged = (row: repo.AnswerRow | undefined, a: Attempt) =>
  valueToJson(a.value) === (row?.value_json ?? null) && (a.na ? 1 : 0) === (row?.na ?? 0) && a.comment === (row?.comment ?? null);

/**
 * Saves the answers to `keys` from a form body (a_KEY value, na_KEY, c_KEY comment, v_KEY the
 * version the form was opened at, r_KEY a response to a returned answer). Answers changed by
 * someone else since the form was opened are not overwritten: they come back as conflicts.
 */
export async function saveAnswers(deps: Deps, ctx: Ctx, roundId: number, agencyId: number, keys: string[], body: Record<string, unknown>) {
  authorize(measurePolicy.answer(ctx.actor, agencyId));
  const sheet = await openSheet(deps, ctx, roundId, agencyId);
  if (sheet.mode === 'none')
    throw new ConflictError(sheet.round.closes_at <= nowIso() ? 'measure.error.round_closed' : 'measure.error.not_editable');
  const attempts = readAttempts(sheet, [...new Set(keys)], body);
  const respondErrors = attempts
    .filter((a) => sheet.mode === 'returned' && !a.response && !unchanged(sheet.answers.get(a.q.key), a))
    .map((a) => ({ field: `r_${a.q.key}`, key: 'measure.validation.response_required' as const }));
  if (respondErrors.length) throw new ValidationError(respondErrors);
  const by = actorLabel(ctx.actor);
  return deps.db.transaction().execute(async (trx) => {
    const saved: string[] = [];
    const conflicts: Conflict[] = [];
    for (const a of attempts) {
      const row = await repo.findAnswer(trx, roundId, agencyId, a.q.key);
      const responding = sheet.mode === 'returned' && !!a.response && a.response !== row?.response;
      if (unchanged(row, a) && !responding) continue;
      const patch = { value_json: valueToJson(a.value), na: a.na ? 1 : 0, comment: a.comment, updated_by: by };
      const after = !row
        ? a.version === 0
          ? await repo.insertAnswer(trx, { round_id: roundId, agency_id: agencyId, question_key: a.q.key, auto_json: null, ...patch })
          : undefined
        : row.version === a.version
          ? await repo.updateAnswerAt(trx, row.id, a.version, responding ? { ...patch, status: 'responded', response: a.response } : patch)
          : undefined;
      if (!after) {
        conflicts.push({ key: a.q.key, current: row, attempted: { value: a.value, na: a.na, comment: a.comment } });
        continue;
      }
      const action = responding ? 'respond' : 'save';
      const detail = { value: a.value, na: a.na, comment: a.comment, ...(responding ? { response: a.response } : {}) };
      await repo.insertEvent(trx, { answer_id: after.id, action, detail, actor_label: by });
      await recordAudit(trx, ctx, {
        action: `measure.answer.${action}`,
        recordType: 'measure_answer',
        recordId: after.id,
        agencyId,
        before: row ? { value: valueFromJson(row.value_json), na: !!row.na, comment: row.comment, version: row.version } : null,
        after: { ...detail, version: after.version },
      });
      saved.push(a.q.key);
    }
    const versions = Object.fromEntries(
      (await repo.listAnswers(trx, roundId, agencyId)).filter((r) => keys.includes(r.question_key)).map((r) => [r.question_key, r.version]),
    );
    return { saved, conflicts, versions };
  });
}

/** What keeps an agency from submitting: unanswered questions and missing required evidence. */
export function missingForSubmission(sheet: Sheet) {
  const out: { q: QuestionNode; problem: 'unanswered' | 'evidence' | 'returned' }[] = [];
  for (const q of questionsOf(sheet.framework)) {
    const row = sheet.answers.get(q.key);
    if (sheet.mode === 'returned') {
      if (row?.status === 'returned') out.push({ q, problem: 'returned' });
      continue;
    }
    if (q.answer_type === 'automatic') continue;
    const answered = !!row && (row.na === 1 || row.value_json !== null);
    if (!answered) out.push({ q, problem: 'unanswered' });
    else if (q.evidence.required && row.na !== 1 && !(sheet.evidence.get(row.id)?.length ?? 0) && !sheet.links.has(row.id))
      out.push({ q, problem: 'evidence' });
  }
  return out;
}
