import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { type TestApp, testApp } from '../../../../test/helpers/app.ts';
import { buildTerms, sampleService } from '../../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../../test/helpers/factories.ts';
import { columns, dataToRow } from './columns.ts';

// The hostile-file corpus: every file is generated here. Each one is refused with a bilingual
// field error — at upload (400), or by the worker's dry run, whose page then answers 422 — and
// nothing is written. A large file that is allowed runs in the worker while /healthz answers.

type ZipEntry = { name: string; data: Buffer; declaredSize?: number; deflate?: boolean };

/** A zip file written by hand, so a test can make its central directory say what it likes. */
function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = e.deflate === false ? e.data : zlib.deflateRawSync(e.data);
    const crc = zlib.crc32 ? zlib.crc32(e.data) : 0;
    const size = e.declaredSize ?? e.data.length;
    const method = e.deflate === false ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const sheetXml = (size: number) => Buffer.alloc(size, ' ');
const header = columns.map(([k]) => k);
const csvOf = (rows: string[][]) => `${rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n')}\r\n`;
const validRow = (i: number) => Object.values(dataToRow(`gdp-bulk-${i}`, 'gdp', sampleService()));

describe('catalog import: the hostile-file corpus', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    const agencyId = (await buildAgency(t.deps, { code: 'gdp' })).id;
    await buildUser(t.deps, { email: 'aa@gdp.gov.sa', role: 'agency_admin', agencyId });
    admin = await signedIn(t.app, 'aa@gdp.gov.sa');
  });
  after(() => t.close());

  const upload = (name: string, data: Buffer | string, lang = 'en') =>
    admin.upload(`/${lang}/console/catalog/import`, {}, { filename: name, data: Buffer.isBuffer(data) ? data : Buffer.from(data) });
  const counts = async () => ({
    services: (await t.deps.db.selectFrom('services').select('id').execute()).length,
    imports: (await t.deps.db.selectFrom('catalog_imports').select('id').execute()).length,
  });

  /** Uploading is refused at once with a 400 naming the file field, in both languages; nothing is queued. */
  async function refusedAtUpload(name: string, data: Buffer | string, en: RegExp, ar: RegExp) {
    const before = await counts();
    for (const [lang, msg] of [
      ['en', en],
      ['ar', ar],
    ] as const) {
      const res = await upload(name, data, lang);
      assert.equal(res.statusCode, 400, `${name}: ${res.body.slice(0, 300)}`);
      assert.match(res.body, msg, name);
      assert.match(res.body, /id="f-file"/, `${name}: the form comes back`);
    }
    assert.deepEqual(await counts(), before, `${name}: nothing stored or queued`);
  }

  /** Uploading is accepted, then the worker's dry run refuses the file: its page answers 422 with the reason. */
  async function refusedByWorker(name: string, data: Buffer | string, en: RegExp) {
    const before = (await counts()).services;
    const res = await upload(name, data);
    assert.equal(res.statusCode, 303, `${name}: ${res.body.slice(0, 300)}`);
    const page = String(res.headers.location);
    await t.drain();
    const shown = await admin.get(page);
    assert.equal(shown.statusCode, 422, `${name}: ${shown.body.slice(0, 300)}`);
    assert.match(shown.body, en, name);
    assert.match(shown.body, /id="f-file"/);
    const row = await t.deps.db
      .selectFrom('catalog_imports')
      .select(['status', 'file_key'])
      .where('id', '=', Number(page.split('/').pop()))
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'refused', file_key: null }, `${name}: the stored file is removed`);
    assert.equal((await counts()).services, before);
    return page;
  }

  it('an oversize file is refused (5 MB is the import limit; beyond the 10 MB upload limit the request itself is refused)', async () => {
    await refusedAtUpload(
      'big.csv',
      Buffer.alloc(5 * 1024 * 1024 + 1, 'a'),
      /The file is larger than 5 MB/,
      /حجم الملف أكبر من ٥ ميغابايت/,
    );
    const huge = await upload('huge.csv', Buffer.alloc(11 * 1024 * 1024, 'a'));
    assert.ok(huge.statusCode >= 400 && huge.statusCode < 500, `got ${huge.statusCode}`);
    assert.equal((await t.app.inject('/healthz')).statusCode, 200);
  });

  it('zip bombs: an XLSX declaring 64 MB, one compressed 1,000 to 1, one with 300 files — all refused before inflating', async () => {
    const declared = zip([{ name: 'xl/worksheets/sheet1.xml', data: sheetXml(64 * 1024 * 1024) }]);
    assert.ok(declared.length < 200 * 1024, 'a small file');
    await refusedAtUpload('bomb.xlsx', declared, /holds more than 16 MB once unzipped/, /بعد فك ضغطه ١٦ ميغابايت/);
    const ratio = zip([{ name: 'xl/worksheets/sheet1.xml', data: sheetXml(8 * 1024 * 1024) }]);
    await refusedAtUpload('dense.xlsx', ratio, /compressed more than 100 to 1/, /نسبة ضغط ملف XLSX تتجاوز ١٠٠/);
    const many = zip(Array.from({ length: 300 }, (_, i) => ({ name: `xl/media/${i}.xml`, data: Buffer.from('<x/>') })));
    await refusedAtUpload('many.xlsx', many, /holds more than 200 files/, /أكثر من ٢٠٠ ملف داخلي/);
  });

  it('a zip bomb whose directory lies about its sizes passes the upload, and the worker refuses it before exceljs holds it', async () => {
    const liar = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: sheetXml(64 * 1024 * 1024), declaredSize: 100_000 },
    ]);
    await refusedByWorker('liar.xlsx', liar, /The file could not be read/);
  });

  it('deep JSON, thousands of scoped contexts, remote and @import contexts: refused before any JSON-LD work', async () => {
    const deep = `{"@context":{"ex":"http://example.org/"},"ex:p":${'['.repeat(3_000)}${']'.repeat(3_000)}}`;
    await refusedAtUpload('deep.jsonld', deep, /The file nests deeper than 32 levels/, /أعمق من ٣٢ مستوى/);
    const scoped = (n: number) => {
      const context: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) context[`p${i}`] = { '@id': `http://example.org/p${i}`, '@context': { x: `http://example.org/x${i}` } };
      return JSON.stringify({
        '@context': context,
        '@graph': Array.from({ length: n }, (_, i) => ({ '@id': `http://example.org/n${i}`, [`p${i}`]: { x: 'v' } })),
      });
    };
    const big = scoped(3_000);
    assert.ok(big.length < 1024 * 1024, 'a few hundred KB, as in the report');
    await refusedAtUpload('scoped.jsonld', big, /define more than 1,000 terms|more than 10 JSON-LD contexts/, /مصطلح|سياق/);
    await refusedAtUpload('scoped-few-terms.jsonld', scoped(200), /more than 10 JSON-LD contexts/, /أكثر من ١٠ سياق/);
    await refusedAtUpload(
      'remote.jsonld',
      JSON.stringify({ '@context': 'https://attacker.example/ctx.jsonld', '@id': 'x' }),
      /A remote JSON-LD context is not supported: https:\/\/attacker\.example\/ctx\.jsonld/,
      /سياق JSON-LD خارجي غير مدعوم/,
    );
    await refusedAtUpload(
      'import.jsonld',
      JSON.stringify({ '@context': { '@import': 'https://attacker.example/ctx.jsonld', ex: 'http://example.org/' }, '@id': 'x' }),
      /A remote JSON-LD context is not supported/,
      /سياق JSON-LD خارجي غير مدعوم/,
    );
  });

  it('a CSV with too many rows, a malformed CSV and a malformed XLSX are refused', async () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => [`gdp-row-${i}`, 'gdp']);
    await refusedByWorker('rows.csv', csvOf([['identifier', 'agency'], ...rows]), /The file has more than 10,000 rows/);
    await refusedByWorker('quote.csv', `${header.join(',')}\r\n"gdp-x,gdp\r\n`, /The file could not be read/);
    await refusedAtUpload(
      'broken.xlsx',
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2_000, 7)]),
      /The file could not be read/,
      /تعذّرت قراءة الملف/,
    );
    // A real workbook of more rows than allowed: the dry run refuses it.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['identifier', 'agency']);
    for (let i = 0; i < 10_001; i++) ws.addRow([`gdp-x-${i}`, 'gdp']);
    await refusedByWorker('rows.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), /The file has more than 10,000 rows/);
  });

  it('a large allowed import runs in the worker between batches: /healthz answers while it runs, and the page shows progress', async () => {
    const n = Number(process.env.BULK_N ?? 1_000);
    const res = await upload('bulk.csv', csvOf([header, ...Array.from({ length: n }, (_, i) => validRow(i))]));
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const page = String(res.headers.location);
    const queued = await admin.get(page);
    assert.equal(queued.statusCode, 200);
    assert.match(queued.body, /<meta http-equiv="refresh" content="2;url=\/en\/console\/catalog\/imports\/\d+"/);
    assert.match(queued.body, /waiting to be processed/);

    // The dry run: the worker plans the rows while we keep asking.
    let finished = false;
    const dry = t.drain().then(() => {
      finished = true;
    });
    let healthyWhileRunning = 0;
    const progress: string[] = [];
    // Ask until both were seen (or the run ended first, which fails below): no more load than needed.
    while (!finished && !(healthyWhileRunning > 0 && progress.length > 0)) {
      // A real client waits on the network; inject resolves without a turn of the event loop, so give it one.
      await nextTurn();
      const h = await t.app.inject('/healthz');
      assert.equal(h.statusCode, 200);
      if (finished) break;
      healthyWhileRunning++;
      const p = await admin.get(page);
      const m = /Checking rows: ([\d,]+) of 1,000/.exec(p.body);
      if (m && !finished) progress.push(m[1]);
    }
    await dry;
    assert.ok(healthyWhileRunning > 0, '/healthz answered while the dry run was running');
    assert.ok(progress.length > 0, 'the page showed rows checked out of the total while the dry run ran');

    const report = await admin.get(page);
    assert.match(report.body, /Create 1,000, update 0, unchanged 0, refused 0/);
    assert.doesNotMatch(report.body, /http-equiv="refresh"/, 'a finished dry run stops reloading');
    const action = /action="([^"]+\/run)"/.exec(report.body)?.[1];
    assert.ok(action);
    const ran = await admin.post(action);
    assert.equal(ran.statusCode, 303);

    // The real run: all rows in one transaction, still letting the event loop through.
    finished = false;
    const real = t.drain().then(() => {
      finished = true;
    });
    let healthyWhileWriting = 0;
    const rechecked: string[] = [];
    while (!finished && !(healthyWhileWriting > 0 && rechecked.length > 0)) {
      await nextTurn();
      assert.equal((await t.app.inject('/healthz')).statusCode, 200);
      if (finished) break;
      healthyWhileWriting++;
      const m = /Importing: ([\d,]+) of 1,000 checked/.exec((await admin.get(page)).body);
      if (m && !finished) rechecked.push(m[1]);
    }
    await real;
    assert.ok(healthyWhileWriting > 0, '/healthz answered while the real run was running');
    assert.ok(rechecked.length > 0, 'the page showed the rows checked again before writing');
    const done = await admin.get(page);
    assert.match(done.body, /Imported: 1,000 created, 0 updated/);
    const services = await t.deps.db.selectFrom('services').select('id').where('identifier', 'like', 'gdp-bulk-%').execute();
    assert.equal(services.length, n);
  });
});
