import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildUser } from '../../../test/helpers/factories.ts';
import { DEMO_PASSWORD } from '../../demo/demo.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { identityModule } from '../identity/index.ts';
import { committeeOverview } from './committees.service.ts';
import { loadPlanDemo } from './plan.demo.ts';
import { onTrackShare } from './public.ts';
import { listSystems } from './systems.service.ts';

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
    const plan = await t.deps.db.selectFrom('plan_plans').selectAll().where('code', '=', 'ep2').executeTakeFirstOrThrow();
    assert.equal(plan.status, 'active');
    assert.equal(plan.owner_agency_id, null);
    assert.equal((await t.deps.db.selectFrom('plan_tracks').select('id').where('plan_id', '=', plan.id).execute()).length, 6);
    const initiatives = await t.deps.db
      .selectFrom('plan_initiatives')
      .select(['id', 'owner_agency_id'])
      .where('plan_id', '=', plan.id)
      .execute();
    assert.equal(initiatives.length, 46);
    assert.ok(new Set(initiatives.map((i) => i.owner_agency_id)).size >= 15, 'owners spread over the demo agencies');
    const milestones = await t.deps.db.selectFrom('plan_milestones').select('initiative_id').execute();
    assert.ok(initiatives.every((i) => milestones.filter((m) => m.initiative_id === i.id).length >= 3));
    assert.ok((await t.deps.db.selectFrom('plan_kpis').select('id').execute()).length >= 46);
    const risks = await t.deps.db.selectFrom('plan_risks').select(['kind', 'status']).execute();
    assert.ok(risks.length >= 10, 'a risks register kept through the service');
    assert.ok(risks.some((r) => r.kind === 'issue') && risks.some((r) => r.status === 'escalated'));
    assert.ok(
      (await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'plan.risk.add').execute()).length === risks.length,
    );
  });

  it('has period reports in every state, corrections, and initiatives at every rating', async () => {
    const states = new Set((await t.deps.db.selectFrom('plan_reports').select('status').execute()).map((r) => r.status));
    assert.deepEqual([...states].sort(), ['accepted', 'draft', 'returned', 'submitted']);
    assert.ok((await t.deps.db.selectFrom('plan_corrections').select('id').execute()).length >= 1);
    const plan = await t.deps.db.selectFrom('plan_plans').select('id').where('code', '=', 'ep2').executeTakeFirstOrThrow();
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    const office = await signedIn(t.app, 'office@program.sa');
    const dash = await office.get(`/ar/console/plans/${plan.id}/dashboard`);
    assert.equal(dash.statusCode, 200);
    for (const r of ['أخضر', 'أصفر', 'أحمر']) assert.match(dash.body, new RegExp(r));
    assert.match(dash.body, /لم يبدأ/, 'a missing report is late');
    const share = await onTrackShare(t.deps);
    assert.equal(share.total, 46 + 3 * 3);
    assert.ok(share.onTrack > 0 && share.onTrack < share.total);
    const pub = await t.app.inject(`/en/plans/${plan.id}`);
    assert.equal(pub.statusCode, 200);
    assert.match(pub.body, /Shared national systems/);
  });

  it("adds a handful of agencies' own plans, one of them late, each visible to its agency", async () => {
    const own = await t.deps.db
      .selectFrom('plan_plans')
      .select(['id', 'code', 'owner_agency_id'])
      .where('owner_agency_id', 'is not', null)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      own.map((p) => p.code),
      ['tp-moh', 'tp-mc', 'tp-moj'],
    );
    const moj = own[2];
    const lateInitiatives = await t.deps.db.selectFrom('plan_initiatives').select('id').where('plan_id', '=', moj.id).execute();
    const reports = await t.deps.db
      .selectFrom('plan_reports')
      .select('period_id')
      .where(
        'initiative_id',
        'in',
        lateInitiatives.map((i) => i.id),
      )
      .execute();
    const periods = await t.deps.db.selectFrom('plan_periods').select('id').where('plan_id', '=', moj.id).orderBy('starts_on').execute();
    assert.ok(reports.length > 0 && reports.length < lateInitiatives.length * 4, 'the last reports are missing');
    assert.ok(periods.length === 20);
    const mohEditor = new Client(t.app);
    await mohEditor.signIn('moh.editor@yusr.demo', DEMO_PASSWORD);
    assert.equal((await mohEditor.get(`/en/console/plans/${own[0].id}`)).statusCode, 200);
    assert.equal((await mohEditor.get(`/en/console/plans/${own[1].id}`)).statusCode, 403);
  });
  it('gives a few agencies an e-transactions committee through its service, one with an overdue action; the others have none', async () => {
    const o = await committeeOverview(t.deps, systemCtx('demo'));
    const kept = o.rows.filter((r) => r.committee);
    assert.equal(kept.length, 3);
    assert.ok(o.without > 0, 'most demo agencies have no committee yet');
    assert.equal(o.withOverdue, 1);
    assert.ok(kept.every((r) => r.open === 2));
    const chairs = await t.deps.db.selectFrom('plan_committee_members').select('committee_id').where('is_chair', '=', 1).execute();
    assert.equal(chairs.length, 3, 'one chair each');
    assert.ok(
      (await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'plan.committee.action_add').execute()).length >= 6,
    );
  });

  it('lists the shared national systems through their service, named by the initiatives that build on them', async () => {
    const { rows } = await listSystems(t.deps, systemCtx('demo'));
    assert.deepEqual(rows.map((r) => r.system.code).sort(), ['e-signature', 'gsb', 'national-address', 'national-sso', 'payment-gateway']);
    assert.ok(rows.every((r) => r.initiatives > 0));
    assert.equal(rows.find((r) => r.system.code === 'gsb')?.initiatives, 4, 'the service bus and the three agencies connecting to it');
    assert.equal(rows.find((r) => r.system.code === 'e-signature')?.system.status, 'being_built');
    assert.equal((await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'plan.system.create').execute()).length, 5);
  });
});
