import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { columns, KPI_IMPORT_LIMITS } from './kpi.import.ts';
import { addMonths, currentMonth } from './testing.ts';

// Importing figures from a file: the template's bilingual headings, a dry run that writes nothing,
// a commit in one transaction, and the hostile files — too big, a zip bomb, too many rows or
// columns, wrong headings, formulas, another agency's services — each refused with a bilingual error.

const keys = Object.keys(columns);
const csv = (rows: (string | number)[][]) => Buffer.from(`${rows.map((r) => r.join(',')).join('\r\n')}\r\n`);
const m1 = addMonths(currentMonth(), -2);
const m2 = addMonths(currentMonth(), -1);
const row = (service: string, month: string, o: Record<string, string | number> = {}) => {
  const v: Record<string, string | number> = {
    service,
    month,
    web: 500,
    app: 300,
    kiosk: 0,
    call_centre: 100,
    service_centre: 100,
    started: 900,
    completed: 720,
    total_cost: 10000,
    cost_includes: 'Staff and hosting',
    reason: '',
    ...o,
  };
  return keys.map((k) => v[k]);
};

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('figures');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('kpi: importing figures from CSV and XLSX', () => {
  let t: TestApp;
  let editor: Client;
  const count = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom('kpi_figures')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const upload = (filename: string, data: Buffer, lang: 'ar' | 'en' = 'en') =>
    editor.upload(`/${lang}/console/kpi/import`, {}, { filename, data });

  before(async () => {
    t = await testApp();
    const mine = (await buildAgency(t.deps, { code: 'imp-a' })).id;
    const other = (await buildAgency(t.deps, { code: 'imp-b' })).id;
    await buildService(t.deps, mine, { identifier: 'imp-one' });
    await buildService(t.deps, mine, { identifier: 'imp-two' });
    await buildService(t.deps, other, { identifier: 'imp-theirs' });
    await buildUser(t.deps, { email: 'imp@example.gov.sa', role: 'agency_admin', agencyId: mine });
    editor = await signedIn(t.app, 'imp@example.gov.sa');
  });
  after(() => t.close());

  it('offers a template whose bilingual headings the import reads back', async () => {
    const res = await editor.get('/en/console/kpi/template.csv');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-disposition'] as string, /attachment/);
    assert.match(res.body, /الخدمة \(service\),الشهر \(month\)/);
    const [heading] = res.body.replace(/^\uFEFF/, '').split('\r\n');
    const file = Buffer.concat([Buffer.from(`${heading}\r\n`), csv([row('imp-one', m1)])]);
    const preview = await upload('template.csv', file);
    assert.equal(preview.statusCode, 200, preview.body.slice(0, 500));
    assert.match(preview.body, /1 rows, 0 refused/);
  });

  it('a CSV dry run writes nothing; the commit writes every row in one go, once', async () => {
    const file = csv([keys, row('imp-one', m1), row('imp-one', m2), row('imp-two', m2, { kiosk: 50 })]);
    const preview = await upload('figures.csv', file, 'ar');
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /معاينة فقط: لم يُكتب شيء بعد/);
    assert.equal(await count(), 0, 'the dry run wrote nothing');
    const id = /\/console\/kpi\/import\/(\d+)\/commit/.exec(preview.body)?.[1];
    assert.ok(id);
    const commit = await editor.post(`/en/console/kpi/import/${id}/commit`);
    assert.equal(commit.statusCode, 303);
    assert.equal(await count(), 3);
    const again = await editor.post(`/en/console/kpi/import/${id}/commit`);
    assert.equal(again.statusCode, 409, 'a preview commits once');
    const audit = await t.deps.db.selectFrom('audit_log').select('after_json').where('action', '=', 'kpi.import').executeTakeFirstOrThrow();
    assert.match(String(audit.after_json), /"create":3/);
  });

  it('an XLSX with Arabic headings imports the same way; a correction row updates the month', async () => {
    const file = await xlsx([
      Object.values(columns),
      row('imp-one', m2, { completed: 700, reason: 'recount' }).map((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v)),
    ]);
    const preview = await upload('figures.xlsx', file);
    assert.equal(preview.statusCode, 200, preview.body.slice(0, 300));
    assert.match(preview.body, /Correction of a month/);
    const id = /\/console\/kpi\/import\/(\d+)\/commit/.exec(preview.body)?.[1];
    assert.equal((await editor.post(`/en/console/kpi/import/${id}/commit`)).statusCode, 303);
    const f = await t.deps.db
      .selectFrom('kpi_figures')
      .selectAll()
      .where('month', '=', m2)
      .where('completed', '=', 700)
      .executeTakeFirstOrThrow();
    assert.equal(f.version, 2);
  });

  it('refuses row by row, in both languages, and commits nothing while a row is refused', async () => {
    const before = await count();
    const file = csv([
      keys,
      row('imp-theirs', m1),
      row('no-such-service', m1),
      row('imp-two', m1, { completed: 5000 }),
      row('imp-two', addMonths(currentMonth(), 3)),
      row('imp-two', m1, { web: '=1+2' }),
      row('imp-two', '2026-1x'),
    ]);
    const en = await upload('bad.csv', file);
    assert.equal(en.statusCode, 422);
    assert.match(en.body, /The service belongs to another agency/);
    assert.match(en.body, /There is no service with the identifier “no-such-service”/);
    assert.match(en.body, /Completed cannot be more than started/);
    assert.match(en.body, /The month has not started yet/);
    assert.match(en.body, /Enter a whole number, 0 or more/);
    assert.match(en.body, /Enter the month as year-month/);
    assert.doesNotMatch(en.body, /\/commit"/, 'no commit button');
    const ar = await upload('bad.csv', file, 'ar');
    assert.match(ar.body, /الخدمة تتبع جهة أخرى/);
    const id = Number((await t.deps.db.selectFrom('kpi_uploads').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id);
    const forced = await editor.post(`/en/console/kpi/import/${id}/commit`);
    assert.equal(forced.statusCode, 409, 'committing a refused preview anyway is refused');
    assert.equal(await count(), before);
  });

  it('refuses hostile files as a whole: too big, a zip bomb, too many rows or columns, wrong headings, formulas, duplicates', async () => {
    const refused = async (name: string, data: Buffer, en: RegExp, ar?: RegExp) => {
      const res = await upload(name, data);
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${name}: ${res.statusCode}`);
      assert.match(res.body, en, name);
      if (ar) assert.match((await upload(name, data, 'ar')).body, ar, name);
    };
    await refused('big.csv', Buffer.alloc(KPI_IMPORT_LIMITS.maxBytes + 10, 'a'), /The file is larger than 2 MB/, /٢ ميغابايت/);
    const huge = await upload('huge.csv', Buffer.alloc(5 * 1024 * 1024, 'a'));
    assert.equal(huge.statusCode, 413, 'past the upload limit the request is cut off');
    // A spreadsheet of 300 long, distinct, highly compressible strings: ~9 MB inflated from a few KB.
    const bomb = await xlsx(Array.from({ length: 300 }, (_, i) => [`${'a'.repeat(30_000)}${i}`]));
    assert.ok(bomb.length < 200 * 1024);
    await refused('bomb.xlsx', bomb, /compressed more than 100 to 1|more than 16 MB once unzipped/);
    const many = csv([keys, ...Array.from({ length: KPI_IMPORT_LIMITS.maxRows + 1 }, () => row('imp-one', m1))]);
    await refused('many.csv', many, /more than 5,000 rows/);
    await refused('wide.xlsx', await xlsx([Array.from({ length: 30 }, (_, i) => `c${i}`)]), /more than 20 columns/);
    await refused(
      'headers.csv',
      csv([
        ['service', 'month', 'visits'],
        ['imp-one', m1, 4],
      ]),
      /Unknown column heading: visits/,
    );
    await refused('missing.csv', csv([['service', 'month', 'web']]), /A required column is missing/);
    await refused('empty.csv', csv([keys]), /no rows after the headings/);
    const formula = await xlsx([keys, [...row('imp-one', m1).slice(0, 2), { formula: '1+2', result: 3 }, ...row('imp-one', m1).slice(3)]]);
    const f = await upload('formula.xlsx', formula);
    assert.equal(f.statusCode, 422);
    assert.match(f.body, /The cell is a formula; write the value itself/);
    const dup = await upload('dup.csv', csv([keys, row('imp-two', m1), row('imp-two', m1)]));
    assert.match(dup.body, /appear twice in the file/);
    assert.equal((await upload('binary.csv', Buffer.from([0x41, 0, 0x42]))).statusCode, 400);
  });

  it('an upload belongs to who made it; reviewers cannot import', async () => {
    await buildUser(t.deps, { email: 'imp-rev@example.gov.sa', role: 'program_reviewer' });
    const reviewer = await signedIn(t.app, 'imp-rev@example.gov.sa');
    assert.equal((await reviewer.get('/en/console/kpi/import')).statusCode, 403);
    const preview = await upload('again.csv', csv([keys, row('imp-two', m2)]));
    const id = /\/console\/kpi\/import\/(\d+)\/commit/.exec(preview.body)?.[1];
    await buildUser(t.deps, { email: 'imp-2@example.gov.sa', role: 'program_admin' });
    const admin = await signedIn(t.app, 'imp-2@example.gov.sa');
    assert.equal((await admin.post(`/en/console/kpi/import/${id}/commit`)).statusCode, 404);
  });
});
