import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { type BaselineItem, compareSnapshots, daysBetween } from './baselines.ts';
import { addKpi, addMilestone, addPeriod, addTrack, createInitiative, createPlan } from './testing.ts';

// Baselines and change requests: approving a plan takes a baseline; the owner agency's administrator
// requests changes with a reason; the office accepts (re-baselining) or rejects with a comment; any two
// baselines, or one and today, compare against hand-computed shifts.

const item = (over: Partial<BaselineItem> & Pick<BaselineItem, 'id' | 'code'>): BaselineItem => ({
  name_ar: over.code,
  name_en: over.code,
  owner_agency_id: 1,
  planned_start: '2025-01-01',
  planned_end: '2025-12-31',
  forecast_end: null,
  budget_sar: 0,
  targets: [],
  ...over,
});

describe('plan: baseline comparison arithmetic', () => {
  it('counts calendar days across months, a year end and a leap day', () => {
    assert.equal(daysBetween('2025-12-31', '2026-03-31'), 90);
    assert.equal(daysBetween('2023-02-28', '2024-03-01'), 367);
    assert.equal(daysBetween('2025-07-15', '2025-06-30'), -15);
  });

  it('says what moved, by how much, initiative by initiative, against hand-computed answers', () => {
    const from = {
      items: [
        item({ id: 1, code: 'A', budget_sar: 5_000_000, targets: [{ kpi_id: 7, period_id: 3, target: 8 }] }),
        item({
          id: 2,
          code: 'B',
          planned_start: '2025-03-01',
          planned_end: '2025-06-30',
          forecast_end: '2025-07-15',
          budget_sar: 1_000_000,
        }),
        item({ id: 3, code: 'C', budget_sar: 2_000_000 }),
        item({ id: 5, code: 'E', budget_sar: 10 }),
      ],
    };
    const to = {
      items: [
        item({
          id: 1,
          code: 'A',
          planned_start: '2025-02-01',
          planned_end: '2026-03-31',
          forecast_end: '2026-04-30',
          budget_sar: 6_500_000,
          targets: [
            { kpi_id: 7, period_id: 3, target: 6 },
            { kpi_id: 7, period_id: 4, target: 5 },
          ],
        }),
        item({ id: 2, code: 'B', planned_start: '2025-03-01', planned_end: '2025-06-30', budget_sar: 1_000_000 }),
        item({ id: 4, code: 'D', budget_sar: 750_000 }),
        item({ id: 5, code: 'E', budget_sar: 10 }),
      ],
    };
    const c = compareSnapshots(from, to);
    assert.deepEqual(
      c.rows.map((r) => [r.code, r.status, r.startShift, r.endShift, r.slip, r.budgetChange]),
      [
        ['A', 'changed', 31, 90, 120, 1_500_000],
        ['B', 'changed', 0, 0, -15, 0],
        ['C', 'removed', null, null, null, null],
        ['D', 'added', null, null, null, null],
        ['E', 'same', 0, 0, 0, 0],
      ],
    );
    assert.deepEqual(c.rows[0].targets, [
      { kpi_id: 7, period_id: 3, from: 8, to: 6 },
      { kpi_id: 7, period_id: 4, from: null, to: 5 },
    ]);
    assert.deepEqual([c.slipped, c.maxSlip, c.budgetFrom, c.budgetTo], [1, 120, 8_000_010, 8_250_010]);
  });
});

