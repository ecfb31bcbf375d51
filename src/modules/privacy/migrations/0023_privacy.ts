import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// The privacy office's records: people's verification codes, data subject requests and their
// history, retention periods set by the office, nightly purge reports (counts only), and breaches.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('privacy_verifications'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('verified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('privacy_verifications_created').on('privacy_verifications').column('created_at').execute();

  await withId(db, db.schema.createTable('privacy_requests'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('record_ref', 'text')
    .addColumn('details', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('outcome_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('privacy_requests_status').on('privacy_requests').columns(['status', 'due_at']).execute();

  await withId(db, db.schema.createTable('privacy_request_events'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('privacy_requests.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('privacy_request_events_request').on('privacy_request_events').column('request_id').execute();

  await db.schema
    .createTable('privacy_retention')
    .addColumn('kind', 'text', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('privacy_purge_runs'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text')
    .addColumn('counts_json', 'text', (c) => c.notNull())
    .addColumn('cutoffs_json', 'text', (c) => c.notNull())
    .addColumn('files', 'integer', (c) => c.notNull())
    .addColumn('ran_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('privacy_purge_runs_ran').on('privacy_purge_runs').column('ran_at').execute();

  await withId(db, db.schema.createTable('privacy_breaches'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('discovered_on', 'text', (c) => c.notNull())
    .addColumn('data_kinds', 'text', (c) => c.notNull())
    .addColumn('affected', 'integer', (c) => c.notNull())
    .addColumn('authority_notified_on', 'text')
    .addColumn('subjects_notified_on', 'text')
    .addColumn('measures', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
