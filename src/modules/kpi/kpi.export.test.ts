import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { addMonths, currentMonth, remindMissing, saveMonth } from './testing.ts';

// The export of the KPI figures (CSV and XLSX: each service's entered months, each agency's and
// the nation's month by month, missing months empty and never zero; agency staff only their own
// agency and the nation's medians; audited) and the monthly reminder of missing figures (from the
// 5th, once per agency, month and person, in each person's language; nothing once entered).

describe('kpi: export of the figures and reminders of missing months', () => {
  let t: TestApp;
  let office: Client;
  let editorA: Client;
  const ids = { a: 0, b: 0, sa: 0, sa2: 0, sb: 0 };
  const month = addMonths(currentMonth(), -1);
  const before2 = addMonths(currentMonth(), -2);
  const figures = (web: number, started: number, completed: number, cost: string) => ({
    web: String(web),
    app: '0',
    kiosk: '0',
    call_centre: String(100 - web),
    service_centre: '0',
    started: String(started),
    completed: String(completed),
    total_cost: cost,
    cost_includes: cost ? 'Hosting' : '',
  });

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'exp-a', name_en: 'Alpha', name_ar: 'ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'exp-b', name_en: 'Beta', name_ar: 'بيتا' })).id;
    ids.sa = (await buildService(t.deps, ids.a, { identifier: 'exp-one' })).id;
    ids.sa2 = (await buildService(t.deps, ids.a, { identifier: 'exp-two' })).id;
    ids.sb = (await buildService(t.deps, ids.b, { identifier: 'exp-other' })).id;
    await buildUser(t.deps, { email: 'exp-office@example.gov.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'exp-a@example.gov.sa', role: 'agency_editor', agencyId: ids.a, locale: 'en', name: 'Amal' });
    await buildUser(t.deps, { email: 'exp-a2@example.gov.sa', role: 'agency_admin', agencyId: ids.a, locale: 'ar', name: 'سارة' });
    await buildUser(t.deps, { email: 'exp-b@example.gov.sa', role: 'agency_editor', agencyId: ids.b });
    office = await signedIn(t.app, 'exp-office@example.gov.sa');
    editorA = await signedIn(t.app, 'exp-a@example.gov.sa');
    const ctx = systemCtx('test');
    await saveMonth(t.deps, ctx, ids.sa, month, figures(80, 100, 90, '1000'), 'form');
    await saveMonth(t.deps, ctx, ids.sa, before2, figures(60, 100, 50, ''), 'form');
    await saveMonth(t.deps, ctx, ids.sb, month, figures(40, 200, 100, '3000'), 'form');
  });
  after(() => t.close());

  const parse = (csv: string) =>
    csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(','));

  it('exports every agency for the office as CSV: service months, agency and national sums and medians', async () => {
    const res = await office.get('/en/console/kpi/export.csv?months=12');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="yusr-performance-all-12m\.csv"/);
    const [head, ...rows] = parse(res.body);
    const col = (r: string[] | undefined, name: string) => r?.[(head as string[]).indexOf(name)];
    const services = rows.filter((r) => r[0] === 'service');
    assert.deepEqual(services.map((r) => [col(r, 'service'), col(r, 'month')]).sort(), [
      ['exp-one', before2],
      ['exp-one', month],
      ['exp-other', month],
    ]);
    const one = services.find((r) => col(r, 'service') === 'exp-one' && col(r, 'month') === month);
    assert.equal(col(one, 'digital_take_up'), '0.8');
    assert.equal(col(one, 'completion_rate'), '0.9');
    assert.equal(col(one, 'cost_per_transaction'), '10');
    const older = services.find((r) => col(r, 'month') === before2);
    assert.equal(col(older, 'cost_per_transaction'), '', 'no cost given: empty, not zero');
    const agencyRows = rows.filter((r) => r[0] === 'agency' && col(r, 'agency') === 'exp-a');
    assert.equal(agencyRows.length, 12, 'every month of the window, entered or not');
    const gap = agencyRows.find((r) => col(r, 'month') === addMonths(currentMonth(), -5));
    assert.deepEqual(
      [col(gap, 'services_reporting'), col(gap, 'web'), col(gap, 'digital_take_up')],
      ['0', '', ''],
      'a missing month is empty',
    );
    const nation = rows.find((r) => r[0] === 'national' && col(r, 'month') === month);
    assert.equal(col(nation, 'services_reporting'), '2');
    assert.equal(col(nation, 'web'), '120');
    assert.equal(col(nation, 'digital_take_up'), '0.6', '120 digital of 200');
    assert.equal(col(nation, 'cost_per_transaction'), '20', '4000 SAR over 200 transactions');
    assert.equal(Number(col(nation, 'median_digital_take_up')).toFixed(6), '0.600000', 'median of 0.8 and 0.4');
    assert.equal(col(nation, 'median_cost_per_transaction'), '20', 'median of 10 and 30');
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'kpi.export').execute();
    assert.equal(audit.length, 1);
  });

  it("gives agency staff only their agency's rows and the nation's medians, never its sums; refuses another agency", async () => {
    const res = await editorA.get('/ar/console/kpi/export.csv');
    assert.equal(res.statusCode, 200);
    const [head, ...rows] = parse(res.body);
    const col = (r: string[] | undefined, name: string) => r?.[(head as string[]).indexOf(name)];
    assert.equal(
      rows.some((r) => col(r, 'agency') === 'exp-b' || col(r, 'service') === 'exp-other'),
      false,
    );
    assert.ok(
      rows.some((r) => col(r, 'name') === 'ألفا'),
      'names in the language asked',
    );
    const nation = rows.find((r) => r[0] === 'national' && col(r, 'month') === month);
    assert.deepEqual([col(nation, 'web'), col(nation, 'digital_take_up')], ['', '']);
    assert.equal(Number(col(nation, 'median_digital_take_up')).toFixed(6), '0.600000');
    assert.equal((await editorA.get(`/en/console/kpi/export.csv?agency=${ids.b}`)).statusCode, 403);
    const bad = await editorA.get('/en/console/kpi/export.csv?agency=abc');
    assert.equal(bad.statusCode, 400);
  });

  it('exports XLSX with one sheet per level', async () => {
    const res = await office.get(`/en/console/kpi/export.xlsx?agency=${ids.a}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['service', 'agency', 'national'],
    );
    assert.equal(wb.getWorksheet('service')?.rowCount, 3, 'the header and the two months entered');
    assert.equal(wb.getWorksheet('agency')?.rowCount, 13);
    const page = await office.get(`/en/console/kpi/agencies/${ids.a}`);
    assert.match(page.body, new RegExp(`href="/en/console/kpi/export.xlsx\\?agency=${ids.a}&amp;months=12"`));
  });

  it('reminds agencies of missing figures from the 5th, once per month and person, in their language', async () => {
    const [y, m] = currentMonth().split('-').map(Number) as [number, number];
    const day = (d: number) => new Date(Date.UTC(y, m - 1, d, 9));
    assert.equal(await remindMissing(t.deps, day(4)), 0, 'not before the 5th');
    assert.equal(await remindMissing(t.deps, day(5)), 2, "both of Alpha's staff: exp-two has no figures; Beta is complete");
    assert.equal(await remindMissing(t.deps, day(6)), 0, 'the next day queues nothing again');
    const mail = (await t.deps.db.selectFrom('messages').selectAll().where('source', '=', 'kpi.reminder').execute()).sort((p, q) =>
      p.locale.localeCompare(q.locale),
    );
    assert.deepEqual(
      mail.map((x) => [x.to_address, x.locale]),
      [
        ['exp-a2@example.gov.sa', 'ar'],
        ['exp-a@example.gov.sa', 'en'],
      ],
    );
    assert.match(mail[1]?.subject ?? '', /1 service is missing/);
    assert.match(mail[1]?.text_body ?? '', new RegExp(`/en/console/kpi/agencies/${ids.a}`));
    assert.match(mail[0]?.subject ?? '', /خدمة واحدة بلا أرقام/);
    await saveMonth(t.deps, systemCtx('test'), ids.sa2, month, figures(50, 10, 10, ''), 'form');
    await t.deps.db.deleteFrom('messages').where('source', '=', 'kpi.reminder').execute();
    assert.equal(await remindMissing(t.deps, day(7)), 0, 'nothing to remind once the figures are in');
  });
});
