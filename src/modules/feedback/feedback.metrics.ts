import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db.ts';
import type { Deps } from '../../platform/deps.ts';
import { AGREE_FROM } from './feedback.schema.ts';

// Customer-experience metrics, as named functions other modules call (measure uses csat and
// slaCompliance as automatic indicators). Every aggregate runs in SQL; rates are fractions 0..1,
// null when there is nothing to count. Periods are [from, to): ISO-8601 instants, or dates
// (read as UTC midnight), compared as text like every stored time.

export interface Period {
  from: string;
  to: string;
}
export interface Scope extends Period {
  agencyId?: number;
  serviceId?: number;
}
export interface Share {
  responses: number;
  satisfied: number;
  rate: number | null;
}

const rate = (n: number, d: number) => (d > 0 ? n / d : null);
const num = (v: unknown) => Number(v ?? 0);

function scoped<T extends SelectQueryBuilder<DB, 'feedback_answers' | 'feedback_ratings' | 'feedback_cases', any>>(
  q: T,
  s: Scope,
  time: 'created_at' | 'first_response_at' | 'sla_outcome_at' | 'survey_at' = 'created_at',
): T {
  let out = q.where(time, '>=', s.from).where(time, '<', s.to) as T;
  if (s.agencyId !== undefined) out = out.where('agency_id', '=', s.agencyId) as T;
  if (s.serviceId !== undefined) out = out.where('service_id', '=', s.serviceId) as T;
  return out;
}

const agreeSum = (eb: ExpressionBuilder<DB, 'feedback_answers'>) =>
  eb.fn.sum<number>(eb.case().when('score', '>=', AGREE_FROM).then(1).else(0).end());

async function driverShare(deps: Deps, driver: string, s: Scope): Promise<Share> {
  const r = await scoped(deps.db.selectFrom('feedback_answers').where('driver', '=', driver), s)
    .select((eb) => [eb.fn.countAll<number>().as('n'), agreeSum(eb).as('agree')])
    .executeTakeFirstOrThrow();
  return { responses: num(r.n), satisfied: num(r.agree), rate: rate(num(r.agree), num(r.n)) };
}

/** CSAT: the share of answers to "I am satisfied…" that agree or strongly agree (responses = those answers). */
export async function csat(deps: Deps, s: { agencyId?: number; serviceId?: number; from: string; to: string }): Promise<Share> {
  return driverShare(deps, 'satisfied', s);
}

/** Trust: the share agreeing that the interaction increased their confidence in the agency. */
export async function trust(deps: Deps, s: Scope): Promise<Share> {
  return driverShare(deps, 'trust', s);
}

export interface DriverScore {
  driver: string;
  responses: number;
  agree: number;
  /** Share agreeing (4 or 5), 0..1. */
  rate: number | null;
  /** Mean on the 1–5 scale. */
  mean: number | null;
}

/** A score per driver (satisfied, trust, need, easy, time, fair, staff, and any added later), comparable across question versions. */
export async function driverScores(deps: Deps, s: Scope): Promise<DriverScore[]> {
  const rows = await scoped(deps.db.selectFrom('feedback_answers'), s)
    .select((eb) => ['driver', eb.fn.countAll<number>().as('n'), agreeSum(eb).as('agree'), eb.fn.sum<number>('score').as('total')])
    .groupBy('driver')
    .orderBy('driver')
    .execute();
  return rows.map((r) => ({
    driver: r.driver,
    responses: num(r.n),
    agree: num(r.agree),
    rate: rate(num(r.agree), num(r.n)),
    mean: num(r.n) ? num(r.total) / num(r.n) : null,
  }));
}

/** How many ratings were given. */
export async function ratingCount(deps: Deps, s: Scope): Promise<number> {
  const r = await scoped(deps.db.selectFrom('feedback_ratings'), s)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return num(r.n);
}

/** Complaints filed (duplicates merged away excluded) and their number per 1,000 ratings. */
export async function complaintVolume(deps: Deps, s: Scope): Promise<{ complaints: number; ratings: number; per1000: number | null }> {
  const r = await scoped(deps.db.selectFrom('feedback_cases').where('kind', '=', 'complaint').where('status', '!=', 'merged'), s)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const ratings = await ratingCount(deps, s);
  return { complaints: num(r.n), ratings, per1000: ratings ? (num(r.n) * 1000) / ratings : null };
}

