import { type Kysely, sql } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Training, fourth slice. A programme may ask for an assignment (a brief in both languages): an
// enrolled person (staff, or a member of the public through the signed link of their place) submits
// a text and optionally one PDF, and a trainer of the offering or the office accepts it or returns it
// with a comment; completion then needs it accepted. And a trainer can show a short code for a
// session, valid only around the session's time, with which an enrolled person marks their own
// attendance. And an agency's yearly targets gain an optional number of training hours per member
// of staff, and optional shares of staff trained on each track.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('training_programmes').addColumn('assignment_ar', 'text').execute();
  await db.schema.alterTable('training_programmes').addColumn('assignment_en', 'text').execute();

  await withId(db, db.schema.createTable('training_assignments'))
    .addColumn('enrolment_id', 'integer', (c) => c.unique().references('training_enrolments.id'))
    .addColumn('guest_id', 'integer', (c) => c.unique().references('training_guests.id'))
    .addColumn('offering_id', 'integer', (c) => c.notNull().references('training_offerings.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('file_key', 'text')
    .addColumn('file_name', 'text')
    .addColumn('file_size', 'integer')
    .addColumn('file_sha256', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addCheckConstraint('training_assignments_owner', sql`(enrolment_id is null) <> (guest_id is null)`)
    .execute();
  await db.schema.createIndex('training_assignments_offering').on('training_assignments').columns(['offering_id', 'id']).execute();

  await db.schema.alterTable('training_sessions').addColumn('code', 'text').execute();
  await db.schema.alterTable('training_sessions').addColumn('code_set_by', 'text').execute();

  await db.schema.alterTable('training_targets').addColumn('hours_per_employee', 'double precision').execute();
  await withId(db, db.schema.createTable('training_track_targets'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('track', 'text', (c) => c.notNull())
    .addColumn('target_pct', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('training_track_targets_unique', ['agency_id', 'year', 'track'])
    .execute();
}

/** Drops the targets by track and per employee, the assignments' records (their files stay in storage) and the session codes. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('training_track_targets').ifExists().execute();
  await db.schema.alterTable('training_targets').dropColumn('hours_per_employee').execute();
  await db.schema.dropTable('training_assignments').ifExists().execute();
  for (const column of ['code_set_by', 'code']) await db.schema.alterTable('training_sessions').dropColumn(column).execute();
  for (const column of ['assignment_en', 'assignment_ar']) await db.schema.alterTable('training_programmes').dropColumn(column).execute();
}
