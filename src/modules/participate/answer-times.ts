import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Deps } from '../../platform/deps.ts';
import { offsetAt } from '../../platform/i18n/dates.ts';
import * as repo from './participate.repo.ts';

// Time to disposition: the national `medianDaysToAnswer` (participate's port), and each
// consultation's figures in the statistics export, the public report and the console. Both rank the
// answered comments in SQL by `daysToAnswer` and read only the few they need; no comment is loaded.

/**
 * Days from a consultation's last day (`closes_on`) to the local day a comment was answered
 * (`disposed_at`), as SQL: 1 for an answer the day after the period closed. The one measure of time
 * to an answer. PostgreSQL takes the local day in the configured zone (`AT TIME ZONE`); SQLite, which
 * has no zone database, shifts by the zone's offset now — exact for zones without daylight saving
 * (Asia/Riyadh); in a zone with it, an answer within an hour of midnight may count a day off.
 */
export function daysToAnswer(deps: Deps, closesOn: Expression<string>, disposedAt: Expression<string | null>): RawBuilder<number> {
  if (deps.dialect === 'postgres') {
    return sql<number>`(((${disposedAt})::timestamptz at time zone ${deps.config.timeZone}::text)::date - (${closesOn})::date)`;
  }
  const minutes = Math.round(offsetAt(deps.config.timeZone, Date.now()) / 60_000);
  const shift = `${minutes < 0 ? '-' : '+'}${Math.abs(minutes)} minutes`;
  return sql<number>`cast(julianday(date(${disposedAt}, ${shift})) - julianday(${closesOn}) as integer)`;
}

/** Answered comments: of one consultation, of one agency's consultations, or all. */
export interface AnsweredScope {
  consultationId?: number;
  agencyId?: number;
}

const answered = (deps: Deps, s: AnsweredScope) => {
  let q = deps.db
    .selectFrom('participate_comments as m')
    .innerJoin('participate_consultations as c', 'c.id', 'm.consultation_id')
    .where('m.disposed_at', 'is not', null);
  if (s.consultationId !== undefined) q = q.where('m.consultation_id', '=', s.consultationId);
  if (s.agencyId !== undefined) q = q.where('c.agency_id', '=', s.agencyId);
  return q;
};

/** How many comments in the scope are answered (one consultation's: from the `participate_comments_disposed` index). */
export async function countAnswered(deps: Deps, s: AnsweredScope): Promise<number> {
  const r = await answered(deps, s)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The days to answer of the `rank`-th (from 1) shortest wait in the scope, and of the `count - 1`
 * after it: `ORDER BY … LIMIT count OFFSET rank - 1`. Within one consultation the last day is the
 * same for all, so the order is the answers' and SQL steps along the `participate_comments_disposed`
 * index (consultation, answered at); across consultations it sorts by the days themselves.
 */
export async function daysAtRank(deps: Deps, s: AnsweredScope, rank: number, count = 1): Promise<number[]> {
  const days = daysToAnswer(deps, sql.ref('c.closes_on'), sql.ref('m.disposed_at'));
  const rows = await answered(deps, s)
    .select(days.as('days'))
    .orderBy(s.consultationId !== undefined ? sql.ref('m.disposed_at') : days)
    .limit(count)
    .offset(rank - 1)
    .execute();
  return rows.map((r) => Number(r.days));
}

/** The median of the answered comments' waits in a scope (the mean of the two middle ones for an even count); null when none. */
export async function medianDays(deps: Deps, s: AnsweredScope, n?: number): Promise<number | null> {
  const total = n ?? (await countAnswered(deps, s));
  if (total === 0) return null;
  const [a, b] = await daysAtRank(deps, s, Math.floor((total + 1) / 2), total % 2 ? 1 : 2);
  return b === undefined ? a : (a + b) / 2;
}

/** How long a consultation's comments waited for their answers, in days after its last day (`daysToAnswer`). */
export interface AnswerTimes {
  answered: number;
  undisposed: number;
  /** The median (the mean of the two middle ones for an even count); null while none is answered. */
  median: number | null;
  /** The 90th percentile, nearest rank: the ⌈0.9·n⌉-th shortest wait. */
  p90: number | null;
  /** The longest wait. */
  max: number | null;
}

/**
 * A consultation's time to disposition: from its last day to the day each comment was answered (as
 * the national `medianDaysToAnswer`), and how many are still unanswered. SQL reads the few answers
 * the figures need by rank along an index (`daysAtRank`); the comments are never loaded.
 */
export async function answerTimes(deps: Deps, c: { id: number; closes_on: string }): Promise<AnswerTimes> {
  const scope = { consultationId: c.id };
  const [n, undisposed] = await Promise.all([countAnswered(deps, scope), repo.countComments(deps.db, c.id, { undisposed: true })]);
  if (n === 0) return { answered: 0, undisposed, median: null, p90: null, max: null };
  const at = async (rank: number) => (await daysAtRank(deps, scope, rank))[0];
  const [median, p90, max] = await Promise.all([medianDays(deps, scope, n), at(Math.ceil((9 * n) / 10)), at(n)]);
  return { answered: n, undisposed, median, p90, max };
}
