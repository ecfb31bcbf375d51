import { type Kysely, sql } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Training: programmes with their completion criteria and question bank, offerings with sessions,
// trainers and a seat counter, enrolments (approval, waitlist, completion), attendance, assessment
// attempts, and agencies' yearly targets.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('training_programmes'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title_ar', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('description_ar', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('track', 'text', (c) => c.notNull())
    .addColumn('hours', 'double precision', (c) => c.notNull())
    .addColumn('delivery_mode', 'text', (c) => c.notNull())
    .addColumn('min_attendance_pct', 'integer', (c) => c.notNull())
    .addColumn('pass_mark_pct', 'integer')
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('questions_per_attempt', 'integer', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('training_questions'))
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('training_programmes.id'))
    .addColumn('text_ar', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('options_json', 'text', (c) => c.notNull())
    .addColumn('correct_index', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_questions_programme').on('training_questions').column('programme_id').execute();

  await withId(db, db.schema.createTable('training_offerings'))
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('training_programmes.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('location_ar', 'text')
    .addColumn('location_en', 'text')
    .addColumn('online_url', 'text')
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('seats_taken', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('waitlist_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('training_offerings_seats', sql`seats_taken >= 0 and seats_taken <= capacity`)
    .execute();
  await db.schema.createIndex('training_offerings_programme').on('training_offerings').columns(['programme_id', 'starts_on']).execute();

  await withId(db, db.schema.createTable('training_sessions'))
    .addColumn('offering_id', 'integer', (c) => c.notNull().references('training_offerings.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_sessions_offering').on('training_sessions').columns(['offering_id', 'starts_at']).execute();

  await withId(db, db.schema.createTable('training_trainers'))
    .addColumn('offering_id', 'integer', (c) => c.notNull().references('training_offerings.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addUniqueConstraint('training_trainers_unique', ['offering_id', 'user_id'])
    .execute();

  await withId(db, db.schema.createTable('training_enrolments'))
    .addColumn('offering_id', 'integer', (c) => c.notNull().references('training_offerings.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('waitlist_position', 'integer')
    .addColumn('nominated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('completion_basis', 'text')
    .addColumn('completion_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('training_enrolments_unique', ['offering_id', 'user_id'])
    .execute();
  await db.schema.createIndex('training_enrolments_status').on('training_enrolments').columns(['offering_id', 'status']).execute();
  await db.schema.createIndex('training_enrolments_agency').on('training_enrolments').columns(['agency_id', 'status']).execute();
  await db.schema.createIndex('training_enrolments_user').on('training_enrolments').column('user_id').execute();

  await withId(db, db.schema.createTable('training_attendance'))
    .addColumn('session_id', 'integer', (c) => c.notNull().references('training_sessions.id'))
    .addColumn('enrolment_id', 'integer', (c) => c.notNull().references('training_enrolments.id'))
    .addColumn('present', 'integer', (c) => c.notNull())
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('training_attendance_unique', ['session_id', 'enrolment_id'])
    .execute();
  await db.schema.createIndex('training_attendance_enrolment').on('training_attendance').column('enrolment_id').execute();

  await withId(db, db.schema.createTable('training_attempts'))
    .addColumn('enrolment_id', 'integer', (c) => c.notNull().references('training_enrolments.id'))
    .addColumn('question_ids', 'text', (c) => c.notNull())
    .addColumn('correct', 'integer')
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('passed', 'integer')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .execute();
  await db.schema.createIndex('training_attempts_enrolment').on('training_attempts').column('enrolment_id').execute();

  await withId(db, db.schema.createTable('training_targets'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('target_pct', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('training_targets_unique', ['agency_id', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'training_targets',
    'training_attempts',
    'training_attendance',
    'training_enrolments',
    'training_trainers',
    'training_sessions',
    'training_offerings',
    'training_questions',
    'training_programmes',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
