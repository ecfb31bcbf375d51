import { setTimeout as sleep } from 'node:timers/promises';
import type { Deps } from '../deps.ts';
import { zonedParts } from '../i18n/dates.ts';
import { claimJobs, enqueue, failJob, finishJob, type JobRow } from './jobs.ts';

export type JobHandler = (deps: Deps, payload: any, job: JobRow) => Promise<void>;

/** A recurring job: every N ms, or daily (optionally weekly) at a local wall-clock time. */
export type Schedule =
  | { name: string; kind: string; everyMs: number }
  | { name: string; kind: string; daily: { hour: number; minute: number; weekday?: string } };

/** Work done on every tick besides jobs, e.g. the message dispatcher. Returns how much it did. */
export type Ticker = (deps: Deps) => Promise<number>;

/** What modules register at start-up: job handlers, schedules and tickers. */
export class JobRegistry {
  readonly handlers = new Map<string, JobHandler>();
  readonly schedules: Schedule[] = [];
  readonly tickers: Ticker[] = [];

  handle(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} registered twice`);
    this.handlers.set(kind, handler);
  }
  schedule(s: Schedule): void {
    this.schedules.push(s);
  }
  tick(t: Ticker): void {
    this.tickers.push(t);
  }
}

/** The unique key of the schedule's current period, or null when it is not yet due today. */
export function schedulePeriodKey(s: Schedule, now: Date, timeZone: string): string | null {
  if ('everyMs' in s) return `schedule:${s.name}:${Math.floor(now.getTime() / s.everyMs)}`;
  const p = zonedParts(now, timeZone);
  if (s.daily.weekday && p.weekday !== s.daily.weekday) return null;
  if (p.hour * 60 + p.minute < s.daily.hour * 60 + s.daily.minute) return null;
  return `schedule:${s.name}:${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Enqueues every schedule whose period has come; the unique key makes it once per period across workers. */
export async function enqueueDueSchedules(deps: Deps, now = new Date()): Promise<void> {
  for (const s of deps.jobs.schedules) {
    const key = schedulePeriodKey(s, now, deps.config.timeZone);
    if (key) await enqueue(deps.db, s.kind, { scheduledAt: now.toISOString() }, { uniqueKey: key, maxAttempts: 3 });
  }
}

/** Runs one claimed job and records its outcome; a failure never escapes. */
async function runJob(deps: Deps, job: JobRow): Promise<void> {
  const handler = deps.jobs.handlers.get(job.kind);
  try {
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    await handler(deps, JSON.parse(job.payload), job);
    await finishJob(deps.db, job.id);
  } catch (err) {
    const outcome = await failJob(deps.db, job, err);
    deps.log.warn({ err, jobId: job.id, kind: job.kind, outcome }, 'job failed');
  }
}

/** One pass: due schedules, a batch of jobs, then the tickers. Returns the amount of work done. */
export async function workOnce(deps: Deps, batch = 20): Promise<number> {
  await enqueueDueSchedules(deps);
  const jobs = await claimJobs(deps.db, batch, 5 * 60_000);
  for (const job of jobs) await runJob(deps, job);
  let done = jobs.length;
  for (const t of deps.jobs.tickers) done += await t(deps);
  return done;
}

/** Works until nothing is left (tests and the CLI use it). */
export async function drain(deps: Deps, maxPasses = 10_000): Promise<void> {
  for (let i = 0; i < maxPasses; i++) if ((await workOnce(deps)) === 0) return;
}

/** The worker loop: in-process by default, or `yusr worker` as its own process. */
export function startWorker(deps: Deps, pollMs = 500): { stop(): Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      let done = 0;
      try {
        done = await workOnce(deps);
      } catch (err) {
        deps.log.error({ err }, 'worker pass failed');
      }
      if (done === 0 && running) await sleep(pollMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}
