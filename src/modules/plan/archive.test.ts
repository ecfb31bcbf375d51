import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import {
  addKpi,
  addMilestone,
  addPeriod,
  addTrack,
  createInitiative,
  createPlan,
  saveReport,
  setPlanStatus,
  setPublished,
  systems,
} from './testing.ts';

// Archiving instead of refusing removal: an initiative, milestone or KPI a report speaks of cannot be
// removed (the refusal now says to archive it), but it can be archived — out of the active lists, the
// roll-up and the public pages, its history and figures kept, listed under "show archived", and
// restored; the same for a national system. Each step is audited; another agency cannot.

describe('plan: archiving initiatives, milestones, KPIs and national systems', () => {
  let t: TestApp;
  let office: Client;
  let aEditor: Client;
  let bAdmin: Client;
  const ids = { a: 0, b: 0, plan: 0, q1: 0, i1: 0, i2: 0, m1: 0, m2: 0, k1: 0, sso: 0 };
  const db = () => t.deps.db;
  const audits = (like: string) =>
    db().selectFrom('audit_log').select(['action', 'record_id']).where('action', 'like', like).orderBy('seq').execute();
  const archivedAt = (table: 'plan_initiatives' | 'plan_milestones' | 'plan_kpis' | 'plan_systems', id: number) =>
    db()
      .selectFrom(table)
      .select('archived_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
      .then((r) => r.archived_at);

  before(async () => {
    t = await testApp();
    const sys = systemCtx('test');
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    const editor = await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a });
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b });
    [office, aEditor, bAdmin] = await Promise.all(['office@program.sa', 'editor@a.sa', 'admin@b.sa'].map((e) => signedIn(t.app, e)));
    ids.plan = (
      await createPlan(t.deps, sys, { code: 'ep-a', name_ar: 'خطة', name_en: 'Plan', period_from: '2025-01-01', period_to: '2026-12-31' })
    ).id;
    const track = (await addTrack(t.deps, sys, ids.plan, { name_ar: 'مسار', name_en: 'Track', weight: '1' })).id;
    ids.q1 = (
      await addPeriod(t.deps, sys, ids.plan, { code: '2025-Q1', starts_on: '2025-01-01', ends_on: '2025-03-31', due_on: '2025-04-21' })
    ).id;
    const form = (code: string) => ({
      code,
      name_ar: `مبادرة ${code}`,
      name_en: `Initiative ${code}`,
      objective_ar: 'هدف',
      objective_en: 'Objective',
      weight: '1',
      planned_start: '2025-01-01',
      planned_end: '2025-12-31',
      budget_sar: '0',
      track_id: String(track),
      owner_agency_id: String(ids.a),
    });
    ids.i1 = (await createInitiative(t.deps, sys, ids.plan, form('ET-01'))).id;
    ids.i2 = (await createInitiative(t.deps, sys, ids.plan, form('ET-02'))).id;
    ids.m1 = (
      await addMilestone(t.deps, sys, ids.i1, { name_ar: 'معلم أول', name_en: 'First step', weight: '1', planned_date: '2025-02-01' })
    ).id;
    ids.m2 = (
      await addMilestone(t.deps, sys, ids.i1, { name_ar: 'معلم ثان', name_en: 'Second step', weight: '1', planned_date: '2025-03-01' })
    ).id;
    ids.k1 = (
      await addKpi(t.deps, sys, ids.i1, {
        name_ar: 'رضا المستفيدين',
        name_en: 'Beneficiary satisfaction',
        unit_ar: 'نسبة',
        unit_en: 'percent',
        kpi_type: 'percentage',
        direction: 'increase',
        baseline: '60',
        baseline_date: '2025-01-01',
      })
    ).id;
    const staff: Ctx = {
      actor: {
        kind: 'user',
        id: editor.id,
        name: editor.name,
        email: editor.email,
        locale: 'en',
        memberships: [{ role: 'agency_editor', agencyId: ids.a }],
      },
      lang: 'en',
      requestId: null,
      ip: null,
    };
    await setPlanStatus(t.deps, sys, ids.plan, { status: 'approved' });
    await setPlanStatus(t.deps, sys, ids.plan, { status: 'active' });
    await saveReport(t.deps, staff, ids.i1, ids.q1, {
      narrative: 'Done',
      [`ms_${ids.m1}_actual`]: '2025-02-10',
      [`kpi_${ids.k1}_actual`]: '70',
    });
    ids.sso = (
      await systems.createSystem(t.deps, sys, {
        code: 'national-sso',
        name_ar: 'النفاذ الوطني',
        name_en: 'National SSO',
        description_ar: 'دخول',
        description_en: 'Sign-in',
        owner_agency_id: String(ids.a),
        status: 'in_service',
      })
    ).id;
    await setPublished(t.deps, sys, 'plan', ids.plan, true);
    await setPublished(t.deps, sys, 'initiative', ids.i1, true);
  });
  after(() => t.close());

  it('a removal refused for history says to archive instead, in both languages', async () => {
    const en = await office.post(`/en/console/plans/initiatives/${ids.i1}/remove`, {});
    assert.equal(en.statusCode, 409);
    assert.match(en.body, /archive it instead/);
    const ar = await aEditor.post(`/ar/console/plans/milestones/${ids.m1}/remove`, {});
    assert.equal(ar.statusCode, 409);
    assert.match(ar.body, /أرشفه بدلًا من ذلك/);
    assert.equal((await aEditor.post(`/en/console/plans/kpis/${ids.k1}/remove`, {})).statusCode, 409);
    const edit = await aEditor.get(`/en/console/plans/milestones/${ids.m1}/edit`);
    assert.match(edit.body, new RegExp(`action="/en/console/plans/milestones/${ids.m1}/archive"`));
  });

  it('archiving a milestone and a KPI takes them out of the lists and roll-up, keeps their figures, and shows them under "show archived"', async () => {
    assert.equal((await bAdmin.post(`/en/console/plans/milestones/${ids.m1}/archive`, {})).statusCode, 403, 'another agency');
    assert.equal(await archivedAt('plan_milestones', ids.m1), null);
    assert.equal((await aEditor.post(`/en/console/plans/milestones/${ids.m1}/archive`, {})).statusCode, 303);
    assert.equal((await aEditor.post(`/en/console/plans/kpis/${ids.k1}/archive`, {})).statusCode, 303);
    assert.ok(await archivedAt('plan_milestones', ids.m1));
    const report = await db()
      .selectFrom('plan_reports')
      .select('figures_json')
      .where('initiative_id', '=', ids.i1)
      .executeTakeFirstOrThrow();
    assert.match(report.figures_json, /2025-02-10/, 'the figures reported for it are kept');
    assert.equal((await db().selectFrom('plan_milestones').select('id').where('id', '=', ids.m1).execute()).length, 1);
    const page = await aEditor.get(`/en/console/plans/initiatives/${ids.i1}`);
    assert.doesNotMatch(page.body, /First step|Beneficiary satisfaction/, 'out of the active lists');
    assert.match(page.body, new RegExp(`href="/en/console/plans/initiatives/${ids.i1}\\?archived=1">Show archived \\(2\\)`));
    const shown = await aEditor.get(`/en/console/plans/initiatives/${ids.i1}?archived=1`);
    assert.match(shown.body, /<caption>Archived milestones<\/caption>/);
    assert.match(shown.body, /First step/);
    assert.match(shown.body, /Beneficiary satisfaction/);
    assert.match(shown.body, /A milestone was archived/, 'in the history');
    const ar = await aEditor.get(`/ar/console/plans/initiatives/${ids.i1}?archived=1`);
    assert.match(ar.body, /المعالم المؤرشفة/);
    assert.match(ar.body, /أُرشف مؤشر/);
    const pub = await new Client(t.app).get(`/en/plans/initiatives/${ids.i1}`);
    assert.equal(pub.statusCode, 200);
    assert.doesNotMatch(pub.body, /First step|Beneficiary satisfaction/, 'out of the public page');
    assert.match(pub.body, /Second step/);
    assert.equal((await aEditor.post(`/en/console/plans/milestones/${ids.m1}/restore`, {})).statusCode, 303);
    assert.equal(await archivedAt('plan_milestones', ids.m1), null);
    assert.match((await new Client(t.app).get(`/en/plans/initiatives/${ids.i1}`)).body, /First step/, 'restored, it is back');
    assert.deepEqual(
      (await audits('plan.%.archive')).map((a) => [a.action, Number(a.record_id)]),
      [
        ['plan.milestone.archive', ids.m1],
        ['plan.kpi.archive', ids.k1],
      ],
    );
    assert.deepEqual((await audits('plan.milestone.restore')).length, 1);
  });

  it('an archived initiative leaves the plan list and the public pages, stays readable and can be restored by the office only', async () => {
    assert.equal((await aEditor.post(`/en/console/plans/initiatives/${ids.i1}/archive`, {})).statusCode, 403);
    assert.equal((await office.post(`/en/console/plans/initiatives/${ids.i1}/archive`, {})).statusCode, 303);
    const plan = await office.get(`/en/console/plans/${ids.plan}`);
    assert.doesNotMatch(plan.body, /Initiative ET-01/);
    assert.match(plan.body, /Show archived \(1\)/);
    const shown = await office.get(`/en/console/plans/${ids.plan}?archived=1`);
    assert.match(shown.body, /<caption>Archived initiatives<\/caption>/);
    assert.match(shown.body, /Initiative ET-01/);
    assert.match(shown.body, /Hide archived/);
    assert.equal((await new Client(t.app).get(`/en/plans/initiatives/${ids.i1}`)).statusCode, 404);
    assert.doesNotMatch((await new Client(t.app).get(`/en/plans/${ids.plan}`)).body, /Initiative ET-01/);
    const page = await aEditor.get(`/ar/console/plans/initiatives/${ids.i1}`);
    assert.equal(page.statusCode, 200, 'still readable');
    assert.match(page.body, /هذه المبادرة مؤرشفة/);
    const reports = await db().selectFrom('plan_reports').select('id').where('initiative_id', '=', ids.i1).execute();
    assert.equal(reports.length, 1, 'its reports are kept');
    assert.equal((await office.post(`/en/console/plans/initiatives/${ids.i1}/restore`, {})).statusCode, 303);
    assert.equal(await archivedAt('plan_initiatives', ids.i1), null);
    assert.match((await new Client(t.app).get(`/en/plans/${ids.plan}`)).body, /Initiative ET-01/);
    const events = await db().selectFrom('plan_events').select('action').where('initiative_id', '=', ids.i1).orderBy('id').execute();
    assert.deepEqual(
      events.map((e) => e.action).filter((a) => a === 'archived' || a === 'restored'),
      ['archived', 'restored'],
    );
    assert.deepEqual(
      (await audits('plan.initiative.%')).map((a) => a.action).filter((a) => /archive|restore/.test(a)),
      ['plan.initiative.archive', 'plan.initiative.restore'],
    );
  });

  it('a national system is archived and restored by the program administrator, listed under "show archived"', async () => {
    assert.equal((await aEditor.post(`/en/console/plans/systems/${ids.sso}/archive`, {})).statusCode, 403);
    assert.equal((await office.post(`/en/console/plans/systems/${ids.sso}/archive`, {})).statusCode, 303);
    const list = await office.get('/en/console/plans/systems');
    assert.doesNotMatch(list.body, /National SSO/);
    assert.match(list.body, /Show archived \(1\)/);
    const shown = await office.get('/ar/console/plans/systems?archived=1');
    assert.match(shown.body, /النفاذ الوطني/);
    assert.match(shown.body, /مؤرشف/);
    assert.equal((await office.get(`/en/console/plans/systems/${ids.sso}`)).statusCode, 200);
    assert.equal((await office.post(`/en/console/plans/systems/${ids.sso}/restore`, {})).statusCode, 303);
    assert.equal(await archivedAt('plan_systems', ids.sso), null);
    assert.deepEqual(
      (await audits('plan.system.%')).map((a) => a.action).filter((a) => /archive|restore/.test(a)),
      ['plan.system.archive', 'plan.system.restore'],
    );
  });
});
