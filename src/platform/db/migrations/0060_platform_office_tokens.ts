import { type Kysely, sql } from 'kysely';
import { isPostgres, withId } from '../migration-helpers.ts';

// The program office's own API tokens (issue 13): a token without an agency acts for the office,
// across agencies, where the routes allow the office to (agencies, catalog import, measurement
// answers on behalf of an agency). So api_tokens.agency_id becomes optional; only a program
// administrator issues such a token (the service checks). SQLite cannot drop NOT NULL from a
// column: the table is rebuilt with the same columns, keys and index, foreign keys off while it is
// swapped (nothing references api_tokens) and checked after.

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await db.schema
      .alterTable('api_tokens')
      .alterColumn('agency_id', (c) => c.dropNotNull())
      .execute();
    return;
  }
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await withId(trx, trx.schema.createTable('api_tokens_next'))
        .addColumn('agency_id', 'integer', (c) => c.references('agencies.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull().unique())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`INSERT INTO api_tokens_next (id, agency_id, name, prefix, token_hash, scopes, created_by, created_at, expires_at,
        last_used_at, revoked_at, revoked)
        SELECT id, agency_id, name, prefix, token_hash, scopes, created_by, created_at, expires_at, last_used_at, revoked_at, revoked
        FROM api_tokens`.execute(trx);
      await trx.schema.dropTable('api_tokens').execute();
      await trx.schema.alterTable('api_tokens_next').renameTo('api_tokens').execute();
      await trx.schema.createIndex('api_tokens_agency').on('api_tokens').column('agency_id').execute();
      const broken = await sql`PRAGMA foreign_key_check`.execute(trx);
      if (broken.rows.length) throw new Error(`api_tokens rebuild broke ${broken.rows.length} foreign keys`);
    });
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

/** Revokes nothing and deletes nothing: an optional agency breaks no older code that never reads office tokens. */
export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
