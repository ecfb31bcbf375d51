import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db.ts';
import type { Deps } from '../../platform/deps.ts';
import { AGREE_FROM } from './feedback.schema.ts';
import { aggregate, answerSums, combine, type Period, type Scope } from './metrics.aggregates.ts';

export type { Period, Scope };

// Customer-experience metrics, as named functions other modules call (measure uses csat and
// slaCompliance as automatic indicators). Rates are fractions 0..1, null when there is nothing to
// count. Periods are [from, to): ISO-8601 instants, or dates (read as UTC midnight), compared as
// text like every stored time. Counts come from the CX aggregates for whole months and from the
// raw rows for a partial month at either end (metrics.aggregates.ts); the median first response
// and case satisfaction are read from the cases, by index.
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

const pair = (a: [number, number], b: [number, number]): [number, number] => [a[0] + b[0], a[1] + b[1]];

async function driverShare(deps: Deps, driver: string, s: Scope): Promise<Share> {
  const [n, agree] = await combine<[number, number]>(
    deps,
    s,
    'created',
    {
      fromAggregates: async (months) => {
        const r = await aggregate(deps.db, 'feedback_cx_answers', s, months)
          .where('driver', '=', driver)
          .select([answerSums.n.as('n'), answerSums.agree.as('agree')])
          .executeTakeFirstOrThrow();
        return [num(r.n), num(r.agree)];
      },
      fromRows: async (p) => {
        const r = await scoped(deps.db.selectFrom('feedback_answers').where('driver', '=', driver), p)
          .select((eb) => [eb.fn.countAll<number>().as('n'), agreeSum(eb).as('agree')])
          .executeTakeFirstOrThrow();
        return [num(r.n), num(r.agree)];
      },
    },
    pair,
    [0, 0],
  );
  return { responses: n, satisfied: agree, rate: rate(agree, n) };
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
  type Sums = { driver: string; n: unknown; agree: unknown; total: unknown }[];
  const rows = await combine<Sums>(
    deps,
    s,
    'created',
    {
      fromAggregates: (months) =>
        aggregate(deps.db, 'feedback_cx_answers', s, months)
          .select(['driver', answerSums.n.as('n'), answerSums.agree.as('agree'), answerSums.total.as('total')])
          .groupBy('driver')
          .execute(),
      // One driver at a time, so each read is a range of the (driver, created_at) index, not a scan of all answers.
      fromRows: async (p) => {
        const known = await deps.db.selectFrom('feedback_cx_answers').select('driver').distinct().orderBy('driver').execute();
        const out: Sums = [];
        for (const { driver } of known)
          out.push(
            ...(await scoped(deps.db.selectFrom('feedback_answers').where('driver', '=', driver), p)
              .select((eb) => [
                'driver',
                eb.fn.countAll<number>().as('n'),
                agreeSum(eb).as('agree'),
                eb.fn.sum<number>('score').as('total'),
              ])
              .groupBy('driver')
              .execute()),
          );
        return out;
      },
    },
    (a, b) => [...a, ...b],
    [],
  );
  const by = new Map<string, { n: number; agree: number; total: number }>();
  for (const r of rows) {
    const d = by.get(r.driver) ?? { n: 0, agree: 0, total: 0 };
    by.set(r.driver, { n: d.n + num(r.n), agree: d.agree + num(r.agree), total: d.total + num(r.total) });
  }
  return [...by.entries()]
    .filter(([, d]) => d.n > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([driver, d]) => ({ driver, responses: d.n, agree: d.agree, rate: rate(d.agree, d.n), mean: d.n ? d.total / d.n : null }));
}

/** How many ratings were given. */
export async function ratingCount(deps: Deps, s: Scope): Promise<number> {
  return combine(
    deps,
    s,
    'created',
    {
      fromAggregates: async (months) =>
        num(
          (
            await aggregate(deps.db, 'feedback_cx_ratings', s, months)
              .select((eb) => eb.fn.sum<number>('ratings').as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      fromRows: async (p) =>
        num(
          (
            await scoped(deps.db.selectFrom('feedback_ratings'), p)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
    },
    (a, b) => a + b,
    0,
  );
}

/** Complaints filed (duplicates merged away excluded) and their number per 1,000 ratings. */
export async function complaintVolume(deps: Deps, s: Scope): Promise<{ complaints: number; ratings: number; per1000: number | null }> {
  const complaints = await combine(
    deps,
    s,
    'created',
    {
      fromAggregates: async (months) =>
        num(
          (
            await aggregate(deps.db, 'feedback_cx_cases', s, months)
              .where('kind', '=', 'complaint')
              .where('status', '!=', 'merged')
              .select((eb) => eb.fn.sum<number>('cases').as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      fromRows: async (p) =>
        num(
          (
            await scoped(deps.db.selectFrom('feedback_cases').where('kind', '=', 'complaint').where('status', '!=', 'merged'), p)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
    },
    (a, b) => a + b,
    0,
  );
  const ratings = await ratingCount(deps, s);
  return { complaints, ratings, per1000: ratings ? (complaints * 1000) / ratings : null };
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
  const [n, met] = await combine<[number, number]>(
    deps,
    s,
    'sla',
    {
      fromAggregates: async (months) => {
        const r = await aggregate(deps.db, 'feedback_cx_sla', s, months)
          .select((eb) => [eb.fn.sum<number>('met').as('met'), eb.fn.sum<number>('breached').as('breached')])
          .executeTakeFirstOrThrow();
        return [num(r.met) + num(r.breached), num(r.met)];
      },
      fromRows: async (p) => {
        const r = await scoped(deps.db.selectFrom('feedback_cases').where('sla_outcome', 'is not', null), p, 'sla_outcome_at')
          .select((eb) => [
            eb.fn.countAll<number>().as('n'),
            eb.fn.sum<number>(eb.case().when('sla_outcome', '=', 'met').then(1).else(0).end()).as('met'),
          ])
          .executeTakeFirstOrThrow();
        return [num(r.n), num(r.met)];
      },
    },
    pair,
    [0, 0],
  );
  return { cases: n, met, rate: rate(met, n) };
}

/** Of the cases filed in the period and resolved at least once, the share the beneficiary had to reopen. */
export async function reopenRate(deps: Deps, s: Scope): Promise<{ resolved: number; reopened: number; rate: number | null }> {
  const [n, re] = await combine<[number, number]>(
    deps,
    s,
    'created',
    {
      fromAggregates: async (months) => {
        const r = await aggregate(deps.db, 'feedback_cx_cases', s, months)
          .select((eb) => [eb.fn.sum<number>('settled').as('n'), eb.fn.sum<number>('reopened').as('re')])
          .executeTakeFirstOrThrow();
        return [num(r.n), num(r.re)];
      },
      fromRows: async (p) => {
        const r = await scoped(
          deps.db.selectFrom('feedback_cases').where((eb) => eb.or([eb('resolved_at', 'is not', null), eb('reopen_count', '>', 0)])),
          p,
        )
          .select((eb) => [
            eb.fn.countAll<number>().as('n'),
            eb.fn.sum<number>(eb.case().when('reopen_count', '>', 0).then(1).else(0).end()).as('re'),
          ])
          .executeTakeFirstOrThrow();
        return [num(r.n), num(r.re)];
      },
    },
    pair,
    [0, 0],
  );
  return { resolved: n, reopened: re, rate: rate(re, n) };
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
