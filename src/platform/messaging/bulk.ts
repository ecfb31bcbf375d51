import { type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../db/time.ts';
import type { Lane } from './messaging.ts';

/**
 * One recipient's message, as the columns of the selection handed to queueBulk. Every column is
 * required, in any order (they are read by name): use `sql<null>\`null\`` for no subject and `''`
 * for a body rendered at send time.
 */
export interface BulkMessage {
  /** Idempotency key: a rerun of the same selection queues nothing twice. */
  key: string;
  to: string;
  locale: string;
  /** Who it is for, as the queuing module names them (handed back in MessageRef.recipientId). */
  recipientId: string | null;
  subject: string | null;
  text: string;
}

export interface BulkOptions {
  channel: 'email' | 'sms';
  source: string;
  /** `bulk` unless said otherwise: a reset or a case reply queued meanwhile goes first. */
  lane?: Lane;
  refType?: string;
  refId?: string | number;
}

const txt = (v: string | null) => sql<string>`cast(${v} as text)`;

/**
 * Queues one message per row of `selection` in the caller's transaction, set-based (one INSERT …
 * SELECT, no row read into the process), so a module fans out to a million recipients without
 * knowing the messages table's columns. Returns how many were queued (keys already queued are skipped).
 */
export async function queueBulk(trx: Executor, selection: SelectQueryBuilder<any, any, BulkMessage>, o: BulkOptions): Promise<number> {
  const now = nowIso();
  const rows = trx
    .selectFrom(selection.as('r'))
    .select([
      txt(o.channel).as('channel'),
      'r.key as message_key',
      'r.to as to_address',
      'r.locale as locale',
      'r.subject as subject',
      'r.text as text_body',
      txt('queued').as('status'),
      sql<number>`0`.as('attempts'),
      txt(now).as('next_attempt_at'),
      txt(o.source).as('source'),
      txt(o.lane ?? 'bulk').as('lane'),
      txt(o.refType ?? null).as('ref_type'),
      txt(o.refId == null ? null : String(o.refId)).as('ref_id'),
      'r.recipientId as recipient_id',
      txt(now).as('created_at'),
    ])
    // SQLite reads `ON CONFLICT` after a FROM without WHERE as a join's ON (its documented upsert ambiguity).
    .where(sql<SqlBool>`1 = 1`);
  const r = await trx
    .insertInto('messages')
    .columns([
      'channel',
      'message_key',
      'to_address',
      'locale',
      'subject',
      'text_body',
      'status',
      'attempts',
      'next_attempt_at',
      'source',
      'lane',
      'ref_type',
      'ref_id',
      'recipient_id',
      'created_at',
    ])
    .expression(rows as never)
    .onConflict((oc) => oc.column('message_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}
