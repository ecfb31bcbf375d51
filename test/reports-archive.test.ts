import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { addMonths, currentMonth, saveMonth } from '../src/modules/kpi/testing.ts';
import { loadPanels } from '../src/modules/reports/public.ts';
import { generateReport, lastClosedPeriod, reportPeriod, reportsPersonalData, runSchedule } from '../src/modules/reports/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { type TestApp, testApp } from './helpers/app.ts';
import { buildService } from './helpers/catalog.ts';
import { Client, signedIn } from './helpers/client.ts';
import { buildAgency, buildUser } from './helpers/factories.ts';

// The scheduled leadership report: made once per period from the dashboard's panels, its figures
// frozen when made, emailed once to each recipient in their language, read back from its XLSX,
// and kept from everyone but the program office and leadership (refusals and downloads audited).

describe('reports: the leadership report and its archive', () => {
  let t: TestApp;
  let office: Client;
  let leaderEn: Client;
  let reviewer: Client;
  let adminA: Client;
  let agencyA: number;
  let serviceA: number;
  const month = addMonths(currentMonth(), -1);
  const figures = (o: Record<string, string> = {}) => ({
    month,
    web: '600',
    app: '200',
    kiosk: '100',
    call_centre: '60',
    service_centre: '40',
    started: '1000',
    completed: '800',
    total_cost: '20000',
    cost_includes: 'Hosting',
    ...o,
  });
  const count = async (action: string) =>
    Number(
      (
        await t.deps.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const mails = () => t.deps.db.selectFrom('messages').selectAll().where('source', '=', 'reports').orderBy('id').execute();

  before(async () => {
    t = await testApp();
    agencyA = (await buildAgency(t.deps, { code: 'lr-a', name_en: 'Agency Alpha' })).id;
    serviceA = (await buildService(t.deps, agencyA, { identifier: 'lr-a1' })).id;
    // Last month: 900 of 1,000 transactions digital.
    await saveMonth(t.deps, systemCtx(), serviceA, month, figures(), 'api');
    await buildUser(t.deps, { email: 'office@lr.test', role: 'program_admin' });
    await buildUser(t.deps, { email: 'reviewer@lr.test', role: 'program_reviewer' });
    await buildUser(t.deps, { email: 'leader-en@lr.test', role: 'leadership_viewer', locale: 'en', name: 'Leader English' });
    await buildUser(t.deps, { email: 'leader-ar@lr.test', role: 'leadership_viewer', locale: 'ar', name: 'قائد' });
    await buildUser(t.deps, { email: 'gone@lr.test', role: 'leadership_viewer', status: 'deactivated' });
    await buildUser(t.deps, { email: 'admin-a@lr.test', role: 'agency_admin', agencyId: agencyA });
    office = await signedIn(t.app, 'office@lr.test');
    reviewer = await signedIn(t.app, 'reviewer@lr.test');
    leaderEn = await signedIn(t.app, 'leader-en@lr.test');
    adminA = await signedIn(t.app, 'admin-a@lr.test');
  });
  after(() => t.close());

  it('the office sets the schedule and adds an address; bad input is a bilingual field error and writes nothing', async () => {
    assert.equal(await runSchedule(t.deps), null, 'nothing is made before the office schedules it');
    assert.equal((await office.post('/en/console/reports/archive/schedule', { frequency: 'monthly' })).statusCode, 303);
    const bad = await office.post('/en/console/reports/archive/recipients', {
      name: 'Minister’s office',
      email: 'not-an-address',
      lang: 'ar',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /class="error-summary"/);
    const badAr = await office.post('/ar/console/reports/archive/recipients', { name: '', email: 'office@minister.test', lang: 'fr' });
    assert.equal(badAr.statusCode, 400);
    assert.match(badAr.body, /هذا الحقل مطلوب|مطلوب/);
    assert.equal((await t.deps.db.selectFrom('reports_recipients').selectAll().execute()).length, 0);
    const ok = await office.post('/en/console/reports/archive/recipients', {
      name: 'Minister’s office',
      email: 'Office@Minister.test',
      lang: 'ar',
    });
    assert.equal(ok.statusCode, 303);
    const again = await office.post('/en/console/reports/archive/recipients', { name: 'Again', email: 'office@minister.test', lang: 'en' });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /already a recipient/);
    assert.equal(await count('reports.schedule.update'), 1);
    assert.equal(await count('reports.recipient.add'), 1);
  });

  it("the schedule makes last month's report once, and emails each recipient once in their language", async () => {
    const first = await runSchedule(t.deps);
    assert.equal(first?.created, true);
    const second = await runSchedule(t.deps);
    assert.deepEqual(second, { id: first?.id, created: false }, 'a retried or repeated job makes nothing again');
    const rows = await t.deps.db.selectFrom('reports_archive').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.period_key, lastClosedPeriod(t.deps.config.timeZone, 'monthly').key);
    assert.equal(rows[0]?.recipients, 3);
    const sent = await mails();
    assert.deepEqual(
      sent.map((m) => [m.to_address, m.locale]).sort(),
      [
        ['leader-ar@lr.test', 'ar'],
        ['leader-en@lr.test', 'en'],
        ['office@minister.test', 'ar'],
      ],
      'the two active leaders and the added address, not the deactivated one',
    );
    assert.match(sent.find((m) => m.locale === 'en')?.subject ?? '', /^Leadership report: /);
    assert.match(sent.find((m) => m.locale === 'ar')?.subject ?? '', /^تقرير القيادة: /);
    assert.match(sent.find((m) => m.locale === 'en')?.text_body ?? '', new RegExp(`/en/console/reports/archive/${first?.id}`));
    // Two generations of one period at once: one report, one set of emails.
    const period = reportPeriod(t.deps.config.timeZone, 'quarterly', 2024, 2);
    assert.ok(period);
    const both = await Promise.all([
      generateReport(t.deps, systemCtx('a'), period, 'schedule'),
      generateReport(t.deps, systemCtx('b'), period, 'schedule'),
    ]);
    assert.deepEqual(both.map((b) => b.created).sort(), [false, true]);
    assert.equal(both[0].id, both[1].id);
    assert.equal((await mails()).length, 6);
    assert.equal(await count('reports.archive.generate'), 2);
  });

  it('an added address without an account opens its report through the signed link in its email — that report only, while it is a recipient', async () => {
    const mail = (await mails()).find((m) => m.to_address === 'office@minister.test');
    const link = /\/ar\/reports\/shared\/(\d+)\?token=([A-Za-z0-9_.-]+)/.exec(mail?.text_body ?? '');
    assert.ok(link, 'the email carries a signed link, not the console address the person cannot open');
    assert.match(mail?.text_body ?? '', /٩٠ يوم/);
    const [path, id, token] = link;
    const anon = new Client(t.app);
    const ar = await anon.get(path);
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /تقرير القيادة/);
    assert.match(String(ar.headers['cache-control']), /no-store/);
    assert.doesNotMatch(ar.body, /href="\/ar\/console\/reports/, 'no links into the console');
    const en = await anon.get(`/en/reports/shared/${id}?token=${token}`);
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /Leadership report/);
    const xlsx = await anon.get(`/reports/shared/${id}/report.xlsx?lang=en&token=${token}`);
    assert.equal(xlsx.statusCode, 200);
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
    assert.equal(await count('reports.archive.shared_read'), 3);
    // Not another report with the same token, not a tampered or missing one.
    for (const bad of [
      `/en/reports/shared/${Number(id) + 1}?token=${token}`,
      `/en/reports/shared/${id}?token=${token.slice(0, -2)}xx`,
      `/en/reports/shared/${id}`,
      `/reports/shared/${Number(id) + 1}/report.xlsx?lang=en&token=${token}`,
    ]) {
      const r = await anon.get(bad);
      assert.equal(r.statusCode, 409, bad);
    }
    const refused = await anon.get(`/ar/reports/shared/${id}?token=${token.slice(0, -2)}xx`);
    assert.match(refused.body, /لم يعد هذا الرابط/);
    assert.equal(await count('reports.archive.shared_read'), 3, 'refusals read nothing');
  });

  it('the archived report keeps its figures after the live data changes', async () => {
    const id = (await t.deps.db.selectFrom('reports_archive').select('id').where('period_key', '=', month).executeTakeFirstOrThrow()).id;
    // The month is corrected: 400 of 500 transactions digital now.
    await saveMonth(t.deps, systemCtx(), serviceA, month, figures({ web: '100', reason: 'Corrected count' }), 'api');
    const p = lastClosedPeriod(t.deps.config.timeZone, 'monthly');
    const live = (await loadPanels(t.deps, { from: p.from, to: p.to }, systemCtx())).flatMap((x) => x.figures);
    assert.equal(live.find((f) => f.id === 'kpi.digital_take_up')?.value, 0.8, 'the dashboard shows the correction');
    const page = await leaderEn.get(`/en/console/reports/archive/${id}`);
    assert.equal(page.statusCode, 200);
    const row = /<tr data-figure="kpi\.digital_take_up">([\s\S]*?)<\/tr>/.exec(page.body)?.[1] ?? '';
    assert.match(row, /<td class="num">90%<\/td>/, 'the report still shows 90 %');
    const ar = await leaderEn.get(`/ar/console/reports/archive/${id}`);
    assert.equal(ar.statusCode, 200);
    assert.match(/<tr data-figure="kpi\.digital_take_up">([\s\S]*?)<\/tr>/.exec(ar.body)?.[1] ?? '', /<td class="num">٩٠[^<]*<\/td>/);
    assert.match(ar.body, /تقرير القيادة/);
    assert.match(ar.body, /هـ/, 'the Hijri period');
  });

  it('the XLSX opens and holds the figures, in each language', async () => {
    const id = (await t.deps.db.selectFrom('reports_archive').select('id').where('period_key', '=', month).executeTakeFirstOrThrow()).id;
    const before = await count('reports.archive.download');
    for (const [lang, sheet] of [
      ['en', 'Figures'],
      ['ar', 'الأرقام'],
    ] as const) {
      const res = await reviewer.get(`/console/reports/archive/${id}/report.xlsx?lang=${lang}`);
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet(sheet);
      assert.ok(ws, `the ${lang} workbook has its figures sheet`);
      const byId = new Map<string, ExcelJS.CellValue>();
      ws.eachRow((r, n) => {
        if (n > 1) byId.set(String(r.getCell(4).value), r.getCell(6).value);
      });
      assert.equal(byId.get('kpi.digital_take_up'), 0.9);
      assert.equal(byId.get('kpi.completion'), 0.8);
      assert.equal(byId.get('kpi.cost'), 20);
      assert.equal(ws.getRow(1).getCell(5).value, lang === 'en' ? 'Figure' : 'المؤشر');
    }
    assert.equal(await count('reports.archive.download'), before + 2, 'each download is audited');
  });

  it('the PDF prints where Chromium is', { skip: !existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') }, async () => {
    const id = (await t.deps.db.selectFrom('reports_archive').select('id').where('period_key', '=', month).executeTakeFirstOrThrow()).id;
    const res = await leaderEn.get(`/console/reports/archive/${id}/report.pdf?lang=ar`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
  });

  it('only the program office and leadership open the archive; refusals are audited', async () => {
    const id = (await t.deps.db.selectFrom('reports_archive').select('id').where('period_key', '=', month).executeTakeFirstOrThrow()).id;
    const denied = await count('access.denied');
    assert.equal((await adminA.get('/en/console/reports/archive')).statusCode, 403);
    assert.equal((await adminA.get(`/en/console/reports/archive/${id}`)).statusCode, 403);
    assert.equal((await adminA.get(`/console/reports/archive/${id}/report.xlsx?lang=en`)).statusCode, 403);
    assert.equal(
      (await adminA.post('/en/console/reports/archive/generate', { gen_frequency: 'monthly', gen_year: '2024', gen_period: '1' }))
        .statusCode,
      403,
    );
    assert.equal(await count('access.denied'), denied + 4);
    // Leadership and reviewers read; only program administrators change the schedule or generate.
    assert.equal((await leaderEn.get('/en/console/reports/archive')).statusCode, 200);
    assert.equal((await leaderEn.post('/en/console/reports/archive/schedule', { frequency: 'off' })).statusCode, 403);
    assert.equal(
      (await reviewer.post('/en/console/reports/archive/generate', { gen_frequency: 'monthly', gen_year: '2024', gen_period: '1' }))
        .statusCode,
      403,
    );
    assert.equal(await count('access.denied'), denied + 6);
    const list = await leaderEn.get('/en/console/reports/archive');
    assert.doesNotMatch(list.body, /action="\/en\/console\/reports\/archive\/schedule"/, 'leadership sees no settings form');
    assert.match(
      (await leaderEn.get('/en/console/reports')).body,
      /href="\/en\/console\/reports\/archive"/,
      'the dashboard leads to the archive',
    );
  });

  it('the office generates a closed period now, once; an open or repeated period is a field error', async () => {
    const year = Number(month.slice(0, 4));
    const future = await office.post('/en/console/reports/archive/generate', {
      gen_frequency: 'monthly',
      gen_year: String(year + 1),
      gen_period: '1',
    });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /has not ended yet/);
    const quarter = await office.post('/ar/console/reports/archive/generate', {
      gen_frequency: 'quarterly',
      gen_year: '2024',
      gen_period: '5',
    });
    assert.equal(quarter.statusCode, 400);
    assert.match(quarter.body, /يُرقّم الربع من ١ إلى ٤/);
    const repeat = await office.post('/en/console/reports/archive/generate', {
      gen_frequency: 'quarterly',
      gen_year: '2024',
      gen_period: '2',
    });
    assert.equal(repeat.statusCode, 400);
    assert.match(repeat.body, /already been made/);
    const before = (await t.deps.db.selectFrom('reports_archive').select('id').execute()).length;
    const made = await office.post('/en/console/reports/archive/generate', { gen_frequency: 'monthly', gen_year: '2024', gen_period: '3' });
    assert.equal(made.statusCode, 303);
    assert.match(made.headers.location as string, /^\/en\/console\/reports\/archive\/\d+$/);
    assert.equal((await t.deps.db.selectFrom('reports_archive').select('id').execute()).length, before + 1);
    const row = await t.deps.db.selectFrom('reports_archive').selectAll().where('period_key', '=', '2024-03').executeTakeFirstOrThrow();
    assert.equal(row.trigger, 'manual');
    const list = await office.get('/ar/console/reports/archive');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /مارس ٢٠٢٤/);
    assert.match(list.body, /رمضان/, 'March 2024 is in Sha‘ban and Ramadan 1445');
    const en = await office.get('/en/console/reports/archive');
    assert.match(en.body, /March 2024/);
    assert.match(en.body, /Ramadan 1445 AH|Shaʻban – Ramadan 1445 AH/);
  });
  it("an added recipient's address is in the person's archive and goes on erasure", async () => {
    const subject = { email: 'office@minister.test', phone: null };
    const held = await reportsPersonalData.export(t.deps, subject);
    assert.deepEqual(
      held.map((k) => [k.kind, k.records.map((r) => r.email)]),
      [['reports.recipient', ['office@minister.test']]],
    );
    const erased = await t.deps.db.transaction().execute((trx) => reportsPersonalData.erase(trx, t.deps, subject));
    assert.deepEqual(erased.counts, { 'reports.recipient': 1 });
    assert.deepEqual(await reportsPersonalData.export(t.deps, subject), []);
    assert.equal((await t.deps.db.selectFrom('reports_archive').select('id').execute()).length > 0, true, 'the reports stay');
    // The erased address's links stop working.
    const link = /\/en\/reports\/shared\/\d+\?token=[A-Za-z0-9_.-]+/.exec(
      ((await mails()).find((m) => m.text_body?.includes('/reports/shared/'))?.text_body ?? '').replace('/ar/', '/en/'),
    );
    assert.ok(link);
    assert.equal((await new Client(t.app).get(link[0])).statusCode, 409);
  });
});

describe('reports: the leadership report without Chromium', () => {
  let t: TestApp;
  after(() => t?.close());

  it('the PDF is refused with a bilingual message, and the page says so instead of linking to it', async () => {
    t = await testApp({ CHROMIUM_PATH: '/nonexistent/chromium' });
    await buildUser(t.deps, { email: 'leader@nochrome.test', role: 'leadership_viewer' });
    const leader = await signedIn(t.app, 'leader@nochrome.test');
    const period = reportPeriod(t.deps.config.timeZone, 'monthly', 2024, 1);
    assert.ok(period);
    const { id } = await generateReport(t.deps, systemCtx(), period, 'manual');
    const en = await leader.get(`/console/reports/archive/${id}/report.pdf?lang=en`);
    assert.equal(en.statusCode, 503);
    assert.match(en.body, /PDFs cannot be produced on this server just now/);
    const ar = await leader.get(`/console/reports/archive/${id}/report.pdf?lang=ar`);
    assert.equal(ar.statusCode, 503);
    assert.match(ar.body, /لا يمكن إنشاء ملفات PDF/);
    const page = await leader.get(`/en/console/reports/archive/${id}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /report\.pdf/);
    assert.match(page.body, /report\.xlsx/);
  });
});
