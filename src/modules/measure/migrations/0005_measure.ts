import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Measurement: frameworks (versioned JSON), rounds, participating agencies, answers with their
// evidence and history, and the results frozen when a round is finalised.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('measure_frameworks'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('definition_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addUniqueConstraint('measure_frameworks_key_version', ['key', 'version'])
    .execute();

  await withId(db, db.schema.createTable('measure_rounds'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('framework_id', 'integer', (c) => c.notNull().references('measure_frameworks.id'))
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('reminder_days', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('finalised_at', 'text')
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('measure_rounds_status').on('measure_rounds').columns(['status', 'closes_at']).execute();
  await db.schema.createIndex('measure_rounds_framework').on('measure_rounds').column('framework_id').execute();

  await withId(db, db.schema.createTable('measure_participants'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('measure_rounds.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('signed_off_by', 'text')
    .addColumn('signed_off_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submissions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('measure_participants_unique', ['round_id', 'agency_id'])
    .execute();
  await db.schema.createIndex('measure_participants_agency').on('measure_participants').column('agency_id').execute();

  await withId(db, db.schema.createTable('measure_answers'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('measure_rounds.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('question_key', 'text', (c) => c.notNull())
    .addColumn('value_json', 'text')
    .addColumn('na', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comment', 'text')
    .addColumn('auto_json', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('review_value_json', 'text')
    .addColumn('review_na', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('review_reason', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('response', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('measure_answers_unique', ['round_id', 'agency_id', 'question_key'])
    .execute();
  await db.schema.createIndex('measure_answers_round_status').on('measure_answers').columns(['round_id', 'status']).execute();

  await withId(db, db.schema.createTable('measure_evidence'))
    .addColumn('answer_id', 'integer', (c) => c.notNull().references('measure_answers.id'))
    .addColumn('round_id', 'integer', (c) => c.notNull())
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('measure_evidence_answer').on('measure_evidence').column('answer_id').execute();
  await db.schema.createIndex('measure_evidence_round_agency').on('measure_evidence').columns(['round_id', 'agency_id']).execute();

  await withId(db, db.schema.createTable('measure_answer_events'))
    .addColumn('answer_id', 'integer', (c) => c.notNull().references('measure_answers.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail_json', 'text')
    .addColumn('actor_label', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('measure_answer_events_answer').on('measure_answer_events').column('answer_id').execute();

  await withId(db, db.schema.createTable('measure_results'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('measure_rounds.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('agency_code', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision')
    .addColumn('display', 'double precision')
    .addColumn('score_text', 'text')
    .addColumn('rank', 'integer')
    .addColumn('stage_key', 'text')
    .addColumn('nodes_json', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('measure_results_unique', ['round_id', 'agency_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
