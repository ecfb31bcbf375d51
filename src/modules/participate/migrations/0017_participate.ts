import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Public consultations: the consultation, its draft and final text as numbered articles, its
// questions, the participants who verified an email, their comments (kept as written), votes per
// article, reports and moderation steps.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('participate_consultations'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('title_ar', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('summary_ar', 'text', (c) => c.notNull())
    .addColumn('summary_en', 'text', (c) => c.notNull())
    .addColumn('source_format', 'text', (c) => c.notNull())
    .addColumn('source_text', 'text', (c) => c.notNull())
    .addColumn('final_text', 'text')
    .addColumn('report_ar', 'text')
    .addColumn('report_en', 'text')
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema.createIndex('participate_consultations_agency').on('participate_consultations').column('agency_id').execute();
  await db.schema.createIndex('participate_consultations_status').on('participate_consultations').columns(['status', 'opens_on']).execute();

  await withId(db, db.schema.createTable('participate_articles'))
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('participate_consultations.id'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addUniqueConstraint('participate_articles_position', ['consultation_id', 'version', 'position'])
    .execute();

  await withId(db, db.schema.createTable('participate_questions'))
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('participate_consultations.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text_ar', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addUniqueConstraint('participate_questions_position', ['consultation_id', 'position'])
    .execute();

  await withId(db, db.schema.createTable('participate_participants'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text')
    .addColumn('code_expires_at', 'text')
    .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('verified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('participate_comments'))
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('participate_consultations.id'))
    .addColumn('article_id', 'integer', (c) => c.references('participate_articles.id'))
    .addColumn('question_id', 'integer', (c) => c.references('participate_questions.id'))
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participate_participants.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('display', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reports', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('moderation_reason', 'text')
    .addColumn('disposition', 'text')
    .addColumn('disposition_reason', 'text')
    .addColumn('disposed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('participate_comments_consultation').on('participate_comments').columns(['consultation_id', 'id']).execute();
  await db.schema.createIndex('participate_comments_article').on('participate_comments').column('article_id').execute();
  await db.schema.createIndex('participate_comments_participant').on('participate_comments').column('participant_id').execute();

  await withId(db, db.schema.createTable('participate_votes'))
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('participate_consultations.id'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('participate_articles.id'))
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participate_participants.id'))
    .addColumn('stance', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('participate_votes_once', ['article_id', 'participant_id'])
    .execute();
  await db.schema.createIndex('participate_votes_consultation').on('participate_votes').column('consultation_id').execute();

  await withId(db, db.schema.createTable('participate_reports'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('participate_comments.id'))
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participate_participants.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('participate_reports_once', ['comment_id', 'participant_id'])
    .execute();

  await withId(db, db.schema.createTable('participate_moderation'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('participate_comments.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('participate_moderation_comment').on('participate_moderation').column('comment_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'participate_moderation',
    'participate_reports',
    'participate_votes',
    'participate_comments',
    'participate_participants',
    'participate_questions',
    'participate_articles',
    'participate_consultations',
  ])
    await db.schema.dropTable(t).execute();
}
