import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crc32, deflateRawSync } from 'node:zlib';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import * as consultations from './consultations.service.ts';

// A draft uploaded as DOCX: its text is read into numbered articles as pasted text is and the
// original file is kept (downloadable by the agency only); a file too big, a zip bomb (declared or
// real inflated size), a zip that is no Word document and a text file are each refused on the file
// field in both languages with a 4xx, and nothing is written or stored.

/** A zip of the given entries (deflated), as a word processor writes one. */
function zip(entries: Record<string, Buffer | string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, raw] of Object.entries(entries)) {
    const data = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8');
    const packed = deflateRawSync(data);
    const n = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(n.length, 26);
    locals.push(head, n, packed);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc32(data), 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(n.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, n);
    offset += head.length + n.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The smallest DOCX Word and LibreOffice open: content types, the package relation, one document of paragraphs. */
function docx(paragraphs: string[]): Buffer {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  return zip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${paragraphs
      .map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`)
      .join('')}</w:body></w:document>`,
  });
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('participate: a draft uploaded as DOCX', () => {
  let t: TestApp;
  let editor: Client;
  let other: Client;
  const ids = { a: 0, b: 0 };
  let today = '';
  const editFields = (over: Record<string, string>) => {
    const { agency_id: _, ...rest } = fields(over);
    return rest;
  };
  const fields = (over: Record<string, string> = {}) => ({
    agency_id: String(ids.a),
    title_ar: 'مسودة لائحة التراخيص',
    title_en: 'Draft licensing regulation',
    summary_ar: 'ملخص المسودة.',
    summary_en: 'A summary of the draft.',
    source_format: 'docx',
    opens_on: addDays(today, 1),
    closes_on: addDays(today, 10),
    ...over,
  });
  const count = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom('participate_consultations')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const storedFiles = async () => {
    const rows = await t.deps.db.selectFrom('participate_consultations').select('source_file_key').execute();
    return rows.filter((r) => r.source_file_key).length;
  };

  before(async () => {
    t = await testApp();
    today = consultations.dayOf(t.deps, new Date());
    ids.a = (await buildAgency(t.deps, { code: 'alpha' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta' })).id;
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a, locale: 'en' });
    await buildUser(t.deps, { email: 'editor@b.sa', role: 'agency_editor', agencyId: ids.b, locale: 'en' });
    [editor, other] = await Promise.all(['editor@a.sa', 'editor@b.sa'].map((e) => signedIn(t.app, e)));
  });
  after(() => t.close());

  it('reads the text into numbered articles, keeps the original file, and lets only the agency download it', async () => {
    const file = docx(['المادة الأولى', 'تسري هذه اللائحة على التراخيص.', 'المادة الثانية', 'تصدر الرخصة خلال <b>عشرة</b> أيام.']);
    const res = await editor.upload('/en/console/consultations/new', fields(), { filename: 'لائحة.docx', type: DOCX_TYPE, data: file });
    assert.equal(res.statusCode, 303, res.body);
    const id = Number(/\/console\/consultations\/(\d+)/.exec(String(res.headers.location))?.[1]);
    const c = await t.deps.db.selectFrom('participate_consultations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(c.source_format, 'docx');
    assert.equal(c.source_file_name, 'لائحة.docx');
    assert.match(c.source_text, /^المادة الأولى\n\nتسري هذه اللائحة على التراخيص\./);
    const articles = await t.deps.db
      .selectFrom('participate_articles')
      .select(['position', 'body'])
      .where('consultation_id', '=', id)
      .where('version', '=', 'draft')
      .orderBy('position')
      .execute();
    assert.equal(articles.length, 2);
    assert.match(articles[1].body, /تصدر الرخصة خلال <b>عشرة<\/b> أيام\./, 'text, not markup: shown escaped like any pasted text');
    assert.ok(c.source_file_key && (await t.deps.storage.exists(c.source_file_key)));

    const download = await editor.get(`/en/console/consultations/${id}/source.docx`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], DOCX_TYPE);
    assert.ok(download.rawPayload.equals(file), 'the original, byte for byte');
    assert.equal((await other.get(`/en/console/consultations/${id}/source.docx`)).statusCode, 403);
    const edit = await editor.get(`/en/console/consultations/${id}/edit`);
    assert.match(edit.body, /enctype="multipart\/form-data"/);
    assert.match(edit.body, /Original file: لائحة\.docx/);

    // An edit without a new file keeps the original and the text as corrected below it.
    const kept = await editor.upload(
      `/en/console/consultations/${id}/edit`,
      editFields({ source_text: 'المادة الأولى\nنص معدل.\n\nالمادة الثانية\nنص.\n\nالمادة الثالثة\nنص.' }),
    );
    assert.equal(kept.statusCode, 303, kept.body);
    const c2 = await t.deps.db.selectFrom('participate_consultations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(c2.source_file_key, c.source_file_key);
    // Turning it into pasted text drops the original.
    const pasted = await editor.upload(
      `/en/console/consultations/${id}/edit`,
      editFields({ source_format: 'text', source_text: 'المادة الأولى\nنص.' }),
    );
    assert.equal(pasted.statusCode, 303, pasted.body);
    const c3 = await t.deps.db.selectFrom('participate_consultations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(c3.source_file_key, null);
    assert.equal(await t.deps.storage.exists(c.source_file_key), false);
  });

  it('refuses a missing file, a text file, a zip that is no document, a zip bomb and a file too big — on the field, in both languages, writing nothing', async () => {
    const before = { rows: await count(), files: await storedFiles() };
    const bomb = zip({ ...{ 'word/document.xml': Buffer.alloc(17 * 1024 * 1024) } });
    const cases: { name: string; file?: Buffer; en: RegExp; ar: RegExp; status: number }[] = [
      { name: 'no file', en: /Choose the DOCX file of the draft/, ar: /اختر ملف DOCX للمسودة/, status: 400 },
      {
        name: 'text',
        file: Buffer.from('المادة الأولى\nنص.'),
        en: /not a Word document \(DOCX\)/,
        ar: /ليس مستند Word/,
        status: 400,
      },
      {
        name: 'zip, no document',
        file: zip({ 'readme.txt': 'hello' }),
        en: /not a Word document \(DOCX\)/,
        ar: /ليس مستند Word/,
        status: 400,
      },
      { name: 'bomb', file: bomb, en: /holds more than 16 MB once unzipped/, ar: /أكثر من ١٦ ميغابايت|أكثر من 16 ميغابايت/, status: 400 },
      {
        name: 'too big',
        file: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(5 * 1024 * 1024 + 1)]),
        en: /larger than 5 MB/,
        ar: /[\u0600-\u06FF]/,
        status: 400,
      },
    ];
    for (const c of cases) {
      for (const lang of ['en', 'ar'] as const) {
        const res = await editor.upload(
          `/${lang}/console/consultations/new`,
          fields(),
          c.file ? { filename: 'draft.docx', type: DOCX_TYPE, data: c.file } : [],
        );
        assert.equal(res.statusCode, c.status, `${c.name} (${lang}): ${res.statusCode}`);
        assert.match(res.body, lang === 'en' ? c.en : c.ar, `${c.name} (${lang})`);
        assert.match(res.body, /href="#file"|id="file-error"|aria-describedby="[^"]*file/, `${c.name}: on the file field`);
      }
    }
    assert.deepEqual({ rows: await count(), files: await storedFiles() }, before);
  });
});
