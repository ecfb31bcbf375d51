import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { signedIn } from '../../../test/helpers/client.ts';
import { buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { identityModule } from '../identity/index.ts';
import { loadPlanDemo } from './plan.demo.ts';
import { onTrackShare } from './public.ts';

describe('plan: demo data', () => {
  let t: TestApp;
  let loaded: Record<string, number>;
  before(async () => {
    t = await testApp();
    await identityModule.demo?.(t.deps, systemCtx('demo'), {});
    loaded = await loadPlanDemo(t.deps, systemCtx('demo'));
  });
  after(() => t.close());

  it('loads the second executive plan through its services: six tracks, 46 initiatives with owners, milestones and KPIs, once', async () => {
    assert.equal(loaded.plan_initiatives, 46);
    assert.deepEqual(await loadPlanDemo(t.deps, systemCtx('demo')), { plan_initiatives: 0, plan_reports: 0 }, 'idempotent');
    const plan = await t.deps.db.selectFrom('plan_plans').selectAll().executeTakeFirstOrThrow();
    assert.equal(plan.status, 'active');
    assert.equal((await t.deps.db.selectFrom('plan_tracks').select('id').execute()).length, 6);
    const initiatives = await t.deps.db.selectFrom('plan_initiatives').select(['id', 'owner_agency_id']).execute();
    assert.equal(initiatives.length, 46);
    assert.ok(new Set(initiatives.map((i) => i.owner_agency_id)).size >= 15, 'owners spread over the demo agencies');
    const milestones = await t.deps.db.selectFrom('plan_milestones').select('initiative_id').execute();
    assert.ok(initiatives.every((i) => milestones.filter((m) => m.initiative_id === i.id).length >= 3));
    assert.ok((await t.deps.db.selectFrom('plan_kpis').select('id').execute()).length >= 46);
  });

  it('has period reports in every state, corrections, and initiatives at every rating', async () => {
    const states = new Set((await t.deps.db.selectFrom('plan_reports').select('status').execute()).map((r) => r.status));
    assert.deepEqual([...states].sort(), ['accepted', 'draft', 'returned', 'submitted']);
    assert.ok((await t.deps.db.selectFrom('plan_corrections').select('id').execute()).length >= 1);
    const plan = await t.deps.db.selectFrom('plan_plans').select('id').executeTakeFirstOrThrow();
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    const office = await signedIn(t.app, 'office@program.sa');
    const dash = await office.get(`/ar/console/plans/${plan.id}/dashboard`);
    assert.equal(dash.statusCode, 200);
    for (const r of ['أخضر', 'أصفر', 'أحمر']) assert.match(dash.body, new RegExp(r));
    assert.match(dash.body, /لم يبدأ/, 'a missing report is late');
    const share = await onTrackShare(t.deps);
    assert.equal(share.total, 46);
    assert.ok(share.onTrack > 0 && share.onTrack < 46);
    const pub = await t.app.inject(`/en/plans/${plan.id}`);
    assert.equal(pub.statusCode, 200);
    assert.match(pub.body, /Shared national systems/);
  });
});
