import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { loadDemo } from '../../demo/demo.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { loadAvailabilityDemo } from './availability.demo.ts';
import { uptimeBetween } from './public.ts';

// The demo's probes carry 90 days of generated history recorded through recordResults: one service
// flapping (single failures, damped: no incident), one with a closed incident, one down now with an
// open incident (its announcement drafted in notify), the rest steady. Probes stay paused.

describe('availability demo data', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await loadDemo(t.deps, systemCtx('demo'), { services: 400, volume: 0.1 });
  });
  after(() => t.close());

  it('tells the story the README promises, and runs again without doubling anything', async () => {
    const probes = await t.deps.db.selectFrom('availability_probes').selectAll().orderBy('id').execute();
    assert.equal(probes.length, 6);
    assert.ok(probes.every((p) => p.paused === 1));
    const incidents = await t.deps.db.selectFrom('availability_incidents').selectAll().orderBy('id').execute();
    const byProbe = (i: number) => incidents.filter((x) => x.probe_id === probes[i]?.id);
    assert.deepEqual(
      byProbe(0).map((x) => x.status),
      ['open'],
      'the down service',
    );
    assert.ok(byProbe(0)[0]?.announcement_id, 'its outage announcement is drafted');
    assert.equal(byProbe(1).length, 0, 'flapping is damped');
    const flapping = await t.deps.db
      .selectFrom('availability_results')
      .select('ok')
      .where('probe_id', '=', probes[1]?.id as number)
      .execute();
    assert.ok(flapping.filter((r) => !r.ok).length > 100, 'it did fail, often');
    assert.deepEqual(
      byProbe(2).map((x) => [x.status, x.duration_seconds]),
      [['closed', 4 * 3600]],
    );
    const now = new Date();
    const u = await uptimeBetween(t.deps, { from: new Date(now.getTime() - 90 * 86_400_000).toISOString(), to: now.toISOString() });
    assert.ok(u.uptime !== null && u.uptime > 0.9 && u.uptime < 1, JSON.stringify(u));
    assert.deepEqual(await loadAvailabilityDemo(t.deps, systemCtx('demo')), { probes: 0, results: 0 });
  });
});
