import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { enqueue, PermanentJobError } from './jobs.ts';
import { schedulePeriodKey, workOnce } from './worker.ts';

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

describe('schedules', () => {
  it('run once per period, at a local wall-clock time', () => {
    const daily = { name: 'digest', kind: 'x', daily: { hour: 8, minute: 0 } };
    // 04:59 UTC = 07:59 in Riyadh: not yet.
    assert.equal(schedulePeriodKey(daily, new Date('2026-11-28T04:59:00Z'), 'Asia/Riyadh'), null);
    assert.equal(schedulePeriodKey(daily, new Date('2026-11-28T05:00:00Z'), 'Asia/Riyadh'), 'schedule:digest:2026-11-28');
    assert.equal(schedulePeriodKey(daily, new Date('2026-11-28T20:00:00Z'), 'Asia/Riyadh'), 'schedule:digest:2026-11-28');
    // 22:00 UTC on the 28th is 01:00 on the 29th in Riyadh: the 29th's run is not due yet.
    assert.equal(schedulePeriodKey(daily, new Date('2026-11-28T22:00:00Z'), 'Asia/Riyadh'), null);
    assert.equal(schedulePeriodKey(daily, new Date('2026-11-29T05:30:00Z'), 'Asia/Riyadh'), 'schedule:digest:2026-11-29');
    // In London the same instant is still the 28th, past 08:00.
    assert.equal(schedulePeriodKey(daily, new Date('2026-11-28T22:00:00Z'), 'Europe/London'), 'schedule:digest:2026-11-28');
    const weekly = { name: 'weekly', kind: 'x', daily: { hour: 8, minute: 0, weekday: 'Sun' } };
    assert.equal(schedulePeriodKey(weekly, new Date('2026-11-28T09:00:00Z'), 'Asia/Riyadh'), null); // a Saturday
    assert.equal(schedulePeriodKey(weekly, new Date('2026-11-29T09:00:00Z'), 'Asia/Riyadh'), 'schedule:weekly:2026-11-29');
  });
});
