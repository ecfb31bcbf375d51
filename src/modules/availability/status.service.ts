import type { Executor } from '../../db.ts';
import { lockKey } from '../../platform/db/locks.ts';
import type { Deps } from '../../platform/deps.ts';
import { dayStart, isoDay, localDate, localDayNumber } from '../../platform/i18n/dates.ts';
import { findService } from '../catalog/public.ts';
import { allAgencies } from '../identity/public.ts';
import { announcementStatus, plannedDowntime } from '../notify/public.ts';
import * as repo from './availability.repo.ts';
import { type Counts, type DayState, dayState, mergeHistograms, parseHistogram, percentile, type Uptime, uptimeOf } from './uptime.ts';
import type { Named } from './views/status.views.tsx';

// Reads behind the status pages and the metric functions: uptime of any period per service,
// agency or the nation, 90 days of daily history, response-time percentiles, incidents, maintenance.

export const HISTORY_DAYS = 90;

/** The first instant of the hour an instant falls in. */
const hourFloor = (iso: string) => `${new Date(iso).toISOString().slice(0, 13)}:00:00.000Z`;

/**
 * Metric function: uptime over [from, to) — of one service, one agency or (neither given) the
 * nation. Whole local days come from the daily roll-ups, the hours at either edge from the hourly
 * ones (so a year reads 365 rows per probe, not 8,760); failed checks inside announced planned
 * downtime are counted apart, never as outages; `uptime` is null when nothing was checked.
 */
export async function uptimeBetween(
  deps: Pick<Deps, 'db' | 'config'>,
  f: { from: string; to: string; agencyId?: number; serviceId?: number },
): Promise<Uptime> {
  const probeIds =
    f.serviceId || f.agencyId
      ? (await repo.listProbes(deps.db, { serviceId: f.serviceId, agencyId: f.agencyId })).map((p) => p.id)
      : undefined;
  const tz = deps.config.timeZone;
  const from = hourFloor(f.from);
  let first = localDate(from, tz);
  if (dayStart(first, tz) < from) first = localDate(dayStart(first, tz, 1), tz);
  const end = localDate(f.to, tz);
  const wholeDays = end > first;
  if (!wholeDays) return uptimeOf([await repo.sums(deps.db, 'hour', from, f.to, probeIds)]);
  // The nation's and an agency's settled days come from their materialised sums (a year is 365
  // rows, not 365 × every probe); a service's, and the last two days, from the daily roll-ups.
  const settled = f.serviceId ? first : settledBefore(new Date(), tz);
  // Dates as text (Math.min would make them NaN): the middle of the three is settled kept within [first, end].
  const split = [first, settled, end].sort()[1] as string;
  const parts = await Promise.all([
    repo.sums(deps.db, 'hour', from, dayStart(first, tz), probeIds),
    split > first ? settledSums(deps, first, split, f.agencyId ?? 0) : { up: 0, down: 0, planned: 0 },
    repo.sums(deps.db, 'day', split, end, probeIds),
    repo.sums(deps.db, 'hour', dayStart(end, tz), f.to, probeIds),
  ]);
  return uptimeOf(parts);
}

