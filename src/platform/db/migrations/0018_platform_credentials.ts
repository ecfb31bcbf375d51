import type { Kysely } from 'kysely';
import { withId } from '../migration-helpers.ts';

/**
 * Verifiable credentials (Open Badges 3.0) the program issues — award certificates, training
 * certificates — and the public halves of the keys that signed them. The signed document is kept
 * exactly as issued; revocation sets a bit in the credential's status list (list, index).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('credential_keys')
    .addColumn('public_key_multibase', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await withId(db, db.schema.createTable('credentials'))
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('achievement_json', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('status_list', 'integer', (c) => c.notNull())
    .addColumn('status_index', 'integer', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_reason', 'text')
    .addUniqueConstraint('credentials_source_ref', ['source', 'source_ref'])
    .addUniqueConstraint('credentials_status_slot', ['status_list', 'status_index'])
    .execute();
  await db.schema.createIndex('credentials_revoked').on('credentials').columns(['status_list', 'revoked_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
