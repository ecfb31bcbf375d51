import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { type TestApp, testApp } from '../../../../test/helpers/app.ts';
import { buildService, buildTerms, sampleService } from '../../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../../test/helpers/factories.ts';
import { columns, dataToRow } from './columns.ts';
import { dropExpiredImports } from './imports.service.ts';

/** Uploads a file through the real multipart form and returns the report page. */
async function upload(c: Client, name: string, content: Buffer | string, lang = 'en') {
  return c.upload(
    `/${lang}/console/catalog/import`,
    {},
    { filename: name, data: Buffer.isBuffer(content) ? content : Buffer.from(content) },
  );
}

/** Uploads a file and follows it through the worker's dry run to its page. */
async function dryRun(t: TestApp, c: Client, name: string, content: Buffer | string, lang = 'en') {
  const res = await upload(c, name, content, lang);
  if (res.statusCode !== 303) return res;
  assert.match(String(res.headers.location), new RegExp(`^/${lang}/console/catalog/imports/\\d+$`));
  await t.drain();
  return c.get(String(res.headers.location));
}

/** Presses "Run the import" on a dry run's page and follows the worker's real run to the page. */
async function run(t: TestApp, c: Client, report: string) {
  const action = /action="([^"]+\/run)"/.exec(report)?.[1];
  assert.ok(action, 'the report offers to run the import');
  const res = await c.post(action);
  if (res.statusCode !== 303) return { res, action };
  await t.drain();
  return { res: await c.get(String(res.headers.location)), action };
}

const csvOf = (rows: string[][]) => `\uFEFF${rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n')}\r\n`;

