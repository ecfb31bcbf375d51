import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { loadFeedbackDemo } from './demo.ts';
import { csat, slaCompliance } from './feedback.metrics.ts';
import { caseStatuses } from './feedback.tables.ts';
import { runSlaSweep } from './sla.sweep.ts';

describe('feedback demo data', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    for (const code of ['moh', 'mc', 'gdp']) {
      const a = await buildAgency(t.deps, { code });
      await buildService(t.deps, a.id, { identifier: `${code}-one` });
      await buildService(t.deps, a.id, { identifier: `${code}-two` });
      await buildUser(t.deps, { role: 'agency_editor', agencyId: a.id });
    }
  });
  after(() => t.close());

  it('loads ratings over twelve months, cases in every status and the holidays, once', async () => {
    const started = Date.now();
    const first = await loadFeedbackDemo(t.deps, systemCtx('demo'), { ratings: 1200, cases: 150 });
    assert.deepEqual(first, { holidays: 6, ratings: 1200, cases: 150, templates: 3 });
    assert.ok(Date.now() - started < 60_000);
    const statuses = await t.deps.db.selectFrom('feedback_cases').select('status').distinct().execute();
    assert.deepEqual(statuses.map((s) => s.status).sort(), [...caseStatuses].sort());
    const months = await t.deps.db.selectFrom('feedback_ratings').select('month').distinct().execute();
    assert.ok(months.length >= 12, `${months.length} months`);
    const period = { from: '2000-01-01', to: '2100-01-01' };
    const c = await csat(t.deps, period);
    assert.ok(c.rate !== null && c.rate > 0.3 && c.rate < 0.95, String(c.rate));
    assert.ok((await slaCompliance(t.deps, period)).cases > 20);
    const numbers = await t.deps.db.selectFrom('feedback_cases').select('tracking_no').execute();
    assert.ok(numbers.every((n) => /^YSR-14\d\d-\d{6}$/.test(n.tracking_no)));
    assert.equal((await t.deps.db.selectFrom('messages').select('id').execute()).length, 0, 'no email to made-up people');
    assert.deepEqual(await loadFeedbackDemo(t.deps, systemCtx('demo')), { holidays: 0, ratings: 0, cases: 0, templates: 0 });
    assert.equal((await t.deps.db.selectFrom('feedback_cases').select('id').execute()).length, 150);
    // The demo is consistent with what the sweep would have done: running it changes nothing already settled.
    await runSlaSweep(t.deps);
    const page = await t.app.inject('/en/services/moh-one');
    assert.equal(page.statusCode, 200);
  });
});
