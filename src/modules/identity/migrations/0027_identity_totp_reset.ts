import type { Kysely } from 'kysely';

/**
 * An administrator's reset of a lost authenticator app: the person's factor and recovery codes are
 * removed, and this row makes them set up a new one at their next password sign-in (before any
 * session), whatever their roles; it goes once they have. New table only: safe while older nodes run.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('totp_resets')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('reset_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reset_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