describe('catalog import and export', () => {
  let t: TestApp;
  let admin: Client;
  let agencyId: number;
  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    agencyId = (await buildAgency(t.deps, { code: 'gdp' })).id;
    await buildAgency(t.deps, { code: 'other' });
    await buildService(t.deps, agencyId, { identifier: 'gdp-existing' });
    await buildUser(t.deps, { email: 'aa@gdp.gov.sa', role: 'agency_admin', agencyId });
    admin = await signedIn(t.app, 'aa@gdp.gov.sa');
  });
  after(() => t.close());

  it('a dry run of an Arabic-headed CSV (with BOM) reports each row and changes nothing', async () => {
    const arabicHeader = columns.map(([, ar]) => ar);
    const fresh = Object.values(dataToRow('gdp-new-service', 'gdp', sampleService({ name: { ar: 'خدمة جديدة', en: 'A new service' } })));
    const changed = Object.values(dataToRow('gdp-existing', 'gdp', sampleService({ processing_time: 'P1D' })));
    const foreign = Object.values(dataToRow('other-service', 'other', sampleService()));
    const broken = Object.values(dataToRow('gdp-broken', 'gdp', sampleService()));
    broken[columns.findIndex(([k]) => k === 'processing_time')] = 'three days';
    const before = await t.deps.db.selectFrom('services').selectAll().execute();
    const res = await dryRun(t, admin, 'services.csv', csvOf([arabicHeader, fresh, changed, foreign, broken]));
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.match(res.body, /Create 1, update 1, unchanged 0, refused 2/);
    assert.match(res.body, /You may not import into this agency/);
    assert.match(res.body, /Enter an ISO 8601 duration/);
    assert.doesNotMatch(res.body, /Run the import/, 'a file with refused rows cannot run');
    assert.deepEqual(await t.deps.db.selectFrom('services').selectAll().execute(), before);
  });

  it('the real run is all or nothing, and publishes every row', async () => {
    const header = columns.map(([k]) => k);
    const rows = [
      Object.values(dataToRow('gdp-one', 'gdp', sampleService({ name: { ar: 'الخدمة الأولى', en: 'First service' } }))),
      Object.values(
        dataToRow('gdp-two', 'gdp', sampleService({ name: { ar: 'الخدمة الثانية', en: 'Second service' }, status: 'planned' })),
      ),
    ];
    const res = await dryRun(t, admin, 'services.csv', csvOf([header, ...rows]));
    assert.match(res.body, /Create 2, update 0/);
    const done = await run(t, admin, res.body);
    assert.equal(done.res.statusCode, 200);
    assert.match(done.res.body, /Imported: 2 created, 0 updated/);
    const page = await t.app.inject('/ar/services/gdp-one');
    assert.match(page.body, /الخدمة الأولى/);
    const again = await admin.post(done.action);
    assert.equal(again.statusCode, 410, 'a run cannot be replayed');
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('action', 'like', 'catalog.import%').execute();
    assert.deepEqual(
      audit.map((a) => a.action).slice(-3),
      ['catalog.import.upload', 'catalog.import.run', 'catalog.import'],
      'the upload and the run are audited with their jobs, the writing with the rows',
    );
  });

  it('a file that changed underneath is refused whole at run time', async () => {
    const header = columns.map(([k]) => k);
    const res = await dryRun(t, admin, 's.csv', csvOf([header, Object.values(dataToRow('gdp-late', 'gdp', sampleService()))]));
    // Someone else takes the identifier for another agency in the meantime.
    const other = await t.deps.db.selectFrom('agencies').select('id').where('code', '=', 'other').executeTakeFirstOrThrow();
    await buildService(t.deps, other.id, { identifier: 'gdp-late' });
    const before = await t.deps.db.selectFrom('service_versions').select('id').execute();
    const late = await run(t, admin, res.body);
    assert.equal(late.res.statusCode, 409);
    assert.match(late.res.body, /The import cannot run while rows are refused/);
    assert.equal((await t.deps.db.selectFrom('service_versions').select('id').execute()).length, before.length);
  });

  for (const format of ['csv', 'xlsx', 'jsonld'] as const) {
    it(`exports ${format} that imports back as "unchanged"`, async () => {
      const res = await admin.get(`/ar/console/catalog/export?format=${format}&agency=${agencyId}`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-disposition']), new RegExp(`yusr-catalog-gdp-\\d{4}-\\d{2}-\\d{2}\\.${format}`));
      const back = await dryRun(t, admin, `export.${format}`, res.rawPayload);
      assert.equal(back.statusCode, 200, back.body.slice(0, 500));
      const count = (
        await t.deps.db.selectFrom('services').select('id').where('agency_id', '=', agencyId).where('published_version', '>', 0).execute()
      ).length;
      assert.match(back.body, new RegExp(`Create 0, update 0, unchanged ${count}, refused 0`));
    });
  }

  it('a CSV export whose cells were guarded against formulas imports back to the same text', async () => {
    await buildService(t.deps, agencyId, {
      identifier: 'gdp-formula',
      data: sampleService({ name: { ar: '=خدمة', en: '=HYPERLINK("x") service' }, description: { ar: '-وصف', en: '+description' } }),
    });
    const res = await admin.get(`/en/console/catalog/export?format=csv&agency=${agencyId}`);
    assert.match(res.body, /"'=HYPERLINK/, 'the export guards the cell');
    const back = await dryRun(t, admin, 'export.csv', res.rawPayload);
    assert.match(back.body, /update 0, unchanged \d+, refused 0/, 'nothing reads back changed');
  });

  it('reads an XLSX with Arabic headings and right-to-left sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('الخدمات', { views: [{ rightToLeft: true }] });
    ws.addRow(columns.map(([, ar]) => ar));
    ws.addRow(Object.values(dataToRow('gdp-from-excel', 'gdp', sampleService())));
    const res = await dryRun(t, admin, 'x.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), 'ar');
    assert.match(res.body, /إنشاء ١، تحديث ٠، بلا تغيير ٠، مرفوض ٠/);
  });

  it('refuses files it cannot read with a clear message', async () => {
    // Refused at upload (400), or by the worker's dry run, whose page then answers 422 with the form.
    for (const [name, content, msg, status] of [
      ['empty.csv', '', /The file is empty/, 400],
      ['bad.csv', 'wizard,identifier\r\nx,y\r\n', /Unknown column heading: wizard/, 422],
      ['short.csv', 'identifier,agency\r\nx,gdp\r\n', /A required column is missing/, 422],
      ['bad.json', '{"@context": ', /The file could not be read/, 400],
      ['bin.csv', Buffer.from([0, 1, 2, 3, 0, 0]), /Upload a CSV, XLSX or JSON-LD file|U\+0000/, 400],
    ] as const) {
      const res = await dryRun(t, admin, name, content as string | Buffer);
      assert.equal(res.statusCode, status, name);
      assert.match(res.body, msg, name);
      assert.match(res.body, /id="f-file"/, `${name}: the form comes back to choose another file`);
    }
  });

  it('a dry run not run within the hour expires: its file is removed and running it answers 410', async () => {
    const header = columns.map(([k]) => k);
    const res = await dryRun(t, admin, 's.csv', csvOf([header, Object.values(dataToRow('gdp-stale', 'gdp', sampleService()))]));
    const id = Number(/imports\/(\d+)\/run/.exec(res.body)?.[1]);
    const key = (await t.deps.db.selectFrom('catalog_imports').select('file_key').where('id', '=', id).executeTakeFirstOrThrow()).file_key;
    assert.ok(key && (await t.deps.storage.exists(key)));
    assert.equal(await dropExpiredImports(t.deps), 0, 'a fresh dry run is kept');
    assert.ok((await dropExpiredImports(t.deps, Date.now() + 2 * 3_600_000)) >= 1);
    assert.equal(await t.deps.storage.exists(key), false);
    const run = await admin.post(`/en/console/catalog/imports/${id}/run`);
    assert.equal(run.statusCode, 410);
    assert.match(run.body, /This dry run has expired/);
  });

  it('an agency editor may export but not import', async () => {
    await buildUser(t.deps, { email: 'ed@gdp.gov.sa', role: 'agency_editor', agencyId });
    const ed = await signedIn(t.app, 'ed@gdp.gov.sa');
    assert.equal((await ed.get(`/en/console/catalog/export?format=csv`)).statusCode, 200);
    const res = await upload(ed, 'x.csv', 'identifier\r\n');
    assert.equal(res.statusCode, 403);
  });
});
