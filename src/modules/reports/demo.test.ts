import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { identityModule } from '../identity/index.ts';
import { lastClosedPeriod } from './archive/period.ts';
import { DEMO_RECIPIENT, loadReportsDemo } from './reports.demo.ts';

// The leadership report's demo goes through the office's services: a monthly schedule, an added
// address, last month's report made by the scheduled job and emailed; a second load adds nothing.

describe('reports: demo data', () => {
  let t: TestApp;
  let loaded: Record<string, number>;
  before(async () => {
    t = await testApp();
    await identityModule.demo?.(t.deps, systemCtx('demo'), {});
    loaded = await loadReportsDemo(t.deps, systemCtx('demo'));
  });
  after(() => t.close());

  it("schedules the report monthly, adds one address and archives last month's report, emailed to leadership and the address", async () => {
    assert.deepEqual(loaded, { reports_archived: 1 });
    const settings = await t.deps.db.selectFrom('reports_settings').selectAll().execute();
    assert.deepEqual(
      settings.map((s) => s.frequency),
      ['monthly'],
    );
    const archive = await t.deps.db.selectFrom('reports_archive').selectAll().execute();
    assert.deepEqual(
      archive.map((r) => [r.period_key, r.trigger]),
      [[lastClosedPeriod(t.deps.config.timeZone, 'monthly').key, 'schedule']],
    );
    const to = (
      await t.deps.db.selectFrom('messages').select('to_address').where('source', '=', 'reports').orderBy('to_address').execute()
    ).map((m) => m.to_address);
    assert.ok(to.includes(DEMO_RECIPIENT.email), 'the added address');
    assert.ok(to.includes('leader@yusr.demo'), 'the leadership account');
    assert.equal(archive[0]?.recipients, to.length);
    const audited = await t.deps.db.selectFrom('audit_log').select('action').where('action', 'like', 'reports.%').orderBy('seq').execute();
    assert.deepEqual(
      audited.map((a) => a.action),
      ['reports.schedule.update', 'reports.recipient.add', 'reports.archive.generate'],
    );
  });

  it('adds nothing when loaded again', async () => {
    assert.deepEqual(await loadReportsDemo(t.deps, systemCtx('demo')), { reports_archived: 0 });
    assert.equal((await t.deps.db.selectFrom('reports_archive').select('id').execute()).length, 1);
    assert.equal((await t.deps.db.selectFrom('reports_recipients').select('id').execute()).length, 1);
  });
});
