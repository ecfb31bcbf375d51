import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// The risks and issues register of each initiative: likelihood × impact, owner, mitigation, status and
// the score it had before its last change (so the follow-up sees which risks rose).

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('plan_risks'))
    .addColumn('initiative_id', 'integer', (c) => c.notNull().references('plan_initiatives.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('likelihood', 'integer', (c) => c.notNull())
    .addColumn('impact', 'integer', (c) => c.notNull())
    .addColumn('previous_score', 'integer')
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('mitigation', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('review_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_risks_initiative').on('plan_risks').columns(['initiative_id', 'status']).execute();
  await db.schema.createIndex('plan_risks_agency').on('plan_risks').column('agency_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
