import { sql } from 'kysely';
import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { failureReasons, messageCounts, messageStatus } from '../../platform/messaging/status.ts';
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
  const ref = { refType: 'notify.announcement', refId: id };
  const email = empty();
  const sms = empty();
  for (const r of await messageCounts(db, ref)) {
    const c = r.channel === 'sms' ? sms : email;
    if (r.status === 'sent') c[r.transport === 'local' ? 'local' : 'delivered'] += r.n;
    else if (r.status === 'failed') c[r.cancelled ? 'cancelled' : 'failed'] += r.n;
    else c[r.status] += r.n;
  }
  const failures = await failureReasons(db, ref, 10);
  const items = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('notify_digest_items as i')
        .select(
          messageStatus(sql<string>`cast('notify:d:' as text) || i.digest_key || cast(':s:' as text) || cast(i.subscriber_id as text)`).as(
            'status',
          ),
        )
        .select(sql<number>`case when i.digest_key is null then 1 else 0 end`.as('waiting'))
        .where('i.announcement_id', '=', id)
        .as('d'),
    )
    .select(['d.status', 'd.waiting', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['d.status', 'd.waiting'])
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
    failures,
    unsubscribes: Number(unsub?.n ?? 0),
  };
}
