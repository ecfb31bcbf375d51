import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { addKpi, addMilestone, addPeriod, addTrack, createInitiative, createPlan, setPlanStatus } from './testing.ts';

// Progress from a file: the dry run writes nothing and says what each row would do; the commit saves
// every row into the period reports' drafts in one transaction, or nothing if any row is refused; an
// agency's staff reach only their own initiatives, and a report under review or locked is refused.

const csv = (rows: (string | number)[][]) => Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\n')}\n`, 'utf8');
async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('progress');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('plan: progress from a CSV or XLSX file', () => {
  let t: TestApp;
  let aEditor: Client;
  let aAdmin: Client;
  let bEditor: Client;
  let office: Client;
  const ids = { a: 0, b: 0, plan: 0, track: 0, q1: 0, q2: 0, initA: 0, initA2: 0, initB: 0, m1: 0, kpi: 0 };
  const reports = () => t.deps.db.selectFrom('plan_reports').selectAll().orderBy('id').execute();
  const head = ['initiative', 'period', 'item', 'name', 'forecast_date', 'actual_date', 'value'];
  const upload = (c: Client, filename: string, data: Buffer, lang = 'en') =>
    c.upload(`/${lang}/console/plans/${ids.plan}/bulk`, {}, { filename, data });
  const keyOf = (body: string) => /name="key" value="([^"]+)"/.exec(body)?.[1] ?? '';

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a });
    await buildUser(t.deps, { email: 'editor@b.sa', role: 'agency_editor', agencyId: ids.b });
    [office, aEditor, aAdmin, bEditor] = await Promise.all(
      ['office@program.sa', 'editor@a.sa', 'admin@a.sa', 'editor@b.sa'].map((e) => signedIn(t.app, e)),
    );
    const sys = systemCtx('test');
    ids.plan = (
      await createPlan(t.deps, sys, {
        code: 'ep-bulk',
        name_ar: 'خطة',
        name_en: 'Plan',
        period_from: '2025-01-01',
        period_to: '2026-12-31',
      })
    ).id;
    ids.track = (await addTrack(t.deps, sys, ids.plan, { name_ar: 'مسار', name_en: 'Track', weight: '1' })).id;
    ids.q1 = (
      await addPeriod(t.deps, sys, ids.plan, { code: '2025-Q1', starts_on: '2025-01-01', ends_on: '2025-03-31', due_on: '2025-04-21' })
    ).id;
    ids.q2 = (
      await addPeriod(t.deps, sys, ids.plan, { code: '2025-Q2', starts_on: '2025-04-01', ends_on: '2025-06-30', due_on: '2025-07-21' })
    ).id;
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
        budget_sar: '1000000',
        track_id: String(ids.track),
        owner_agency_id: String(agency),
      });
    ids.initA = (await initiative('INF-01', ids.a)).id;
    ids.initA2 = (await initiative('INF-02', ids.a)).id;
    ids.initB = (await initiative('ETR-01', ids.b)).id;
    ids.m1 = (
      await addMilestone(t.deps, sys, ids.initA, { name_ar: 'المتطلبات', name_en: 'Requirements', weight: '1', planned_date: '2025-02-15' })
    ).id;
    ids.kpi = (
      await addKpi(t.deps, sys, ids.initA, {
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
    await setPlanStatus(t.deps, sys, ids.plan, { status: 'approved' });
    await setPlanStatus(t.deps, sys, ids.plan, { status: 'active' });
  });
  after(() => t.close());

  it("the template lists the agency's own initiatives' figures, nothing of another agency's", async () => {
    const res = await aEditor.get(`/en/console/plans/${ids.plan}/bulk/template.csv`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /رمز المبادرة \(initiative\)/);
    assert.match(res.body, new RegExp(`INF-01,2025-Q\\d,milestone:${ids.m1},المتطلبات / Requirements`));
    assert.match(res.body, new RegExp(`INF-01,2025-Q\\d,kpi:${ids.kpi}`));
    assert.match(res.body, /INF-02,2025-Q\d,spend/);
    assert.doesNotMatch(res.body, /ETR-01/);
    const officeTemplate = await office.get(`/en/console/plans/${ids.plan}/bulk/template.csv`);
    assert.equal(officeTemplate.body.trim().split('\n').length, 1, 'the office drafts no reports: the heading only');
    const officeUpload = await office.upload(`/en/console/plans/${ids.plan}/bulk`, {}, { filename: 'x.csv', data: csv([head]) });
    assert.equal(officeUpload.statusCode, 403);
  });

  it('refuses a file that is not a table, or lacks a column, beside the file field, in both languages', async () => {
    const bin = await upload(aEditor, 'x.csv', Buffer.from([0, 1, 2, 3]), 'ar');
    assert.equal(bin.statusCode, 400);
    assert.match(bin.body, /f-file/);
    const noItem = await upload(
      aEditor,
      'x.csv',
      csv([
        ['initiative', 'period'],
        ['INF-01', '2025-Q1'],
      ]),
    );
    assert.equal(noItem.statusCode, 400);
    assert.match(noItem.body, /item/);
    assert.equal((await reports()).length, 0);
  });

  it('a dry run with a refused row shows every row’s outcome and problems, writes nothing and offers no commit', async () => {
    const file = csv([
      head,
      ['INF-01', '2025-Q1', `milestone:${ids.m1}`, '', '', '2025-02-10', ''],
      ['INF-01', '2025-Q1', `kpi:${ids.kpi}`, '', '', '', 'ten'],
      ['ETR-01', '2025-Q1', 'spend', '', '', '', '5'],
      ['INF-09', '2025-Q1', 'spend', '', '', '', '5'],
      ['INF-02', '2025-Q7', 'spend', '', '', '', '5'],
      ['INF-02', '2025-Q1', `kpi:${ids.kpi}`, '', '', '', '5'],
      ['INF-02', '2025-Q1', 'spend', '', '', '', ''],
      ['INF-02', '2025-Q1', 'narrative', '', '', '', 'On track'],
      ['INF-02', '2025-Q1', 'narrative', '', '', '', 'Again'],
    ]);
    const res = await upload(aEditor, 'progress.csv', file);
    assert.equal(res.statusCode, 422);
    assert.doesNotMatch(res.body, /name="key"/);
    assert.match(res.body, /9 rows, 8 refused/);
    assert.match(res.body, /enter a number|number/i);
    assert.match(res.body, /Not saved: another row of the same initiative/);
    assert.match(res.body, /The initiative is not your agency&#x27;s|The initiative is not your agency's/);
    assert.match(res.body, /No initiative has the code “INF-09”/);
    assert.match(res.body, /No period has the code “2025-Q7”/);
    assert.match(
      res.body,
      new RegExp(`“kpi:${ids.kpi}” is not one of this initiative&#x27;s items|“kpi:${ids.kpi}” is not one of this initiative's items`),
    );
    assert.match(res.body, /The row gives no figure for this item/);
    assert.match(res.body, /The same item is in row 9/);
    assert.equal((await reports()).length, 0);
  });

  it('a clean XLSX with Arabic headings previews, then commits every row into the drafts at once, audited; the administrator submits as usual', async () => {
    const file = await xlsx([
      ['رمز المبادرة', 'الفترة', 'البند', 'الاسم', 'التاريخ المتوقع', 'التاريخ الفعلي', 'القيمة'],
      ['INF-01', '2025-Q1', `milestone:${ids.m1}`, 'Requirements', '', '2025-02-10', ''],
      ['INF-01', '2025-Q1', `kpi:${ids.kpi}`, '', '', '', 10],
      ['INF-01', '2025-Q1', 'spend', '', '', '', '1,250,000'],
      ['INF-01', '2025-Q1', 'narrative', '', '', '', 'Requirements signed off.'],
      ['inf-02', '2025-Q1', 'forecast_end', '', '2026-01-31', '', ''],
    ]);
    const res = await upload(aEditor, 'progress.xlsx', file, 'ar');
    assert.equal(res.statusCode, 200, res.body.slice(0, 400));
    assert.match(res.body, /هذه معاينة فقط/);
    assert.equal((await reports()).length, 0, 'the dry run writes nothing');
    const key = keyOf(res.body);
    assert.match(key, /\.planbulk$/);

    assert.equal(
      (await bEditor.post(`/en/console/plans/${ids.plan}/bulk/commit`, { key })).statusCode,
      409,
      'rechecked as whoever commits',
    );
    assert.equal((await aEditor.post(`/en/console/plans/${ids.plan}/bulk/commit`, { key: '../../etc/passwd' })).statusCode, 404);
    assert.equal((await reports()).length, 0);

    const commit = await aEditor.post(`/en/console/plans/${ids.plan}/bulk/commit`, { key });
    assert.equal(commit.statusCode, 303);
    const [r1, r2] = await reports();
    assert.deepEqual([r1.initiative_id, r1.period_id, r1.status, r1.narrative], [ids.initA, ids.q1, 'draft', 'Requirements signed off.']);
    const f1 = JSON.parse(r1.figures_json);
    assert.deepEqual([f1.milestones[0].actual_date, f1.kpis[0].actual, f1.spend_sar], ['2025-02-10', 10, 1_250_000]);
    assert.equal(JSON.parse(r2.figures_json).forecast_end, '2026-01-31');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'agency_id'])
      .where('action', 'in', ['plan.report.save', 'plan.bulk.import'])
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['plan.report.save', 'plan.report.save', 'plan.bulk.import'],
    );

    // The same file again changes nothing; after submission the report is refused.
    const again = await upload(aEditor, 'progress.xlsx', file);
    assert.match(again.body, /Unchanged/);
    assert.equal((await aAdmin.post(`/en/console/plans/reports/${r1.id}/submit`)).statusCode, 303);
    const late = await upload(aEditor, 'progress.xlsx', file);
    assert.equal(late.statusCode, 422);
    assert.match(late.body, /under review/);
    const stale = await aEditor.post(`/en/console/plans/${ids.plan}/bulk/commit`, { key });
    assert.equal(stale.statusCode, 409, 'a preview whose rows are refused now commits nothing');
    assert.equal((await reports()).length, 2);
  });
});
