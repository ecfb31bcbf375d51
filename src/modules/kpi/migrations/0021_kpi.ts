import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Service performance data: each live service's monthly transactions by channel, online journeys
// started and completed, and cost; every version of a month kept; files uploaded for import.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('kpi_figures'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('web', 'bigint', (c) => c.notNull())
    .addColumn('app', 'bigint', (c) => c.notNull())
    .addColumn('kiosk', 'bigint', (c) => c.notNull())
    .addColumn('call_centre', 'bigint', (c) => c.notNull())
    .addColumn('service_centre', 'bigint', (c) => c.notNull())
    .addColumn('started', 'bigint', (c) => c.notNull())
    .addColumn('completed', 'bigint', (c) => c.notNull())
    .addColumn('total_cost', 'double precision')
    .addColumn('cost_includes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('kpi_figures_service_month', ['service_id', 'month'])
    .execute();
  await db.schema.createIndex('kpi_figures_month').on('kpi_figures').columns(['month', 'agency_id']).execute();
  await db.schema.createIndex('kpi_figures_agency').on('kpi_figures').columns(['agency_id', 'month']).execute();

  await withId(db, db.schema.createTable('kpi_figure_versions'))
    .addColumn('figure_id', 'integer', (c) => c.notNull().references('kpi_figures.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('values_json', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('kpi_figure_versions_figure', ['figure_id', 'version'])
    .execute();

  await withId(db, db.schema.createTable('kpi_uploads'))
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('committed_at', 'text')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
