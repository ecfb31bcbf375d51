import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { riskLevel } from './risks.service.ts';
import { addTrack, createInitiative, createPlan, setPlanStatus } from './testing.ts';

// The risks and issues register: the owner agency's staff keep their initiative's entries, another
// agency neither sees nor changes them, the office reads every one and the dashboard lists those that
// are escalated, high or rose; every change is audited with the change itself; a closed plan is frozen.

describe('plan: risk levels', () => {
  it('bands likelihood × impact as the 5 × 5 matrix does', () => {
    assert.deepEqual(
      [1, 6, 8, 12, 15, 25].map((s) => riskLevel(s)),
      ['low', 'low', 'medium', 'medium', 'high', 'high'],
    );
  });
});

describe('plan: risks and issues register', () => {
  let t: TestApp;
  let office: Client;
  let reviewer: Client;
  let aEditor: Client;
  let bAdmin: Client;
  const ids = { a: 0, b: 0, plan: 0, track: 0, initA: 0, initB: 0, risk: 0 };
  const db = () => t.deps.db;
  const risks = () => db().selectFrom('plan_risks').selectAll().orderBy('id').execute();
  const url = (id: number, lang = 'en') => `/${lang}/console/plans/initiatives/${id}/risks`;
  const entry = {
    kind: 'risk',
    title: 'Vendor may not deliver the gateway',
    likelihood: '2',
    impact: '4',
    owner: 'Head of IT',
    mitigation: 'Second supplier on standby',
    status: 'open',
  };

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer' });
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a });
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b });
    [office, reviewer, aEditor, bAdmin] = await Promise.all(
      ['office@program.sa', 'reviewer@program.sa', 'editor@a.sa', 'admin@b.sa'].map((e) => signedIn(t.app, e)),
    );
    const sys = systemCtx('test');
    ids.plan = (
      await createPlan(t.deps, sys, { code: 'ep-r', name_ar: 'خطة', name_en: 'Plan', period_from: '2025-01-01', period_to: '2026-12-31' })
    ).id;
    ids.track = (await addTrack(t.deps, sys, ids.plan, { name_ar: 'مسار', name_en: 'Track', weight: '1' })).id;
    const initiative = (code: string, agency: number) =>
      createInitiative(t.deps, sys, ids.plan, {
        code,
        name_ar: code,
        name_en: code,
        objective_ar: 'هدف',
        objective_en: 'Objective',
        weight: '1',
        planned_start: '2025-01-01',
        planned_end: '2025-12-31',
        budget_sar: '0',
        track_id: String(ids.track),
        owner_agency_id: String(agency),
      });
    ids.initA = (await initiative('INF-01', ids.a)).id;
    ids.initB = (await initiative('INF-02', ids.b)).id;
  });
  after(() => t.close());

  it("the owner agency's editor adds an entry; bad input is refused beside its field and writes nothing", async () => {
    const wrong = await aEditor.post(url(ids.initA, 'ar'), { ...entry, likelihood: '7', title: '' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /f-likelihood/);
    assert.match(wrong.body, /f-title/);
    assert.match(wrong.body, /أدخل قيمة لا تزيد على ٥/);
    const noOwner = await aEditor.post(url(ids.initA), { ...entry, owner: '', status: 'forgotten' });
    assert.equal(noOwner.statusCode, 400);
    assert.match(noOwner.body, /f-owner/);
    assert.match(noOwner.body, /f-status/);
    assert.equal((await risks()).length, 0);

    assert.equal((await aEditor.post(url(ids.initA), entry)).statusCode, 303);
    const [r] = await risks();
    ids.risk = r.id;
    assert.deepEqual([r.agency_id, r.likelihood, r.impact, r.previous_score, r.status], [ids.a, 2, 4, null, 'open']);
    const page = await aEditor.get(url(ids.initA));
    assert.match(page.body, /Vendor may not deliver the gateway/);
    assert.match(page.body, /8 — medium/);
  });

  it('another agency neither reads nor changes it; the reviewer reads but does not keep it', async () => {
    assert.equal((await bAdmin.get(url(ids.initA))).statusCode, 403);
    assert.equal((await bAdmin.post(url(ids.initA), entry)).statusCode, 403);
    assert.equal((await bAdmin.get(`/en/console/plans/risks/${ids.risk}/edit`)).statusCode, 403);
    assert.equal((await bAdmin.post(`/en/console/plans/risks/${ids.risk}/edit`, { ...entry, status: 'closed' })).statusCode, 403);
    const mine = await bAdmin.get(`/en/console/plans/${ids.plan}/risks`);
    assert.equal(mine.statusCode, 200);
    assert.doesNotMatch(mine.body, /Vendor may not deliver/);
    assert.doesNotMatch((await bAdmin.get(`/en/console/plans/${ids.plan}/dashboard`)).body, /Vendor may not deliver/);
    const read = await reviewer.get(url(ids.initA));
    assert.equal(read.statusCode, 200);
    assert.match(read.body, /Vendor may not deliver/);
    assert.doesNotMatch(read.body, /risks\/\d+\/edit/);
    assert.equal((await reviewer.post(url(ids.initA), entry)).statusCode, 403);
    assert.equal((await risks()).length, 1);
    assert.equal((await risks())[0].status, 'open');
  });

  it('a rise in score is kept and shown; escalation reaches the office’s dashboard; all audited and in the history', async () => {
    const before = await office.get(`/en/console/plans/${ids.plan}/dashboard`);
    assert.match(before.body, /No risks or issues need attention/, 'a medium open risk does not need the office yet');
    const edit = `/en/console/plans/risks/${ids.risk}/edit`;
    assert.equal((await aEditor.post(edit, { ...entry, likelihood: '4', status: 'escalated' })).statusCode, 303);
    const [r] = await risks();
    assert.deepEqual([r.likelihood, r.previous_score, r.status], [4, 8, 'escalated']);
    const dash = await office.get(`/en/console/plans/${ids.plan}/dashboard`);
    assert.match(dash.body, /Vendor may not deliver/);
    assert.match(dash.body, /16 — high/);
    assert.match(dash.body, /rose from 8/);
    const ar = await office.get(`/ar/console/plans/${ids.plan}/risks`);
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /مُصعَّد إلى مكتب البرنامج/);
    assert.match(ar.body, /(١٦|16) — مرتفع/);
    assert.match((await office.get(`/en/console/plans/initiatives/${ids.initA}`)).body, /Vendor may not deliver/);

    // Same score, other words: the earlier rise is kept.
    assert.equal(
      (
        await aEditor.post(edit, {
          ...entry,
          likelihood: '4',
          mitigation: 'Contract signed with the second supplier',
          status: 'mitigating',
        })
      ).statusCode,
      303,
    );
    assert.equal((await risks())[0].previous_score, 8);
    assert.equal(
      (await office.post(edit, { ...entry, likelihood: '1', status: 'closed' })).statusCode,
      303,
      'the program administrator keeps it too',
    );
    const closed = (await risks())[0];
    assert.deepEqual([closed.previous_score, closed.status], [16, 'closed']);
    assert.match((await office.get(`/en/console/plans/${ids.plan}/dashboard`)).body, /No risks or issues need attention/);

    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'agency_id', 'record_id'])
      .where('record_type', '=', 'plan_risk')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => [a.action, a.agency_id]),
      [
        ['plan.risk.add', ids.a],
        ['plan.risk.update', ids.a],
        ['plan.risk.update', ids.a],
        ['plan.risk.update', ids.a],
      ],
    );
    const events = await db().selectFrom('plan_events').select('action').where('initiative_id', '=', ids.initA).orderBy('id').execute();
    assert.deepEqual(
      events.map((e) => e.action).filter((a) => a.startsWith('risk.')),
      ['risk.added', 'risk.escalated', 'risk.updated', 'risk.closed'],
    );
  });

  it('a closed plan keeps its register as it was', async () => {
    await setPlanStatus(t.deps, systemCtx('test'), ids.plan, { status: 'approved' });
    await setPlanStatus(t.deps, systemCtx('test'), ids.plan, { status: 'active' });
    await setPlanStatus(t.deps, systemCtx('test'), ids.plan, { status: 'closed' });
    const late = await aEditor.post(url(ids.initA), entry);
    assert.equal(late.statusCode, 409);
    assert.equal((await aEditor.post(`/en/console/plans/risks/${ids.risk}/edit`, entry)).statusCode, 409);
    assert.equal((await risks()).length, 1);
    assert.doesNotMatch((await aEditor.get(url(ids.initA))).body, /risks\/\d+\/edit/);
  });
});
