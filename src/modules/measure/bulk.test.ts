import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { toCsv } from '../../platform/csv.ts';
import { openedRound, publishedFramework, smallFrameworkJson } from './measure.fixtures.ts';

// Bulk answers (issue 13): the program office uploads the questions it measures itself for every
// agency (on behalf of each), an agency uploads its own sheet; a dry run first, then all or nothing.

function frameworkWithOfficeQuestions() {
  const f = smallFrameworkJson('bulk');
  const q = (key: string, extra: Record<string, unknown>) => ({
    key,
    type: 'question',
    name_ar: `سؤال ${key}`,
    name_en: `Question ${key}`,
    weight: 1,
    entered_by: 'office',
    ...extra,
  });
  f.nodes.push({
    key: 'office',
    type: 'perspective',
    name_ar: 'ما يقيسه المكتب',
    name_en: 'Measured by the office',
    weight: 1,
    children: [
      q('o.rate', { answer_type: 'percentage', evidence: { required: true } }),
      q('o.count', { answer_type: 'number', scale: { min: 0, max: 1, direction: 'higher_better' } }),
    ],
  } as never);
  return f;
}

const HEAD = ['agency', 'question', 'value', 'na', 'comment', 'evidence'];
const csv = (rows: string[][], head = HEAD) => Buffer.from(toCsv([head, ...rows]));

