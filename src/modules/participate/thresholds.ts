import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { DAY_MS, dualDateText, localDate } from '../../platform/i18n/dates.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import type { IdeaRow } from './ideas.repo.ts';
import { staffWith, tellStaff } from './notices.ts';
import { participatePolicy } from './participate.policy.ts';
import { type IdeaRule, ideaRuleInput } from './participate.schema.ts';

// Support thresholds with answer deadlines. The program office sets how many supports oblige an
// official answer and within how many days. The support that brings an idea to the threshold records
// the day and the answer's last day, and emails the idea's moderators in its transaction; a daily sweep
// emails them again, once, when the last day passed without an answer. The deadline shows on the
// idea's public page and in the console.

/** Until the office sets its own rule. */
export const DEFAULT_IDEA_RULE: IdeaRule = { support_threshold: 50, answer_days: 30 };
export const OVERDUE_JOB = 'participate.idea_overdue' as const;

const KEYS = { support_threshold: 'idea_support_threshold', answer_days: 'idea_answer_days' } as const;

/** The program's rule for ideas now. */
export async function ideaRule(db: Executor): Promise<IdeaRule> {
  const rows = await db.selectFrom('participate_settings').selectAll().where('key', 'in', Object.values(KEYS)).execute();
  const value = (k: keyof IdeaRule) => {
    const n = Number(rows.find((r) => r.key === KEYS[k])?.value);
    return Number.isInteger(n) && n > 0 ? n : DEFAULT_IDEA_RULE[k];
  };
  return { support_threshold: value('support_threshold'), answer_days: value('answer_days') };
}

/** Who answers an idea: its agency's editors and administrators, or the program office for the program's ideas. */
export const answerersOf = (db: Executor, agencyId: number | null) =>
  agencyId === null
    ? staffWith(db, ['program_admin', 'program_reviewer'], null)
    : staffWith(db, ['agency_admin', 'agency_editor'], agencyId);

/** Where an idea stands against its deadline on a day: none below the threshold. */
export function deadlineOf(
  i: Pick<IdeaRow, 'answer_due_on' | 'answer' | 'answered_at' | 'threshold_reached_at'>,
  day: string,
  timeZone: string,
): { due: string; state: 'due' | 'overdue' | 'answered_on_time' | 'answered_late' } | null {
  if (!i.answer_due_on) return null;
  if (i.answer && i.answered_at) {
    return { due: i.answer_due_on, state: localDate(i.answered_at, timeZone) <= i.answer_due_on ? 'answered_on_time' : 'answered_late' };
  }
  return { due: i.answer_due_on, state: day > i.answer_due_on ? 'overdue' : 'due' };
}

/**
 * Marks an idea that has reached the threshold (once): the day it did and its answer's last day, and
 * — when it has no answer yet — emails its moderators, in the caller's transaction.
 */
export async function checkThreshold(trx: Executor, deps: Deps, ctx: Ctx, idea: IdeaRow, at: Date, rule?: IdeaRule): Promise<IdeaRow> {
  if (idea.threshold_reached_at || idea.moderation !== 'published') return idea;
  const r = rule ?? (await ideaRule(trx));
  if (idea.supports < r.support_threshold) return idea;
  const due = localDate(at.getTime() + r.answer_days * DAY_MS, deps.config.timeZone);
  const after = await trx
    .updateTable('participate_ideas')
    .set({ threshold_reached_at: at.toISOString(), answer_due_on: due })
    .where('id', '=', idea.id)
    .where('threshold_reached_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!after) return idea;
  await recordAudit(trx, ctx, {
    action: 'participate.idea.threshold',
    recordType: 'participate_idea',
    recordId: idea.id,
    agencyId: idea.agency_id,
    after: { supports: after.supports, threshold: r.support_threshold, answer_due_on: due },
  });
  if (!after.answer) await alert(trx, deps, ctx, after, 'threshold');
  return after;
}

/** Emails an idea's moderators that it reached the threshold or is overdue, once per idea and event. */
async function alert(trx: Executor, deps: Deps, ctx: Ctx, idea: IdeaRow, event: 'threshold' | 'overdue'): Promise<number> {
  const due = idea.answer_due_on ?? '';
  return tellStaff(trx, deps, ctx, await answerersOf(trx, idea.agency_id), {
    notice: event === 'threshold' ? 'participate.notice.idea_threshold' : 'participate.notice.idea_overdue',
    params: (lang: Lang) => ({
      title: idea.title,
      supports: idea.supports,
      due: dualDateText(lang, `${due}T12:00:00Z`, deps.config.timeZone),
    }),
    path: `/console/ideas/${idea.id}`,
    key: `participate:idea:${idea.id}:${event}`,
    ref: { refType: 'participate_idea', refId: idea.id },
  });
}

/** The office sets the rule; ideas already at or above a lowered threshold get their deadline from now. */
export async function setIdeaRule(deps: Deps, ctx: Ctx, raw: unknown, at = new Date()): Promise<IdeaRule> {
  authorize(participatePolicy.setRule(ctx.actor));
  const input = parseInput(ideaRuleInput, raw);
  const before = await ideaRule(deps.db);
  await deps.db.transaction().execute(async (trx) => {
    for (const k of Object.keys(KEYS) as (keyof IdeaRule)[]) {
      await trx
        .insertInto('participate_settings')
        .values({ key: KEYS[k], value: String(input[k]) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(input[k]) }))
        .execute();
    }
    await recordAudit(trx, ctx, { action: 'participate.idea_rule', recordType: 'participate_settings', before, after: input });
    const reached = await trx
      .selectFrom('participate_ideas')
      .selectAll()
      .where('moderation', '=', 'published')
      .where('threshold_reached_at', 'is', null)
      .where('supports', '>=', input.support_threshold)
      .orderBy('id')
      .execute();
    for (const idea of reached) await checkThreshold(trx, deps, ctx, idea, at, input);
  });
  return input;
}

/**
 * The daily sweep: every idea whose answer's last day has passed without an answer emails its
 * moderators, once per idea. Returns how many emails were queued.
 */
export async function alertOverdue(deps: Deps, ctx: Ctx, now = new Date()): Promise<number> {
  const today = localDate(now, deps.config.timeZone);
  const late = await deps.db
    .selectFrom('participate_ideas')
    .selectAll()
    .where('moderation', '=', 'published')
    .where('answer', 'is', null)
    .where('answer_due_on', '<', today)
    .orderBy('id')
    .execute();
  let queued = 0;
  for (const idea of late) queued += await deps.db.transaction().execute((trx) => alert(trx, deps, ctx, idea, 'overdue'));
  return queued;
}
