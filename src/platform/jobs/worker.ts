import { setTimeout as sleep } from 'node:timers/promises';
import type { Deps } from '../deps.ts';
import { zonedParts } from '../i18n/dates.ts';
import { claimJobs, enqueueKind, failJob, finishJob, type JobKind, type JobPayloads, type JobRow, renewJobs } from './jobs.ts';

/** A claimed job as its handler sees it: `signal` aborts when this worker lost the job's lease. */
export type RunningJob = JobRow & { signal: AbortSignal };
/** Handles one job of a kind, given its typed payload. */
export type JobHandler<K extends JobKind = JobKind> = (deps: Deps, payload: JobPayloads[K], job: RunningJob) => Promise<void>;
/** A module's handlers, by kind (a manifest's `jobs`). */
export type JobHandlers = { [K in JobKind]?: JobHandler<K> };
type AnyHandler = (deps: Deps, payload: unknown, job: RunningJob) => Promise<void>;

/** What a scheduled job receives: when its period came. */
export interface ScheduledPayload {
  scheduledAt: string;
}
type ScheduledKind = { [K in JobKind]: JobPayloads[K] extends ScheduledPayload ? K : never }[JobKind];

/** A recurring job: every N ms, or daily (optionally weekly) at a local wall-clock time. */
export type Schedule =
  | { kind: ScheduledKind; everyMs: number }
  | { kind: ScheduledKind; daily: { hour: number; minute: number; weekday?: string } };

/** Work done on every tick besides jobs, e.g. the message dispatcher. Returns how much it did. */
export type Ticker = (deps: Deps) => Promise<number>;

/** What the platform and the modules' manifests register at start-up: job handlers, schedules and tickers. */
export class JobRegistry {
  readonly handlers = new Map<string, AnyHandler>();
  readonly schedules: Schedule[] = [];
  readonly tickers: Ticker[] = [];
  /** Event name → the job kinds of its subscribers (see events.ts). */
  readonly subscribers = new Map<string, string[]>();