/**
 * The median time to the first response, in working hours, over cases first answered in the
 * period. Bounded on both engines: one count, then the middle one or two rows by index order.
 */
export async function medianFirstResponse(deps: Deps, s: Scope): Promise<{ cases: number; medianHours: number | null }> {
  const base = () => scoped(deps.db.selectFrom('feedback_cases').where('first_response_ms', 'is not', null), s, 'first_response_at');
  const n = num(
    (
      await base()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  if (n === 0) return { cases: 0, medianHours: null };
  const middle = await base()
    .select('first_response_ms')
    .orderBy('first_response_ms')
    .limit(n % 2 ? 1 : 2)
    .offset(n % 2 ? (n - 1) / 2 : n / 2 - 1)
    .execute();
  const ms = middle.reduce((a, r) => a + num(r.first_response_ms), 0) / middle.length;
  return { cases: n, medianHours: ms / 3_600_000 };
}

/**
 * SLA compliance: of the cases whose resolution SLA was settled in the period (resolved, or run
 * out while still open), the share resolved within the target.
 */
export async function slaCompliance(
  deps: Deps,
  s: { agencyId?: number; serviceId?: number; from: string; to: string },
): Promise<{ cases: number; met: number; rate: number | null }> {
  const r = await scoped(deps.db.selectFrom('feedback_cases').where('sla_outcome', 'is not', null), s, 'sla_outcome_at')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('sla_outcome', '=', 'met').then(1).else(0).end()).as('met'),
    ])
    .executeTakeFirstOrThrow();
  return { cases: num(r.n), met: num(r.met), rate: rate(num(r.met), num(r.n)) };
}

/** Of the cases filed in the period and resolved at least once, the share the beneficiary had to reopen. */
export async function reopenRate(deps: Deps, s: Scope): Promise<{ resolved: number; reopened: number; rate: number | null }> {
  const r = await scoped(
    deps.db.selectFrom('feedback_cases').where((eb) => eb.or([eb('resolved_at', 'is not', null), eb('reopen_count', '>', 0)])),
    s,
  )
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('reopen_count', '>', 0).then(1).else(0).end()).as('re'),
    ])
    .executeTakeFirstOrThrow();
  return { resolved: num(r.n), reopened: num(r.re), rate: rate(num(r.re), num(r.n)) };
}

/** Satisfaction with how cases were handled: the one-question survey after resolution. */
export async function caseSatisfaction(deps: Deps, s: Scope): Promise<Share> {
  const r = await scoped(deps.db.selectFrom('feedback_cases').where('survey_score', 'is not', null), s, 'survey_at')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('survey_score', '>=', AGREE_FROM).then(1).else(0).end()).as('ok'),
    ])
    .executeTakeFirstOrThrow();
  return { responses: num(r.n), satisfied: num(r.ok), rate: rate(num(r.ok), num(r.n)) };
}

export interface Kpis {
  ratings: number;
  csat: Share;
  trust: Share;
  drivers: DriverScore[];
  complaints: number;
  complaintsPer1000: number | null;
  medianFirstResponseHours: number | null;
  sla: { cases: number; met: number; rate: number | null };
  reopen: { resolved: number; reopened: number; rate: number | null };
  caseSatisfaction: Share;
}

/** Every KPI of a scope at once (dashboards, exports and the open-data endpoint). */
export async function kpis(deps: Deps, s: Scope): Promise<Kpis> {
  const volume = await complaintVolume(deps, s);
  return {
    ratings: volume.ratings,
    csat: await csat(deps, s),
    trust: await trust(deps, s),
    drivers: await driverScores(deps, s),
    complaints: volume.complaints,
    complaintsPer1000: volume.per1000,
    medianFirstResponseHours: (await medianFirstResponse(deps, s)).medianHours,
    sla: await slaCompliance(deps, s),
    reopen: await reopenRate(deps, s),
    caseSatisfaction: await caseSatisfaction(deps, s),
  };
}
