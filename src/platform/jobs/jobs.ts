import type { Kysely } from 'kysely';
import type { DB, Executor } from '../../db.ts';
import { dialectOf } from '../db/database.ts';
import type { JobsTable } from '../db/tables.ts';
import { isoIn, nowIso } from '../db/time.ts';

export interface EnqueueOptions {
  /** When to run; now by default. */
  runAt?: Date;
  /** A job with the same key is enqueued once only (a rerun never duplicates). */
  uniqueKey?: string;
  /**
   * Jobs with the same ordering key run one at a time, in the order they were enqueued: one is
   * claimed only once every earlier one with its key is done (or parked), whatever the number of workers.
   */
  orderingKey?: string;
  maxAttempts?: number;
}

/**
 * Every job kind and its payload. Each module declares its own kinds beside the code that enqueues
 * them, by augmenting this interface:
 *   declare module '../../platform/jobs/jobs.ts' { interface JobPayloads { 'notify.fanout': { announcementId: number } } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each module
export interface JobPayloads {}
export type JobKind = keyof JobPayloads & string;

/** Adds a job inside the caller's transaction: it commits with the change that caused it, or not at all. */
export function enqueue<K extends JobKind>(trx: Executor, kind: K, payload: JobPayloads[K], opts: EnqueueOptions = {}): Promise<void> {
  return enqueueKind(trx, kind, payload, opts);
}

/** enqueue() for kinds made at run time (an event's subscriber jobs, schedules): the platform only. */
export async function enqueueKind(trx: Executor, kind: string, payload: unknown, opts: EnqueueOptions = {}): Promise<void> {
  const now = nowIso();
  await trx
    .insertInto('jobs')
    .values({
      kind,
      payload: JSON.stringify(payload ?? null),
      status: 'pending',
      run_at: (opts.runAt ?? new Date()).toISOString(),
      attempts: 0,
      max_attempts: opts.maxAttempts ?? 8,
      locked_until: null,
      last_error: null,
      unique_key: opts.uniqueKey ?? null,
      ordering_key: opts.orderingKey ?? null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .execute();
}

/** Thrown by a handler when retrying cannot help: the job is parked at once. */
export class PermanentJobError extends Error {}

export type JobRow = JobsTable & { id: number };

/**
 * Claims up to `limit` due jobs (and jobs whose worker died mid-run) for one lease, in id order.
 * A job with an ordering key waits while an earlier job with that key is unfinished: pending (also
 * when waiting for its retry) or running. The check reads committed rows only, and an earlier job
 * another worker is claiming at this instant is still pending or already running in that snapshot,
 * so two workers never run two jobs of one key at once or out of order. A parked job (given up)
 * no longer holds its key back.
 */
export async function claimJobs(db: Kysely<DB>, limit: number, leaseMs: number): Promise<JobRow[]> {
  const now = nowIso();
  let due = db
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb('ordering_key', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('jobs as earlier')
              .select('earlier.id')
              .whereRef('earlier.ordering_key', '=', 'jobs.ordering_key')
              .whereRef('earlier.id', '<', 'jobs.id')
              .where('earlier.status', 'in', ['pending', 'running']),
          ),
        ),
      ]),
    )
    .orderBy('run_at')
    .orderBy('id')
    .limit(limit);
  if (dialectOf(db) === 'postgres') due = due.forUpdate().skipLocked();
  const rows = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      locked_until: isoIn(leaseMs),
      updated_at: now,
    }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
  // RETURNING promises no order; jobs run in the order they were enqueued.
  return (rows as JobRow[]).sort((a, b) => a.id - b.id);
}

/** Exponential back-off: 10 s, 20 s, 40 s … capped at one hour, with jitter. */
export function backoffMs(attempts: number): number {
  const base = Math.min(3_600_000, 10_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Extends the lease of jobs this worker still holds; returns the ids it still holds. A job is held
 * while it is running with the attempt this worker claimed: once its lease ran out and another
 * worker claimed it, its attempt count moved on and this worker has lost it.
 */
export async function renewJobs(db: Kysely<DB>, jobs: JobRow[], leaseMs: number): Promise<Set<number>> {
  const held = new Set<number>();
  const byAttempt = new Map<number, number[]>();
  for (const j of jobs) byAttempt.set(j.attempts, [...(byAttempt.get(j.attempts) ?? []), j.id]);
  for (const [attempts, ids] of byAttempt) {
    const rows = await db
      .updateTable('jobs')
      .set({ locked_until: isoIn(leaseMs), updated_at: nowIso() })
      .where('id', 'in', ids)
      .where('status', '=', 'running')
      .where('attempts', '=', attempts)
      .returning('id')
      .execute();
    for (const r of rows) held.add(r.id);
  }
  return held;
}

/** Records a job's success, unless another worker took it over meanwhile (then its outcome is that worker's). */
export async function finishJob(db: Kysely<DB>, job: Pick<JobRow, 'id' | 'attempts'>): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', locked_until: null, updated_at: nowIso() })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('attempts', '=', job.attempts)
    .execute();
}

export async function failJob(db: Kysely<DB>, job: JobRow, error: unknown): Promise<'retry' | 'parked'> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const park = error instanceof PermanentJobError || job.attempts >= job.max_attempts;
  await db
    .updateTable('jobs')
    .set({
      status: park ? 'parked' : 'pending',
      run_at: park ? job.run_at : isoIn(backoffMs(job.attempts)),
      locked_until: null,
      last_error: message.slice(0, 2000),
      updated_at: nowIso(),
    })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('attempts', '=', job.attempts)
    .execute();
  return park ? 'parked' : 'retry';
}

/** Puts a parked job back in the queue (the console's "retry"). */
export async function retryJob(trx: Executor, id: number): Promise<boolean> {
  const r = await trx
    .updateTable('jobs')
    .set({ status: 'pending', attempts: 0, run_at: nowIso(), updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'parked')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Counts of jobs by status, for the console and /metrics. */
export async function jobCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['status', db.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
