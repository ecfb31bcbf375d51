import type { Kysely } from 'kysely';

// The national status page's 90-day history, materialised: checks summed per agency and local day
// for days that have ended (agency 0 holds the nation's sum and marks the day as computed). A
// result recorded late for an ended day deletes that day's rows in its transaction, so the next
// read sums it again. Incidents also keep the "service restored" announcement drafted on closing.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('availability_day_totals')
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('up', 'bigint', (c) => c.notNull())
    .addColumn('down', 'bigint', (c) => c.notNull())
    .addColumn('planned', 'bigint', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('availability_day_totals_pk', ['date', 'agency_id'])
    .execute();
  await db.schema.alterTable('availability_incidents').addColumn('restored_announcement_id', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('availability_incidents').dropColumn('restored_announcement_id').execute();
  await db.schema.dropTable('availability_day_totals').execute();
}