/** Checks of one agency (or the nation, 0) over the settled local days [from, to), from their materialised sums. */
async function settledSums(deps: Pick<Deps, 'db'>, from: string, to: string, agencyId: number): Promise<Counts> {
  const dates: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`) / 86_400_000; isoDay(d) < to; d++) dates.push(isoDay(d));
  await materialiseDays(deps, dates);
  return repo.dayTotalSums(deps.db, from, dates[dates.length - 1] as string, agencyId);
}

/** Sums the ended days not yet materialised, each once, under its per-day lock (any node). */
async function materialiseDays(deps: Pick<Deps, 'db'>, dates: string[]) {
  const known = await repo.computedDates(deps.db, dates);
  const missing = dates.filter((d) => !known.has(d));
  if (!missing.length) return;
  await deps.db.transaction().execute(async (trx) => {
    for (const date of missing) {
      await lockDay(trx, date);
      // Another node may have computed it while this one waited.
      if ((await repo.computedDates(trx, [date])).size) continue;
      await repo.insertDayTotals(trx, date, await repo.countsBy(trx, 'agency', 'day', date, `${date}~`));
    }
  });
}

/** Response-time percentiles (ms, bucket upper bounds) of one service's successful checks over [from, to). */
export async function latencyBetween(deps: Pick<Deps, 'db'>, serviceId: number, from: string, to: string) {
  const probes = await repo.listProbes(deps.db, { serviceId });
  const rows = await repo.rollups(
    deps.db,
    'hour',
    hourFloor(from),
    to,
    probes.map((p) => p.id),
  );
  const h = mergeHistograms(rows.map((r) => parseHistogram(r.histogram)));
  return { p50: percentile(h, 0.5), p95: percentile(h, 0.95), samples: h.reduce((a, b) => a + b, 0) };
}

export interface Day {
  date: string;
  counts: Counts;
  state: DayState;
  uptime: number | null;
}

/** The last HISTORY_DAYS local dates, oldest first. */
export function historyDates(now: Date, timeZone: string, days = HISTORY_DAYS): string[] {
  const today = localDayNumber(timeZone, now.getTime());
  return Array.from({ length: days }, (_, i) => isoDay(today - (days - 1 - i)));
}

/** Daily history per key (agency or service id) over the given dates. */
export async function historyBy(
  deps: Pick<Deps, 'db'>,
  by: 'agency' | 'service',
  dates: string[],
  f: { agencyId?: number; serviceId?: number } = {},
) {
  const from = dates[0] as string;
  const to = `${dates[dates.length - 1]}~`;
  return groupDays(dates, await repo.countsBy(deps.db, by, 'day', from, to, f));
}

/** Day rows per key turned into each key's days over the dates (and every key's summed, as 'all'). */
function groupDays(dates: string[], rows: ({ key: number; start: string } & Counts)[]) {
  const grouped = new Map<number, Map<string, Counts>>();
  for (const r of rows) {
    const m = grouped.get(r.key) ?? new Map<string, Counts>();
    m.set(r.start, r);
    grouped.set(r.key, m);
  }
  const days = (key: number | 'all'): Day[] =>
    dates.map((date) => {
      const parts =
        key === 'all' ? [...grouped.values()].flatMap((m) => (m.get(date) ? [m.get(date) as Counts] : [])) : [grouped.get(key)?.get(date)];
      const counts = uptimeOf(parts.filter((c): c is Counts => !!c));
      return { date, counts, state: dayState(counts), uptime: counts.uptime };
    });
  return { keys: [...grouped.keys()], days };
}

/** The lock a day's materialised sums are computed and forgotten under (the same key on every node). */
export const lockDay = (trx: Parameters<typeof lockKey>[0], date: string) => lockKey(trx, 'availability.day_totals', date);

/**
 * Days whose sums may be materialised: those ended more than a day ago (by this node's clock), so a
 * node whose clock is a little behind still counts a result for a day another node has closed as late.
 */
export const settledBefore = (now: Date, timeZone: string) => isoDay(localDayNumber(timeZone, now.getTime()) - 1);

/**
 * The national page's daily history per agency, as historyBy('agency') gives it, read from the
 * materialised sums of ended days (computed once, on first need, under a per-day lock; a late result
 * for such a day forgets them in its own transaction) and live roll-ups for yesterday and today.
 */
export async function nationalHistory(deps: Pick<Deps, 'db'>, dates: string[], now: Date, timeZone: string) {
  const settled = settledBefore(now, timeZone);
  const past = dates.filter((d) => d < settled);
  const recent = dates.filter((d) => d >= settled);
  await materialiseDays(deps, past);
  const [stored, live] = await Promise.all([
    past.length ? repo.dayTotals(deps.db, past[0] as string, past[past.length - 1] as string) : [],
    recent.length ? repo.countsBy(deps.db, 'agency', 'day', recent[0] as string, `${recent[recent.length - 1]}~`) : [],
  ]);
  return groupDays(dates, [...stored.filter((r) => r.key !== 0), ...live]);
}

/** Published planned downtime from now on (and under way), in scope. */
export async function maintenanceAhead(deps: Pick<Deps, 'db'>, now: Date, f: { agencyId?: number; serviceId?: number } = {}) {
  const windows = await plannedDowntime(deps.db, now.toISOString(), new Date(now.getTime() + 60 * 86_400_000).toISOString());
  return windows.filter(
    (w) => (!f.agencyId || w.agencyId === f.agencyId) && (!f.serviceId || w.serviceIds.length === 0 || w.serviceIds.includes(f.serviceId)),
  );
}

/** Open incidents, and those closed within the history window, in scope. */
export function incidentsIn(deps: Pick<Deps, 'db'>, now: Date, f: { agencyId?: number; serviceId?: number } = {}) {
  return repo.listIncidents(deps.db, { ...f, since: new Date(now.getTime() - HISTORY_DAYS * 86_400_000).toISOString() });
}

/** Uptime of a run of days (the sum of their checks). */
export const uptimeOfDays = (days: Day[]): Uptime => uptimeOf(days.map((d) => d.counts));

/** Names of the services some rows name, by id (for tables of incidents). */
export async function namesOf(db: Executor, serviceIds: number[]): Promise<Map<number, Named>> {
  const out = new Map<number, Named>();
  for (const id of new Set(serviceIds)) {
    const s = await findService(db, id);
    if (s) out.set(id, { id: s.id, identifier: s.identifier, name_ar: s.name_ar, name_en: s.name_en });
  }
  return out;
}

/**
 * The published announcement of each incident that has one — its "service restored" notice once
 * published, else its outage notice (drafts stay out of public pages).
 */
export async function noticesOf(db: Executor, incidents: repo.Incident[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const i of incidents) {
    for (const id of [i.restored_announcement_id, i.announcement_id]) {
      const a = id ? await announcementStatus(db, id) : undefined;
      if (a?.status !== 'published') continue;
      out.set(i.id, a.id);
      break;
    }
  }
  return out;
}

/**
 * Everything the national status page shows: per agency with probes its 90 days, uptime and open
 * incidents; the nation's days and uptime; incidents (always read live, so an incident opened or
 * closed a moment ago shows at once), their services' names and published notices; maintenance.
 */
export async function nationalStatus(deps: Deps, now: Date) {
  const dates = historyDates(now, deps.config.timeZone);
  const [byAgency, agencies, incidents, maintenance, counts] = await Promise.all([
    nationalHistory(deps, dates, now, deps.config.timeZone),
    allAgencies(deps),
    incidentsIn(deps, now),
    maintenanceAhead(deps, now),
    repo.servicesPerAgency(deps.db),
  ]);
  const openBy = new Map<number, number>();
  for (const i of incidents) if (i.status === 'open') openBy.set(i.agency_id, (openBy.get(i.agency_id) ?? 0) + 1);
  const rows = agencies
    .filter((a) => counts.has(a.id))
    .map((agency) => {
      const days = byAgency.days(agency.id);
      return { agency, days, services: counts.get(agency.id) ?? 0, uptime: uptimeOfDays(days), open: openBy.get(agency.id) ?? 0 };
    });
  const days = byAgency.days('all');
  const [services, notices] = await Promise.all([
    namesOf(
      deps.db,
      incidents.map((i) => i.service_id),
    ),
    noticesOf(deps.db, incidents),
  ]);
  return { agencies: rows, days, uptime: uptimeOfDays(days), incidents, services, maintenance, notices };
}
