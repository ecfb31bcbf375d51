import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { findServiceByIdentifier, listServices, SERVICE_IDENTIFIER, type ServiceRow } from '../catalog/public.ts';
import { csat } from '../feedback/public.ts';
import { getAgency } from '../identity/public.ts';
import { addMonths, completionRate, costPerTransaction, digitalTakeUp, type Figures, median, monthKpis, monthsEnding } from './kpi.math.ts';
import { kpiPolicy } from './kpi.policy.ts';
import * as repo from './kpi.repo.ts';
import { isLive, latestMonth, readableService } from './kpi.service.ts';

// What the pages and the API show: one service's four KPIs month by month beside the national
// median, an agency's services, and the national picture. Satisfaction is feedback's CSAT (its
// public metric), read per month; the national comparator for it is the CSAT of every response.

/** The four KPIs of one month or period: fractions 0..1 and SAR per transaction; null = no data. */
export interface Kpis {
  takeUp: number | null;
  completion: number | null;
  cost: number | null;
  satisfaction: number | null;
}

export const windows = [12, 24] as const;
export type Window = (typeof windows)[number];
export const windowOf = (v: unknown): Window => (v === '24' || v === 24 ? 24 : 12);

const monthStart = (m: string) => `${m}-01`;
const satisfactionIn = async (deps: Deps, s: { serviceId?: number; agencyId?: number }, from: string, toExclusive: string) =>
  (await csat(deps, { ...s, from: monthStart(from), to: monthStart(toExclusive) })).rate;

/**
 * The last month a page shows: the current month once it has figures, else the last complete one
 * (so an unfinished month is not always shown as missing).
 */
export async function windowEnd(deps: Deps, scope: { serviceId?: number; agencyId?: number }): Promise<string> {
  const current = latestMonth(deps);
  return (await repo.listFigures(deps.db, { ...scope, from: current, to: current })).length ? current : addMonths(current, -1);
}

/** Period KPIs of a set of months' figures (missing months simply are not there). */
export function periodKpis(figures: readonly Figures[], satisfaction: number | null): Kpis {
  return {
    takeUp: digitalTakeUp(figures).value,
    completion: completionRate(figures).value,
    cost: costPerTransaction(figures).value,
    satisfaction,
  };
}

/** The median over services of each figure KPI, per month, from every service's figures of those months. */
export function nationalMedians(rows: readonly repo.FigureRow[], months: readonly string[]) {
  const byMonth = new Map<string, repo.FigureRow[]>();
  for (const r of rows) byMonth.set(r.month, [...(byMonth.get(r.month) ?? []), r]);
  return months.map((month) => {
    const ks = (byMonth.get(month) ?? []).map((r) => monthKpis(r));
    return {
      month,
      services: ks.length,
      takeUp: median(ks.map((k) => k.takeUp)),
      completion: median(ks.map((k) => k.completion)),
      cost: median(ks.map((k) => k.cost)),
    };
  });
}

/** The median over services of their period KPIs (each service's months pooled first). */
export function medianOfServices(rows: readonly repo.FigureRow[]) {
  const byService = new Map<number, repo.FigureRow[]>();
  for (const r of rows) byService.set(r.service_id, [...(byService.get(r.service_id) ?? []), r]);
  const ks = [...byService.values()].map((fs) => periodKpis(fs, null));
  return {
    services: ks.length,
    takeUp: median(ks.map((k) => k.takeUp)),
    completion: median(ks.map((k) => k.completion)),
    cost: median(ks.map((k) => k.cost)),
  };
}

/** One service's figures and KPIs over the last 12 or 24 months, each month beside the national median. */
export async function serviceReport(deps: Deps, ctx: Ctx, serviceId: number, window: Window) {
  return reportOf(deps, await readableService(deps, ctx, serviceId), window);
}

/**
 * A published live service's report as anyone may read it (GOV.UK publishes its services' KPIs):
 * aggregate counts and costs only, nothing about a person; 404 for anything else.
 */
export async function publicServiceReport(deps: Deps, identifier: string, window: Window) {
  const service = SERVICE_IDENTIFIER.test(identifier) ? await findServiceByIdentifier(deps.db, identifier) : undefined;
  if (!service || !isLive(service)) throw new NotFoundError();
  return reportOf(deps, service, window);
}

