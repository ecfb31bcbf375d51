import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { addKpi, addMilestone, addPeriod, addTrack, createInitiative, createPlan, setPlanStatus } from './testing.ts';

// Editing and removing what a plan is made of: the office edits tracks and initiatives, the owner
// agency's staff edit their initiative's milestones and KPIs. Another agency, a wrong role, figures in
// a report or a locked period, and a closed plan are each refused and change nothing; every change
// is audited.

describe('plan: editing and removing tracks, initiatives, milestones and KPIs', () => {
  let t: TestApp;
  let office: Client;
  let reviewer: Client;
  let aEditor: Client;
  let aAdmin: Client;
  let bEditor: Client;
  const ids = { a: 0, b: 0, plan: 0, track: 0, q1: 0, initiative: 0, spare: 0, m1: 0, m2: 0, k1: 0, k2: 0 };
  const db = () => t.deps.db;
  const audits = async (action: string) =>
    db()
      .selectFrom('audit_log')
      .select(['record_id', 'agency_id', 'before_json', 'after_json'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();
  const milestone = (id: number) => db().selectFrom('plan_milestones').selectAll().where('id', '=', id).executeTakeFirst();
  const kpi = (id: number) => db().selectFrom('plan_kpis').selectAll().where('id', '=', id).executeTakeFirst();
  const initiativeForm = {
    code: 'INF-01',
    name_ar: 'الشبكة الحكومية',
    name_en: 'Government network',
    objective_ar: 'ربط الجهات',
    objective_en: 'Connect the agencies',
    weight: '2',
    planned_start: '2025-01-01',
    planned_end: '2025-12-31',
    budget_sar: '5000000',
  };
  const kpiForm = {
    name_ar: 'مدة الإنجاز',
    name_en: 'Processing time',
    unit_ar: 'يوم',
    unit_en: 'days',
    kpi_type: 'number',
    direction: 'decrease',
    baseline: '14',
    baseline_date: '2025-01-01',
  };

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer' });
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a });
    await buildUser(t.deps, { email: 'editor@b.sa', role: 'agency_editor', agencyId: ids.b });
    [office, reviewer, aEditor, aAdmin, bEditor] = await Promise.all(
      ['office@program.sa', 'reviewer@program.sa', 'editor@a.sa', 'admin@a.sa', 'editor@b.sa'].map((e) => signedIn(t.app, e)),
    );
    const sys = systemCtx('test');
    const plan = await createPlan(t.deps, sys, {
      code: 'ep-edit',
      name_ar: 'خطة',
      name_en: 'Plan',
      period_from: '2025-01-01',
      period_to: '2026-12-31',
    });
    ids.plan = plan.id;
    ids.track = (await addTrack(t.deps, sys, plan.id, { name_ar: 'البنية التحتية', name_en: 'Infrastructure', weight: '30' })).id;
    ids.q1 = (
      await addPeriod(t.deps, sys, plan.id, { code: '2025-Q1', starts_on: '2025-01-01', ends_on: '2025-03-31', due_on: '2025-04-21' })
    ).id;
    const track_id = String(ids.track);
    ids.initiative = (await createInitiative(t.deps, sys, plan.id, { ...initiativeForm, track_id, owner_agency_id: String(ids.a) })).id;
    ids.spare = (
      await createInitiative(t.deps, sys, plan.id, { ...initiativeForm, code: 'INF-02', track_id, owner_agency_id: String(ids.b) })
    ).id;
    const requirements = { name_ar: 'المتطلبات', name_en: 'Requirements', weight: '10', planned_date: '2025-02-15' };
    ids.m1 = (await addMilestone(t.deps, sys, ids.initiative, requirements)).id;
    await addMilestone(t.deps, sys, ids.spare, requirements);
    ids.m2 = (
      await addMilestone(t.deps, sys, ids.initiative, { name_ar: 'الإطلاق', name_en: 'Launch', weight: '30', planned_date: '2025-09-01' })
    ).id;
    ids.k1 = (await addKpi(t.deps, sys, ids.initiative, kpiForm)).id;
    ids.k2 = (await addKpi(t.deps, sys, ids.initiative, { ...kpiForm, name_en: 'Satisfaction', direction: 'increase', baseline: '60' })).id;
  });
  after(() => t.close());

  it('lets the office edit a track, refusing bad input field by field in both languages and anyone else', async () => {
    const url = `/console/plans/tracks/${ids.track}/edit`;
    const page = await office.get(`/ar${url}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="البنية التحتية"/);
    for (const c of [aAdmin, reviewer]) {
      assert.equal((await c.get(`/en${url}`)).statusCode, 403);
      assert.equal((await c.post(`/en${url}`, { name_ar: 'س', name_en: 's', weight: '1' })).statusCode, 403);
    }
    const bad = await office.post(`/ar${url}`, { name_ar: '', name_en: 'Infrastructure', weight: '-3' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /f-name_ar/);
    assert.match(bad.body, /f-weight/);
    const badEn = await office.post(`/en${url}`, { name_ar: 'ب', name_en: 'Infrastructure', weight: 'heavy' });
    assert.equal(badEn.statusCode, 400);
    assert.match(badEn.body, /f-weight/);
    const ok = await office.post(`/en${url}`, { name_ar: 'البنية الرقمية', name_en: 'Digital infrastructure', weight: '٤٠' });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `/en/console/plans/${ids.plan}`);
    const track = await db().selectFrom('plan_tracks').selectAll().where('id', '=', ids.track).executeTakeFirstOrThrow();
    assert.deepEqual([track.name_en, track.weight], ['Digital infrastructure', 40]);
    const [audit] = await audits('plan.track.update');
    assert.equal(JSON.parse(audit.before_json as string).weight, 30);
    assert.equal(JSON.parse(audit.after_json as string).weight, 40);
  });

  it('removes a track only when it has no initiatives', async () => {
    const busy = await office.post(`/en/console/plans/tracks/${ids.track}/remove`);
    assert.equal(busy.statusCode, 409);
    assert.match(busy.body, /still has initiatives/);
    const empty = await addTrack(t.deps, systemCtx('test'), ids.plan, { name_ar: 'فارغ', name_en: 'Empty', weight: '1' });
    assert.equal((await aAdmin.post(`/en/console/plans/tracks/${empty.id}/remove`)).statusCode, 403);
    assert.equal((await office.post(`/en/console/plans/tracks/${empty.id}/remove`)).statusCode, 303);
    const left = await db().selectFrom('plan_tracks').select('id').where('plan_id', '=', ids.plan).orderBy('id').execute();
    assert.deepEqual(
      left.map((r) => r.id),
      [ids.track],
    );
    assert.deepEqual(
      (await audits('plan.track.remove')).map((a) => a.record_id),
      [String(empty.id)],
    );
  });

  it('lets the office edit an initiative; a taken code or dates out of order are refused beside their fields', async () => {
    const url = `/console/plans/initiatives/${ids.initiative}/edit`;
    const form = { ...initiativeForm, track_id: String(ids.track), owner_agency_id: String(ids.a) };
    assert.equal((await aAdmin.get(`/en${url}`)).statusCode, 403);
    assert.equal((await aAdmin.post(`/en${url}`, { ...form, name_en: 'Mine' })).statusCode, 403);
    const page = await office.get(`/en${url}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="INF-01"/);
    const clash = await office.post(`/ar${url}`, { ...form, code: 'INF-02', planned_end: '2024-12-31' });
    assert.equal(clash.statusCode, 400);
    assert.match(clash.body, /f-planned_end/);
    const taken = await office.post(`/en${url}`, { ...form, code: 'INF-02' });
    assert.equal(taken.statusCode, 400);
    assert.match(taken.body, /already used/);
    const ok = await office.post(`/en${url}`, { ...form, name_en: 'Secure government network', budget_sar: '6,000,000' });
    assert.equal(ok.statusCode, 303);
    const row = await db().selectFrom('plan_initiatives').selectAll().where('id', '=', ids.initiative).executeTakeFirstOrThrow();
    assert.deepEqual([row.name_en, row.budget_sar, row.code], ['Secure government network', 6_000_000, 'INF-01']);
    const events = await db()
      .selectFrom('plan_events')
      .select('action')
      .where('initiative_id', '=', ids.initiative)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map((e) => e.action),
      ['created', 'edited'],
    );
    const [audit] = await audits('plan.initiative.update');
    assert.equal(audit.agency_id, ids.a);
    assert.equal(JSON.parse(audit.before_json as string).budget_sar, 5_000_000);
  });

  it("lets the owner agency's staff edit their milestones and KPIs, refusing another agency and the reviewer", async () => {
    const url = `/console/plans/milestones/${ids.m1}/edit`;
    const before = await milestone(ids.m1);
    for (const c of [bEditor, reviewer]) {
      assert.equal((await c.get(`/en${url}`)).statusCode, 403);
      assert.equal((await c.post(`/en${url}`, { name_ar: 'س', name_en: 's', weight: '1', planned_date: '2025-03-01' })).statusCode, 403);
      assert.equal((await c.post(`/en/console/plans/milestones/${ids.m1}/remove`)).statusCode, 403);
    }
    assert.deepEqual(await milestone(ids.m1), before);
    assert.equal((await aEditor.get(`/ar${url}`)).statusCode, 200);
    const bad = await aEditor.post(`/ar${url}`, {
      name_ar: 'المتطلبات',
      name_en: 'Requirements',
      weight: '10',
      planned_date: '2025-02-30',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /f-planned_date/);
    assert.deepEqual(await milestone(ids.m1), before);
    const ok = await aEditor.post(`/en${url}`, {
      name_ar: 'المتطلبات',
      name_en: 'Requirements signed off',
      weight: '15',
      planned_date: '2025-03-01',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `/en/console/plans/initiatives/${ids.initiative}`);
    const after = await milestone(ids.m1);
    assert.deepEqual([after?.name_en, after?.weight, after?.planned_date], ['Requirements signed off', 15, '2025-03-01']);

    const kpiUrl = `/console/plans/kpis/${ids.k1}/edit`;
    assert.equal((await bEditor.post(`/en${kpiUrl}`, { ...kpiForm, name_en: 'Theirs' })).statusCode, 403);
    const badKpi = await aAdmin.post(`/en${kpiUrl}`, { ...kpiForm, kpi_type: 'colour', baseline: 'many' });
    assert.equal(badKpi.statusCode, 400);
    assert.match(badKpi.body, /f-kpi_type/);
    assert.match(badKpi.body, /f-baseline/);
    assert.equal((await aAdmin.post(`/en${kpiUrl}`, { ...kpiForm, baseline: '15' })).statusCode, 303);
    assert.equal((await kpi(ids.k1))?.baseline, 15);
    const audited = await audits('plan.milestone.update');
    assert.equal(audited.length, 1);
    assert.equal(audited[0].agency_id, ids.a);
    assert.equal((await audits('plan.kpi.update')).length, 1);
  });

  it('refuses to remove what an accepted report carries figures for, and to change a locked KPI’s measure', async () => {
    for (const status of ['approved', 'active'])
      assert.equal((await office.post(`/en/console/plans/${ids.plan}/status`, { status })).statusCode, 303);
    const reportUrl = `/en/console/plans/initiatives/${ids.initiative}/reports/${ids.q1}`;
    const saved = await aEditor.post(reportUrl, {
      narrative: 'Requirements done.',
      [`ms_${ids.m1}_actual`]: '2025-02-10',
      [`kpi_${ids.k1}_actual`]: '10',
    });
    assert.equal(saved.statusCode, 303, saved.body);
    const report = await db().selectFrom('plan_reports').select('id').where('initiative_id', '=', ids.initiative).executeTakeFirstOrThrow();
    assert.equal((await aAdmin.post(`/en/console/plans/reports/${report.id}/submit`)).statusCode, 303);
    assert.equal((await reviewer.post(`/en/console/plans/reports/${report.id}/accept`, {})).statusCode, 303);

    const m1 = await aEditor.post(`/en/console/plans/milestones/${ids.m1}/remove`);
    assert.equal(m1.statusCode, 409);
    assert.match(m1.body, /gives dates for this milestone/);
    assert.ok(await milestone(ids.m1));
    const k1 = await aEditor.post(`/en/console/plans/kpis/${ids.k1}/remove`);
    assert.equal(k1.statusCode, 409);
    assert.match(k1.body, /gives an actual value/);
    const locked = await aEditor.post(`/ar/console/plans/kpis/${ids.k1}/edit`, { ...kpiForm, baseline: '15', direction: 'increase' });
    assert.equal(locked.statusCode, 409);
    assert.match(locked.body, /تقرير معتمد/);
    assert.equal((await kpi(ids.k1))?.direction, 'decrease');
    assert.equal(
      (await aEditor.post(`/en/console/plans/kpis/${ids.k1}/edit`, { ...kpiForm, baseline: '15', name_en: 'Days to process' })).statusCode,
      303,
    );
    assert.equal((await kpi(ids.k1))?.name_en, 'Days to process');

    const gone = await office.post(`/en/console/plans/initiatives/${ids.initiative}/remove`);
    assert.equal(gone.statusCode, 409);
    assert.match(gone.body, /has period reports/);
    const owner = await office.post(`/en/console/plans/initiatives/${ids.initiative}/edit`, {
      ...initiativeForm,
      track_id: String(ids.track),
      owner_agency_id: String(ids.b),
    });
    assert.equal(owner.statusCode, 400);
    assert.match(owner.body, /f-owner_agency_id/);
    assert.equal(
      (await db().selectFrom('plan_initiatives').select('owner_agency_id').where('id', '=', ids.initiative).executeTakeFirstOrThrow())
        .owner_agency_id,
      ids.a,
    );
  });

  it('removes a milestone and a KPI no report gives figures for, the KPI with its targets, audited', async () => {
    assert.equal(
      (
        await office.post(`/en/console/plans/initiatives/${ids.initiative}/targets`, {
          kpi_id: String(ids.k2),
          period_id: String(ids.q1),
          target: '70',
        })
      ).statusCode,
      303,
    );
    assert.equal((await aEditor.post(`/en/console/plans/milestones/${ids.m2}/remove`)).statusCode, 303);
    assert.equal(await milestone(ids.m2), undefined);
    assert.equal((await aAdmin.post(`/en/console/plans/kpis/${ids.k2}/remove`)).statusCode, 303);
    assert.equal(await kpi(ids.k2), undefined);
    assert.equal((await db().selectFrom('plan_kpi_values').select('id').where('kpi_id', '=', ids.k2).execute()).length, 0);
    const [audit] = await audits('plan.kpi.remove');
    assert.equal(JSON.parse(audit.before_json as string).targets[0].target, 70);
    assert.equal((await audits('plan.milestone.remove'))[0].record_id, String(ids.m2));
  });

  it('removes an initiative never reported on, with its milestones; only the office may', async () => {
    assert.equal((await bEditor.post(`/en/console/plans/initiatives/${ids.spare}/remove`)).statusCode, 403);
    const res = await office.post(`/en/console/plans/initiatives/${ids.spare}/remove`);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/en/console/plans/${ids.plan}`);
    assert.equal(await db().selectFrom('plan_initiatives').select('id').where('id', '=', ids.spare).executeTakeFirst(), undefined);
    assert.equal((await db().selectFrom('plan_milestones').select('id').where('initiative_id', '=', ids.spare).execute()).length, 0);
    const [audit] = await audits('plan.initiative.remove');
    assert.equal(audit.agency_id, ids.b);
    assert.equal(JSON.parse(audit.before_json as string).milestones.length, 1);
  });

  it('changes nothing in a closed plan', async () => {
    await setPlanStatus(t.deps, systemCtx('test'), ids.plan, { status: 'closed' });
    const before = await milestone(ids.m1);
    const res = await aEditor.post(`/en/console/plans/milestones/${ids.m1}/edit`, {
      name_ar: 'م',
      name_en: 'Late change',
      weight: '1',
      planned_date: '2025-03-01',
    });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /closed/);
    assert.deepEqual(await milestone(ids.m1), before);
    assert.equal(
      (await office.post(`/en/console/plans/tracks/${ids.track}/edit`, { name_ar: 'ب', name_en: 'b', weight: '1' })).statusCode,
      409,
    );
    const page = await aEditor.get(`/en/console/plans/initiatives/${ids.initiative}`);
    assert.doesNotMatch(page.body, /\/milestones\/\d+\/edit/);
  });
});