  handle<K extends JobKind>(kind: K, handler: JobHandler<K>): void {
    this.handleKind(kind, handler as AnyHandler);
  }
  /** handle() for kinds made at run time (an event's subscriber jobs): the platform only. */
  handleKind(kind: string, handler: AnyHandler): void {
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

/** A period: every N ms, or a local time of day (of a weekday); `kind` names it. */
export type Period = { kind: string; everyMs: number } | { kind: string; daily: { hour: number; minute: number; weekday?: string } };

/** The unique key of the schedule's current period, or null when it is not yet due today. */
export function schedulePeriodKey(s: Period, now: Date, timeZone: string): string | null {
  if ('everyMs' in s) return `schedule:${s.kind}:${Math.floor(now.getTime() / s.everyMs)}`;
  const p = zonedParts(now, timeZone);
  if (s.daily.weekday && p.weekday !== s.daily.weekday) return null;
  if (p.hour * 60 + p.minute < s.daily.hour * 60 + s.daily.minute) return null;
  return `schedule:${s.kind}:${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Enqueues every schedule whose period has come; the unique key makes it once per period across workers. */
export async function enqueueDueSchedules(deps: Deps, now = new Date()): Promise<void> {
  for (const s of deps.jobs.schedules) {
    const key = schedulePeriodKey(s, now, deps.config.timeZone);
    if (key) await enqueueKind(deps.db, s.kind, { scheduledAt: now.toISOString() }, { uniqueKey: key, maxAttempts: 3 });
  }
}

/** The lease of claimed work, and how often a working worker renews it (a third of the lease). */
export function leaseOf(deps: Pick<Deps, 'config'>): { leaseMs: number; renewEveryMs: number } {
  const leaseMs = deps.config.workerLeaseSeconds * 1000;
  return { leaseMs, renewEveryMs: Math.max(100, Math.floor(leaseMs / 3)) };
}

/** Runs one claimed job and records its outcome; a failure never escapes. */
async function runJob(deps: Deps, job: RunningJob): Promise<void> {
  const handler = deps.jobs.handlers.get(job.kind);
  try {
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    await handler(deps, JSON.parse(job.payload), job);
    await finishJob(deps.db, job);
  } catch (err) {
    try {
      const outcome = await failJob(deps.db, job, err);
      deps.log.warn({ err, jobId: job.id, kind: job.kind, outcome }, 'job failed');
    } catch (recordErr) {
      // The lease runs out and another worker runs the job again.
      deps.log.error({ err: recordErr, jobId: job.id, kind: job.kind }, 'job failure could not be recorded');
    }
  }
}

/**
 * Due schedules, then one claimed batch of jobs, run one after the other in id order. While the
 * batch runs, its leases are renewed every third of the lease: a live worker keeps its jobs however
 * long they take, a dead one's are claimed by another worker once the lease runs out. A job whose
 * lease this worker lost (renewal failed, or another worker took it) is not started, and a running
 * one sees its signal abort. Returns how many jobs it claimed.
 */
export async function runJobs(deps: Deps, batch = 20): Promise<number> {
  await enqueueDueSchedules(deps);
  const { leaseMs, renewEveryMs } = leaseOf(deps);
  const claimed = await claimJobs(deps.db, batch, leaseMs);
  if (claimed.length === 0) return 0;
  const controllers = new Map<number, AbortController>(claimed.map((j) => [j.id as number, new AbortController()]));
  const jobs: RunningJob[] = claimed.map((j) => ({ ...j, signal: (controllers.get(j.id) as AbortController).signal }));
  const held = new Map<number, RunningJob>(jobs.map((j) => [j.id, j]));
  const lose = (ids: Iterable<number>) => {
    for (const id of ids) {
      held.delete(id);
      controllers.get(id)?.abort(new Error('the job lease was lost'));
    }
  };
  let renewing = false;
  const heartbeat = setInterval(() => {
    if (renewing || held.size === 0) return;
    renewing = true;
    renewJobs(deps.db, [...held.values()], leaseMs)
      .then((still) => {
        const lost = [...held.keys()].filter((id) => !still.has(id));
        if (lost.length) deps.log.warn({ jobIds: lost }, 'job lease taken over by another worker');
        lose(lost);
      })
      .catch((err) => {
        deps.log.error({ err }, 'job lease could not be renewed: leaving the batch to other workers');
        lose([...held.keys()]);
      })
      .finally(() => {
        renewing = false;
      });
  }, renewEveryMs);
  heartbeat.unref();
  try {
    for (const job of jobs) {
      if (!held.has(job.id)) continue;
      await runJob(deps, job);
      held.delete(job.id);
    }
  } finally {
    clearInterval(heartbeat);
  }
  return jobs.length;
}

/** One pass: due schedules, a batch of jobs, then the tickers. Returns the amount of work done. */
export async function workOnce(deps: Deps, batch = 20): Promise<number> {
  let done = await runJobs(deps, batch);
  for (const t of deps.jobs.tickers) done += await t(deps);
  return done;
}

/** Works until nothing is left (tests and the CLI use it). */
export async function drain(deps: Deps, maxPasses = 10_000): Promise<void> {
  for (let i = 0; i < maxPasses; i++) if ((await workOnce(deps)) === 0) return;
}

/**
 * The worker: in-process by default, or `yusr worker` as its own process. Jobs and each ticker
 * (the transactional and the bulk delivery lane, scheduled publication) run in loops of their own,
 * so a long fan-out job never holds up mail, and a large bulk batch never holds up a reset.
 */
export function startWorker(deps: Deps, pollMs = 500): { stop(): Promise<void> } {
  let running = true;
  const steps: [string, () => Promise<number>][] = [
    ['jobs', () => runJobs(deps)],
    ...deps.jobs.tickers.map((t, i): [string, () => Promise<number>] => [`ticker ${i}`, () => t(deps)]),
  ];
  const loops = steps.map(([name, step]) =>
    (async () => {
      while (running) {
        let done = 0;
        try {
          done = await step();
        } catch (err) {
          deps.log.error({ err, loop: name }, 'worker pass failed');
        }
        if (done === 0 && running) await sleep(pollMs);
      }
    })(),
  );
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
