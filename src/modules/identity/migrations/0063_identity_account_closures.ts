import type { Kysely } from 'kysely';

/**
 * When each staff account was closed (deactivated), so the nightly retention purge can erase closed
 * accounts a period after closure (a reactivation removes the row). Accounts closed before this
 * migration get their last change as the closing time: it is the closure or later, so their period
 * is never shortened. Accounts already erased (address at erased.invalid) get none. New table only:
 * safe while older nodes run.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_closures')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('account_closures_closed_at').on('account_closures').column('closed_at').execute();
  await db
    .insertInto('account_closures')
    .columns(['user_id', 'closed_at'])
    .expression(
      db
        .selectFrom('users')
        .select(['id', 'updated_at'])
        .where('status', '=', 'deactivated')
        .where('email', 'not like', '%@erased.invalid'),
    )
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
