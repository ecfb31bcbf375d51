import type { Deps } from '../../platform/deps.ts';
import { dayStart, isoDay, localDate, localDayNumber } from '../../platform/i18n/dates.ts';
import { plannedDowntime } from '../notify/public.ts';
import * as repo from './availability.repo.ts';
import { type Counts, type DayState, dayState, mergeHistograms, parseHistogram, percentile, type Uptime, uptimeOf } from './uptime.ts';

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
  const parts = wholeDays
    ? await Promise.all([
        repo.sums(deps.db, 'hour', from, dayStart(first, tz), probeIds),
        repo.sums(deps.db, 'day', first, end, probeIds),
        repo.sums(deps.db, 'hour', dayStart(end, tz), f.to, probeIds),
      ])
    : [await repo.sums(deps.db, 'hour', from, f.to, probeIds)];
  return uptimeOf(parts);
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
  const rows = await repo.countsBy(deps.db, by, 'day', from, to, f);
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