async function reportOf(deps: Deps, service: ServiceRow, window: Window) {
  const months = monthsEnding(await windowEnd(deps, { serviceId: service.id }), window);
  const [from, to] = [months[0], months[months.length - 1]];
  const mine = await repo.listFigures(deps.db, { serviceId: service.id, from, to });
  const all = await repo.listFigures(deps.db, { from, to });
  const national = nationalMedians(all, months);
  const byMonth = new Map(mine.map((r) => [r.month, r]));
  const rows = [];
  for (const [i, month] of months.entries()) {
    const figure = byMonth.get(month);
    rows.push({
      month,
      figure,
      kpis: { ...monthKpis(figure), satisfaction: await satisfactionIn(deps, { serviceId: service.id }, month, addMonths(month, 1)) },
      national: national[i],
    });
  }
  const nationalPeriod = medianOfServices(all);
  return {
    service,
    months,
    rows,
    period: periodKpis(mine, await satisfactionIn(deps, { serviceId: service.id }, from, addMonths(to, 1))),
    national: { ...nationalPeriod, satisfaction: await satisfactionIn(deps, {}, from, addMonths(to, 1)) },
    missing: months.filter((m) => !byMonth.has(m)),
  };
}
export type ServiceReport = Awaited<ReturnType<typeof reportOf>>;

/** The live services of some agencies (or all), as the catalog lists them. */
async function liveServices(deps: Deps, agencyIds?: number[]): Promise<Awaited<ReturnType<typeof listServices>>> {
  return listServices(deps.db, { agencyIds, status: 'live', state: 'published' }, 100_000, 0);
}

/** An agency's live services with their period KPIs, months entered and the agency's month-by-month figures. */
export async function agencyOverview(deps: Deps, ctx: Ctx, agencyId: number, window: Window) {
  authorize(kpiPolicy.read(ctx.actor, agencyId));
  const agency = await getAgency(deps, agencyId);
  const months = monthsEnding(await windowEnd(deps, { agencyId }), window);
  const [from, to] = [months[0], months[months.length - 1]];
  const services = (await liveServices(deps, [agencyId])).sort((a, b) => a.identifier.localeCompare(b.identifier));
  const rows = await repo.listFigures(deps.db, { agencyId, from, to });
  const byService = new Map<number, repo.FigureRow[]>();
  for (const r of rows) byService.set(r.service_id, [...(byService.get(r.service_id) ?? []), r]);
  const list = [];
  for (const s of services) {
    const fs = byService.get(s.id) ?? [];
    list.push({
      service: s,
      entered: fs.length,
      lastMonth: fs.at(-1)?.month ?? null,
      kpis: periodKpis(fs, await satisfactionIn(deps, { serviceId: s.id }, from, addMonths(to, 1))),
    });
  }
  const trend = months.map((month) => {
    const fs = rows.filter((r) => r.month === month);
    return {
      month,
      services: fs.length,
      kpis: fs.length ? periodKpis(fs, null) : { takeUp: null, completion: null, cost: null, satisfaction: null },
    };
  });
  return {
    agency,
    months,
    services: list,
    trend,
    period: periodKpis(rows, await satisfactionIn(deps, { agencyId }, from, addMonths(to, 1))),
    canWrite: kpiPolicy.write(ctx.actor, agencyId),
    canNational: kpiPolicy.national(ctx.actor),
  };
}
export type AgencyOverview = Awaited<ReturnType<typeof agencyOverview>>;

/** Every agency's period KPIs, and the national median of services' KPIs month by month (the office and leadership). */
export async function nationalOverview(deps: Deps, ctx: Ctx, window: Window) {
  authorize(kpiPolicy.national(ctx.actor));
  const months = monthsEnding(await windowEnd(deps, {}), window);
  const [from, to] = [months[0], months[months.length - 1]];
  const rows = await repo.listFigures(deps.db, { from, to });
  const byAgency = new Map<number, repo.FigureRow[]>();
  for (const r of rows) byAgency.set(r.agency_id, [...(byAgency.get(r.agency_id) ?? []), r]);
  const agencies = [];
  for (const [agencyId, fs] of byAgency) {
    agencies.push({
      agency: await getAgency(deps, agencyId),
      services: new Set(fs.map((f) => f.service_id)).size,
      kpis: periodKpis(fs, await satisfactionIn(deps, { agencyId }, from, addMonths(to, 1))),
    });
  }
  agencies.sort((a, b) => a.agency.code.localeCompare(b.agency.code));
  const trend = [];
  for (const m of nationalMedians(rows, months))
    trend.push({ ...m, satisfaction: await satisfactionIn(deps, {}, m.month, addMonths(m.month, 1)) });
  const live = await liveServices(deps);
  return {
    months,
    trend,
    agencies,
    median: { ...medianOfServices(rows), satisfaction: await satisfactionIn(deps, {}, from, addMonths(to, 1)) },
    liveServices: live.length,
    reporting: new Set(rows.map((r) => r.service_id)).size,
  };
}
export type NationalOverview = Awaited<ReturnType<typeof nationalOverview>>;

/** Live services whose figures the actor may write, for the form's and the import's choices. */
export async function writableServices(deps: Deps, ctx: Ctx, agencyIds?: number[]): Promise<Awaited<ReturnType<typeof liveServices>>> {
  const all = await liveServices(deps, agencyIds);
  return all.filter((s) => kpiPolicy.write(ctx.actor, s.agency_id));
}

export type { ServiceRow };
