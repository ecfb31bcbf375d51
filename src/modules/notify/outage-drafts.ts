import type { Executor } from '../../db.ts';
import { type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { parseInput } from '../../platform/http/validation.ts';
import * as repo from './announcements.repo.ts';
import { createInTransaction } from './announcements.service.ts';
import { announcementInput } from './notify.schema.ts';

// What notify offers the availability module: an outage announcement drafted for the agency to
// approve (in notify's own console, through its usual approval), and the planned downtime the
// agencies announced, so probes failing inside it are counted apart from outages.

/**
 * Drafts an outage announcement for one service inside the caller's transaction; once per source key.
 * With `endsAt` it is the "service restored" notice of an outage that has ended. Returns its id.
 */
export async function draftOutageAnnouncement(
  trx: Executor,
  d: {
    agencyId: number;
    serviceId: number;
    startsAt: string;
    endsAt?: string;
    sourceKey: string;
    title: Record<'ar' | 'en', string>;
    body: Record<'ar' | 'en', string>;
  },
  ctx: Ctx = systemCtx('availability'),
): Promise<number> {
  const existing = await repo.findBySourceKey(trx, d.sourceKey);
  if (existing) return existing.id;
  const input = parseInput(announcementInput, {
    agency_id: d.agencyId,
    kind: 'outage',
    title_ar: d.title.ar.slice(0, 150),
    title_en: d.title.en.slice(0, 150),
    body_ar: d.body.ar.slice(0, 5000),
    body_en: d.body.en.slice(0, 5000),
    service_ids: [d.serviceId],
    starts_at: d.startsAt,
    ends_at: d.endsAt,
  });
  const row = await createInTransaction(trx, ctx, input, { origin: 'auto', source_key: d.sourceKey, auto_reason: 'outage' });
  return row.id;
}

/** Where an announcement stands (draft, pending, scheduled, published), or undefined once discarded. */
export async function announcementStatus(db: Executor, id: number) {
  const a = await repo.findAnnouncement(db, id);
  return a ? { id: a.id, status: a.status, published_at: a.published_at } : undefined;
}

/** A published planned-downtime window; `serviceIds` empty means every service of the agency. */
export interface PlannedDowntime {
  id: number;
  agencyId: number;
  serviceIds: number[];
  startsAt: string;
  endsAt: string;
  title_ar: string;
  title_en: string;
}

/** Published downtime announcements whose window overlaps [from, to). */
export async function plannedDowntime(db: Executor, from: string, to: string): Promise<PlannedDowntime[]> {
  const rows = await db
    .selectFrom('notify_announcements')
    .select(['id', 'agency_id', 'starts_at', 'ends_at', 'title_ar', 'title_en'])
    .where('kind', '=', 'downtime')
    .where('status', '=', 'published')
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .orderBy('starts_at')
    .limit(1000)
    .execute();
  const services = await repo.servicesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    agencyId: r.agency_id,
    serviceIds: services.get(r.id) ?? [],
    startsAt: r.starts_at as string,
    endsAt: r.ends_at as string,
    title_ar: r.title_ar,
    title_en: r.title_en,
  }));
}
