import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { IdeaAnswer, IdeaCategory, IdeaModeration, ParticipateIdeaStepsTable, ParticipateIdeasTable } from './participate.tables.ts';

// Queries on ideas, their supports and their steps. Only this module reads these tables.

export type IdeaRow = Selectable<ParticipateIdeasTable>;
export type IdeaStepRow = Selectable<ParticipateIdeaStepsTable>;

export const findIdea = (db: Executor, id: number) =>
  db.selectFrom('participate_ideas').selectAll().where('id', '=', id).executeTakeFirst();

export const insertIdea = (db: Executor, values: Insertable<ParticipateIdeasTable>) =>
  db.insertInto('participate_ideas').values(values).returningAll().executeTakeFirstOrThrow();

export const updateIdea = (db: Executor, id: number, values: Updateable<ParticipateIdeasTable>) =>
  db.updateTable('participate_ideas').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export const insertStep = (db: Executor, values: Omit<Insertable<ParticipateIdeaStepsTable>, 'at'>, at = nowIso()) =>
  db
    .insertInto('participate_idea_steps')
    .values({ ...values, at })
    .returningAll()
    .executeTakeFirstOrThrow();

/** An idea's steps, oldest first; only its answers when `answersOnly`. */
export function listSteps(db: Executor, ideaId: number, answersOnly: boolean) {
  let q = db.selectFrom('participate_idea_steps').selectAll().where('idea_id', '=', ideaId);
  if (answersOnly) q = q.where('kind', '=', 'answer');
  return q.orderBy('id').execute();
}

export interface IdeaFilter {
  /** An agency's id, 'program' for ideas to the program, or none for all. */
  to?: number | 'program';
  /** Limit to these agencies and (with `program`) the program's ideas: the console's scope. */
  scope?: { agencyIds: number[]; program: boolean } | null;
  moderation?: IdeaModeration;
  category?: IdeaCategory;
  /** 'none' for ideas not yet answered. */
  answer?: IdeaAnswer | 'none';
  sort?: 'supported' | 'newest';
  limit: number;
  offset: number;
}

/** Ideas by filter, most supported or newest first (ties by newest), a page at a time. */
export function listIdeas(db: Executor, f: IdeaFilter) {
  let q = db.selectFrom('participate_ideas').selectAll();
  if (f.to === 'program') q = q.where('agency_id', 'is', null);
  else if (f.to !== undefined) q = q.where('agency_id', '=', f.to);
  if (f.scope) {
    const { agencyIds, program } = f.scope;
    q = q.where((eb) => {
      const parts = [];
      if (agencyIds.length) parts.push(eb('agency_id', 'in', agencyIds));
      if (program) parts.push(eb('agency_id', 'is', null));
      return parts.length ? eb.or(parts) : eb('id', '<', 0);
    });
  }
  if (f.moderation) q = q.where('moderation', '=', f.moderation);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.answer === 'none') q = q.where('answer', 'is', null);
  else if (f.answer) q = q.where('answer', '=', f.answer);
  if (f.sort === 'supported') q = q.orderBy('supports', 'desc');
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
}

export const hasSupported = async (db: Executor, ideaId: number, participantId: number) =>
  !!(await db
    .selectFrom('participate_idea_supports')
    .select('id')
    .where('idea_id', '=', ideaId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst());

/** Replaces the plan initiatives an idea was taken into (codes already checked). */
export async function replaceIdeaInitiatives(db: Executor, ideaId: number, codes: string[]) {
  await db.deleteFrom('participate_idea_initiatives').where('idea_id', '=', ideaId).execute();
  if (codes.length)
    await db
      .insertInto('participate_idea_initiatives')
      .values(codes.map((code) => ({ idea_id: ideaId, code })))
      .execute();
}

/** The codes of the plan initiatives an idea was taken into, in the order written. */
export const listIdeaInitiatives = async (db: Executor, ideaId: number) =>
  (await db.selectFrom('participate_idea_initiatives').select('code').where('idea_id', '=', ideaId).orderBy('id').execute()).map(
    (r) => r.code,
  );
