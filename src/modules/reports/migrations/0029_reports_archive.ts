import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// The leadership report: its schedule, the addresses the office adds to its recipients, and the
// archive of generated reports with the data each was built from (one per period).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reports_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('reports_recipients'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('reports_archive'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('generated_by', 'text', (c) => c.notNull())
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addUniqueConstraint('reports_archive_period', ['period_key'])
    .execute();
  await db.schema.createIndex('reports_archive_from').on('reports_archive').columns(['period_from']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
