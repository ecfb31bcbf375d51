import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep, setImmediate as yieldOnce } from 'node:timers/promises';
import pino from 'pino';
import { type TestApp, testApp, testEngine } from '../../../test/helpers/app.ts';
import { type App, createDeps } from '../../app.ts';
import type { Deps } from '../deps.ts';
import { queueEmail } from '../messaging/messaging.ts';
import { emit, subscribe } from './events.ts';
import { enqueue, PermanentJobError } from './jobs.ts';
import { runJobs, schedulePeriodKey, startWorker, workOnce } from './worker.ts';

// The kinds and the event these tests run (the type check knows them as it knows the modules').
declare module './jobs.ts' {
  interface JobPayloads {
    'test.echo': { n: number | string };
    'test.flaky': Record<string, never>;
    'test.broken': Record<string, never>;
    'test.permanent': Record<string, never>;
    'test.lease': { n: number };
  }
}
declare module './events.ts' {
  interface EventPayloads {
    'test.probed': { agg: string; n: number };
  }
}

const jobsOf = (t: TestApp, kind: string) => t.deps.db.selectFrom('jobs').selectAll().where('kind', '=', kind).execute();
const due = (t: TestApp, kind: string) =>
  t.deps.db
    .updateTable('jobs')
    .set({ run_at: new Date(Date.now() - 1000).toISOString() })
    .where('kind', '=', kind)
    .execute();

describe('jobs', () => {
  let t: TestApp;
  const ran: unknown[] = [];
  let failuresLeft = 0;
  before(async () => {
    t = await testApp();
    t.deps.jobs.handle('test.echo', async (_d, payload) => {
      ran.push(payload);
    });
    t.deps.jobs.handle('test.flaky', async () => {
      if (failuresLeft-- > 0) throw new Error('flaky');
    });
    t.deps.jobs.handle('test.broken', async () => {
      throw new Error('always broken');
    });
    t.deps.jobs.handle('test.permanent', async () => {
      throw new PermanentJobError('bad payload');
    });
  });
  after(() => t.close());

  it('a job commits with the change that caused it, or not at all', async () => {
    await assert.rejects(
      t.deps.db.transaction().execute(async (trx) => {
        await enqueue(trx, 'test.echo', { n: 1 });
        throw new Error('the change failed');
      }),
    );
    assert.equal((await jobsOf(t, 'test.echo')).length, 0);
    await t.deps.db.transaction().execute((trx) => enqueue(trx, 'test.echo', { n: 2 }));
    await t.drain();
    assert.deepEqual(ran, [{ n: 2 }]);
    assert.equal((await jobsOf(t, 'test.echo'))[0].status, 'done');
  });

  it('a unique key enqueues once however often it is asked', async () => {
    for (let i = 0; i < 3; i++) await enqueue(t.deps.db, 'test.echo', { n: 3 }, { uniqueKey: 'once' });
    assert.equal((await jobsOf(t, 'test.echo')).filter((j) => j.unique_key === 'once').length, 1);
  });

  it('retries with back-off, then succeeds', async () => {
    failuresLeft = 2;
    await enqueue(t.deps.db, 'test.flaky', {});
    await workOnce(t.deps);
    let [job] = await jobsOf(t, 'test.flaky');
    assert.equal(job.status, 'pending');
    assert.equal(job.attempts, 1);
    assert.ok(new Date(job.run_at).getTime() > Date.now() + 5000, 'the retry waits');
    await workOnce(t.deps);
    assert.equal((await jobsOf(t, 'test.flaky'))[0].attempts, 1, 'not run before its time');
    await due(t, 'test.flaky');
    await workOnce(t.deps);
    await due(t, 'test.flaky');
    await workOnce(t.deps);
    [job] = await jobsOf(t, 'test.flaky');
    assert.equal(job.status, 'done');
    assert.equal(job.attempts, 3);
  });

  it('a job that keeps failing is parked, never dropped', async () => {
    await enqueue(t.deps.db, 'test.broken', {}, { maxAttempts: 3 });
    for (let i = 0; i < 3; i++) {
      await due(t, 'test.broken');
      await workOnce(t.deps);
    }
    const [job] = await jobsOf(t, 'test.broken');
    assert.equal(job.status, 'parked');
    assert.match(job.last_error ?? '', /always broken/);
  });

  it('a permanent error parks at once', async () => {
    await enqueue(t.deps.db, 'test.permanent', {});
    await workOnce(t.deps);
    assert.equal((await jobsOf(t, 'test.permanent'))[0].status, 'parked');
  });

  it('a job whose worker died mid-run is claimed again after its lease', async () => {
    await enqueue(t.deps.db, 'test.echo', { n: 'orphan' });
    await t.deps.db
      .updateTable('jobs')
      .set({ status: 'running', attempts: 1, locked_until: new Date(Date.now() - 1000).toISOString() })
      .where('kind', '=', 'test.echo')
      .where('status', '=', 'pending')
      .execute();
    await workOnce(t.deps);
    assert.ok(ran.some((p) => (p as { n: string }).n === 'orphan'));
  });
});

