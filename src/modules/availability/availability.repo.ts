import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import type {
  AvailabilityIncidentEventsTable,
  AvailabilityIncidentsTable,
  AvailabilityProbesTable,
  AvailabilityResultsTable,
  AvailabilityRollupsTable,
} from './availability.tables.ts';

export type Probe = Selectable<AvailabilityProbesTable>;
export type Incident = Selectable<AvailabilityIncidentsTable>;
export type IncidentEvent = Selectable<AvailabilityIncidentEventsTable>;
export type Rollup = Selectable<AvailabilityRollupsTable>;

export const findProbe = (db: Executor, id: number) =>
  db.selectFrom('availability_probes').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertProbe(db: Executor, v: Omit<Insertable<AvailabilityProbesTable>, 'created_at' | 'updated_at'>) {
  const now = nowIso();
  return db
    .insertInto('availability_probes')
    .values({ ...v, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const updateProbe = (db: Executor, id: number, patch: Updateable<AvailabilityProbesTable>) =>
  db
    .updateTable('availability_probes')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** Probes, for the console (agencies in scope) and the status pages (agency or service). */
export async function listProbes(db: Executor, f: { agencyIds?: number[]; agencyId?: number; serviceId?: number; active?: boolean }) {
  let q = db.selectFrom('availability_probes').selectAll();
  if (f.agencyIds) q = q.where('agency_id', 'in', f.agencyIds.length ? f.agencyIds : [-1]);
  if (f.agencyId) q = q.where('agency_id', '=', f.agencyId);
  if (f.serviceId) q = q.where('service_id', '=', f.serviceId);
  if (f.active) q = q.where('paused', '=', 0);
  return q.orderBy('agency_id').orderBy('service_id').orderBy('id').limit(5000).execute();
}

/** Unpaused probes whose time has come, oldest first. */
export const dueProbes = (db: Executor, now: string, limit: number) =>
  db
    .selectFrom('availability_probes')
    .selectAll()
    .where('paused', '=', 0)
    .where('next_run_at', '<=', now)
    .orderBy('next_run_at')
    .limit(limit)
    .execute();

/** Takes a due probe for this run: moves its next run on, unless another worker already did. */
export async function claimProbe(db: Executor, p: Pick<Probe, 'id' | 'next_run_at'>, next: string): Promise<boolean> {
  const r = await db
    .updateTable('availability_probes')
    .set({ next_run_at: next })
    .where('id', '=', p.id)
    .where('next_run_at', '=', p.next_run_at)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Inserts raw results, a few hundred rows per statement (every row gives every column). */
export async function insertResults(db: Executor, rows: Insertable<AvailabilityResultsTable>[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('availability_results')
      .values(rows.slice(i, i + 500))
      .execute();
}

export const recentResults = (db: Executor, probeId: number, limit: number) =>
  db
    .selectFrom('availability_results')
    .selectAll()
    .where('probe_id', '=', probeId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

/** Deletes raw results older than the cut-off, a batch at a time; returns how many. */
export async function pruneResults(db: Executor, before: string, batch = 5000): Promise<number> {
  const ids = await db.selectFrom('availability_results').select('id').where('at', '<', before).limit(batch).execute();
  if (ids.length === 0) return 0;
  await db
    .deleteFrom('availability_results')
    .where(
      'id',
      'in',
      ids.map((r) => r.id),
    )
    .execute();
  return ids.length;
}

export const findRollup = (db: Executor, probeId: number, period: 'hour' | 'day', start: string) =>
  db
    .selectFrom('availability_rollups')
    .selectAll()
    .where('probe_id', '=', probeId)
    .where('period', '=', period)
    .where('start', '=', start)
    .executeTakeFirst();

export async function saveRollup(db: Executor, r: Rollup, exists: boolean) {
  if (exists) {
    await db
      .updateTable('availability_rollups')
      .set({ up: r.up, down: r.down, planned: r.planned, histogram: r.histogram })
      .where('probe_id', '=', r.probe_id)
      .where('period', '=', r.period)
      .where('start', '=', r.start)
      .execute();
  } else await db.insertInto('availability_rollups').values(r).execute();
}

/** Roll-ups of a period kind in [from, to) for some probes (undefined = every probe). */
export async function rollups(db: Executor, period: 'hour' | 'day', from: string, to: string, probeIds?: number[]) {
  let q = db.selectFrom('availability_rollups').selectAll().where('period', '=', period).where('start', '>=', from).where('start', '<', to);
  if (probeIds) q = q.where('probe_id', 'in', probeIds.length ? probeIds : [-1]);
  return q.execute();
}

export const openIncident = (db: Executor, probeId: number) =>
  db.selectFrom('availability_incidents').selectAll().where('probe_id', '=', probeId).where('status', '=', 'open').executeTakeFirst();

export const insertIncident = (db: Executor, v: Insertable<AvailabilityIncidentsTable>) =>
  db.insertInto('availability_incidents').values(v).returningAll().executeTakeFirstOrThrow();

export const updateIncident = (db: Executor, id: number, patch: Updateable<AvailabilityIncidentsTable>) =>
  db.updateTable('availability_incidents').set(patch).where('id', '=', id).execute();

export const findIncident = (db: Executor, id: number) =>
  db.selectFrom('availability_incidents').selectAll().where('id', '=', id).executeTakeFirst();

/** Incidents, newest first: by agencies in scope, agency, service or status; those since an instant. */
export async function listIncidents(
  db: Executor,
  f: { agencyIds?: number[]; agencyId?: number; serviceId?: number; status?: 'open' | 'closed'; since?: string },
  limit = 200,
) {
  let q = db.selectFrom('availability_incidents').selectAll();
  if (f.agencyIds) q = q.where('agency_id', 'in', f.agencyIds.length ? f.agencyIds : [-1]);
  if (f.agencyId) q = q.where('agency_id', '=', f.agencyId);
  if (f.serviceId) q = q.where('service_id', '=', f.serviceId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.since) {
    const since = f.since;
    q = q.where((eb) => eb.or([eb('status', '=', 'open'), eb('ended_at', '>=', since)]));
  }
  return q.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export const addEvent = (db: Executor, v: Insertable<AvailabilityIncidentEventsTable>) =>
  db.insertInto('availability_incident_events').values(v).execute();

export const eventsOf = (db: Executor, incidentId: number) =>
  db.selectFrom('availability_incident_events').selectAll().where('incident_id', '=', incidentId).orderBy('at').orderBy('id').execute();

/** Checks summed per agency or per service and roll-up start (days or hours in [from, to)), for unpaused and paused probes alike. */
export async function countsBy(
  db: Executor,
  by: 'agency' | 'service',
  period: 'hour' | 'day',
  from: string,
  to: string,
  f: { agencyId?: number; serviceId?: number } = {},
) {
  const key = by === 'agency' ? 'p.agency_id' : 'p.service_id';
  let q = db
    .selectFrom('availability_rollups as r')
    .innerJoin('availability_probes as p', 'p.id', 'r.probe_id')
    .select((eb) => [
      eb.ref(key).as('key'),
      'r.start',
      eb.fn.sum<number>('r.up').as('up'),
      eb.fn.sum<number>('r.down').as('down'),
      eb.fn.sum<number>('r.planned').as('planned'),
    ])
    .where('r.period', '=', period)
    .where('r.start', '>=', from)
    .where('r.start', '<', to);
  if (f.agencyId) q = q.where('p.agency_id', '=', f.agencyId);
  if (f.serviceId) q = q.where('p.service_id', '=', f.serviceId);
  const rows = await q.groupBy([key, 'r.start']).execute();
  return rows.map((r) => ({ key: Number(r.key), start: r.start, up: Number(r.up), down: Number(r.down), planned: Number(r.planned) }));
}

/** Checks summed over roll-ups of one kind in [from, to), of some probes (undefined = every probe). */
export async function sums(db: Executor, period: 'hour' | 'day', from: string, to: string, probeIds?: number[]) {
  if (from >= to) return { up: 0, down: 0, planned: 0 };
  let q = db
    .selectFrom('availability_rollups')
    .select((eb) => [eb.fn.sum<number>('up').as('up'), eb.fn.sum<number>('down').as('down'), eb.fn.sum<number>('planned').as('planned')])
    .where('period', '=', period)
    .where('start', '>=', from)
    .where('start', '<', to);
  if (probeIds) q = q.where('probe_id', 'in', probeIds.length ? probeIds : [-1]);
  const r = await q.executeTakeFirst();
  return { up: Number(r?.up ?? 0), down: Number(r?.down ?? 0), planned: Number(r?.planned ?? 0) };
}

/** Materialised per-agency (and, as agency 0, national) checks of ended days in [from, to]. */
export async function dayTotals(db: Executor, from: string, to: string) {
  const rows = await db
    .selectFrom('availability_day_totals')
    .select(['agency_id', 'date', 'up', 'down', 'planned'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  return rows.map((r) => ({ key: r.agency_id, start: r.date, up: Number(r.up), down: Number(r.down), planned: Number(r.planned) }));
}

/** One agency's (or the nation's, 0) materialised checks summed over the dates [from, to]. */
export async function dayTotalSums(db: Executor, from: string, to: string, agencyId: number) {
  const r = await db
    .selectFrom('availability_day_totals')
    .select((eb) => [eb.fn.sum<number>('up').as('up'), eb.fn.sum<number>('down').as('down'), eb.fn.sum<number>('planned').as('planned')])
    .where('agency_id', '=', agencyId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .executeTakeFirst();
  return { up: Number(r?.up ?? 0), down: Number(r?.down ?? 0), planned: Number(r?.planned ?? 0) };
}

/** Which of these dates are materialised (their national row exists). */
export async function computedDates(db: Executor, dates: string[]): Promise<Set<string>> {
  if (dates.length === 0) return new Set();
  const rows = await db
    .selectFrom('availability_day_totals')
    .select('date')
    .where('agency_id', '=', 0)
    .where('date', 'in', dates)
    .execute();
  return new Set(rows.map((r) => r.date));
}

/** Writes one day's sums per agency and the nation's (agency 0, written even for a day without checks). */
export async function insertDayTotals(db: Executor, date: string, rows: { key: number; up: number; down: number; planned: number }[]) {
  const at = nowIso();
  const nation = rows.reduce((a, r) => ({ up: a.up + r.up, down: a.down + r.down, planned: a.planned + r.planned }), {
    up: 0,
    down: 0,
    planned: 0,
  });
  const values = [{ key: 0, ...nation }, ...rows].map((r) => ({
    agency_id: r.key,
    date,
    up: r.up,
    down: r.down,
    planned: r.planned,
    computed_at: at,
  }));
  for (let i = 0; i < values.length; i += 200)
    await db
      .insertInto('availability_day_totals')
      .values(values.slice(i, i + 200))
      .execute();
}

/** Forgets the materialised sums of these days (a late result changed them). */
export async function deleteDayTotals(db: Executor, dates: string[]) {
  if (dates.length) await db.deleteFrom('availability_day_totals').where('date', 'in', dates).execute();
}

/** How many services each agency has probes for (paused or not). */
export async function servicesPerAgency(db: Executor): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('availability_probes')
    .select((eb) => ['agency_id', eb.fn.count<number>('service_id').distinct().as('n')])
    .groupBy('agency_id')
    .execute();
  return new Map(rows.map((r) => [r.agency_id, Number(r.n)]));
}
