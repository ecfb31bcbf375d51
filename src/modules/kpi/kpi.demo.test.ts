import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { catalogModule } from '../catalog/index.ts';
import { identityModule } from '../identity/index.ts';
import { DEMO_MONTHS, DEMO_SERVICES, demoSeries, loadKpiDemo } from './kpi.demo.ts';
import { digitalTakeUp } from './public.ts';
import { addMonths, currentMonth } from './testing.ts';

describe('kpi: demo data', () => {
  let t: TestApp;
  let loaded: Record<string, number>;
  before(async () => {
    t = await testApp();
    await identityModule.demo?.(t.deps, systemCtx('demo'), {});
    await catalogModule.demo?.(t.deps, systemCtx('demo'), {});
    loaded = await loadKpiDemo(t.deps, systemCtx('demo'));
  });
  after(() => t.close());

  it('is drawn from a seed per service: the same figures every time, with gaps', () => {
    const last = '2026-10';
    assert.deepEqual(demoSeries('renew-passport', last), demoSeries('renew-passport', last));
    assert.notDeepEqual(demoSeries('renew-passport', last), demoSeries('issue-visa', last));
    const lengths = Array.from({ length: 60 }, (_, i) => demoSeries(`svc-${i}`, last).length);
    assert.ok(lengths.every((n) => n <= DEMO_MONTHS));
    assert.ok(
      lengths.some((n) => n < DEMO_MONTHS - 3),
      'some services have long gaps or started late',
    );
    assert.ok(
      lengths.some((n) => n === DEMO_MONTHS),
      'some reported every month',
    );
  });

  it('loads 24 months for the live services through the service, with gaps, once', async () => {
    const rows = await t.deps.db.selectFrom('kpi_figures').select(['service_id', 'month', 'source', 'completed', 'started']).execute();
    assert.equal(loaded.kpi_figures, rows.length);
    const services = new Set(rows.map((r) => r.service_id));
    assert.ok(services.size > 10 && services.size <= DEMO_SERVICES, `${services.size} services`);
    assert.ok(rows.length < services.size * DEMO_MONTHS, 'there are missing months');
    assert.ok(rows.every((r) => r.source === 'demo' && r.completed <= r.started));
    const last = addMonths(currentMonth(), -1);
    assert.ok(rows.every((r) => r.month <= last && r.month > addMonths(last, -DEMO_MONTHS)));
    assert.equal((await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'kpi.enter').execute()).length, rows.length);
    assert.deepEqual(await loadKpiDemo(t.deps, systemCtx('demo')), { kpi_figures: 0 }, 'loading again changes nothing');
    const national = await digitalTakeUp(t.deps, { from: `${addMonths(last, -11)}-01`, to: `${addMonths(last, 1)}-01` });
    assert.ok(national.value !== null && national.value > 0.2 && national.value < 1);
  });
});
