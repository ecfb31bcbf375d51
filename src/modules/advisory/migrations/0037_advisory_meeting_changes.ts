import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Advisory, third slice: meetings rescheduled or cancelled (a revision number the calendar file
// carries, each earlier schedule kept with the reason it changed), minutes corrected after they were
// recorded (each earlier wording kept with the reason), and the lead advisor's summary at delivery,
// which the advisory report opens with.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('advisory_meetings')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const column of ['cancelled_at', 'cancelled_by', 'cancel_reason', 'minutes_edited_at'])
    await db.schema.alterTable('advisory_meetings').addColumn(column, 'text').execute();

  await withId(db, db.schema.createTable('advisory_meeting_versions'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('advisory_meetings.id'))
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('online_url', 'text')
    .addColumn('agenda', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('advisory_meeting_versions_once', ['meeting_id', 'sequence'])
    .execute();

  await withId(db, db.schema.createTable('advisory_minutes_edits'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('advisory_meetings.id'))
    .addColumn('minutes', 'text', (c) => c.notNull())
    .addColumn('decisions', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('edited_by', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('advisory_minutes_edits_meeting').on('advisory_minutes_edits').columns(['meeting_id', 'id']).execute();

  await db.schema.alterTable('advisory_requests').addColumn('summary', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('advisory_requests').dropColumn('summary').execute();
  await db.schema.dropTable('advisory_minutes_edits').ifExists().execute();
  await db.schema.dropTable('advisory_meeting_versions').ifExists().execute();
  for (const column of ['minutes_edited_at', 'cancel_reason', 'cancelled_by', 'cancelled_at', 'sequence'])
    await db.schema.alterTable('advisory_meetings').dropColumn(column).execute();
}
