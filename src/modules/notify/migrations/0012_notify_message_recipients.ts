import { type Kysely, type RawBuilder, sql } from 'kysely';

/**
 * Notify's messages not sent yet get their subscriber in `recipient_id` (0011), which the send-time
 * renderers read instead of parsing keys: this once reads it out of the keys notify gave them
 * (`notify:a:<announcement>:s:<subscriber>:email|sms`, `notify:d:<digest>:s:<subscriber>`), so a
 * queue left by the previous version is still sent after the upgrade. Sent rows are left as they are.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const fill = (source: string, prefix: RawBuilder<string>, suffix: string) =>
    db
      .updateTable('messages')
      .set({
        recipient_id: sql`substr(message_key, length(${prefix}) + 1, length(message_key) - length(${prefix}) - ${sql.lit(suffix.length)})`,
      })
      .where('source', '=', source)
      .where('recipient_id', 'is', null)
      .where('ref_id', 'is not', null)
      .where('status', '!=', 'sent')
      .execute();
  await fill('notify.announcement', sql<string>`cast('notify:a:' as text) || ref_id || cast(':s:' as text)`, ':email');
  await fill('notify.sms', sql<string>`cast('notify:a:' as text) || ref_id || cast(':s:' as text)`, ':sms');
  await fill('notify.digest', sql<string>`cast('notify:d:' as text) || ref_id || cast(':s:' as text)`, '');
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
