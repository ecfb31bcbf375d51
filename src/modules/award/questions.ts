import type { Selectable } from 'kysely';
import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, type FieldError, ValidationError } from '../../platform/http/errors.ts';
import { foldDigits } from '../../platform/i18n/digits.ts';
import { awardPolicy } from './award.policy.ts';
import type { AwardQuestionSetsTable, Question } from './award.tables.ts';

// A branch's nomination form questions, versioned. The program administrator writes them on the
// branch's edit page; while no nomination has answered the current version it is corrected in place,
// once one has, a change makes a new version and the nominations that answered keep theirs. Answers
// are checked against each question's word limit on save and submit, and a required question must be
// answered before submission.

export type QuestionSetRow = Selectable<AwardQuestionSetsTable>;
/** Rows on the administrator's form (blank rows are skipped). */
export const QUESTION_ROWS = [1, 2, 3, 4, 5] as const;
export const MAX_WORD_LIMIT = 5000;

/** Words as whitespace-separated tokens (so Arabic, with or without diacritics, counts as it is written). */
export const tokenCount = (s: string) => s.split(/\s+/u).filter(Boolean).length;

export const questionsOf = (set: QuestionSetRow | undefined): Question[] => (set ? (JSON.parse(set.questions_json) as Question[]) : []);
export const answersOf = (n: { answers_json: string | null }): Record<string, string> =>
  n.answers_json ? (JSON.parse(n.answers_json) as Record<string, string>) : {};

/** The branch's latest version of its questions (undefined when it has none). */
export const currentSet = (db: Executor, branchId: number) =>
  db.selectFrom('award_question_sets').selectAll().where('branch_id', '=', branchId).orderBy('version', 'desc').limit(1).executeTakeFirst();

export const findSet = (db: Executor, id: number) =>
  db.selectFrom('award_question_sets').selectAll().where('id', '=', id).executeTakeFirst();

