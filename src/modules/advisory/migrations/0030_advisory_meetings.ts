import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Advisory, second slice: the SLA alerts already sent (one per request, clock and kind, so a rerun of
// the sweep sends nothing twice), meetings with their attendees and minutes (actions become tasks),
// and comment authorship with the history of edits.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('advisory_sla_alerts'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('advisory_requests.id'))
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('advisory_sla_alerts_once', ['request_id', 'clock', 'kind'])
    .execute();

  await withId(db, db.schema.createTable('advisory_meetings'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('advisory_requests.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('online_url', 'text')
    .addColumn('agenda', 'text')
    .addColumn('minutes', 'text')
    .addColumn('decisions', 'text')
    .addColumn('minutes_by', 'text')
    .addColumn('minutes_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('advisory_meetings_request').on('advisory_meetings').columns(['request_id', 'starts_at']).execute();

  await withId(db, db.schema.createTable('advisory_meeting_attendees'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('advisory_meetings.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addUniqueConstraint('advisory_meeting_attendees_unique', ['meeting_id', 'user_id'])
    .execute();

  // A task that came out of a meeting's minutes names it.
  await db.schema
    .alterTable('advisory_tasks')
    .addColumn('meeting_id', 'integer', (c) => c.references('advisory_meetings.id'))
    .execute();

  // Who wrote a comment (only its author may edit it), when it was last edited, and what it said before.
  await db.schema
    .alterTable('advisory_comments')
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.alterTable('advisory_comments').addColumn('edited_at', 'text').execute();
  await withId(db, db.schema.createTable('advisory_comment_edits'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('advisory_comments.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('anchor', 'text')
    .addColumn('edited_by', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('advisory_comment_edits_comment').on('advisory_comment_edits').columns(['comment_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('advisory_comment_edits').ifExists().execute();
  await db.schema.alterTable('advisory_comments').dropColumn('edited_at').execute();
  await db.schema.alterTable('advisory_comments').dropColumn('author_user_id').execute();
  await db.schema.alterTable('advisory_tasks').dropColumn('meeting_id').execute();
  for (const t of ['advisory_meeting_attendees', 'advisory_meetings', 'advisory_sla_alerts'])
    await db.schema.dropTable(t).ifExists().execute();
}
