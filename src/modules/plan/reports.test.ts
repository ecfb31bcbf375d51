import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';

// Maker-checker on period reports, end to end through the pages: the owner agency's editor drafts,
// its administrator submits, the program office returns it with a comment or accepts it; accepted
// reports are locked and change only through a reviewed correction. Every refusal (wrong role,
// other agency, locked report) changes nothing; every change is audited.

describe('plan: period reports, maker-checker', () => {
  let t: TestApp;
  let office: Client;
  let reviewer: Client;
  let aEditor: Client;
  let aAdmin: Client;
  let bAdmin: Client;
  let bEditor: Client;
  let leader: Client;
  const ids = { a: 0, b: 0, plan: 0, track: 0, q1: 0, q2: 0, initiative: 0, m1: 0, m2: 0, kpi: 0, report: 0 };
  const loc = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');
  const idFrom = (res: { headers: Record<string, unknown> }) => Number(/\/(\d+)$/.exec(loc(res))?.[1]);
  const snapshot = async () => ({
    reports: await t.deps.db.selectFrom('plan_reports').selectAll().orderBy('id').execute(),
    milestones: await t.deps.db.selectFrom('plan_milestones').selectAll().orderBy('id').execute(),
    values: await t.deps.db.selectFrom('plan_kpi_values').selectAll().orderBy('id').execute(),
    corrections: await t.deps.db.selectFrom('plan_corrections').selectAll().orderBy('id').execute(),
  });
  const report = () => t.deps.db.selectFrom('plan_reports').selectAll().where('id', '=', ids.report).executeTakeFirstOrThrow();
  const reportUrl = () => `/en/console/plans/initiatives/${ids.initiative}/reports/${ids.q1}`;
  const figures = (extra: Record<string, string> = {}) => ({
    narrative: 'Requirements done.',
    [`ms_${ids.m1}_actual`]: '2025-02-10',
    [`ms_${ids.m2}_forecast`]: '2025-06-15',
    [`kpi_${ids.kpi}_actual`]: '10',
    spend_sar: '1٬250٬000',
    ...extra,
  });

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer' });
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a });
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b });
    await buildUser(t.deps, { email: 'editor@b.sa', role: 'agency_editor', agencyId: ids.b });
    await buildUser(t.deps, { email: 'leader@program.sa', role: 'leadership_viewer' });
    [office, reviewer, aEditor, aAdmin, bAdmin, bEditor, leader] = await Promise.all(
      ['office@program.sa', 'reviewer@program.sa', 'editor@a.sa', 'admin@a.sa', 'admin@b.sa', 'editor@b.sa', 'leader@program.sa'].map((e) =>
        signedIn(t.app, e),
      ),
    );
  });
  after(() => t.close());

  it('lets the program office define a plan, its track, calendar and initiative, refusing bad input field by field in both languages', async () => {
    const bad = await office.post('/ar/console/plans/new', {
      code: 'x y',
      name_ar: '',
      name_en: 'Plan',
      period_from: '2025-02-30',
      period_to: '2024-01-01',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /f-code/);
    assert.match(bad.body, /أدخل تاريخًا|تاريخ/);
    assert.equal((await t.deps.db.selectFrom('plan_plans').selectAll().execute()).length, 0);

    const made = await office.post('/en/console/plans/new', {
      code: 'ep-test',
      name_ar: 'خطة الاختبار',
      name_en: 'Test plan',
      period_from: '2025-01-01',
      period_to: '2027-12-31',
    });
    assert.equal(made.statusCode, 303, made.body);
    ids.plan = idFrom(made);
    assert.equal(
      (
        await aAdmin.post('/en/console/plans/new', {
          code: 'mine',
          name_ar: 'س',
          name_en: 's',
          period_from: '2025-01-01',
          period_to: '2025-12-31',
        })
      ).statusCode,
      403,
    );

    assert.equal(
      (await office.post(`/en/console/plans/${ids.plan}/tracks`, { name_ar: 'البنية التحتية', name_en: 'Infrastructure', weight: '٣٠' }))
        .statusCode,
      303,
    );
    ids.track = (await t.deps.db.selectFrom('plan_tracks').select('id').executeTakeFirstOrThrow()).id;
    const overlap = async () =>
      office.post(`/en/console/plans/${ids.plan}/periods`, {
        code: 'Q1b',
        starts_on: '2025-03-01',
        ends_on: '2025-04-30',
        due_on: '2025-05-15',
      });
    for (const [code, starts_on, ends_on, due_on] of [
      ['2025-Q1', '2025-01-01', '2025-03-31', '2025-04-21'],
      ['2025-Q2', '2025-04-01', '2025-06-30', '2025-07-21'],
    ])
      assert.equal((await office.post(`/en/console/plans/${ids.plan}/periods`, { code, starts_on, ends_on, due_on })).statusCode, 303);
    const clash = await overlap();
    assert.equal(clash.statusCode, 400);
    assert.match(clash.body, /overlaps another one/);
    const periods = await t.deps.db.selectFrom('plan_periods').select(['id', 'code']).orderBy('starts_on').execute();
    [ids.q1, ids.q2] = periods.map((p) => p.id);

    const initiative = {
      code: 'INF-01',
      name_ar: 'الشبكة الحكومية',
      name_en: 'Government network',
      objective_ar: 'ربط الجهات',
      objective_en: 'Connect the agencies',
      track_id: String(ids.track),
      owner_agency_id: String(ids.a),
      weight: '2',
      planned_start: '2025-01-01',
      planned_end: '2025-12-31',
      budget_sar: '5000000',
    };
    const unknownService = await office.post(`/en/console/plans/${ids.plan}/initiatives/new`, {
      ...initiative,
      services: 'no-such-service',
    });
    assert.equal(unknownService.statusCode, 400);
    assert.match(unknownService.body, /no catalog service no-such-service/);
    const created = await office.post(`/en/console/plans/${ids.plan}/initiatives/new`, initiative);
    assert.equal(created.statusCode, 303, created.body);
    ids.initiative = idFrom(created);
  });

  it("lets the owner agency keep milestones and KPIs, and refuses another agency's staff and targets from anyone but the office", async () => {
    const base = `/en/console/plans/initiatives/${ids.initiative}`;
    assert.equal(
      (await bEditor.post(`${base}/milestones`, { name_ar: 'م', name_en: 'm', weight: '1', planned_date: '2025-02-01' })).statusCode,
      403,
    );
    assert.equal(
      (
        await aEditor.post(`${base}/milestones`, {
          name_ar: 'المتطلبات',
          name_en: 'Requirements',
          weight: '10',
          planned_date: '2025-02-15',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (await aEditor.post(`${base}/milestones`, { name_ar: 'الإطلاق', name_en: 'Launch', weight: '30', planned_date: '2025-06-01' }))
        .statusCode,
      303,
    );
    [ids.m1, ids.m2] = (await t.deps.db.selectFrom('plan_milestones').select('id').orderBy('id').execute()).map((m) => m.id);
    const kpi = {
      name_ar: 'مدة الإنجاز',
      name_en: 'Processing time',
      unit_ar: 'يوم',
      unit_en: 'days',
      kpi_type: 'number',
      direction: 'decrease',
      baseline: '14',
      baseline_date: '2025-01-01',
    };
    const badKpi = await aEditor.post(`${base}/kpis`, { ...kpi, direction: 'sideways', baseline: 'lots' });
    assert.equal(badKpi.statusCode, 400);
    assert.match(badKpi.body, /f-direction/);
    assert.match(badKpi.body, /f-baseline/);
    assert.equal((await aEditor.post(`${base}/kpis`, kpi)).statusCode, 303);
    ids.kpi = (await t.deps.db.selectFrom('plan_kpis').select('id').executeTakeFirstOrThrow()).id;
    assert.equal(
      (await aAdmin.post(`${base}/targets`, { kpi_id: String(ids.kpi), period_id: String(ids.q1), target: '8' })).statusCode,
      403,
    );
    assert.equal(
      (await office.post(`${base}/targets`, { kpi_id: String(ids.kpi), period_id: String(ids.q1), target: '8' })).statusCode,
      303,
    );
    assert.equal((await bEditor.get(base)).statusCode, 403);
    assert.equal((await leader.get(base)).statusCode, 200);
  });

  it('accepts no report before the plan is active', async () => {
    const res = await aEditor.post(reportUrl(), figures());
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /only while the plan is active/);
    assert.equal((await office.post(`/en/console/plans/${ids.plan}/status`, { status: 'active' })).statusCode, 409);
    for (const status of ['approved', 'active'])
      assert.equal((await office.post(`/en/console/plans/${ids.plan}/status`, { status })).statusCode, 303);
  });

  it('an editor drafts; bad figures are refused beside their field; another agency cannot read or write it', async () => {
    const future = await aEditor.post(reportUrl(), figures({ [`ms_${ids.m1}_actual`]: '2099-01-01', [`kpi_${ids.kpi}_actual`]: 'ten' }));
    assert.equal(future.statusCode, 400);
    assert.match(future.body, new RegExp(`f-kpi_${ids.kpi}_actual`));
    const futureOnly = await aEditor.post(reportUrl(), figures({ [`ms_${ids.m1}_actual`]: '2099-01-01' }));
    assert.equal(futureOnly.statusCode, 400);
    assert.match(futureOnly.body, /cannot be done on a future date/);
    const before = await snapshot();
    assert.equal((await bAdmin.post(reportUrl(), figures())).statusCode, 403);
    assert.equal((await bAdmin.get(reportUrl())).statusCode, 403);
    assert.equal((await leader.post(reportUrl(), figures())).statusCode, 403);
    assert.deepEqual(await snapshot(), before);

    const saved = await aEditor.post(reportUrl(), figures());
    assert.equal(saved.statusCode, 303, saved.body);
    ids.report = (await t.deps.db.selectFrom('plan_reports').select('id').executeTakeFirstOrThrow()).id;
    const r = await report();
    assert.equal(r.status, 'draft');
    assert.equal(JSON.parse(r.figures_json).spend_sar, 1250000);
    // Drafts change nothing in the initiative's figures until the office accepts them.
    assert.equal(
      (await t.deps.db.selectFrom('plan_milestones').select('actual_date').where('id', '=', ids.m1).executeTakeFirstOrThrow()).actual_date,
      null,
    );
  });

  it('only the agency administrator submits; the office returns it with a required comment; the team is told by email', async () => {
    const submit = `/en/console/plans/reports/${ids.report}/submit`;
    assert.equal((await aEditor.post(submit)).statusCode, 403);
    assert.equal((await bAdmin.post(submit)).statusCode, 403);
    assert.equal((await office.post(submit)).statusCode, 403);
    assert.equal((await report()).status, 'draft');
    assert.equal((await aAdmin.post(submit)).statusCode, 303);
    assert.equal((await report()).status, 'submitted');
    const whileReviewed = await aEditor.post(reportUrl(), figures());
    assert.equal(whileReviewed.statusCode, 409);
    assert.match(whileReviewed.body, /under review/);

    const back = `/en/console/plans/reports/${ids.report}/return`;
    assert.equal((await aAdmin.post(back, { comment: 'self-review' })).statusCode, 403);
    const noComment = await reviewer.post(back, {});
    assert.equal(noComment.statusCode, 400);
    assert.match(noComment.body, /f-comment/);
    assert.equal((await reviewer.post(back, { comment: 'Attach the sign-off of the requirements.' })).statusCode, 303);
    const r = await report();
    assert.equal(r.status, 'returned');
    assert.equal(r.review_comment, 'Attach the sign-off of the requirements.');
    await t.drain();
    const mails = await t.deps.db.selectFrom('messages').select(['to_address', 'subject']).where('source', '=', 'plan').execute();
    assert.deepEqual(mails.map((m) => m.to_address).sort(), ['admin@a.sa', 'editor@a.sa']);
    assert.ok(mails.every((m) => /INF-01/.test(m.subject ?? '')));
    assert.match((await aEditor.get(reportUrl())).body, /Attach the sign-off/);
  });

  it('after correction and resubmission the office accepts: the figures become the initiative’s and the report is locked', async () => {
    assert.equal((await aEditor.post(reportUrl(), figures({ narrative: 'Sign-off attached.' }))).statusCode, 303);
    assert.equal((await aAdmin.post(`/en/console/plans/reports/${ids.report}/submit`)).statusCode, 303);
    assert.equal((await reviewer.post(`/en/console/plans/reports/${ids.report}/accept`, { comment: 'Thank you.' })).statusCode, 303);
    const r = await report();
    assert.equal(r.status, 'accepted');
    assert.ok(r.accepted_at);
    const m1 = await t.deps.db.selectFrom('plan_milestones').selectAll().where('id', '=', ids.m1).executeTakeFirstOrThrow();
    assert.equal(m1.actual_date, '2025-02-10');
    const value = await t.deps.db
      .selectFrom('plan_kpi_values')
      .selectAll()
      .where('kpi_id', '=', ids.kpi)
      .where('period_id', '=', ids.q1)
      .executeTakeFirstOrThrow();
    assert.equal(value.actual, 10);
    assert.equal(value.target, 8);
    const initiative = await t.deps.db
      .selectFrom('plan_initiatives')
      .selectAll()
      .where('id', '=', ids.initiative)
      .executeTakeFirstOrThrow();
    assert.equal(initiative.spend_sar, 1250000);
    assert.equal(initiative.actual_start, '2025-02-10');

    // Locked: neither the editor nor the administrator can change it, nor can the office decide it again.
    const before = await snapshot();
    const edit = await aEditor.post(reportUrl(), figures({ [`kpi_${ids.kpi}_actual`]: '9' }));
    assert.equal(edit.statusCode, 409);
    assert.match(edit.body, /locked/);
    assert.equal((await aAdmin.post(`/en/console/plans/reports/${ids.report}/submit`)).statusCode, 409);
    assert.equal((await reviewer.post(`/en/console/plans/reports/${ids.report}/return`, { comment: 'again' })).statusCode, 409);
    assert.equal((await reviewer.post(`/en/console/plans/reports/${ids.report}/accept`)).statusCode, 409);
    assert.deepEqual(await snapshot(), before);
  });

  it('a locked report changes only through a correction the office reviews, kept in the history', async () => {
    const url = `/en/console/plans/reports/${ids.report}/correction`;
    const corrected = figures({ [`kpi_${ids.kpi}_actual`]: '9', reason: 'The ministry re-counted the processing times.' });
    assert.equal((await aEditor.post(url, corrected)).statusCode, 403);
    assert.equal((await bAdmin.post(url, corrected)).statusCode, 403);
    const noReason = await aAdmin.post(url, figures({ [`kpi_${ids.kpi}_actual`]: '9' }));
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /f-reason/);
    assert.equal((await aAdmin.post(url, corrected)).statusCode, 303);
    const twice = await aAdmin.post(url, corrected);
    assert.equal(twice.statusCode, 409);
    // Proposed is not applied.
    const pending = await t.deps.db.selectFrom('plan_kpi_values').select('actual').where('kpi_id', '=', ids.kpi).executeTakeFirstOrThrow();
    assert.equal(pending.actual, 10);

    const c = await t.deps.db.selectFrom('plan_corrections').selectAll().executeTakeFirstOrThrow();
    assert.equal((await aAdmin.post(`/en/console/plans/corrections/${c.id}/accept`)).statusCode, 403);
    const rejectBare = await reviewer.post(`/en/console/plans/corrections/${c.id}/reject`, {});
    assert.equal(rejectBare.statusCode, 400);
    assert.equal((await reviewer.post(`/en/console/plans/corrections/${c.id}/accept`)).statusCode, 303);
    assert.equal((await reviewer.post(`/en/console/plans/corrections/${c.id}/reject`, { comment: 'late' })).statusCode, 409);
    const applied = await t.deps.db.selectFrom('plan_kpi_values').select('actual').where('kpi_id', '=', ids.kpi).executeTakeFirstOrThrow();
    assert.equal(applied.actual, 9);
    assert.equal(JSON.parse((await report()).figures_json).kpis[0].actual, 9);
    const history = await t.deps.db
      .selectFrom('plan_events')
      .selectAll()
      .where('action', '=', 'correction.accepted')
      .executeTakeFirstOrThrow();
    const detail = JSON.parse(history.detail_json as string);
    assert.equal(detail.before.kpis[0].actual, 10);
    assert.equal(detail.after.kpis[0].actual, 9);
  });

  it('audits every change, with the owner agency, and every refusal', async () => {
    const actions = (
      await t.deps.db.selectFrom('audit_log').select(['action', 'agency_id']).where('action', 'like', 'plan.%').execute()
    ).map((a) => a.action);
    for (const a of [
      'plan.create',
      'plan.track.create',
      'plan.period.create',
      'plan.initiative.create',
      'plan.milestone.create',
      'plan.kpi.create',
      'plan.kpi.target',
      'plan.status',
      'plan.report.save',
      'plan.report.submitted',
      'plan.report.returned',
      'plan.report.accepted',
      'plan.correction.propose',
      'plan.correction.accept',
    ])
      assert.ok(actions.includes(a), a);
    const reportAudits = await t.deps.db.selectFrom('audit_log').select('agency_id').where('action', 'like', 'plan.report.%').execute();
    assert.ok(reportAudits.every((r) => r.agency_id === ids.a));
    const denied = await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'access.denied').execute();
    assert.ok(denied.length >= 14, `${denied.length} refusals audited`);
  });

  it('rolls the accepted figures up on the plan page and the dashboard, and publishes only what the office chooses', async () => {
    const page = await office.get(`/en/console/plans/${ids.plan}`);
    assert.equal(page.statusCode, 200);
    // Milestones 10 (done) and 30 (open): 10 / 40 = 25 %.
    assert.match(page.body, /25%/);
    const dash = await office.get(`/ar/console/plans/${ids.plan}/dashboard`);
    assert.equal(dash.statusCode, 200);
    assert.match(dash.body, /<svg/);
    assert.match(dash.body, /class="chart-data"/);
    // Q2's report was never started and is past due: late.
    assert.match(dash.body, /2025-Q2/);
    // Another agency's staff see the national plan's dashboard with their own initiatives only.
    const other = await bEditor.get(`/en/console/plans/${ids.plan}/dashboard`);
    assert.equal(other.statusCode, 200);
    assert.doesNotMatch(other.body, /Government network/);
    assert.doesNotMatch((await bEditor.get(`/en/console/plans/${ids.plan}`)).body, /Government network/);

    assert.equal((await t.app.inject(`/en/plans/${ids.plan}`)).statusCode, 404);
    assert.equal((await office.post(`/en/console/plans/${ids.plan}/publish`, { published: 'yes' })).statusCode, 303);
    const empty = await t.app.inject(`/en/plans/${ids.plan}`);
    assert.equal(empty.statusCode, 200);
    assert.doesNotMatch(empty.body, /Government network/);
    assert.equal((await t.app.inject(`/en/plans/initiatives/${ids.initiative}`)).statusCode, 404);
    assert.equal((await office.post(`/en/console/plans/initiatives/${ids.initiative}/publish`, { published: 'yes' })).statusCode, 303);
    const shown = await t.app.inject(`/ar/plans/initiatives/${ids.initiative}`);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /الشبكة الحكومية/);
    assert.match(shown.body, /قُبل التقرير الدوري/);
    assert.doesNotMatch(shown.body, /Attach the sign-off|Thank you/, 'the review comments stay inside');
    const api = await t.app.inject(`/api/v1/plans/${ids.plan}/progress`);
    assert.equal(api.statusCode, 200);
    assert.equal(api.json().tracks[0].initiatives[0].progress, 0.25);
    assert.equal((await t.app.inject('/ar/plans/ratings')).statusCode, 200);
  });

  it('lets the office override the overall rating only with a reason', async () => {
    const url = `/en/console/plans/initiatives/${ids.initiative}/override`;
    assert.equal((await aAdmin.post(url, { rating: 'green', reason: 'ours' })).statusCode, 403);
    const bare = await reviewer.post(url, { rating: 'green' });
    assert.equal(bare.statusCode, 400);
    assert.match(bare.body, /Give the reason/);
    assert.equal((await reviewer.post(url, { rating: 'amber', reason: 'Supplier dispute settled this week.' })).statusCode, 303);
    const page = await aEditor.get(`/en/console/plans/initiatives/${ids.initiative}`);
    assert.match(page.body, /Supplier dispute settled this week/);
  });

  it("keeps an agency's own plan to that agency and the office", async () => {
    const made = await office.post('/en/console/plans/new', {
      code: 'beta-plan',
      name_ar: 'خطة التحول في وزارة بيتا',
      name_en: 'Beta e-transformation plan',
      owner_agency_id: String(ids.b),
      period_from: '2026-01-01',
      period_to: '2027-12-31',
    });
    assert.equal(made.statusCode, 303);
    const id = idFrom(made);
    assert.equal((await bEditor.get(`/en/console/plans/${id}`)).statusCode, 200);
    assert.equal((await leader.get(`/en/console/plans/${id}`)).statusCode, 200);
    assert.equal((await aAdmin.get(`/en/console/plans/${id}`)).statusCode, 403);
    assert.equal((await aAdmin.get(`/en/console/plans/${id}/dashboard`)).statusCode, 403);
    assert.doesNotMatch((await aAdmin.get('/en/console/plans')).body, /Beta e-transformation plan/);
    assert.match((await bEditor.get('/en/console/plans')).body, /Beta e-transformation plan/);
  });

  it("lets the program administrator set the plan's rating thresholds, in order, and rates with them", async () => {
    const url = `/en/console/plans/${ids.plan}/thresholds`;
    const custom = { slip_1: '10', slip_2: '20', slip_3: '30', slip_4: '40', kpi_1: '95', kpi_2: '85', kpi_3: '70', kpi_4: '40' };
    assert.equal((await reviewer.post(url, custom)).statusCode, 403);
    const disordered = await office.post(url, { ...custom, slip_3: '15', kpi_4: '90' });
    assert.equal(disordered.statusCode, 400);
    assert.match(disordered.body, /f-slip_3/);
    assert.match(disordered.body, /f-kpi_4/);
    assert.equal((await office.post(url, custom)).statusCode, 303);
    const plan = await t.deps.db.selectFrom('plan_plans').select('thresholds_json').where('id', '=', ids.plan).executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(plan.thresholds_json), { slipDays: [10, 20, 30, 40], kpiPct: [95, 85, 70, 40] });
    // The plan page states them (the rating arithmetic with custom thresholds is in rollup.test.ts).
    const page = await office.get(`/en/console/plans/${ids.plan}`);
    assert.match(page.body, /at most 10, 20, 30 and 40 days/);
    assert.match(page.body, /at least 95, 85, 70 and 40 %/);
    assert.ok((await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'plan.thresholds').execute()).length === 1);
  });
});