describe('plan: baselines and change requests', () => {
  let t: TestApp;
  let office: Client;
  let reviewer: Client;
  let aEditor: Client;
  let aAdmin: Client;
  let bAdmin: Client;
  const ids = { a: 0, b: 0, plan: 0, track: 0, q1: 0, initiative: 0, kpi: 0 };
  const db = () => t.deps.db;
  const initiative = () => db().selectFrom('plan_initiatives').selectAll().where('id', '=', ids.initiative).executeTakeFirstOrThrow();
  const baselines = () => db().selectFrom('plan_baselines').selectAll().where('plan_id', '=', ids.plan).orderBy('number').execute();
  const changes = () => db().selectFrom('plan_change_requests').selectAll().orderBy('id').execute();
  const mails = async (like: string) =>
    (
      await db()
        .selectFrom('messages')
        .select(['to_address', 'subject'])
        .where('source', '=', 'plan')
        .where('message_key', 'like', like)
        .orderBy('to_address')
        .execute()
    ).map((m) => [m.to_address, m.subject]);
  const changesUrl = () => `/en/console/plans/initiatives/${ids.initiative}/changes`;
  const form = {
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

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer', locale: 'ar' });
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a, locale: 'ar' });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a });
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b });
    [office, reviewer, aEditor, aAdmin, bAdmin] = await Promise.all(
      ['office@program.sa', 'reviewer@program.sa', 'editor@a.sa', 'admin@a.sa', 'admin@b.sa'].map((e) => signedIn(t.app, e)),
    );
    const sys = systemCtx('test');
    ids.plan = (
      await createPlan(t.deps, sys, { code: 'ep-b', name_ar: 'خطة', name_en: 'Plan', period_from: '2025-01-01', period_to: '2026-12-31' })
    ).id;
    ids.track = (await addTrack(t.deps, sys, ids.plan, { name_ar: 'مسار', name_en: 'Track', weight: '1' })).id;
    ids.q1 = (
      await addPeriod(t.deps, sys, ids.plan, { code: '2025-Q1', starts_on: '2025-01-01', ends_on: '2025-03-31', due_on: '2025-04-21' })
    ).id;
    ids.initiative = (
      await createInitiative(t.deps, sys, ids.plan, { ...form, track_id: String(ids.track), owner_agency_id: String(ids.a) })
    ).id;
    ids.kpi = (
      await addKpi(t.deps, sys, ids.initiative, {
        name_ar: 'مدة الإنجاز',
        name_en: 'Processing time',
        unit_ar: 'يوم',
        unit_en: 'days',
        kpi_type: 'number',
        direction: 'decrease',
        baseline: '14',
        baseline_date: '2025-01-01',
      })
    ).id;
  });
  after(() => t.close());

  it('takes no requests before approval; approving takes baseline 1 of dates, budget and targets', async () => {
    assert.equal(
      (
        await office.post(`/en/console/plans/initiatives/${ids.initiative}/targets`, {
          kpi_id: String(ids.kpi),
          period_id: String(ids.q1),
          target: '8',
        })
      ).statusCode,
      303,
    );
    const early = await aAdmin.post(changesUrl(), { planned_end: '2026-03-31', reason: 'Vendor delay' });
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /only once the plan is approved/);
    assert.equal((await baselines()).length, 0);
    assert.equal((await office.post(`/en/console/plans/${ids.plan}/status`, { status: 'approved' })).statusCode, 303);
    const [b1] = await baselines();
    assert.deepEqual([b1.number, b1.reason, b1.change_request_id], [1, 'approval', null]);
    const snap = JSON.parse(b1.snapshot_json);
    assert.deepEqual(
      snap.items.map((i: BaselineItem) => [i.code, i.planned_end, i.budget_sar, i.targets]),
      [['INF-01', '2025-12-31', 5_000_000, [{ kpi_id: ids.kpi, period_id: ids.q1, target: 8 }]]],
    );
  });

  it('once approved, the office cannot edit dates or budget directly', async () => {
    const res = await office.post(`/ar/console/plans/initiatives/${ids.initiative}/edit`, {
      ...form,
      planned_end: '2026-06-30',
      track_id: String(ids.track),
      owner_agency_id: String(ids.a),
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /f-planned_end/);
    assert.match(res.body, /بطلب تغيير/);
    assert.equal((await initiative()).planned_end, '2025-12-31');
  });

  it('once approved, a KPI target already set cannot be changed directly: the form refuses, pointing to a change request, in both languages', async () => {
    const direct = { kpi_id: String(ids.kpi), period_id: String(ids.q1), target: '5' };
    const en = await office.post(`/en/console/plans/initiatives/${ids.initiative}/targets`, direct);
    assert.equal(en.statusCode, 400);
    assert.match(en.body, /f-target/);
    assert.match(en.body, /this target is set: it changes only through a change request/);
    const ar = await office.post(`/ar/console/plans/initiatives/${ids.initiative}/targets`, direct);
    assert.equal(ar.statusCode, 400);
    assert.match(ar.body, /إلا بطلب تغيير/);
    const row = await db().selectFrom('plan_kpi_values').select('target').where('kpi_id', '=', ids.kpi).executeTakeFirstOrThrow();
    assert.equal(row.target, 8, 'nothing written');
    const page = await office.get(`/en/console/plans/initiatives/${ids.initiative}`);
    assert.match(page.body, /a target already set changes only through a change request/);
    assert.match(page.body, new RegExp(`href="/en/console/plans/initiatives/${ids.initiative}/changes">Request a target change`));
  });

  it("only the owner agency's administrator requests a change, with a reason and something that changes", async () => {
    const proposal = {
      planned_end: '2026-03-31',
      budget_sar: '6,500,000',
      kpi_id: String(ids.kpi),
      period_id: String(ids.q1),
      target: '6',
      reason: 'Vendor delay',
    };
    assert.equal((await aEditor.post(changesUrl(), proposal)).statusCode, 403);
    assert.equal((await bAdmin.post(changesUrl(), proposal)).statusCode, 403);
    assert.equal((await bAdmin.get(changesUrl())).statusCode, 403);
    const nothing = await aAdmin.post(changesUrl(), { planned_end: '2025-12-31', reason: 'Same' });
    assert.equal(nothing.statusCode, 400);
    assert.match(nothing.body, /differs from today/);
    const noReason = await aAdmin.post('/ar' + changesUrl().slice(3), { planned_end: '2026-03-31' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /f-reason/);
    const half = await aAdmin.post(changesUrl(), { kpi_id: String(ids.kpi), reason: 'Target' });
    assert.equal(half.statusCode, 400);
    assert.match(half.body, /f-target/);
    const order = await aAdmin.post(changesUrl(), { planned_end: '2024-12-31', reason: 'Earlier' });
    assert.equal(order.statusCode, 400);
    assert.match(order.body, /f-planned_end/);
    assert.equal((await changes()).length, 0);

    assert.equal((await aAdmin.post(changesUrl(), proposal)).statusCode, 303);
    const again = await aAdmin.post(changesUrl(), { budget_sar: '1', reason: 'Again' });
    assert.equal(again.statusCode, 409);
    const [c] = await changes();
    assert.equal(c.status, 'proposed');
    assert.deepEqual(JSON.parse(c.changes_json), {
      planned_end: { from: '2025-12-31', to: '2026-03-31' },
      budget_sar: { from: 5_000_000, to: 6_500_000 },
      target: { kpi_id: ids.kpi, period_id: ids.q1, from: 8, to: 6 },
    });
    assert.equal((await initiative()).planned_end, '2025-12-31', 'nothing changes until the office accepts');
    await t.drain();
    assert.deepEqual(
      await mails('plan:change:proposed:%'),
      [
        ['office@program.sa', 'A change request on initiative INF-01 awaits your decision'],
        ['reviewer@program.sa', 'طلب تغيير على المبادرة INF-01 بانتظار قراركم'],
      ],
      'the office hears of the proposal, each person in their language; the agency does not',
    );
    assert.match((await aEditor.get(changesUrl())).body, /Vendor delay/);
  });

  it('the office accepts: the change applies and a new baseline is taken; the comparison shows the shift and why', async () => {
    const [c] = await changes();
    assert.equal((await aAdmin.post(`/en/console/plans/changes/${c.id}/accept`, {})).statusCode, 403);
    assert.equal((await reviewer.post(`/en/console/plans/changes/${c.id}/accept`, { comment: 'Agreed.' })).statusCode, 303);
    const i = await initiative();
    assert.deepEqual([i.planned_end, i.budget_sar], ['2026-03-31', 6_500_000]);
    const target = await db().selectFrom('plan_kpi_values').select('target').where('kpi_id', '=', ids.kpi).executeTakeFirstOrThrow();
    assert.equal(target.target, 6);
    const history = await db()
      .selectFrom('plan_events')
      .select(['action', 'detail_json'])
      .where('initiative_id', '=', ids.initiative)
      .where('action', '=', 'kpi.target_changed')
      .execute();
    assert.deepEqual(
      history.map((e) => JSON.parse(e.detail_json ?? '{}')),
      [{ period_id: ids.q1, kpi_id: ids.kpi, from: 8, to: 6, change_request_id: c.id }],
      'the new target is in the history',
    );
    const audited = await db()
      .selectFrom('audit_log')
      .select(['record_id', 'after_json'])
      .where('action', '=', 'plan.kpi.target')
      .orderBy('seq')
      .execute();
    assert.match(audited.at(-1)?.after_json ?? '', new RegExp(`"target":6,"change_request_id":${c.id}`));
    assert.match(
      (await office.get(`/en/console/plans/initiatives/${ids.initiative}`)).body,
      /A KPI target changed through an accepted change request/,
    );
    const [b1, b2] = await baselines();
    assert.deepEqual([b2.number, b2.reason, b2.change_request_id], [2, 'change', c.id]);
    assert.equal((await changes())[0].baseline_id, b2.id);
    assert.equal((await reviewer.post(`/en/console/plans/changes/${c.id}/reject`, { comment: 'Too late' })).statusCode, 409);
    await t.drain();
    assert.deepEqual(await mails('plan:change:accepted:%'), [
      ['admin@a.sa', 'The change request on initiative INF-01 was accepted'],
      ['editor@a.sa', 'قُبل طلب التغيير على المبادرة INF-01'],
    ]);
    assert.deepEqual(await mails('plan:change:rejected:%'), [], 'a refused second decision tells no one');

    const page = await office.get(`/en/console/plans/${ids.plan}/baselines?from=${b1.id}&to=${b2.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /90 days later/);
    assert.match(page.body, /Vendor delay/);
    assert.match(page.body, /No initiative is expected|1 initiative is expected to end later, by up to 90 days/);
    const today = await office.get(`/ar/console/plans/${ids.plan}/baselines?from=${b1.id}&to=today`);
    assert.match(today.body, /(٩٠|90) يومًا متأخرًا/);
    const back = await office.get(`/en/console/plans/${ids.plan}/baselines?from=${b2.id}&to=${b1.id}`);
    assert.match(back.body, /90 days earlier/);
    assert.match(back.body, /Vendor delay/, 'the reason shows whichever way round');
    const other = await bAdmin.get(`/en/console/plans/${ids.plan}/baselines?from=${b1.id}&to=${b2.id}`);
    assert.equal(other.statusCode, 200);
    assert.doesNotMatch(other.body, /INF-01|Vendor delay/, "another agency's staff do not see this agency's initiatives");
  });

  it('the office rejects with a required comment; nothing changes and no baseline is taken; all audited', async () => {
    assert.equal((await aAdmin.post(changesUrl(), { budget_sar: '9000000', reason: 'More scope' })).statusCode, 303);
    const c = (await changes())[1];
    const bare = await office.post(`/en/console/plans/changes/${c.id}/reject`, {});
    assert.equal(bare.statusCode, 400);
    assert.match(bare.body, /f-comment/);
    assert.equal((await office.post(`/en/console/plans/changes/${c.id}/reject`, { comment: 'Not funded this year.' })).statusCode, 303);
    const after = (await changes())[1];
    assert.deepEqual([after.status, after.review_comment, after.baseline_id], ['rejected', 'Not funded this year.', null]);
    assert.equal((await initiative()).budget_sar, 6_500_000);
    assert.equal((await baselines()).length, 2);
    await t.drain();
    assert.deepEqual(await mails('plan:change:rejected:%'), [
      ['admin@a.sa', 'The change request on initiative INF-01 was rejected'],
      ['editor@a.sa', 'رُفض طلب التغيير على المبادرة INF-01'],
    ]);
    const rejected = await db().selectFrom('messages').select('text_body').where('message_key', 'like', 'plan:change:rejected:%').execute();
    assert.ok(
      rejected.every((m) => m.text_body.includes('Not funded this year.')),
      "the office's comment is in the email",
    );
    const actions = await db()
      .selectFrom('audit_log')
      .select(['action', 'agency_id'])
      .where('action', 'in', ['plan.baseline', 'plan.change.propose', 'plan.change.accept', 'plan.change.reject'])
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['plan.baseline', 'plan.change.propose', 'plan.baseline', 'plan.change.accept', 'plan.change.propose', 'plan.change.reject'],
    );
    const events = await db()
      .selectFrom('plan_events')
      .select('action')
      .where('initiative_id', '=', ids.initiative)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map((e) => e.action).filter((a) => a.startsWith('change.')),
      ['change.proposed', 'change.accepted', 'change.proposed', 'change.rejected'],
    );
  });

  it('draws the timeline of planned and forecast dates and milestones with their data tables, right to left in Arabic, per agency', async () => {
    await addMilestone(t.deps, systemCtx('test'), ids.initiative, {
      name_ar: 'توقيع العقد',
      name_en: 'Contract signed',
      weight: '1',
      planned_date: '2025-03-01',
    });
    const ar = await aEditor.get(`/ar/console/plans/${ids.plan}/timeline`);
    assert.equal((ar.body.match(/<polygon/g) ?? []).length, 2, 'a milestone: its planned diamond and its standing');
    assert.match(ar.body, /<caption>المعالم: تواريخها المخططة والمتوقعة والفعلية<\/caption>/);
    assert.match(ar.body, /توقيع العقد<\/th>/);
    assert.match(ar.body, /<td>متأخر<\/td>/, 'planned in March 2025, not done by today');
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /<svg[^>]*role="img"/);
    assert.match(ar.body, /direction="rtl"/);
    assert.match(ar.body, /INF-01/);
    const en = await office.get(`/en/console/plans/${ids.plan}/timeline`);
    assert.match(en.body, /direction="ltr"/);
    assert.match(en.body, /<caption>Planned and forecast dates of each initiative<\/caption>/);
    assert.match(en.body, /Contract signed<\/th>/);
    const other = await bAdmin.get(`/en/console/plans/${ids.plan}/timeline`);
    assert.equal(other.statusCode, 200);
    assert.doesNotMatch(other.body, /INF-01|Contract signed|<polygon/);
  });
});
