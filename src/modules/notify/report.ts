import { sql } from 'kysely';
import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { findAnnouncement } from './announcements.repo.ts';
import { notifyPolicy } from './notify.policy.ts';

export interface ChannelCounts {
  queued: number;
  sending: number;
  /** Accepted by the SMTP server (or the SMS provider). */
  delivered: number;
  /** Kept in the local outbox (no SMTP configured). */
  local: number;
  failed: number;
  /** Not sent because the subscriber left or was suspended before their turn. */
  cancelled: number;
}

export interface DeliveryReport {
  fanout: { status: string; started_at: string; finished_at: string | null } | null;
  /** Distinct subscribers the announcement reached by email (immediately or in a digest), and by SMS. */
  matched: { email: number; digest: number; sms: number };
  email: ChannelCounts;
  sms: ChannelCounts;
  digests: { waiting: number; assembled: number; sent: number; failed: number };
  failures: { reason: string; count: number }[];
  unsubscribes: number;
}

const empty = (): ChannelCounts => ({ queued: 0, sending: 0, delivered: 0, local: 0, failed: 0, cancelled: 0 });

/** Per-announcement delivery report: matched, sent, delivered to the SMTP server, failed and why, unsubscribes caused. */
export async function deliveryReport(deps: Deps, ctx: Ctx, id: number): Promise<DeliveryReport> {
  const a = await findAnnouncement(deps.db, id);
  if (!a) throw new NotFoundError();
  authorize(notifyPolicy.read(ctx.actor, a.agency_id));
  const db = deps.db;
  const fan = await db.selectFrom('notify_fanouts').selectAll().where('announcement_id', '=', id).executeTakeFirst();
  const rows = await db
    .selectFrom('messages')
    .select(['channel', 'status', 'transport', (eb) => eb.fn.countAll<number>().as('n')])
    .select(sql<number>`case when last_error like 'cancelled:%' then 1 else 0 end`.as('cancelled'))
    .where('ref_type', '=', 'notify.announcement')
    .where('ref_id', '=', String(id))
    .groupBy(['channel', 'status', 'transport', sql`case when last_error like 'cancelled:%' then 1 else 0 end`])
    .execute();
  const email = empty();
  const sms = empty();
  for (const r of rows) {
    const c = r.channel === 'sms' ? sms : email;
    const n = Number(r.n);
    if (r.status === 'sent') c[r.transport === 'local' ? 'local' : 'delivered'] += n;
    else if (r.status === 'failed') c[Number(r.cancelled) ? 'cancelled' : 'failed'] += n;
    else c[r.status] += n;
  }
  const failures = await db
    .selectFrom('messages')
    .select(['last_error', (eb) => eb.fn.countAll<number>().as('n')])
    .where('ref_type', '=', 'notify.announcement')
    .where('ref_id', '=', String(id))
    .where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '=', 'queued'), eb('attempts', '>', 0)])]))
    .groupBy('last_error')
    .orderBy('n', 'desc')
    .limit(10)
    .execute();
  const items = await db
    .selectFrom('notify_digest_items as i')
    .leftJoin('messages as m', (j) =>
      j.onRef(
        'm.message_key',
        '=',
        sql<string>`cast('notify:d:' as text) || i.digest_key || cast(':s:' as text) || cast(i.subscriber_id as text)`,
      ),
    )
    .select(['m.status', (eb) => eb.fn.countAll<number>().as('n')])
    .select(sql<number>`case when i.digest_key is null then 1 else 0 end`.as('waiting'))
    .where('i.announcement_id', '=', id)
    .groupBy(['m.status', sql`case when i.digest_key is null then 1 else 0 end`])
    .execute();
  const digests = { waiting: 0, assembled: 0, sent: 0, failed: 0 };
  for (const r of items) {
    const n = Number(r.n);
    if (Number(r.waiting)) digests.waiting += n;
    else if (r.status === 'sent') digests.sent += n;
    else if (r.status === 'failed') digests.failed += n;
    else digests.assembled += n;
  }
  const unsub = await db
    .selectFrom('notify_unsubscribes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('announcement_id', '=', id)
    .executeTakeFirst();
  return {
    fanout: fan ? { status: fan.status, started_at: fan.started_at, finished_at: fan.finished_at } : null,
    matched: { email: fan?.emails ?? 0, digest: fan?.digests ?? 0, sms: fan?.sms ?? 0 },
    email,
    sms,
    digests,
    failures: failures.map((f) => ({ reason: f.last_error ?? '', count: Number(f.n) })),
    unsubscribes: Number(unsub?.n ?? 0),
  };
}
