import { type AliasableExpression, type Expression, expressionBuilder, type Kysely, sql } from 'kysely';
import type { DB } from '../../db.ts';

/** The messages about one record: what a module queued with `refType` and `refId`. */
export interface RefFilter {
  refType: string;
  refId: string | number;
}

/** How many messages about a record are in one state. `cancelled`: failed because the module called it off before sending. */
export interface MessageCount {
  channel: 'email' | 'sms';
  status: 'queued' | 'sending' | 'sent' | 'failed';
  transport: string | null;
  cancelled: boolean;
  n: number;
}

// dispatch() records a renderer's `{ cancel }` as a failure whose error starts so.
const cancelledCase = sql<number>`case when last_error like 'cancelled:%' then 1 else 0 end`;

/** Counts of a record's messages per channel, status and transport (a delivery report's figures). */
export async function messageCounts(db: Kysely<DB>, ref: RefFilter): Promise<MessageCount[]> {
  const rows = await db
    .selectFrom('messages')
    .select(['channel', 'status', 'transport', (eb) => eb.fn.countAll<number>().as('n')])
    .select(cancelledCase.as('cancelled'))
    .where('ref_type', '=', ref.refType)
    .where('ref_id', '=', String(ref.refId))
    .groupBy(['channel', 'status', 'transport', cancelledCase])
    .execute();
  return rows.map((r) => ({ ...r, cancelled: Number(r.cancelled) === 1, n: Number(r.n) }));
}

/** The commonest errors of a record's messages that failed or wait for a retry, most frequent first. */
export async function failureReasons(db: Kysely<DB>, ref: RefFilter, limit = 10): Promise<{ reason: string; count: number }[]> {
  const rows = await db
    .selectFrom('messages')
    .select(['last_error', (eb) => eb.fn.countAll<number>().as('n')])
    .where('ref_type', '=', ref.refType)
    .where('ref_id', '=', String(ref.refId))
    .where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '=', 'queued'), eb('attempts', '>', 0)])]))
    .groupBy('last_error')
    .orderBy('n', 'desc')
    .limit(limit)
    .execute();
  return rows.map((f) => ({ reason: f.last_error ?? '', count: Number(f.n) }));
}

/** Inside a module's query: the status of the message queued with this key, null when none was. */
export function messageStatus(key: Expression<string>): AliasableExpression<'queued' | 'sending' | 'sent' | 'failed' | null> {
  const eb = expressionBuilder<DB, never>();
  return eb
    .selectFrom('messages as m')
    .select('m.status')
    .whereRef('m.message_key', '=', key as never)
    .limit(1)
    .$asScalar();
}

/** Inside a module's query: true when a message with this key was ever queued (e.g. "an email already covers them"). */
export function messageQueued(key: Expression<string>) {
  const eb = expressionBuilder<DB, never>();
  return eb.exists(
    eb
      .selectFrom('messages as m')
      .select(sql`1`.as('one'))
      .whereRef('m.message_key', '=', key as never),
  );
}
