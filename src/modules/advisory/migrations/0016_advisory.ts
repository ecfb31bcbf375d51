import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Advisory: the advisory team (people with the advisor role and their home agencies), agencies'
// requests with their "more information" pauses, assignments (with recorded conflict exceptions),
// the workspace's documents (versioned), comments and tasks, and the findings register with responses and follow-ups.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('advisory_advisors'))
    .addColumn('user_id', 'integer', (c) => c.notNull().unique().references('users.id'))
    .addColumn('home_agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('advisory_requests'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('service_ids', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('initiative_ids', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text')
    .addColumn('decline_reason', 'text')
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('first_response_at', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('satisfaction', 'integer')
    .addColumn('closure_comment', 'text')
    .addColumn('anonymised', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('advisory_requests_agency').on('advisory_requests').columns(['agency_id', 'status']).execute();
  await db.schema.createIndex('advisory_requests_status').on('advisory_requests').columns(['status', 'submitted_at']).execute();

  await withId(db, db.schema.createTable('advisory_pauses'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('advisory_requests.id'))
    .addColumn('from_at', 'text', (c) => c.notNull())
    .addColumn('to_at', 'text')
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .execute();
  await db.schema.createIndex('advisory_pauses_request').on('advisory_pauses').column('request_id').execute();

  await withId(db, db.schema.createTable('advisory_assignments'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('advisory_requests.id'))
    .addColumn('advisor_id', 'integer', (c) => c.notNull().references('advisory_advisors.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('exception_reason', 'text')
    .addColumn('assigned_by', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('advisory_assignments_unique', ['request_id', 'advisor_id'])
    .execute();
  await db.schema.createIndex('advisory_assignments_advisor').on('advisory_assignments').column('advisor_id').execute();

  await withId(db, db.schema.createTable('advisory_comments'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('advisory_requests.id'))
    .addColumn('parent_id', 'integer', (c) => c.references('advisory_comments.id'))
    .addColumn('anchor', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('advisory_comments_request').on('advisory_comments').columns(['request_id', 'id']).execute();

  await withId(db, db.schema.createTable('advisory_tasks'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('advisory_requests.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_advisor_id', 'integer', (c) => c.references('advisory_advisors.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('advisory_tasks_request').on('advisory_tasks').column('request_id').execute();

  await withId(db, db.schema.createTable('advisory_findings'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('advisory_requests.id'))
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('recommendation', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('response_reason', 'text')
    .addColumn('due_on', 'text')
    .addColumn('responded_at', 'text')
    .addColumn('followup_closed_at', 'text')
    .addColumn('followup_note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('advisory_findings_request').on('advisory_findings').column('request_id').execute();
  await withId(db, db.schema.createTable('advisory_documents'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('advisory_requests.id'))
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('supersedes_id', 'integer', (c) => c.unique().references('advisory_documents.id'))
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('ext', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('advisory_documents_request').on('advisory_documents').column('request_id').execute();

  await db.schema.createIndex('advisory_findings_severity').on('advisory_findings').columns(['severity', 'response']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'advisory_documents',
    'advisory_findings',
    'advisory_tasks',
    'advisory_comments',
    'advisory_assignments',
    'advisory_pauses',
    'advisory_requests',
    'advisory_advisors',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
