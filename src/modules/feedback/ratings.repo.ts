import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db.ts';
import type { FeedbackRatingsTable } from './feedback.tables.ts';

export type RatingRow = Selectable<FeedbackRatingsTable>;

export async function latestQuestionSet(db: Executor) {
  return db.selectFrom('feedback_question_sets').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function listQuestionSets(db: Executor) {
  return db.selectFrom('feedback_question_sets').selectAll().orderBy('version', 'desc').execute();
}

/** Inserts a version; a concurrent writer of the same version loses on the unique index (nothing is overwritten). */
export async function insertQuestionSet(db: Executor, version: number, questionsJson: string, by: string, at: string) {
  return db
    .insertInto('feedback_question_sets')
    .values({ version, questions_json: questionsJson, created_at: at, created_by: by })
    .onConflict((oc) => oc.column('version').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function insertRating(db: Executor, v: Insertable<FeedbackRatingsTable>): Promise<RatingRow> {
  return db.insertInto('feedback_ratings').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function insertAnswers(
  db: Executor,
  rows: { rating_id: number; service_id: number; agency_id: number; driver: string; score: number; month: string; created_at: string }[],
) {
  if (rows.length) await db.insertInto('feedback_answers').values(rows).execute();
}

export async function findRating(db: Executor, id: number): Promise<RatingRow | undefined> {
  return db.selectFrom('feedback_ratings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recentFingerprint(db: Executor, fingerprint: string, since: string) {
  return db
    .selectFrom('feedback_ratings')
    .select('id')
    .where('fingerprint', '=', fingerprint)
    .where('created_at', '>=', since)
    .executeTakeFirst();
}

export interface CommentFilter {
  agencyIds?: number[];
  serviceId?: number;
  state?: 'visible' | 'hidden';
  replied?: 'yes' | 'no';
}

/** Ratings that carry a comment, newest first, with their answers to the satisfaction question. */
export async function listComments(db: Executor, f: CommentFilter, limit: number, offset: number) {
  let q = db
    .selectFrom('feedback_ratings')
    .select([
      'feedback_ratings.id',
      'feedback_ratings.service_id',
      'feedback_ratings.agency_id',
      'feedback_ratings.comment',
      'feedback_ratings.comment_lang',
      'feedback_ratings.comment_state',
      'feedback_ratings.hidden_reason',
      'feedback_ratings.hidden_by',
      'feedback_ratings.public_reply',
      'feedback_ratings.public_reply_at',
      'feedback_ratings.public_reply_by',
      'feedback_ratings.created_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('feedback_answers')
        .select('score')
        .whereRef('feedback_answers.rating_id', '=', 'feedback_ratings.id')
        .where('driver', '=', 'satisfied')
        .limit(1)
        .as('satisfied'),
    )
    .where('comment_state', '!=', 'none');
  if (f.agencyIds) q = q.where('agency_id', 'in', f.agencyIds.length ? f.agencyIds : [-1]);
  if (f.serviceId) q = q.where('service_id', '=', f.serviceId);
  if (f.state) q = q.where('comment_state', '=', f.state);
  if (f.replied === 'yes') q = q.where('public_reply', 'is not', null);
  if (f.replied === 'no') q = q.where('public_reply', 'is', null);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

/** Visible comments with a published agency reply: what the public service page shows. */
export async function publicReplies(db: Executor, serviceId: number, limit: number) {
  return db
    .selectFrom('feedback_ratings')
    .select(['id', 'comment', 'comment_lang', 'public_reply', 'public_reply_lang', 'public_reply_at', 'created_at'])
    .where('service_id', '=', serviceId)
    .where('comment_state', '=', 'visible')
    .where('public_reply', 'is not', null)
    .orderBy('public_reply_at', 'desc')
    .limit(limit)
    .execute();
}

export async function updateRating(db: Executor, id: number, patch: Partial<Omit<RatingRow, 'id'>>) {
  return db.updateTable('feedback_ratings').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
