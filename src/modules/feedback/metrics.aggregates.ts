import { sql } from 'kysely';
import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { dialectOf } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { dayStart } from '../../platform/i18n/dates.ts';
import { AGREE_FROM } from './feedback.schema.ts';
import { CX_AGGREGATES, recompute } from './migrations/0065_feedback_cx_aggregates.ts';
import { monthOf } from './tracking.ts';

// The CX aggregates (feedback_cx_ratings, _answers, _cases, _sla; kept by triggers, see migration
// 0065) answer for whole months; a period's partial first or last month is read from the raw rows,
// unless no row of that month falls outside the period (then the month's aggregate is exact: a
// period ending tomorrow reads the current month from the aggregates too).

export interface Period {
  from: string;
  to: string;
}
export interface Scope extends Period {
  agencyId?: number;
  serviceId?: number;
}
/** Which time a fact is counted by: when it was filed (ratings, answers, cases) or when its SLA was settled. */
export type Family = 'created' | 'sla';
/** Whole months (inclusive, 'YYYY-MM') for the aggregates, and the periods left to the raw rows. */
export interface Split {
  months: { first: string; last: string } | null;
  raw: Period[];
}

const shift = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

/** Whether any row of the family, in scope, has its time in [a, b). */
async function anyRow(db: Executor, s: Scope, family: Family, a: string, b: string): Promise<boolean> {
  if (a >= b) return false;
  const probe = async (table: 'feedback_ratings' | 'feedback_cases', time: 'created_at' | 'sla_outcome_at') => {
    let q = db.selectFrom(table).select('id').where(time, '>=', a).where(time, '<', b);
    if (s.agencyId !== undefined) q = q.where('agency_id', '=', s.agencyId);
    if (s.serviceId !== undefined) q = q.where('service_id', '=', s.serviceId);
    return (await q.limit(1).executeTakeFirst()) !== undefined;
  };
  if (family === 'sla') return probe('feedback_cases', 'sla_outcome_at');
  return (await probe('feedback_ratings', 'created_at')) || (await probe('feedback_cases', 'created_at'));
}

/** Splits a scope's period [from, to) into whole months (months in the configured zone, as stored) and raw edges. */
export async function split(deps: Deps, s: Scope, family: Family): Promise<Split> {
  const tz = deps.config.timeZone;
  const from = Date.parse(s.from);
  const to = Date.parse(s.to);
  if (Number.isNaN(from) || Number.isNaN(to)) return { months: null, raw: [{ from: s.from, to: s.to }] };
  if (to <= from) return { months: null, raw: [] };
  const start = (m: string) => dayStart(`${m}-01`, tz);
  let first = monthOf(new Date(from), tz);
  let last = monthOf(new Date(to - 1), tz);
  const before = await anyRow(deps.db, s, family, start(first), s.from);
  const after = await anyRow(deps.db, s, family, s.to, start(shift(last, 1)));
  if (first === last) return before || after ? { months: null, raw: [{ from: s.from, to: s.to }] } : { months: { first, last }, raw: [] };
  const raw: Period[] = [];
  if (before) {
    first = shift(first, 1);
    raw.push({ from: s.from, to: start(first) });
  }
  if (after) {
    raw.push({ from: start(last), to: s.to });
    last = shift(last, -1);
  }
  return { months: first <= last ? { first, last } : null, raw };
}

type AggTable = 'feedback_cx_ratings' | 'feedback_cx_answers' | 'feedback_cx_cases' | 'feedback_cx_sla';

/** A query over an aggregate table for whole months and the scope's agency or service. */
export function aggregate<T extends AggTable>(db: Executor, table: T, s: Scope, months: { first: string; last: string }) {
  let q = db
    .selectFrom(table as AggTable)
    .where('month', '>=', months.first)
    .where('month', '<=', months.last);
  if (s.agencyId !== undefined) q = q.where('agency_id', '=', s.agencyId);
  if (s.serviceId !== undefined) q = q.where('service_id', '=', s.serviceId);
  return q;
}

const scores = [1, 2, 3, 4, 5];
/** Sums over feedback_cx_answers: answers, those agreeing (score ≥ AGREE_FROM) and the scores' total. */
export const answerSums = {
  n: sql<number>`sum(${sql.raw(scores.map((k) => `n${k}`).join(' + '))})`,
  agree: sql<number>`sum(${sql.raw(
    scores
      .filter((k) => k >= AGREE_FROM)
      .map((k) => `n${k}`)
      .join(' + '),
  )})`,
  total: sql<number>`sum(${sql.raw(scores.map((k) => `${k} * n${k}`).join(' + '))})`,
};

