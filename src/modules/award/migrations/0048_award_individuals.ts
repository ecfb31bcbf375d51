import { type Kysely, sql } from 'kysely';
import { isPostgres, withId } from '../../../platform/db/migration-helpers.ts';

// Individuals nominate themselves or others for the branches that take people (individual and
// team), after proving their email with a one-time code: an entrant is that proven address for one
// edition, and their nominations have no nominating agency. So a nomination's agency becomes
// optional and a nomination may name its entrant instead (exactly one of the two, checked by the
// service). SQLite cannot drop NOT NULL from a column: the table is rebuilt with the same columns,
// keys and indexes, foreign keys off while it is swapped (its dependants keep pointing at it by name)
// and checked after.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('award_entrants'))
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('award_cycles.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text')
    .addColumn('code_expires_at', 'text')
    .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('verified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('award_entrants_unique', ['cycle_id', 'email'])
    .execute();

  if (isPostgres(db)) {
    await db.schema
      .alterTable('award_nominations')
      .alterColumn('agency_id', (c) => c.dropNotNull())
      .execute();
    await db.schema
      .alterTable('award_nominations')
      .addColumn('entrant_id', 'integer', (c) => c.references('award_entrants.id'))
      .execute();
  } else {
    await sql`PRAGMA foreign_keys = OFF`.execute(db);
    try {
      await db.transaction().execute(async (trx) => {
        await withId(trx, trx.schema.createTable('award_nominations_next'))
          .addColumn('cycle_id', 'integer', (c) => c.notNull().references('award_cycles.id'))
          .addColumn('branch_id', 'integer', (c) => c.notNull().references('award_branches.id'))
          .addColumn('agency_id', 'integer', (c) => c.references('agencies.id'))
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('title_ar', 'text', (c) => c.notNull())
          .addColumn('title_en', 'text', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .addColumn('nominee_name', 'text')
          .addColumn('service_id', 'integer')
          .addColumn('evidence_json', 'text')
          .addColumn('screening', 'text', (c) => c.notNull())
          .addColumn('screening_reason', 'text')
          .addColumn('screened_by', 'text')
          .addColumn('screened_at', 'text')
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('submitted_at', 'text')
          .addColumn('withdrawn_at', 'text')
          .addColumn('entrant_id', 'integer', (c) => c.references('award_entrants.id'))
          .execute();
        await sql`INSERT INTO award_nominations_next (id, cycle_id, branch_id, agency_id, status, title_ar, title_en, summary,
          nominee_name, service_id, evidence_json, screening, screening_reason, screened_by, screened_at, created_by, created_at,
          updated_at, submitted_at, withdrawn_at)
          SELECT id, cycle_id, branch_id, agency_id, status, title_ar, title_en, summary, nominee_name, service_id, evidence_json,
          screening, screening_reason, screened_by, screened_at, created_by, created_at, updated_at, submitted_at, withdrawn_at
          FROM award_nominations`.execute(trx);
        await trx.schema.dropTable('award_nominations').execute();
        await trx.schema.alterTable('award_nominations_next').renameTo('award_nominations').execute();
        await trx.schema.createIndex('award_nominations_cycle').on('award_nominations').columns(['cycle_id', 'branch_id']).execute();
        await trx.schema.createIndex('award_nominations_agency').on('award_nominations').column('agency_id').execute();
        const broken = await sql`PRAGMA foreign_key_check`.execute(trx);
        if (broken.rows.length) throw new Error(`award_nominations rebuild broke ${broken.rows.length} foreign keys`);
      });
    } finally {
      await sql`PRAGMA foreign_keys = ON`.execute(db);
    }
  }
  await db.schema.createIndex('award_nominations_entrant').on('award_nominations').column('entrant_id').execute();
}

/**
 * Drops the entrants and their nominations' link (their nominations go with them: restore a backup
 * to keep them). A nomination's agency stays optional: a looser column breaks nothing older. SQLite
 * cannot drop a column under a foreign key, so there the link stays, empty.
 */
export async function down(db: Kysely<any>): Promise<void> {
  const individual = db.selectFrom('award_nominations').select('id').where('entrant_id', 'is not', null);
  for (const t of ['award_discussion', 'award_reviews', 'award_decisions', 'award_conflicts'])
    await db.deleteFrom(t).where('nomination_id', 'in', individual).execute();
  await db.deleteFrom('award_nominations').where('entrant_id', 'is not', null).execute();
  await db.schema.dropIndex('award_nominations_entrant').ifExists().execute();
  if (isPostgres(db)) await db.schema.alterTable('award_nominations').dropColumn('entrant_id').execute();
  await db.schema.dropTable('award_entrants').ifExists().execute();
}
