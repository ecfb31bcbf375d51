import { sql } from 'kysely';
import type { Deps } from '../../platform/deps.ts';
import type { Period, Scope } from './feedback.metrics.ts';
import { AGREE_FROM } from './feedback.schema.ts';
import { aggregate, answerSums, split } from './metrics.aggregates.ts';

// Breakdowns by month, agency and service: grouped in SQL over the CX aggregates (whole months) and
// the raw rows (a partial month at either end), one row per group, joined in memory (at most a few
// hundred groups), so no rating is ever loaded one by one.

const num = (v: unknown) => Number(v ?? 0);
const rate = (n: number, d: number) => (d > 0 ? n / d : null);

export interface BreakdownRow {
  key: string;
  ratings: number;
  responses: number;
  satisfied: number;
  csat: number | null;
  trustResponses: number;
  trust: number | null;
  complaints: number;
  slaCases: number;
  slaMet: number;
  sla: number | null;
}

type GroupKey = 'month' | 'agency_id' | 'service_id';

function window<Q extends { where: (...a: any[]) => Q }>(q: Q, s: Scope, time = 'created_at'): Q {
  let out = q.where(time, '>=', s.from).where(time, '<', s.to);
  if (s.agencyId !== undefined) out = out.where('agency_id', '=', s.agencyId);
  if (s.serviceId !== undefined) out = out.where('service_id', '=', s.serviceId);
  return out;
}

async function grouped(deps: Deps, s: Scope, by: GroupKey): Promise<BreakdownRow[]> {
  const db = deps.db;
  const rows = new Map<string, BreakdownRow>();
  const row = (k: unknown) => {
    // Aggregates count cases about no service under service 0; the raw rows under null.
    const key = by === 'service_id' && num(k) === 0 ? 'null' : String(k);
    let r = rows.get(key);
    if (!r) {
      r = {
        key,
        ratings: 0,
        responses: 0,
        satisfied: 0,
        csat: null,
        trustResponses: 0,
        trust: null,
        complaints: 0,
        slaCases: 0,
        slaMet: 0,
        sla: null,
      };
      rows.set(key, r);
    }
    return r;
  };
  const trustAgree = new Map<string, number>();
  const addAnswers = (k: unknown, driver: string, n: unknown, agree: unknown) => {
    const r = row(k);
    if (driver === 'satisfied') {
      r.responses += num(n);
      r.satisfied += num(agree);
    } else {
      r.trustResponses += num(n);
      trustAgree.set(r.key, (trustAgree.get(r.key) ?? 0) + num(agree));
    }
  };
  const key = sql<string | number>`${sql.ref(by)}`.as('k');
  const created = await split(deps, s, 'created');
  if (created.months) {
    const m = created.months;
    for (const r of await aggregate(db, 'feedback_cx_ratings', s, m)
      .select([key, (eb) => eb.fn.sum<number>('ratings').as('n')])
      .groupBy(by)
      .execute())
      row(r.k).ratings += num(r.n);
    for (const a of await aggregate(db, 'feedback_cx_answers', s, m)
      .where('driver', 'in', ['satisfied', 'trust'])
      .select([key, 'driver', answerSums.n.as('n'), answerSums.agree.as('agree')])
      .groupBy([by, 'driver'])
      .execute())
      addAnswers(a.k, a.driver, a.n, a.agree);
    for (const c of await aggregate(db, 'feedback_cx_cases', s, m)
      .where('kind', '=', 'complaint')
      .where('status', '!=', 'merged')
      .select([key, (eb) => eb.fn.sum<number>('cases').as('n')])
      .groupBy(by)
      .execute())
      row(c.k).complaints += num(c.n);
  }
  for (const p of created.raw) {
    const w = { ...s, ...p };
    for (const r of await window(db.selectFrom('feedback_ratings') as any, w)
      .select([`${by} as k`, db.fn.countAll<number>().as('n')])
      .groupBy(by)
      .execute())
      row(r.k).ratings += num(r.n);
    for (const a of await window(db.selectFrom('feedback_answers').where('driver', 'in', ['satisfied', 'trust']) as any, w)
      .select((eb: any) => [
        `${by} as k`,
        'driver',
        eb.fn.countAll().as('n'),
        eb.fn.sum(eb.case().when('score', '>=', AGREE_FROM).then(1).else(0).end()).as('agree'),
      ])
      .groupBy([by, 'driver'])
      .execute())
      addAnswers(a.k, a.driver, a.n, a.agree);
    for (const c of await window(db.selectFrom('feedback_cases').where('kind', '=', 'complaint').where('status', '!=', 'merged') as any, w)
      .select([`${by} as k`, db.fn.countAll<number>().as('n')])
      .groupBy(by)
      .execute())
      row(c.k).complaints += num(c.n);
  }
  // Months of SLA outcomes follow when the outcome was settled, like slaCompliance.
  const sla = await split(deps, s, 'sla');
  if (sla.months)
    for (const x of await aggregate(db, 'feedback_cx_sla', s, sla.months)
      .select([key, (eb) => eb.fn.sum<number>('met').as('met'), (eb) => eb.fn.sum<number>('breached').as('breached')])
      .groupBy(by)
      .execute()) {
      const r = row(x.k);
      r.slaCases += num(x.met) + num(x.breached);
      r.slaMet += num(x.met);
    }
  const slaKey = by === 'month' ? 'sla_outcome_month' : by;
  for (const p of sla.raw)
    for (const x of await window(
      db.selectFrom('feedback_cases').where('sla_outcome', 'is not', null) as any,
      { ...s, ...p },
      'sla_outcome_at',
    )
      .select((eb: any) => [
        `${slaKey} as k`,
        eb.fn.countAll().as('n'),
        eb.fn.sum(eb.case().when('sla_outcome', '=', 'met').then(1).else(0).end()).as('met'),
      ])
      .groupBy(slaKey)
      .execute()) {
      const r = row(x.k);
      r.slaCases += num(x.n);
      r.slaMet += num(x.met);
    }
  for (const r of rows.values()) {
    r.csat = rate(r.satisfied, r.responses);
    r.trust = rate(trustAgree.get(r.key) ?? 0, r.trustResponses);
    r.sla = rate(r.slaMet, r.slaCases);
  }
  // Cases about no particular service group under a null key; per-service tables leave them out.
  // Groups whose every count is zero (aggregate rows emptied by later changes) are not shown.
  return [...rows.values()]
    .filter((r) => r.key !== 'null' && (r.ratings || r.responses || r.trustResponses || r.complaints || r.slaCases))
    .sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
}

