import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { SplitArticle } from './articles.ts';
import type {
  ParticipateCommentsTable,
  ParticipateConsultationsTable,
  ParticipateParticipantsTable,
  TextVersion,
} from './participate.tables.ts';

// The participate module's queries. Only this module reads its tables.

export type ConsultationRow = Selectable<ParticipateConsultationsTable>;
export type CommentRow = Selectable<ParticipateCommentsTable>;
export type ParticipantRow = Selectable<ParticipateParticipantsTable>;

export const findConsultation = (db: Executor, id: number) =>
  db.selectFrom('participate_consultations').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertConsultation(
  db: Executor,
  values: Omit<Insertable<ParticipateConsultationsTable>, 'created_at' | 'updated_at'>,
): Promise<ConsultationRow> {
  const now = nowIso();
  return db
    .insertInto('participate_consultations')
    .values({ ...values, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const updateConsultation = (db: Executor, id: number, values: Updateable<ParticipateConsultationsTable>) =>
  db
    .updateTable('participate_consultations')
    .set({ ...values, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** Consultations, newest period first: of some agencies, or every one (`agencyIds` null), or only those the public sees. */
export function listConsultations(db: Executor, f: { agencyIds?: number[] | null; publicOnly?: boolean }) {
  let q = db.selectFrom('participate_consultations').selectAll();
  if (f.agencyIds) q = f.agencyIds.length ? q.where('agency_id', 'in', f.agencyIds) : q.where('id', '<', 0);
  if (f.publicOnly) q = q.where('status', '!=', 'draft');
  return q.orderBy('opens_on', 'desc').orderBy('id', 'desc').execute();
}

/** Replaces one version of a consultation's articles. */
export async function replaceArticles(db: Executor, consultationId: number, version: TextVersion, articles: SplitArticle[]) {
  await db.deleteFrom('participate_articles').where('consultation_id', '=', consultationId).where('version', '=', version).execute();
  for (let i = 0; i < articles.length; i += 200)
    await db
      .insertInto('participate_articles')
      .values(articles.slice(i, i + 200).map((a, k) => ({ consultation_id: consultationId, version, position: i + k + 1, ...a })))
      .execute();
}

export const listArticles = (db: Executor, consultationId: number, version: TextVersion) =>
  db
    .selectFrom('participate_articles')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .where('version', '=', version)
    .orderBy('position')
    .execute();

export const findArticle = (db: Executor, id: number) =>
  db.selectFrom('participate_articles').selectAll().where('id', '=', id).executeTakeFirst();

export async function replaceQuestions(db: Executor, consultationId: number, questions: { text_ar: string; text_en: string }[]) {
  await db.deleteFrom('participate_questions').where('consultation_id', '=', consultationId).execute();
  if (questions.length)
    await db
      .insertInto('participate_questions')
      .values(questions.map((q, i) => ({ consultation_id: consultationId, position: i + 1, ...q })))
      .execute();
}

/** Replaces the catalog services a consultation concerns. */
export async function replaceServiceLinks(db: Executor, consultationId: number, links: { service_id: number; identifier: string }[]) {
  await db.deleteFrom('participate_consultation_services').where('consultation_id', '=', consultationId).execute();
  if (links.length)
    await db
      .insertInto('participate_consultation_services')
      .values(links.map((l) => ({ consultation_id: consultationId, ...l })))
      .execute();
}

export const listServiceLinks = (db: Executor, consultationId: number) =>
  db.selectFrom('participate_consultation_services').selectAll().where('consultation_id', '=', consultationId).orderBy('id').execute();

/** Replaces the plan initiatives a consultation concerns (codes already checked). */
export async function replaceInitiativeLinks(db: Executor, consultationId: number, codes: string[]) {
  await db.deleteFrom('participate_consultation_initiatives').where('consultation_id', '=', consultationId).execute();
  if (codes.length)
    await db
      .insertInto('participate_consultation_initiatives')
      .values(codes.map((code) => ({ consultation_id: consultationId, code })))
      .execute();
}

/** The codes of the plan initiatives a consultation concerns, in the order written. */
export const listInitiativeLinks = async (db: Executor, consultationId: number) =>
  (
    await db
      .selectFrom('participate_consultation_initiatives')
      .select('code')
      .where('consultation_id', '=', consultationId)
      .orderBy('id')
      .execute()
  ).map((r) => r.code);

export const listQuestions = (db: Executor, consultationId: number) =>
  db.selectFrom('participate_questions').selectAll().where('consultation_id', '=', consultationId).orderBy('position').execute();

export const findQuestion = (db: Executor, id: number) =>
  db.selectFrom('participate_questions').selectAll().where('id', '=', id).executeTakeFirst();

export const findParticipant = (db: Executor, id: number) =>
  db.selectFrom('participate_participants').selectAll().where('id', '=', id).executeTakeFirst();

export const findParticipantByEmail = (db: Executor, email: string) =>
  db.selectFrom('participate_participants').selectAll().where('email', '=', email).executeTakeFirst();

export const updateParticipant = (db: Executor, id: number, values: Updateable<ParticipateParticipantsTable>) =>
  db.updateTable('participate_participants').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

/** The participant with this address, made if there is none (one row per address, whoever asks first). */
export async function ensureParticipant(db: Executor, email: string, name: string, locale: 'ar' | 'en'): Promise<ParticipantRow> {
  await db
    .insertInto('participate_participants')
    .values({ email, name, locale, code_attempts: 0, created_at: nowIso() })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  return (await findParticipantByEmail(db, email)) as ParticipantRow;
}

export const findComment = (db: Executor, id: number) =>
  db.selectFrom('participate_comments').selectAll().where('id', '=', id).executeTakeFirst();

export const insertComment = (db: Executor, values: Omit<Insertable<ParticipateCommentsTable>, 'created_at'>, at: string) =>
  db
    .insertInto('participate_comments')
    .values({ ...values, created_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();

export const updateComment = (db: Executor, id: number, values: Updateable<ParticipateCommentsTable>) =>
  db.updateTable('participate_comments').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

/** A consultation's comments with their authors (for the agency: names and addresses), oldest first, a page at a time. */
export function listComments(
  db: Executor,
  consultationId: number,
  f: { statuses?: string[]; undisposed?: boolean; participantId?: number; limit?: number; offset?: number } = {},
) {
  let q = db
    .selectFrom('participate_comments as c')
    .innerJoin('participate_participants as p', 'p.id', 'c.participant_id')
    .selectAll('c')
    .select(['p.name as author_name', 'p.email as author_email'])
    .where('c.consultation_id', '=', consultationId);
  if (f.statuses) q = q.where('c.status', 'in', f.statuses as CommentRow['status'][]);
  if (f.undisposed) q = q.where('c.disposition', 'is', null);
  if (f.participantId !== undefined) q = q.where('c.participant_id', '=', f.participantId);
  q = q.orderBy('c.id');
  if (f.limit !== undefined) q = q.limit(f.limit).offset(f.offset ?? 0);
  return q.execute();
}

export async function countComments(db: Executor, consultationId: number, f: { undisposed?: boolean } = {}): Promise<number> {
  let q = db
    .selectFrom('participate_comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('consultation_id', '=', consultationId);
  if (f.undisposed) q = q.where('disposition', 'is', null);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Comments by disposition (null: none yet) of one consultation. */
export const dispositionCounts = (db: Executor, consultationId: number) =>
  db
    .selectFrom('participate_comments')
    .select(['disposition', (eb) => eb.fn.countAll<number>().as('n')])
    .where('consultation_id', '=', consultationId)
    .groupBy('disposition')
    .execute();

/** Agree and disagree counts per article of one consultation. */
export const voteCounts = (db: Executor, consultationId: number) =>
  db
    .selectFrom('participate_votes')
    .select(['article_id', 'stance', (eb) => eb.fn.countAll<number>().as('n')])
    .where('consultation_id', '=', consultationId)
    .groupBy(['article_id', 'stance'])
    .execute();

export const participantVotes = (db: Executor, consultationId: number, participantId: number) =>
  db
    .selectFrom('participate_votes')
    .select(['article_id', 'stance'])
    .where('consultation_id', '=', consultationId)
    .where('participant_id', '=', participantId)
    .execute();

export const insertModeration = (
  db: Executor,
  values: { comment_id: number; action: 'hidden_by_reports' | 'hide' | 'restore' | 'remove'; reason: string; actor_label: string },
) =>
  db
    .insertInto('participate_moderation')
    .values({ ...values, at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();

export const listModeration = (db: Executor, commentIds: number[]) =>
  commentIds.length
    ? db.selectFrom('participate_moderation').selectAll().where('comment_id', 'in', commentIds).orderBy('id').execute()
    : Promise.resolve([]);

/** The page of the full comment queue (oldest first) a comment is on. */
export async function queuePageOf(db: Executor, comment: { id: number; consultation_id: number }, pageSize: number): Promise<number> {
  const r = await db
    .selectFrom('participate_comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('consultation_id', '=', comment.consultation_id)
    .where('id', '<', comment.id)
    .executeTakeFirstOrThrow();
  return Math.floor(Number(r.n) / pageSize) + 1;
}

/** Comments per article (the whole text and questions under null) of one consultation. */
export const commentsPerArticle = (db: Executor, consultationId: number) =>
  db
    .selectFrom('participate_comments')
    .select(['article_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('consultation_id', '=', consultationId)
    .groupBy('article_id')
    .execute();

/** Comments per target of one consultation: article, question, or neither (the whole text). */
export const commentsPerTarget = (db: Executor, consultationId: number) =>
  db
    .selectFrom('participate_comments')
    .select(['article_id', 'question_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('consultation_id', '=', consultationId)
    .groupBy(['article_id', 'question_id'])
    .execute();

/** People who commented on or voted in one consultation. */
export async function countParticipants(db: Executor, consultationId: number): Promise<number> {
  const r = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('participate_comments')
        .select('participant_id')
        .where('consultation_id', '=', consultationId)
        .union(eb.selectFrom('participate_votes').select('participant_id').where('consultation_id', '=', consultationId))
        .as('x'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** What a public comment is on: an article, a question, or neither (the whole text). */
export interface CommentTarget {
  article_id: number | null;
  question_id: number | null;
}

/** Visible comments per target and disposition (null: none yet) of one consultation. */
export const visibleCounts = (db: Executor, consultationId: number) =>
  db
    .selectFrom('participate_comments')
    .select(['article_id', 'question_id', 'disposition', (eb) => eb.fn.countAll<number>().as('n')])
    .where('consultation_id', '=', consultationId)
    .where('status', '=', 'visible')
    .groupBy(['article_id', 'question_id', 'disposition'])
    .execute();

/** The latest `n` visible comments on each target of one consultation with their authors' names, newest first. */
export function latestVisible(db: Executor, consultationId: number, n: number) {
  const ranked = db
    .selectFrom('participate_comments')
    .select(['id', sql<number>`row_number() over (partition by article_id, question_id order by id desc)`.as('rn')])
    .where('consultation_id', '=', consultationId)
    .where('status', '=', 'visible');
  return db
    .selectFrom('participate_comments as c')
    .innerJoin(ranked.as('r'), 'r.id', 'c.id')
    .innerJoin('participate_participants as p', 'p.id', 'c.participant_id')
    .selectAll('c')
    .select('p.name as author_name')
    .where('r.rn', '<=', n)
    .orderBy('c.id', 'desc')
    .execute();
}

/** Visible comments on one target of a consultation, in the order they were written, a page at a time. */
export function visibleOn(db: Executor, consultationId: number, target: CommentTarget, limit: number, offset: number) {
  return db
    .selectFrom('participate_comments as c')
    .innerJoin('participate_participants as p', 'p.id', 'c.participant_id')
    .selectAll('c')
    .select('p.name as author_name')
    .where('c.consultation_id', '=', consultationId)
    .where('c.status', '=', 'visible')
    .where('c.article_id', target.article_id === null ? 'is' : '=', target.article_id)
    .where('c.question_id', target.question_id === null ? 'is' : '=', target.question_id)
    .orderBy('c.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Visible comments on one target by disposition (null: none yet). */
export const visibleCountsOn = (db: Executor, consultationId: number, target: CommentTarget) =>
  db
    .selectFrom('participate_comments')
    .select(['disposition', (eb) => eb.fn.countAll<number>().as('n')])
    .where('consultation_id', '=', consultationId)
    .where('status', '=', 'visible')
    .where('article_id', target.article_id === null ? 'is' : '=', target.article_id)
    .where('question_id', target.question_id === null ? 'is' : '=', target.question_id)
    .groupBy('disposition')
    .execute();