/**
 * Adds up a figure over a scope: the aggregates for its whole months, `fromRows` (the original
 * query over the raw rows) for each edge period.
 */
export async function combine<T>(
  deps: Deps,
  s: Scope,
  family: Family,
  parts: { fromAggregates: (months: { first: string; last: string }) => Promise<T>; fromRows: (s: Scope) => Promise<T> },
  add: (a: T, b: T) => T,
  zero: T,
): Promise<T> {
  const { months, raw } = await split(deps, s, family);
  let out = months ? await parts.fromAggregates(months) : zero;
  for (const p of raw) out = add(out, await parts.fromRows({ ...s, ...p }));
  return out;
}

export interface Mismatch {
  table: string;
  key: string;
  stored: Record<string, number> | null;
  recomputed: Record<string, number> | null;
}

/** Every aggregate row that differs from a recomputation from the raw rows (rows of zeros count as absent). */
export async function checkAggregates(db: Executor): Promise<Mismatch[]> {
  const out: Mismatch[] = [];
  for (const a of CX_AGGREGATES) {
    const keys = a.keys.map(([c]) => c);
    const counts = a.counts.map(([c]) => c);
    const index = (rows: Record<string, unknown>[]) => {
      const m = new Map<string, Record<string, number>>();
      for (const r of rows) {
        const v = Object.fromEntries(counts.map((c) => [c, Number(r[c] ?? 0)]));
        if (counts.some((c) => v[c] !== 0)) m.set(keys.map((k) => String(r[k])).join('|'), v);
      }
      return m;
    };
    const stored = index((await sql.raw<Record<string, unknown>>(`SELECT * FROM ${a.table}`).execute(db)).rows);
    const recomputed = index((await sql.raw<Record<string, unknown>>(recompute(a)).execute(db)).rows);
    for (const key of new Set([...stored.keys(), ...recomputed.keys()])) {
      const x = stored.get(key) ?? null;
      const y = recomputed.get(key) ?? null;
      if (!x || !y || counts.some((c) => x[c] !== y[c])) out.push({ table: a.table, key, stored: x, recomputed: y });
    }
  }
  return out.sort((p, q) => p.table.localeCompare(q.table) || p.key.localeCompare(q.key));
}

/** Rebuilds every aggregate from the raw rows, in the caller's transaction (PostgreSQL: writers wait meanwhile). */
export async function repairAggregates(trx: Executor, postgres: boolean): Promise<void> {
  if (postgres) await sql`LOCK TABLE feedback_ratings, feedback_answers, feedback_cases IN SHARE MODE`.execute(trx);
  for (const a of CX_AGGREGATES) {
    await sql.raw(`DELETE FROM ${a.table}`).execute(trx);
    await sql.raw(`INSERT INTO ${a.table} (${[...a.keys, ...a.counts].map(([c]) => c).join(', ')}) ${recompute(a)}`).execute(trx);
  }
}

/**
 * `yusr feedback aggregates [--repair]`: lists aggregate rows that differ from a recomputation
 * (exit 1 when any does); with --repair rebuilds them all, audited, and checks again.
 */
export async function runAggregatesCommand(deps: Deps, repair: boolean): Promise<{ out: string; code: number }> {
  const found = await checkAggregates(deps.db);
  const lines = found.map((m) => `${m.table} ${m.key}: stored ${JSON.stringify(m.stored)}, recomputed ${JSON.stringify(m.recomputed)}`);
  if (!repair)
    return found.length
      ? { out: `CX aggregates OUT OF STEP in ${found.length} rows:\n${lines.join('\n')}\n`, code: 1 }
      : { out: 'CX aggregates agree with the ratings, answers and cases.\n', code: 0 };
  await deps.db.transaction().execute(async (trx) => {
    await repairAggregates(trx, dialectOf(deps.db) === 'postgres');
    await recordAudit(trx, systemCtx('cli'), {
      action: 'feedback.aggregates_rebuilt',
      recordType: 'feedback_cx_aggregates',
      before: { rowsOutOfStep: found.length },
    });
  });
  const left = await checkAggregates(deps.db);
  return {
    out: `CX aggregates rebuilt from the raw rows (${found.length} rows were out of step)${left.length ? `; still ${left.length} out of step` : ''}.\n`,
    code: left.length ? 1 : 0,
  };
}