/** Two workers on one database: the test app's and a second set of dependencies with its own connections. */
async function twoWorkers(env: Record<string, string> = {}): Promise<{ t: TestApp; workers: [Deps, App]; close(): Promise<void> }> {
  // SQLite: a file both open, as two worker processes would; PostgreSQL: two connection pools.
  const dir = mkdtempSync(join(tmpdir(), 'yusr-jobs-'));
  const t = await testApp({ ...env, ...(testEngine === 'sqlite' ? { DATABASE_URL: `sqlite:${join(dir, 'jobs.db')}` } : {}) });
  const second = await createDeps(t.config, { log: pino({ level: 'silent' }), migrate: false });
  return {
    t,
    workers: [t.deps, second],
    async close() {
      await second.close();
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe(`events about one aggregate are handled in the order emitted, by any number of workers (${testEngine})`, () => {
  let env: Awaited<ReturnType<typeof twoWorkers>>;
  type Probe = { agg: string; n: number };
  let onEvent: (w: number, e: Probe) => Promise<void> = async () => {};
  const emitAll = async (events: Probe[]) => {
    // Each event in its own transaction, as each publication of a service is.
    for (const e of events)
      await env.t.deps.db.transaction().execute((trx) => emit(trx, env.t.deps.jobs, 'test.probed', e, { aggregate: e.agg }));
  };
  const passes = (w: number, batch = 20) => workOnce(env.workers[w], batch);

  before(async () => {
    env = await twoWorkers();
    env.workers.forEach((deps, w) => {
      subscribe(deps.jobs, 'test.probed', 'probe', (_d, e: Probe) => onEvent(w, e));
    });
  });
  after(() => env.close());

  it('while one worker runs an event, a second worker runs other aggregates but not the next event of the same one', async () => {
    const log: string[] = [];
    const gate = deferred();
    const started = deferred();
    onEvent = async (_w, e) => {
      log.push(`${e.agg}:${e.n}`);
      if (e.agg === 'service:a' && e.n === 1) {
        started.resolve();
        await gate.promise;
      }
    };
    await emitAll([
      { agg: 'service:a', n: 1 },
      { agg: 'service:b', n: 1 },
      { agg: 'service:a', n: 2 },
      { agg: 'service:b', n: 2 },
    ]);
    const first = passes(0, 1);
    await started.promise;
    await passes(1);
    assert.deepEqual(log, ['service:a:1', 'service:b:1'], 'a:2 waits for a:1 (running); b:2 for b:1 (pending when claimed)');
    await passes(1);
    assert.deepEqual(log, ['service:a:1', 'service:b:1', 'service:b:2'], 'service b goes on while a:1 still runs');
    gate.resolve();
    await first;
    await passes(1);
    assert.deepEqual(log, ['service:a:1', 'service:b:1', 'service:b:2', 'service:a:2']);
  });

  it('two workers claiming at once keep each aggregate in emit order, also when an event fails once and is retried', async () => {
    const aggregates = ['service:x', 'service:y', 'service:z'];
    const perAggregate = 6;
    const attempts: Record<string, string[]> = Object.fromEntries(aggregates.map((a) => [a, []]));
    const inFlight = new Map<string, number>();
    let overlaps = 0;
    let failFirst = true;
    onEvent = async (w, e) => {
      inFlight.set(e.agg, (inFlight.get(e.agg) ?? 0) + 1);
      if ((inFlight.get(e.agg) ?? 0) > 1) overlaps++;
      try {
        // Yield so the other worker's claims interleave with this run.
        for (let i = 0; i < 3; i++) await yieldOnce();
        if (e.agg === 'service:x' && e.n === 1 && failFirst) {
          failFirst = false;
          attempts[e.agg].push(`${e.n} failed (worker ${w})`);
          throw new Error('temporary failure');
        }
        attempts[e.agg].push(String(e.n));
      } finally {
        inFlight.set(e.agg, (inFlight.get(e.agg) ?? 1) - 1);
      }
    };
    const events: Probe[] = [];
    for (let n = 1; n <= perAggregate; n++) for (const agg of aggregates) events.push({ agg, n });
    await emitAll(events);
    const bothWorkers = () =>
      Promise.all(
        [0, 1].map(async (w) => {
          while ((await passes(w, 2)) > 0);
        }),
      );

    await bothWorkers();
    const inOrder = Array.from({ length: perAggregate }, (_, i) => String(i + 1));
    assert.match(attempts['service:x'][0] ?? '', /^1 failed/);
    assert.equal(attempts['service:x'].length, 1, 'nothing after x:1 ran while x:1 waits for its retry');
    assert.deepEqual(attempts['service:y'], inOrder);
    assert.deepEqual(attempts['service:z'], inOrder);

    // The retry comes due.
    await env.t.deps.db
      .updateTable('jobs')
      .set({ run_at: new Date(Date.now() - 1000).toISOString() })
      .where('status', '=', 'pending')
      .execute();
    await bothWorkers();
    assert.match(attempts['service:x'][0], /^1 failed/);
    assert.deepEqual(attempts['service:x'].slice(1), inOrder, 'the retried event first, then the rest in order');
    assert.equal(overlaps, 0, 'never two events of one aggregate at once');
  });
});

describe(`leases are renewed while a worker works (${testEngine})`, () => {
  const LEASE_SECONDS = 2;
  let env: Awaited<ReturnType<typeof twoWorkers>>;
  const runs: { worker: string; n: number; attempts: number }[] = [];
  let onRun: (worker: string, n: number, signal: AbortSignal) => Promise<void> = async () => {};
  const register = (deps: Deps, worker: string) =>
    deps.jobs.handle('test.lease', async (_d, p: { n: number }, job) => {
      runs.push({ worker, n: p.n, attempts: job.attempts });
      await onRun(worker, p.n, job.signal);
    });
  const jobOf = (n: number) =>
    env.t.deps.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', 'test.lease')
      .where('payload', '=', JSON.stringify({ n }))
      .executeTakeFirstOrThrow();
  /** Polls without asserting any duration; the cap only turns a hang into a failure. */
  const until = async (what: string, check: () => Promise<boolean>) => {
    const cap = Date.now() + 120_000;
    while (!(await check())) {
      if (Date.now() > cap) throw new Error(`never happened: ${what}`);
      await sleep(100);
    }
  };

  before(async () => {
    env = await twoWorkers({ WORKER_LEASE_SECONDS: String(LEASE_SECONDS) });
    register(env.workers[0], 'a');
    register(env.workers[1], 'b');
  });
  after(() => env.close());

  it('a dead worker’s job is resumed by another worker once the short lease runs out', async () => {
    // A third worker claims the job and dies in the middle of it: its connections are gone, so it renews nothing.
    const doomed = await createDeps(env.t.config, { log: pino({ level: 'silent' }), migrate: false });
    register(doomed, 'doomed');
    const started = deferred();
    let doomedSignal: AbortSignal | null = null;
    onRun = async (worker, _n, signal) => {
      if (worker === 'doomed') {
        doomedSignal = signal;
        started.resolve();
        await new Promise(() => {});
      }
    };
    await enqueue(env.t.deps.db, 'test.lease', { n: 1 });
    void workOnce(doomed);
    await started.promise;
    await doomed.close();
    await until('another worker finished the job', async () => {
      await runJobs(env.workers[1]);
      return (await jobOf(1)).status === 'done';
    });
    assert.deepEqual(
      runs.filter((r) => r.n === 1).map((r) => [r.worker, r.attempts]),
      [
        ['doomed', 1],
        ['b', 2],
      ],
    );
    assert.equal((doomedSignal as AbortSignal | null)?.aborted, true, 'the worker that could not renew was told to stop');
  });

  it('a live worker keeps a job that outlasts its lease: nobody else runs it meanwhile', async () => {
    const gate = deferred();
    const started = deferred();
    onRun = async (worker, n) => {
      if (worker === 'a' && n === 2) {
        started.resolve();
        await gate.promise;
      }
    };
    await enqueue(env.t.deps.db, 'test.lease', { n: 2 });
    const running = runJobs(env.workers[0]);
    await started.promise;
    const claimedAt = Date.now();
    // Three leases' worth of the second worker trying to claim.
    while (Date.now() < claimedAt + 3 * LEASE_SECONDS * 1000) {
      await runJobs(env.workers[1]);
      await sleep(100);
    }
    const job = await jobOf(2);
    assert.equal(job.status, 'running');
    assert.ok(new Date(job.locked_until ?? 0).getTime() > Date.now(), 'its lease was renewed');
    gate.resolve();
    await running;
    assert.equal((await jobOf(2)).status, 'done');
    assert.deepEqual(
      runs.filter((r) => r.n === 2).map((r) => [r.worker, r.attempts]),
      [['a', 1]],
    );
  });

  it('jobs and delivery run in loops of their own: mail goes out while a long job runs', async () => {
    const gate = deferred();
    const started = deferred();
    onRun = async (worker, n) => {
      if (worker === 'a' && n === 3) {
        started.resolve();
        await gate.promise;
      }
    };
    await enqueue(env.t.deps.db, 'test.lease', { n: 3 });
    const worker = startWorker(env.workers[0], 50);
    try {
      await started.promise;
      await queueEmail(env.t.deps.db, env.t.deps.messaging.from, {
        key: 'during-a-long-job',
        to: 'waiting@example.sa',
        locale: 'en',
        subject: 'Reset your password',
        text: 'x',
        source: 'test',
      });
      await until('the email is sent', async () => {
        const m = await env.t.deps.db
          .selectFrom('messages')
          .select('status')
          .where('message_key', '=', 'during-a-long-job')
          .executeTakeFirstOrThrow();
        return m.status === 'sent';
      });
      assert.equal((await jobOf(3)).status, 'running', 'while the job still runs');
    } finally {
      gate.resolve();
      await worker.stop();
    }
  });
});

describe('schedules', () => {
  it('run once per period, at a local wall-clock time', () => {
    const daily = { kind: 'digest', daily: { hour: 8, minute: 0 } };
    // 04:59 UTC = 07:59 in Riyadh: not yet.
    assert.equal(schedulePeriodKey(daily, new Date('2026-11-28T04:59:00Z'), 'Asia/Riyadh'), null);
    assert.equal(schedulePeriodKey(daily, new Date('2026-11-28T05:00:00Z'), 'Asia/Riyadh'), 'schedule:digest:2026-11-28');
    assert.equal(schedulePeriodKey(daily, new Date('2026-11-28T20:00:00Z'), 'Asia/Riyadh'), 'schedule:digest:2026-11-28');
    // 22:00 UTC on the 28th is 01:00 on the 29th in Riyadh: the 29th's run is not due yet.
    assert.equal(schedulePeriodKey(daily, new Date('2026-11-28T22:00:00Z'), 'Asia/Riyadh'), null);
    assert.equal(schedulePeriodKey(daily, new Date('2026-11-29T05:30:00Z'), 'Asia/Riyadh'), 'schedule:digest:2026-11-29');
    // In London the same instant is still the 28th, past 08:00.
    assert.equal(schedulePeriodKey(daily, new Date('2026-11-28T22:00:00Z'), 'Europe/London'), 'schedule:digest:2026-11-28');
    const weekly = { kind: 'weekly', daily: { hour: 8, minute: 0, weekday: 'Sun' } };
    assert.equal(schedulePeriodKey(weekly, new Date('2026-11-28T09:00:00Z'), 'Asia/Riyadh'), null); // a Saturday
    assert.equal(schedulePeriodKey(weekly, new Date('2026-11-29T09:00:00Z'), 'Asia/Riyadh'), 'schedule:weekly:2026-11-29');
  });
});