/** Month by month ('YYYY-MM' in the configured zone): ratings, CSAT, trust, complaints, SLA compliance. */
export const monthlyTrend = (deps: Deps, s: Scope) => grouped(deps, s, 'month');
/** Per agency over the period: the program office's comparison. */
export const byAgency = (deps: Deps, p: Period) => grouped(deps, { from: p.from, to: p.to }, 'agency_id');
/** Per service, of one agency or of all. */
export const byService = (deps: Deps, s: Period & { agencyId?: number }) =>
  grouped(deps, { from: s.from, to: s.to, agencyId: s.agencyId }, 'service_id');

/** The median of agencies' CSAT over the period, counting only agencies with at least `minResponses` answers. */
export async function nationalMedianCsat(deps: Deps, p: Period, minResponses = 5): Promise<{ agencies: number; median: number | null }> {
  return medianCsatOf(await byAgency(deps, p), minResponses);
}

/** The same median from agency rows already read (the dashboard shows them too: one read, not two). */
export function medianCsatOf(agencyRows: readonly BreakdownRow[], minResponses = 5): { agencies: number; median: number | null } {
  const rates = agencyRows
    .filter((r) => r.responses >= minResponses && r.csat !== null)
    .map((r) => r.csat as number)
    .sort((a, b) => a - b);
  if (rates.length === 0) return { agencies: 0, median: null };
  const mid = Math.floor(rates.length / 2);
  return { agencies: rates.length, median: rates.length % 2 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2 };
}

/** Agencies the comparison chart and its table show (the export has every agency). */
export const AGENCY_ROWS_ON_PAGE = 30;

/** The most rated agencies first (then by name), at most AGENCY_ROWS_ON_PAGE: the page stays small however many agencies there are. */
export function mostRatedAgencies(rows: readonly BreakdownRow[], names: ReadonlyMap<string, string>): BreakdownRow[] {
  const name = (r: BreakdownRow) => names.get(r.key) ?? r.key;
  return [...rows]
    .sort((a, b) => b.ratings - a.ratings || name(a).localeCompare(name(b)) || a.key.localeCompare(b.key))
    .slice(0, AGENCY_ROWS_ON_PAGE);
}

/** Rows a page holds in the per-service table (the export has every service). */
export const SERVICE_ROWS_PER_PAGE = 50;

/**
 * One page of the per-service table: the services whose name holds `q` (any case, either script as
 * stored), the most rated first, then by name; a page past the end shows the last one.
 */
export function servicePage(rows: readonly BreakdownRow[], names: ReadonlyMap<number, string>, opts: { q?: string; page?: number }) {
  const q = opts.q?.trim().toLocaleLowerCase() ?? '';
  const named = rows.map((r) => ({ row: r, name: names.get(Number(r.key)) ?? r.key }));
  const matching = q ? named.filter((x) => x.name.toLocaleLowerCase().includes(q)) : named;
  matching.sort((a, b) => b.row.ratings - a.row.ratings || a.name.localeCompare(b.name) || a.row.key.localeCompare(b.row.key));
  const pages = Math.max(1, Math.ceil(matching.length / SERVICE_ROWS_PER_PAGE));
  const page = Math.min(Math.max(1, opts.page ?? 1), pages);
  const from = (page - 1) * SERVICE_ROWS_PER_PAGE;
  return { rows: matching.slice(from, from + SERVICE_ROWS_PER_PAGE).map((x) => x.row), total: matching.length, page, pages, from, q };
}