describe('measure: answers uploaded in bulk', () => {
  let t: TestApp;
  let office: Client;
  let editorA: Client;
  let roundId: number;
  let a: { id: number; code: string };
  let b: { id: number; code: string };
  const answers = () =>
    t.deps.db
      .selectFrom('measure_answers')
      .select(['agency_id', 'question_key', 'value_json', 'na', 'updated_by', 'version'])
      .where('round_id', '=', roundId)
      .orderBy('agency_id')
      .orderBy('question_key')
      .execute();
  const preview = (c: Client, file: Buffer, lang = 'en', name = 'answers.csv') =>
    c.upload(`/${lang}/console/measure/rounds/${roundId}/import`, {}, { filename: name, data: file });
  const applyUrl = (body: string) => body.match(/action="(\/(?:en|ar)\/console\/measure\/rounds\/\d+\/import\/\d+\/apply)"/)?.[1];

  before(async () => {
    t = await testApp();
    a = await buildAgency(t.deps, { code: 'agency-a', name_en: 'Agency A', name_ar: 'الجهة أ' });
    b = await buildAgency(t.deps, { code: 'agency-b', name_en: 'Agency B', name_ar: 'الجهة ب' });
    const c = await buildAgency(t.deps, { code: 'agency-c' });
    await buildUser(t.deps, { email: 'office@gov.sa', role: 'program_admin', name: 'Office' });
    await buildUser(t.deps, { email: 'ed@a.sa', role: 'agency_editor', agencyId: a.id, name: 'Amal' });
    const fw = await publishedFramework(t.deps, frameworkWithOfficeQuestions());
    roundId = (await openedRound(t.deps, fw.id, [a.id, b.id, c.id])).id;
    office = await signedIn(t.app, 'office@gov.sa');
    editorA = await signedIn(t.app, 'ed@a.sa');
  });
  after(() => t.close());

  it('the office: a dry run that writes nothing, then every row at once, recorded as on behalf of each agency', async () => {
    const file = csv([
      ['AGENCY-A', 'o.rate', '0,99924', '', 'From the national survey', 'https://stats.example.sa/a.pdf'],
      ['agency-b', 'o.rate', '٧٥٫٥', '', '', 'https://stats.example.sa/b.pdf https://stats.example.sa/b2.pdf'],
      ['agency-a', 'o.count', '0.25', '', '', ''],
    ]);
    const dry = await preview(office, file);
    assert.equal(dry.statusCode, 200);
    assert.match(dry.body, /3 rows: 3 new, 0 changed, 0 unchanged, 0 refused\./);
    assert.deepEqual(await answers(), [], 'the dry run writes nothing');
    const url = applyUrl(dry.body);
    assert.ok(url);
    assert.equal((await office.post(url, {})).statusCode, 303);
    const rows = await answers();
    assert.deepEqual(
      rows.map((r) => [r.agency_id, r.question_key, r.value_json]),
      [
        [a.id, 'o.count', '0.25'],
        [a.id, 'o.rate', '0.99924'],
        [b.id, 'o.rate', '75.5'],
      ],
    );
    const links = await t.deps.db.selectFrom('measure_evidence_links').select('url').where('agency_id', '=', b.id).orderBy('id').execute();
    assert.deepEqual(
      links.map((l) => l.url),
      ['https://stats.example.sa/b.pdf', 'https://stats.example.sa/b2.pdf'],
    );
    // The history and the audit say who entered it, for whom.
    const page = await editorA.get(`/en/console/measure/rounds/${roundId}/agencies/${a.id}/questions/o.rate`);
    assert.match(page.body, /Entered from a file/);
    const bPage = await office.get(`/en/console/measure/rounds/${roundId}/agencies/${b.id}/questions/o.rate`);
    assert.match(bPage.body, /<a href="https:\/\/stats.example.sa\/b2.pdf" rel="noopener noreferrer nofollow" dir="ltr">/);
    assert.match(page.body, /entered by the program office on behalf of Agency A \/ الجهة أ · 0\.99924%/);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'agency_id'])
      .where('action', 'in', ['measure.import', 'measure.answer.import_on_behalf'])
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((x) => x.action),
      ['measure.import', 'measure.answer.import_on_behalf', 'measure.answer.import_on_behalf', 'measure.answer.import_on_behalf'],
    );
    // Applying the same upload twice is refused.
    assert.equal((await office.post(url, {})).statusCode, 409);
    // The template, filled with what is stored, uploads back as unchanged on every row.
    const template = await office.get(`/measure/rounds/${roundId}/answers-template.csv`);
    assert.equal(template.statusCode, 200);
    const again = await preview(office, Buffer.from(template.body));
    assert.equal(again.statusCode, 200);
    assert.match(again.body, /6 rows: 0 new, 0 changed, 6 unchanged, 0 refused\./, 'a row left empty in the template is not a change');
  });

  it('refuses bad rows with grouped reasons naming the column, in both languages, and saves none of the good ones', async () => {
    const before = await answers();
    const file = csv([
      ['agency-a', 'o.count', '0.5', '', '', ''],
      ['agency-a', 'q.yes', 'yes', '', '', ''],
      ['agency-b', 'q.pct', '50', '', '', ''],
      ['agency-z', 'o.count', '1', '', '', ''],
      ['agency-b', 'o.count', '2', '', '', ''],
      ['agency-c', 'o.rate', '40', '', '', ''],
      ['agency-b', 'o.count', '1,234', '', '', ''],
      ['agency-b', 'o.rate', '41', '', '', 'ftp://x'],
    ]);
    const dry = await preview(office, file);
    assert.equal(dry.statusCode, 422);
    assert.match(dry.body, /8 rows: 0 new, 1 changed, 0 unchanged, 7 refused\./);
    assert.equal(applyUrl(dry.body), undefined, 'no button to apply a file with refused rows');
    const reasons = dry.body.slice(dry.body.indexOf('Why rows are refused'));
    assert.match(
      reasons,
      /This question is answered by the agency itself[^<]*<\/td><td>question \(<span dir="ltr">السؤال<\/span>\)<\/td><td class="num">2<\/td><td>3, 4<\/td>/,
    );
    assert.match(reasons, /No agency with the code agency-z takes part in this round\./);
    assert.match(
      reasons,
      /Enter a number no higher than 1, the top of this question&#39;s scale|Enter a number no higher than 1, the top of this question's scale/,
    );
    assert.match(reasons, /This question requires evidence: give at least one link\./);
    assert.match(reasons, /ftp:\/\/x is not an http or https address\./);
    const ar = await preview(office, file, 'ar');
    assert.equal(ar.statusCode, 422);
    assert.match(ar.body, /أسباب رفض الصفوف/);
    assert.match(ar.body, /القيمة \(<span dir="ltr">value<\/span>\)/);
    assert.match(ar.body, /يتطلب هذا السؤال شاهداً/);
    // The same report downloads as CSV in the page's language, reasons grouped (largest first) with their rows.
    const reportUrl = ar.body.match(/href="(\/ar\/console\/measure\/rounds\/\d+\/import\/\d+\/report\.csv)"/)?.[1];
    assert.ok(reportUrl, 'the dry run links its CSV');
    const report = await office.get(reportUrl);
    assert.equal(report.statusCode, 200);
    assert.match(String(report.headers['content-type']), /text\/csv/);
    assert.match(String(report.headers['content-disposition']), /attachment; filename="answers-\d+-report\.csv"/);
    const lines = report.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0], 'الصف,الجهة (agency),السؤال (question),النتيجة,العمود المطلوب تصحيحه,السبب');
    assert.match(lines[1], /^3,agency-a,q\.yes,مرفوض,السؤال \(question\),/, 'the largest group (rows 3 and 4) comes first');
    assert.match(lines[2], /^4,agency-b,q\.pct,مرفوض,السؤال \(question\),/);
    assert.ok(lines.some((l) => /^9,agency-b,o\.rate,مرفوض,روابط الشواهد \(evidence\),/.test(l)));
    assert.match(lines.at(-1) ?? '', /^2,agency-a,o\.count,/, 'the row that would be written comes after the refusals');
    const en = await office.get(reportUrl.replace('/ar/', '/en/'));
    assert.match(en.body, /^\uFEFFRow,agency \(الجهة\),question \(السؤال\),Result,Column to correct,Reason\r\n/);
    assert.match(en.body, /This question is answered by the agency itself/);
    assert.equal((await editorA.get(reportUrl)).statusCode, 404, "another uploader's report is not theirs");
    assert.deepEqual(await answers(), before, 'nothing written');
  });

  it('an agency uploads its own sheet (XLSX too), not another agency’s, and not after it submitted', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('answers');
    ws.addRow(['الجهة (agency)', 'السؤال (question)', 'القيمة (value)', 'لا ينطبق (na)', 'روابط الشواهد (evidence)']);
    ws.addRow(['agency-a', 'q.yes', 'yes', '', '']);
    ws.addRow(['agency-a', 'q.pct', '٨٥', '', 'https://a.example.sa/list.pdf']);
    ws.addRow(['agency-a', 'q.na', '', 'yes', '']);
    ws.addRow(['agency-b', 'q.yes', 'no', '', '']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const dry = await preview(editorA, xlsx, 'en', 'answers.xlsx');
    assert.equal(dry.statusCode, 422);
    assert.match(dry.body, /You may upload answers only for your own agency, not for agency-b\./);
    ws.spliceRows(5, 1);
    const ok = await preview(editorA, Buffer.from(await wb.xlsx.writeBuffer()), 'en', 'answers.xlsx');
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /3 rows: 3 new/);
    const url = applyUrl(ok.body);
    assert.ok(url);
    // Someone else may not apply another person's dry run.
    assert.equal((await office.post(url, {})).statusCode, 404);
    assert.equal((await editorA.post(url, {})).statusCode, 303);
    const mine = (await answers()).filter((r) => r.agency_id === a.id && r.question_key.startsWith('q.') && r.question_key !== 'q.auto');
    assert.deepEqual(
      mine.map((r) => [r.question_key, r.value_json, r.na]),
      [
        ['q.na', null, 1],
        ['q.pct', '85', 0],
        ['q.yes', 'true', 0],
      ],
    );
    const events = await t.deps.db
      .selectFrom('measure_answer_events')
      .select(['action', 'detail_json'])
      .where('action', '=', 'import')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    assert.doesNotMatch(events.detail_json ?? '', /on_behalf_of/, 'an agency entering its own answers is not on anyone’s behalf');
    // Once the agency submitted, its answers are closed to files as to forms — for the office too.
    await t.deps.db.updateTable('measure_participants').set({ status: 'submitted' }).where('agency_id', '=', a.id).execute();
    const late = await preview(office, csv([['agency-a', 'o.count', '0.75', '', '', '']]));
    assert.equal(late.statusCode, 422);
    assert.match(late.body, /The answers of agency-a cannot be changed now/);
  });

  it('is all or nothing: a row refused between the dry run and applying it keeps every row out', async () => {
    await t.deps.db.updateTable('measure_participants').set({ status: 'in_progress' }).where('agency_id', '=', a.id).execute();
    const dry = await preview(
      office,
      csv([
        ['agency-a', 'o.count', '0.9', '', '', ''],
        ['agency-b', 'o.count', '0.1', '', '', ''],
      ]),
    );
    assert.equal(dry.statusCode, 200);
    const before = await answers();
    await t.deps.db.updateTable('measure_participants').set({ status: 'submitted' }).where('agency_id', '=', b.id).execute();
    const res = await office.post(applyUrl(dry.body) as string, {});
    assert.equal(res.statusCode, 409);
    assert.deepEqual(await answers(), before);
  });

  it('refuses the page to those who may not upload', async () => {
    await buildUser(t.deps, { email: 'viewer@gov.sa', role: 'leadership_viewer', name: 'Viewer' });
    const viewer = await signedIn(t.app, 'viewer@gov.sa');
    assert.equal((await viewer.get(`/en/console/measure/rounds/${roundId}/import`)).statusCode, 403);
    assert.equal((await office.get(`/en/console/measure/rounds/${roundId}/import`)).statusCode, 200);
  });
});
