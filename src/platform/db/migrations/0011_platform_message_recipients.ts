import type { Kysely } from 'kysely';

/**
 * Who a message is for, in the words of the module that queued it (notify's subscriber id): the
 * module's send-time renderer and its bounce handling read it from this column instead of parsing
 * it out of the message key. Rows queued before this migration keep it null; the module that owns
 * them fills it in (notify's 0012). Safe while older nodes run: they leave it null.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('recipient_id', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
