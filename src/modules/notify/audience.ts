import { sql } from 'kysely';
import type { Executor } from '../../db.ts';
import type { AnnouncementKind } from './notify.tables.ts';
import { announcementTargets } from './targets.ts';

/** How many people an announcement would reach now, in one language: as the fan-out will send it. */
export interface AudienceCount {
  locale: 'ar' | 'en';
  /** Subscribers who get an email at publication (one each, however many ways they match). */
  immediate: number;
  /** Subscribers who get it in their next daily or weekly digest instead (no immediate match). */
  digest: number;
  /** Subscribers with a verified phone who turned text messages on. */
  sms: number;
}

/**
 * Who an announcement reaches if it is published now, per language and channel: the same targets
 * and rules as the fan-out (confirmed subscribers, active subscriptions, an immediate match wins
 * over a digest), counted in one query instead of queued.
 */
export async function audienceOf(
  db: Executor,
  a: { agency_id: number; kind: AnnouncementKind },
  serviceIds: number[],
): Promise<AudienceCount[]> {
  const targets = await announcementTargets(db, a, serviceIds);
  const rows = await db
    .selectFrom('notify_subscriptions as s')
    .innerJoin('notify_subscribers as p', 'p.id', 's.subscriber_id')
    .where('s.status', '=', 'active')
    .where('p.status', '=', 'confirmed')
    .where((eb) => eb.or(targets.map((t) => eb.and([eb('s.target_type', '=', t.type), eb('s.target_key', '=', t.key)]))))
    .select((eb) => [
      'p.locale',
      eb.fn.count<number>('p.id').distinct().as('everyone'),
      eb.fn
        .count<number>(eb.case().when('s.frequency', '=', 'immediate').then(sql<number>`p.id`).end())
        .distinct()
        .as('immediate'),
      eb.fn
        .count<number>(
          eb
            .case()
            .when(eb.and([eb('p.sms_enabled', '=', 1), eb('p.phone_verified_at', 'is not', null)]))
            .then(sql<number>`p.id`)
            .end(),
        )
        .distinct()
        .as('sms'),
    ])
    .groupBy('p.locale')
    .execute();
  return (['ar', 'en'] as const).map((locale) => {
    const r = rows.find((x) => x.locale === locale);
    const everyone = Number(r?.everyone ?? 0);
    const immediate = Number(r?.immediate ?? 0);
    return { locale, immediate, digest: everyone - immediate, sms: Number(r?.sms ?? 0) };
  });
}
