import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { AnnouncementKind, AnnouncementStatus, NotifyAnnouncementsTable } from './notify.tables.ts';

export type Announcement = Selectable<NotifyAnnouncementsTable>;

/** One announcement by id. */
export async function findAnnouncement(db: Executor, id: number): Promise<Announcement | undefined> {
  return db.selectFrom('notify_announcements').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The auto-draft a catalog publication already caused, if any. */
export async function findBySourceKey(db: Executor, key: string): Promise<Announcement | undefined> {
  return db.selectFrom('notify_announcements').selectAll().where('source_key', '=', key).executeTakeFirst();
}

/** Inserts an announcement row. */
export async function insertAnnouncement(db: Executor, v: Omit<Insertable<NotifyAnnouncementsTable>, 'created_at' | 'updated_at'>) {
  const now = nowIso();
  return db
    .insertInto('notify_announcements')
    .values({ ...v, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Updates an announcement row and stamps it. */
export async function updateAnnouncement(db: Executor, id: number, patch: Updateable<NotifyAnnouncementsTable>): Promise<Announcement> {
  return db
    .updateTable('notify_announcements')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Moves an announcement from one status to another only if it is still in the first (no double publication). */
export async function transition(db: Executor, id: number, from: AnnouncementStatus[], patch: Updateable<NotifyAnnouncementsTable>) {
  const r = await db
    .updateTable('notify_announcements')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes a draft and its service links. */
export async function deleteAnnouncement(db: Executor, id: number) {
  await db.deleteFrom('notify_announcement_services').where('announcement_id', '=', id).execute();
  await db.deleteFrom('notify_announcements').where('id', '=', id).execute();
}

/** Replaces the services an announcement is about. */
export async function setServices(db: Executor, id: number, serviceIds: number[]) {
  await db.deleteFrom('notify_announcement_services').where('announcement_id', '=', id).execute();
  const unique = [...new Set(serviceIds)];
  if (unique.length) {
    await db
      .insertInto('notify_announcement_services')
      .values(unique.map((service_id) => ({ announcement_id: id, service_id })))
      .execute();
  }
}

/** Linked service ids of each announcement. */
export async function servicesOf(db: Executor, ids: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('notify_announcement_services')
    .select(['announcement_id', 'service_id'])
    .where('announcement_id', 'in', ids)
    .orderBy('service_id')
    .execute();
  for (const r of rows) out.set(r.announcement_id, [...(out.get(r.announcement_id) ?? []), r.service_id]);
  return out;
}

export interface AnnouncementFilter {
  agencyIds?: number[];
  status?: AnnouncementStatus;
  kind?: AnnouncementKind;
  serviceId?: number;
  /** Only those published at or after this instant. */
  since?: string;
}

/** Announcements, newest first (console lists, public pages, feeds, API). */
export async function listAnnouncements(db: Executor, f: AnnouncementFilter, limit: number, offset = 0): Promise<Announcement[]> {
  let q = db.selectFrom('notify_announcements').selectAll();
  if (f.agencyIds) q = q.where('agency_id', 'in', f.agencyIds.length ? f.agencyIds : [-1]);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.since) q = q.where('published_at', '>=', f.since);
  if (f.serviceId) {
    const sid = f.serviceId;
    q = q.where('id', 'in', (eb) => eb.selectFrom('notify_announcement_services').select('announcement_id').where('service_id', '=', sid));
  }
  const order = f.status === 'published' ? 'published_at' : 'updated_at';
  return q.orderBy(order, 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

/** Published announcements linked to any of these services and of a kind (silent-launch accounting). */
export async function publishedForServices(db: Executor, serviceIds: number[], kind: AnnouncementKind) {
  if (serviceIds.length === 0) return [];
  return db
    .selectFrom('notify_announcement_services as l')
    .innerJoin('notify_announcements as a', 'a.id', 'l.announcement_id')
    .select(['l.service_id', 'a.id', 'a.published_at'])
    .where('l.service_id', 'in', serviceIds)
    .where('a.kind', '=', kind)
    .where('a.status', '=', 'published')
    .execute();
}

/** Scheduled announcements whose time has come. */
export async function dueScheduled(db: Executor, now: string, limit = 20) {
  return db
    .selectFrom('notify_announcements')
    .select(['id'])
    .where('status', '=', 'scheduled')
    .where('publish_at', '<=', now)
    .orderBy('publish_at')
    .limit(limit)
    .execute();
}

/** Counts by status of an agency's (or every agency's) announcements. */
export async function statusCounts(db: Executor, agencyIds?: number[]) {
  let q = db.selectFrom('notify_announcements').select(['status', (eb) => eb.fn.countAll<number>().as('n')]);
  if (agencyIds) q = q.where('agency_id', 'in', agencyIds.length ? agencyIds : [-1]);
  const rows = await q.groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<Record<AnnouncementStatus, number>>;
}
