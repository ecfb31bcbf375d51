import type { Kysely } from 'kysely';

// A milestone may be completed by the catalog ("service X is live"), with the publication kept as its
// evidence; an initiative names its sponsor, the agencies that take part besides its owner and the
// initiatives it depends on (ids, comma-separated, as its catalog services are).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plan_milestones').addColumn('auto_service_id', 'integer').execute();
  await db.schema.alterTable('plan_milestones').addColumn('evidence_json', 'text').execute();
  await db.schema.alterTable('plan_initiatives').addColumn('sponsor_ar', 'text').execute();
  await db.schema.alterTable('plan_initiatives').addColumn('sponsor_en', 'text').execute();
  await db.schema
    .alterTable('plan_initiatives')
    .addColumn('partner_agency_ids', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('plan_initiatives')
    .addColumn('depends_on_ids', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('plan_milestones_auto_service').on('plan_milestones').column('auto_service_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