/** The questions a nomination answers: the version it answered, or its branch's latest while it has answered none. */
export async function setFor(db: Executor, n: { branch_id: number; question_set_id: number | null }) {
  if (n.question_set_id !== null) {
    const set = await findSet(db, n.question_set_id);
    if (set && set.branch_id === n.branch_id) return set;
  }
  return currentSet(db, n.branch_id);
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** A branch's questions as its form shows them. */
export function questionFormValues(questions: Question[]): Record<string, string> {
  const values: Record<string, string> = {};
  questions.forEach((q, i) => {
    const p = `q${i + 1}_`;
    values[`${p}prompt_ar`] = q.prompt_ar;
    values[`${p}prompt_en`] = q.prompt_en;
    values[`${p}help_ar`] = q.help_ar;
    values[`${p}help_en`] = q.help_en;
    values[`${p}word_limit`] = String(q.word_limit);
    if (q.required) values[`${p}required`] = 'on';
  });
  return values;
}

/** The questions the administrator's form gives, checked: each filled row has both prompts and a word limit of 1 to 5,000. */
export function parseQuestions(raw: Record<string, unknown>): Question[] {
  const errors: FieldError[] = [];
  const out: Question[] = [];
  for (const i of QUESTION_ROWS) {
    const p = `q${i}_`;
    const f = (k: string) => str(raw[`${p}${k}`]);
    const filled = ['prompt_ar', 'prompt_en', 'help_ar', 'help_en', 'word_limit'].some((k) => f(k) !== '');
    if (!filled) continue;
    for (const k of ['prompt_ar', 'prompt_en'] as const) {
      if (!f(k)) errors.push({ field: `${p}${k}`, key: 'award.validation.prompt_required' });
      else if (f(k).length > 1000) errors.push({ field: `${p}${k}`, key: 'validation.too_long', params: { max: 1000 } });
    }
    for (const k of ['help_ar', 'help_en'] as const)
      if (f(k).length > 2000) errors.push({ field: `${p}${k}`, key: 'validation.too_long', params: { max: 2000 } });
    const limit = Number(foldDigits(f('word_limit')));
    if (!/^\d+$/.test(foldDigits(f('word_limit'))) || limit < 1 || limit > MAX_WORD_LIMIT)
      errors.push({ field: `${p}word_limit`, key: 'award.validation.word_limit_range', params: { max: MAX_WORD_LIMIT } });
    out.push({
      key: `q${out.length + 1}`,
      prompt_ar: f('prompt_ar'),
      prompt_en: f('prompt_en'),
      help_ar: f('help_ar'),
      help_en: f('help_en'),
      word_limit: limit,
      required: raw[`${p}required`] === 'on' || raw[`${p}required`] === 'true',
    });
  }
  if (errors.length) throw new ValidationError(errors);
  return out;
}

/**
 * Sets a branch's questions until its edition's results are published. Unchanged questions store
 * nothing; while no nomination has answered (or been submitted under) the latest version it is corrected in place; once one has,
 * the change is a new version (the nominations that answered keep the questions they answered).
 */
export async function saveQuestions(deps: Deps, ctx: Ctx, branchId: number, raw: Record<string, unknown>) {
  authorize(awardPolicy.administer(ctx.actor));
  const branch = await deps.db.selectFrom('award_branches').selectAll().where('id', '=', branchId).executeTakeFirst();
  if (!branch) throw new ValidationError([{ field: 'q1_prompt_ar', key: 'award.validation.branch_unknown' }]);
  const cycle = await deps.db
    .selectFrom('award_cycles')
    .select('results_published_at')
    .where('id', '=', branch.cycle_id)
    .executeTakeFirstOrThrow();
  if (cycle.results_published_at) throw new ConflictError('award.error.published');
  const questions = parseQuestions(raw);
  const current = await currentSet(deps.db, branchId);
  const before = questionsOf(current);
  if (JSON.stringify(before) === JSON.stringify(questions)) return current;
  return deps.db.transaction().execute(async (trx) => {
    const answered = current
      ? await trx.selectFrom('award_nominations').select('id').where('question_set_id', '=', current.id).limit(1).executeTakeFirst()
      : undefined;
    let set: QuestionSetRow;
    if (current && !answered) {
      set = await trx
        .updateTable('award_question_sets')
        .set({ questions_json: JSON.stringify(questions) })
        .where('id', '=', current.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    } else {
      set = await trx
        .insertInto('award_question_sets')
        .values({
          branch_id: branchId,
          version: (current?.version ?? 0) + 1,
          questions_json: JSON.stringify(questions),
          created_by: actorLabel(ctx.actor),
          created_at: nowIso(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    await recordAudit(trx, ctx, {
      action: 'award.branch.questions',
      recordType: 'award_branch',
      recordId: branchId,
      before: { version: current?.version ?? null, questions: before },
      after: { version: set.version, questions },
    });
    return set;
  });
}

/** The answers a nomination form gives (answer_q1, …) for the questions, checked against each word limit. */
export function checkedAnswers(questions: Question[], raw: Record<string, unknown>): Record<string, string> {
  const answers: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const q of questions) {
    const text = str(raw[`answer_${q.key}`]);
    if (!text) continue;
    if (tokenCount(text) > q.word_limit || text.length > 100_000)
      errors.push({ field: `answer_${q.key}`, key: 'award.validation.answer_too_long', params: { limit: q.word_limit } });
    answers[q.key] = text;
  }
  if (errors.length) throw new ValidationError(errors);
  return answers;
}

/** Refuses a submission while a required question is unanswered or an answer is over its limit. */
export function assertAnswered(questions: Question[], answers: Record<string, string>) {
  const errors: FieldError[] = [];
  for (const q of questions) {
    const text = answers[q.key] ?? '';
    if (q.required && !text) errors.push({ field: `answer_${q.key}`, key: 'award.validation.answer_required' });
    else if (text && tokenCount(text) > q.word_limit)
      errors.push({ field: `answer_${q.key}`, key: 'award.validation.answer_too_long', params: { limit: q.word_limit } });
  }
  if (errors.length) throw new ValidationError(errors);
}

/** The form fields that are answers, taken out of the nomination's other fields. */
export function splitAnswers(raw: unknown): { fields: Record<string, unknown>; answers: Record<string, unknown> } {
  const fields: Record<string, unknown> = {};
  const answers: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((raw ?? {}) as Record<string, unknown>)) (k.startsWith('answer_') ? answers : fields)[k] = v;
  return { fields, answers };
}

/** A nomination's questions with its answers, as judges, the office and the owner read them. */
export async function answeredQuestions(
  db: Executor,
  n: { branch_id: number; question_set_id: number | null; answers_json: string | null },
) {
  const set = await setFor(db, n);
  const answers = answersOf(n);
  return { version: set?.version ?? null, items: questionsOf(set).map((q) => ({ q, answer: answers[q.key] ?? '' })) };
}
